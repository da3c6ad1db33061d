/**
 * What the complainant decides from the tracking page (issue 14, issue 13):
 * - **the compensation offered**: once our response with a granted amount was
 *   sent, they accept or decline it (one confirmed click). The answer is
 *   recorded on the case (staff see it) as an audit event; the workflow has no
 *   step waiting on it (the response went out with the offer), so no signal.
 *   Repeating the same answer records nothing twice; changing it is refused
 *   (staff can be asked); a new offer (stage 2) can be answered again.
 * - **withdrawing the complaint**: while we are still handling it (a person's
 *   step waits: triage, the investigation, the compensation review), the
 *   request is recorded and the waiting step is told; the workflow closes the
 *   case as `withdrawn` and writes to them. Once our response was sent there is
 *   nothing left to withdraw: they can rate it or ask for a review instead.
 */
import * as z from 'zod/mini';
import type { ComplaintCase } from '../complaintCase';
import { grantedCompensation } from './compensationReview';
import type { ActionRefusal, PlannedAction } from './staffActions';
import type { WaitKind, WorkflowWait } from './workflowWait';

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

export const compensationAnswerSchema = z.strictObject({
  answer: z.enum(['accept', 'decline'], 'answer must be accept or decline'),
});
export type CompensationAnswerInput = z.infer<typeof compensationAnswerSchema>;

export const withdrawalSchema = z.strictObject({
  // The page's confirmation step sends it; an API caller has to say so too.
  confirm: z.literal(true, 'confirm must be true: withdrawing closes your complaint'),
  reason: z.optional(z.string().check(z.trim(), z.maxLength(1000, 'reason must be at most 1000 characters'), z.refine((v) => !CONTROL.test(v), 'reason must not contain control characters'))),
});
export type WithdrawalInput = z.infer<typeof withdrawalSchema>;

/** Already done: the same request again records nothing and answers as before. */
export interface AlreadyRecorded {
  alreadyRecorded: true;
}

/** The offer the complainant can answer now, if any (also what the tracking page shows). */
export function compensationOffer(c: ComplaintCase): { amount: number; currency: string } | undefined {
  const granted = grantedCompensation(c);
  if (!granted || granted.outcome === 'rejected' || granted.amount <= 0 || !c.response?.sentAt) return undefined;
  return { amount: granted.amount, currency: granted.currency };
}

/** Whether the answer on record is about the offer standing now (a stage-2 response may offer another amount). */
export function answeredOffer(c: ComplaintCase): NonNullable<NonNullable<ComplaintCase['compensation']>['residentAnswer']> | undefined {
  const offer = compensationOffer(c);
  const answer = c.compensation?.residentAnswer;
  if (!offer || !answer) return undefined;
  return answer.amount === offer.amount && answer.currency === offer.currency && answer.stage === c.stage ? answer : undefined;
}

export function planCompensationAnswer(c: ComplaintCase, input: CompensationAnswerInput, now: string): PlannedAction | ActionRefusal | AlreadyRecorded {
  const offer = compensationOffer(c);
  if (!offer) return { status: 409, code: 'no_compensation_offer', message: 'there is no compensation offer to answer on this complaint' };
  const answer = input.answer === 'accept' ? 'accepted' : 'declined';
  const previous = answeredOffer(c);
  if (previous?.answer === answer) return { alreadyRecorded: true };
  if (previous) return { status: 409, code: 'already_answered', message: `you have already ${previous.answer} this offer; please contact us if you have changed your mind` };
  return {
    patch: { compensation: { ...c.compensation, residentAnswer: { answer, amount: offer.amount, currency: offer.currency, stage: c.stage, at: now } } },
    auditAction: `complainant.compensation-${answer}`,
    public: { kind: `compensation-${answer}` },
  };
}

/** The person's steps a withdrawal can end; the workflow's choice after each of them leads to CloseWithdrawn. */
export const WITHDRAWABLE_WAITS: readonly WaitKind[] = ['triage', 'resolution', 'compensation-summary', 'compensation-decision', 'compensation-hq-approval'];

export function planWithdrawal(c: ComplaintCase, wait: WorkflowWait | undefined, input: WithdrawalInput, now: string): PlannedAction | ActionRefusal | AlreadyRecorded {
  if (c.status === 'closed') {
    return c.closureReason === 'withdrawn' ? { alreadyRecorded: true } : { status: 409, code: 'already_closed', message: 'this complaint is already closed' };
  }
  if (c.withdrawal && c.withdrawal.stage === c.stage) return { alreadyRecorded: true };
  if (c.response?.sentAt && c.status === 'responded') {
    return { status: 409, code: 'already_responded', message: 'we have already responded to this complaint: you can rate our response or ask for a review instead' };
  }
  if (c.status === 'needs-attention') {
    return { status: 409, code: 'with_customer_service', message: 'your case is with our customer-service team; please contact them to withdraw it' };
  }
  if (!wait || wait.pendingSignal || !WITHDRAWABLE_WAITS.includes(wait.waitingFor)) {
    // An automated step is running (seconds): the page asks them to try again.
    return { status: 409, code: 'try_again', message: 'your complaint is being updated right now; please try again in a minute' };
  }
  return {
    patch: { withdrawal: { requestedAt: now, stage: c.stage, ...(input.reason ? { reason: input.reason } : {}) } },
    auditAction: 'complainant.withdrew',
    public: { kind: 'withdrawal-requested' },
    signal: { event: 'withdrawn' },
  };
}
