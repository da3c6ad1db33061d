/**
 * The deadline policy's schema (docs/DEADLINES.md): the one definition of a
 * policy's shape, giving its types and validating a stored or submitted
 * policy. Kept apart from the computations (deadlinePolicy.ts), which import
 * only its types.
 */
import * as z from 'zod/mini';
import { DEADLINE_ROLES } from './deadlinePolicy';

const workingDays = z.int().check(z.gte(0), z.lte(250));

/** What the complainant must be sent, in writing, when a response deadline is extended. */
export const extensionNoticeSchema = z.strictObject({
  /** The reason the deadline cannot be met. */
  statesReason: z.boolean(),
  /** The measures already taken (seed 003 §4.3: the written interim response). */
  statesMeasuresTaken: z.boolean(),
  /** The new date by which the complainant will get the response. */
  statesNewDate: z.boolean(),
  /** The ombudsman's contact details (Housing Ombudsman Complaint Handling Code 2024, 6.5 and 6.15). */
  includesOmbudsmanContact: z.boolean(),
});
export type ExtensionNotice = z.infer<typeof extensionNoticeSchema>;

/** The rule for one stage and severity tier. */
export const tierRuleSchema = z.strictObject({
  /** Working days from receipt to acknowledge; `null` when the stage has no separate acknowledgement (the response is the first answer). */
  acknowledgeWithinWorkingDays: z.nullable(workingDays),
  respondWithinWorkingDays: workingDays,
  /** The instant the response deadline counts from. */
  respondCountedFrom: z.enum(['receipt', 'acknowledgement']),
  /** Most working days the response deadline may be extended by in total at this stage; `null` = no fixed cap (approval still required). */
  maxExtensionWorkingDays: z.nullable(workingDays),
  extensionApprovedBy: z.enum(DEADLINE_ROLES),
  extensionNotice: extensionNoticeSchema,
  /** Who is alerted and takes the case over when the response deadline passes; `null` = nobody beyond the handler. */
  escalateWhenMissedTo: z.nullable(z.enum(DEADLINE_ROLES)),
});
export type TierRule = z.infer<typeof tierRuleSchema>;

export const deadlineStageSchema = z.strictObject({
  /** Stable identifier used by cases, e.g. `stage-1`, `frontline`. */
  id: z.string().check(z.regex(/^[a-z0-9-]{1,32}$/, 'id must be 1-32 lowercase letters, digits or "-"')),
  title: z.string().check(z.minLength(1), z.maxLength(200)),
  tiers: z.strictObject({ general: tierRuleSchema, serious: tierRuleSchema, critical: tierRuleSchema }),
});
export type DeadlineStage = z.infer<typeof deadlineStageSchema>;

export const deadlinePolicySchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9-]{1,64}$/, 'id must be 1-64 lowercase letters, digits or "-"')),
  title: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Where the numbers come from (document, section, version). */
  source: z.string().check(z.minLength(1), z.maxLength(2000)),
  stages: z.array(deadlineStageSchema).check(
    z.minLength(1),
    z.refine((stages) => new Set(stages.map((s) => s.id)).size === stages.length, { message: 'stage ids must be unique', params: { code: 'stageIdsRepeated' } }),
  ),
});
export type DeadlinePolicy = z.infer<typeof deadlinePolicySchema>;

/** Validates a stored or submitted policy; throws a ZodError when it is not one. */
export function parseDeadlinePolicy(input: unknown): DeadlinePolicy {
  return z.parse(deadlinePolicySchema, input);
}
