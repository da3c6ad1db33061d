/**
 * HQ chooses each estate's deadline policy: a preset (the seed default, the
 * UK Housing Ombudsman code, the SPSO model) or one of the group's custom
 * policies (validated data, immutable once defined). New deadlines follow it;
 * cases already running keep the deadline they were given until their next stage.
 */
import * as z from 'zod/mini';
import { DEADLINE_POLICY_PRESETS } from './deadlinePolicy';
import type { DeadlinePolicy } from './deadlinePolicySchema';
import type { Estate } from './estate';

const presetIds = Object.keys(DEADLINE_POLICY_PRESETS);

export const deadlinePolicyChoiceSchema = z.strictObject({
  policyId: z.string().check(z.regex(/^[a-z0-9-]{1,64}$/, `policyId must be a preset (${presetIds.join(', ')}) or a custom policy's id`)),
});

export function withDeadlinePolicy(estate: Estate, policyId: string, customPolicies: ReadonlyMap<string, DeadlinePolicy>): { ok: true; estate: Estate } | { ok: false; problem: string } {
  const { customDeadlinePolicy: _previous, ...rest } = estate;
  if (policyId in DEADLINE_POLICY_PRESETS) return { ok: true, estate: { ...rest, deadlinePolicyId: policyId } };
  const custom = customPolicies.get(policyId);
  if (!custom) return { ok: false, problem: `must be one of ${[...presetIds, ...customPolicies.keys()].join(', ')}` };
  return { ok: true, estate: { ...rest, deadlinePolicyId: policyId, customDeadlinePolicy: custom } };
}
