/**
 * The response deadline of a case as it moves (ISO 10002 "timeliness"):
 * counted in working days under the estate's deadline policy, stopped while
 * the clock is paused, moved by extensions, reset for stage 2, and set by the
 * estate manager or HQ on escalation (seed 001 §5.1.3).
 */
import type { ComplaintCase, DeadlineApprover, DeadlineState } from '../complaintCase';
import { addWorkingDays } from '../deadlines';
import { computeDeadlines, type SeverityTier, DEADLINE_POLICY_PRESETS, type DeadlinePolicy, extendForPauses, SEED_DEFAULT_POLICY } from '../deadlinePolicy';
import { type Estate, holidayCalendarOf } from '../estate';

export function policyFor(estate: Estate): DeadlinePolicy {
  if (estate.customDeadlinePolicy && estate.customDeadlinePolicy.id === estate.deadlinePolicyId) return estate.customDeadlinePolicy;
  return (DEADLINE_POLICY_PRESETS as Record<string, DeadlinePolicy>)[estate.deadlinePolicyId ?? ''] ?? SEED_DEFAULT_POLICY;
}

/** Stage 1 is the policy's first stage; stage 2 its second (or its only one). */
export function stageIdFor(policy: DeadlinePolicy, stage: 1 | 2): string {
  return (policy.stages[stage - 1] ?? policy.stages[policy.stages.length - 1]!).id;
}

export function newDeadlineState(estate: Estate, stage: 1 | 2, startedAt: string): DeadlineState {
  const policy = policyFor(estate);
  return { policyId: policy.id, stageId: stageIdFor(policy, stage), startedAt, pauses: [], extensions: [] };
}

// Here too for the deadline code's callers; defined with the case's shape, which needs no policy (and no zod).
export { isClockPaused } from '../complaintCase';

/** The binding response deadline now. An open pause counts up to `now`, so the deadline keeps moving while paused. */
export function currentDueBy(complaintCase: ComplaintCase, estate: Estate, now: string): string {
  const state = complaintCase.deadline ?? newDeadlineState(estate, complaintCase.stage, complaintCase.receivedAt);
  const pauses = state.pauses.map((pause) => ({ from: pause.from, to: pause.to ?? now }));
  if (state.setByManager) {
    const later = pauses.filter((pause) => pause.from >= state.setByManager!.at);
    return extendForPauses(state.setByManager.dueBy, later, holidayCalendarOf(estate), estate.timeZone);
  }
  const policy = policyFor(estate);
  return computeDeadlines(policy, {
    stage: state.stageId,
    severity: complaintCase.severity ?? 'general',
    receivedAt: state.startedAt,
    ...(complaintCase.acknowledgedAt && complaintCase.stage === 1 ? { acknowledgedAt: complaintCase.acknowledgedAt } : {}),
    jurisdiction: holidayCalendarOf(estate),
    timeZone: estate.timeZone,
    pauses,
    extensionWorkingDays: state.extensions.reduce((sum, e) => sum + e.workingDays, 0),
  }).respondBy;
}

/**
 * The response date promised at receipt: the estate's policy, stage 1, general tier (severity is not yet confirmed),
 * counted from receipt. Under a policy that counts from acknowledgement this is the earliest it can be; the
 * acknowledgement recomputes it (`currentDueBy` with `acknowledgedAt`) and that is the date the complainant is given.
 */
export function promisedAtReceipt(estate: Estate, receivedAt: string): string {
  const policy = policyFor(estate);
  return computeDeadlines(policy, { stage: stageIdFor(policy, 1), severity: 'general', receivedAt, jurisdiction: holidayCalendarOf(estate), timeZone: estate.timeZone }).respondBy;
}

/**
 * When the acknowledgement of a stage is due under the estate's policy: `acknowledgeWithinWorkingDays` of the stage's
 * rule for the severity, counted from the stage's start (receipt for stage 1, general tier; the escalation request for
 * stage 2: Housing Ombudsman Code 6.11, 5 working days of the request), or null when the policy sets none (e.g. SPSO
 * frontline).
 */
