/**
 * HQ chooses each estate's deadline policy (a preset: the seed default, the
 * UK Housing Ombudsman code, the SPSO model). New deadlines follow it; cases
 * already running keep the deadline they were given until their next stage.
 */
import * as z from 'zod/mini';
import { DEADLINE_POLICY_PRESETS } from './deadlinePolicy';
import type { Estate } from './estate';

const presetIds = Object.keys(DEADLINE_POLICY_PRESETS) as [string, ...string[]];

export const deadlinePolicyChoiceSchema = z.strictObject({
  policyId: z.enum(presetIds, `policyId must be one of ${presetIds.join(', ')}`),
});

export function withDeadlinePolicy(estate: Estate, policyId: string): Estate {
  return { ...estate, deadlinePolicyId: policyId };
}
