/**
 * The satisfaction follow-up of a complainant without an email address (seed 003 回訪 by phone): the
 * workflow's follow-up step sets a call task (`followUpCall`) instead of emailing rating links, and a
 * person records what the complainant said. The rating goes into the same `satisfaction` record as a
 * one-click rating (marked `via: 'phone'`), and reaches the waiting workflow the same way, so a poor
 * rating opens stage 2 and no answer within the window closes the case as "no response".
 */
import type { ComplaintCase } from '../complaintCase';
import { planFeedback } from '../lifecycle/followUp';
import type { ActionRefusal, PlannedAction } from '../lifecycle/staffActions';
import type { WorkflowWait } from '../lifecycle/workflowWait';

export interface FollowUpCallInput {
  /** `false`: the call was tried and nobody answered (recorded; the task stays open). */
  reached: boolean;
  outcomeRating?: number;
  processRating?: number;
  comment?: string;
}

/** Whether a follow-up call waits for a person on this case now. */
export function followUpCallDue(complaintCase: ComplaintCase): boolean {
  const call = complaintCase.followUpCall;
  return Boolean(call && call.stage === complaintCase.stage && !call.answeredAt && complaintCase.status === 'responded');
}

export function planFollowUpCall(
  complaintCase: ComplaintCase,
  wait: WorkflowWait | undefined,
  input: FollowUpCallInput,
  by: string,
  now: string,
): PlannedAction | ActionRefusal {
  const call = complaintCase.followUpCall;
  if (!call || !followUpCallDue(complaintCase)) return { status: 409, code: 'no_follow_up_call', message: 'no follow-up call is due on this case' };
  if (!input.reached) {
    return { patch: { followUpCall: { ...call, attempts: [...call.attempts, { at: now, by }] } }, auditAction: 'follow-up.call-unanswered' };
  }
  if (input.outcomeRating === undefined) {
    return { status: 422, code: 'validation_failed', message: 'outcomeRating is required when the complainant was reached', fields: { outcomeRating: 'is required when reached' } };
  }
  const rated = planFeedback(
    complaintCase,
    wait,
    { outcomeRating: input.outcomeRating, ...(input.processRating !== undefined ? { processRating: input.processRating } : {}), ...(input.comment ? { comment: input.comment } : {}) },
    now,
  );
  if ('status' in rated) return rated;
  return {
    ...rated,
    patch: {
      ...rated.patch,
      satisfaction: { ...rated.patch.satisfaction!, via: 'phone', recordedBy: by },
      followUpCall: { ...call, answeredAt: now, answeredBy: by },
    },
    auditAction: 'complainant.rated-by-phone',
  };
}