export function acknowledgementDueBy(estate: Estate, startedAt: string, stage: 1 | 2 = 1, severity: SeverityTier = 'general'): string | null {
  const policy = policyFor(estate);
  return computeDeadlines(policy, { stage: stageIdFor(policy, stage), severity, receivedAt: startedAt, jurisdiction: holidayCalendarOf(estate), timeZone: estate.timeZone }).acknowledgeBy;
}

/** The most working days this stage's response may still be extended by under the policy, or null if uncapped. */
export function remainingExtensionWorkingDays(complaintCase: ComplaintCase, estate: Estate): number | null {
  const state = complaintCase.deadline ?? newDeadlineState(estate, complaintCase.stage, complaintCase.receivedAt);
  const policy = policyFor(estate);
  const stage = policy.stages.find((s) => s.id === state.stageId) ?? policy.stages[0]!;
  const max = stage.tiers[complaintCase.severity ?? 'general'].maxExtensionWorkingDays;
  if (max === null) return null;
  return Math.max(0, max - state.extensions.reduce((sum, e) => sum + e.workingDays, 0));
}

/** Whether an extension notice to the complainant must carry the ombudsman's contact (e.g. the UK Housing Ombudsman code). */
export function extensionNeedsOmbudsmanContact(complaintCase: ComplaintCase, estate: Estate): boolean {
  const state = complaintCase.deadline ?? newDeadlineState(estate, complaintCase.stage, complaintCase.receivedAt);
  const policy = policyFor(estate);
  const stage = policy.stages.find((s) => s.id === state.stageId) ?? policy.stages[0]!;
  return stage.tiers[complaintCase.severity ?? 'general'].extensionNotice.includesOmbudsmanContact;
}

/**
 * The escalation level a missed deadline goes to (0 handler, 1 estate manager, 2 HQ): the policy's
 * `escalateWhenMissedTo` for the case's stage and severity (e.g. seed default: a critical complaint straight to HQ),
 * and never lower than one level above where the case already is.
 */
export function escalationLevelWhenMissed(complaintCase: ComplaintCase, estate: Estate): 1 | 2 {
  const state = complaintCase.deadline ?? newDeadlineState(estate, complaintCase.stage, complaintCase.receivedAt);
  const policy = policyFor(estate);
  const stage = policy.stages.find((s) => s.id === state.stageId) ?? policy.stages[0]!;
  const target = stage.tiers[complaintCase.severity ?? 'general'].escalateWhenMissedTo;
  const byPolicy = target === 'hq' ? 2 : target === 'estate-manager' ? 1 : 0;
  return Math.min(2, Math.max(byPolicy, (complaintCase.escalationLevel ?? 0) + 1)) as 1 | 2;
}

/** Who must approve an extension of this stage's response deadline (`extensionApprovedBy` for the stage and severity). */
export function extensionApprover(complaintCase: ComplaintCase, estate: Estate): DeadlineApprover {
  const state = complaintCase.deadline ?? newDeadlineState(estate, complaintCase.stage, complaintCase.receivedAt);
  const policy = policyFor(estate);
  const stage = policy.stages.find((s) => s.id === state.stageId) ?? policy.stages[0]!;
  return stage.tiers[complaintCase.severity ?? 'general'].extensionApprovedBy;
}

/** Whether a staff role may grant an extension the policy reserves to `approver` (HQ may do what the estate manager may). */
export function mayApproveExtension(role: string, approver: DeadlineApprover): boolean {
  if (approver === 'handler') return true;
  if (approver === 'estate-manager') return role === 'estate-manager' || role === 'hq';
  return role === 'hq';
}

/** After an escalation nobody has set a deadline for yet: a default number of working days from now. */
export function defaultEscalationDueBy(now: string, estate: Estate, workingDays: number): string {
  return addWorkingDays(now, workingDays, holidayCalendarOf(estate), estate.timeZone);
}

/** Seconds a workflow should wait for the deadline; while paused, as long as allowed (resuming wakes it). */
export function secondsUntil(dueBy: string, now: string, paused: boolean): number {
  if (paused) return MAX_WAIT_SECONDS;
  return Math.min(MAX_WAIT_SECONDS, Math.max(1, Math.ceil((Date.parse(dueBy) - Date.parse(now)) / 1000)));
}

/** Step Functions task timeouts are whole seconds; a year is more than any deadline here. */
export const MAX_WAIT_SECONDS = 365 * 24 * 3600;
