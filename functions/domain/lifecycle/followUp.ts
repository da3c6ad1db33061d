/**
 * Satisfaction follow-up (回訪; ISO 10002 "closing" and "satisfaction with
 * the complaints-handling process"), stage 2 and closing. Some days after the
 * response the complainant gets two one-click ratings (the outcome, and how
 * the complaint was handled); a link opens a confirmation page and only the
 * confirming POST records anything, so mail scanners cannot rate. A poor
 * outcome rating reopens the case as stage 2 with a different handler; no
 * answer in the window is recorded as "no response" and the case closes.
 */
import * as z from 'zod/mini';
import { type ClosureReason, type ComplaintCase, stage1People } from '../complaintCase';
import { caseClosedEmail, escalationEmail, followUpRequestEmail, invalidClosureEmail, stage2OpenedEmail } from '../notifications/lifecycleEmails';
import { acknowledgementDueBy, currentDueBy, newDeadlineState } from './deadlineTracking';
import { residentFacts, staffFacts } from './emailFacts';
import { changeCase, changeCaseAndNotifyComplainant, loadCase, type StepContext, type StepDependencies } from './notifyOnce';
import { type EscalationDependencies, notifyEscalation } from './escalationRecipients';
import type { ActionRefusal, PlannedAction } from './staffActions';
import type { WorkflowWait } from './workflowWait';

export function ratingLink(trackingUrl: string, aspect: 'outcome' | 'process', rating: number): string {
  const url = new URL(trackingUrl);
  url.pathname = url.pathname.replace('/track/', '/feedback/');
  url.searchParams.set('aspect', aspect);
  url.searchParams.set('rating', String(rating));
  return url.toString();
}

export async function sendFollowUpRequest(deps: StepDependencies, context: StepContext) {
  const settings = (await deps.store.groupSettings());
  const answerBy = new Date(deps.now().getTime() + settings.feedbackWindowDays * 86400 * 1000).toISOString();
  const { complaintCase } = await loadCase(deps, context.caseId);
  if (!complaintCase.complainant.email) {
    // Without an email address the follow-up is a phone call: a task for staff, who record the answer (letters/followUpCall.ts).
    await changeCase(deps, context, {
      auditAction: 'follow-up.call-due',
      patch: (current, _estate, now) =>
        current.followUpCall?.stage === current.stage ? undefined : { followUpCall: { stage: current.stage, since: now, answerBy, attempts: [] } },
    });
    return { caseId: context.caseId, windowSeconds: settings.feedbackWindowDays * 86400, answerBy };
  }
  await changeCaseAndNotifyComplainant(deps, context, {
    key: `follow-up-stage${complaintCase.stage}`,
    auditAction: 'complainant.notified:follow-up',
    publicWhenSent: { kind: 'follow-up-sent' },
    patch: () => ({}),
    compose: (next, estate, link) =>
      followUpRequestEmail({
        ...residentFacts(next, estate, link),
        outcomeLinks: [1, 2, 3, 4, 5].map((n) => ratingLink(link, 'outcome', n)),
        processLinks: [1, 2, 3, 4, 5].map((n) => ratingLink(link, 'process', n)),
        answerBy,
      }),
  });
  return { caseId: context.caseId, windowSeconds: settings.feedbackWindowDays * 86400, answerBy };
}

const rating = z.int().check(z.gte(1, 'must be 1 to 5'), z.lte(5, 'must be 1 to 5'));
export const feedbackSchema = z.strictObject({
  outcomeRating: rating,
  processRating: z.optional(rating),
  comment: z.optional(
    z.string().check(z.trim(), z.maxLength(2000, 'comment must be at most 2000 characters'), z.refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v), 'comment must not contain control characters')),
  ),
});
export type FeedbackInput = z.infer<typeof feedbackSchema>;

/** A rating of 2 or less means the complainant is not satisfied with the outcome. */
export const DISSATISFIED_AT_OR_BELOW = 2;

/** The complainant's rating, once per stage, while the follow-up waits for it. */
export function planFeedback(complaintCase: ComplaintCase, wait: WorkflowWait | undefined, input: FeedbackInput, now: string): PlannedAction | ActionRefusal {
  if (complaintCase.satisfaction?.answeredAt && complaintCase.satisfaction.stage === complaintCase.stage) {
    return { status: 409, code: 'already_rated', message: 'thank you — your rating for this stage was already recorded' };
  }
  // Once we have responded, a rating is welcome — also before the follow-up email (from the tracking page): the workflow picks it up.
  const waitingForFeedback = wait && !wait.pendingSignal && wait.waitingFor === 'feedback';
  if (complaintCase.status !== 'responded' || (wait && !waitingForFeedback)) {
    return { status: 409, code: 'not_awaiting_feedback', message: 'this complaint is not waiting for a rating at the moment' };
  }
  const dissatisfied = input.outcomeRating <= DISSATISFIED_AT_OR_BELOW;
  return {
    patch: {
      satisfaction: {
        outcomeRating: input.outcomeRating,
        ...(input.processRating !== undefined ? { processRating: input.processRating } : {}),
        ...(input.comment ? { comment: input.comment } : {}),
        answeredAt: now,
        stage: complaintCase.stage,
      },
    },
    auditAction: 'complainant.rated',
    public: { kind: 'feedback-received' },
    signal: { event: 'feedback', dissatisfied, stage: complaintCase.stage },
    ...(waitingForFeedback ? {} : { signalAhead: 'feedback' as const }),
  };
}

/** Stage 2 without giving a reason (UK Housing Ombudsman code; ISO 10002 accessibility), after the stage-1 response. */
export function planStage2Request(complaintCase: ComplaintCase, wait: WorkflowWait | undefined): PlannedAction | ActionRefusal {
  if (complaintCase.stage !== 1) return { status: 409, code: 'already_stage_2', message: 'this complaint is already at stage 2' };
  if (complaintCase.status === 'closed' && complaintCase.closureReason !== 'invalid') {
    return { patch: {}, auditAction: 'complainant.requested-stage-2', startStage2Workflow: true };
  }
  if (wait && !wait.pendingSignal && wait.waitingFor === 'feedback') {
    return { patch: {}, auditAction: 'complainant.requested-stage-2', signal: { event: 'stage-2-requested', byStaff: false } };
  }
  if (complaintCase.status === 'responded' && !wait) {
    return { patch: {}, auditAction: 'complainant.requested-stage-2', signal: { event: 'stage-2-requested', byStaff: false }, signalAhead: 'feedback' };
  }
  return { status: 409, code: 'not_yet_responded', message: 'a stage-2 review can be asked for once we have responded' };
}

export async function openStage2(deps: EscalationDependencies, context: StepContext) {
  const settings = (await deps.store.groupSettings());
  const opened = await changeCaseAndNotifyComplainant(deps, context, {
    key: 'stage-2-opened',
    auditAction: 'case.stage-2-opened',
    public: { kind: 'stage-2-opened' },
    patch: (current, estate, now) => {
      if (current.stage === 2) return {};
      const deadline = newDeadlineState(estate, 2, now);
      const level = Math.max(1, current.escalationLevel ?? 0) as 1 | 2;
      return {
        stage: 2,
        status: 'in-progress',
        escalationLevel: level,
        deadline,
        responseDueBy: currentDueBy({ ...current, stage: 2, deadline }, estate, now),
        // Stage 2 clears the stage-1 assignee and response: who they were is kept for the independence check.
        stageHandlers: { ...current.stageHandlers, stage1People: stage1People(current) },
        assigneeId: undefined,
        response: undefined,
        closedAt: undefined,
        closureReason: undefined,
        followUpAt: undefined,
      };
    },
    compose: (next, estate, link) =>
      stage2OpenedEmail({
        ...residentFacts(next, estate, link),
        newDueBy: next.responseDueBy,
        handledBy: (next.escalationLevel ?? 1) >= 2 ? 2 : 1,
        ...(estate.ombudsmanContact ? { ombudsmanContact: estate.ombudsmanContact } : {}),
      }),
  });
  await recordStage2Acknowledgement(deps, context);
  const { estate } = await loadCase(deps, context.caseId);
  const level = ((opened.escalationLevel ?? 1) >= 2 ? 2 : 1) as 1 | 2;
  await notifyEscalation(deps, { caseId: opened.caseId, estate, level, hqEmail: settings.hqEmail, key: 'escalation-stage-2', message: escalationEmail({
    ...staffFacts(opened, estate, deps.publicBaseUrl),
    level,
    reason: 'stage-2',
    previousDueBy: opened.responseDueBy,
    newDueBy: opened.responseDueBy,
  }) });
  return { caseId: opened.caseId, stage: 2 };
}

/**
 * The stage-2 opening email is the stage-2 acknowledgement (Housing Ombudsman Code 6.11); queued with the opening, so
 * an automatic escalation is acknowledged at once. This records it on the case with its own audit event
 * (`case.stage2-acknowledged`) and public timeline entry, against the policy's due instant (`acknowledgeWithinWorkingDays`
 * of the stage-2 rule, counted from the request). Once per stage 2: a retried step finds it recorded and does nothing.
 */
export async function recordStage2Acknowledgement(deps: StepDependencies, context: StepContext) {
  return changeCase(deps, context, {
    auditAction: 'case.stage2-acknowledged',
    public: { kind: 'stage-2-acknowledged' },
    patch: (current, estate, now) => {
      // Without an email address the acknowledgement is a letter staff still have to send: not recorded as given here.
      if (current.stage !== 2 || current.stage2Acknowledgement || !current.complainant.email) return undefined;
      const requestedAt = current.deadline?.startedAt ?? now;
      const dueBy = acknowledgementDueBy(estate, requestedAt, 2, current.severity ?? 'general');
      return { stage2Acknowledgement: { requestedAt, acknowledgedAt: now, dueBy, late: dueBy !== null && now > dueBy } };
    },
  });
}

export async function closeCase(deps: StepDependencies, context: StepContext, reason: ClosureReason) {
  const { complaintCase } = await loadCase(deps, context.caseId);
  const closed = await changeCaseAndNotifyComplainant(deps, context, {
    key: reason === 'invalid' ? 'invalid-closure' : `closed-stage${complaintCase.stage}`,
    auditAction: `case.closed:${reason}`,
    // "We have written to you to explain why" is true once the email is out.
    ...(reason === 'invalid'
      ? { publicWhenSent: { kind: 'closed-invalid', params: { reason } } }
      : { public: { kind: reason === 'withdrawn' ? 'closed-withdrawn' : 'closed', params: { reason } } }),
    patch: (current, _estate, now) =>
      current.status === 'closed'
        ? {}
        : {
            status: 'closed',
            closedAt: now,
            closureReason: reason,
            ...(reason === 'no-response' ? { satisfaction: { noResponse: true, stage: current.stage } } : {}),
          },
    compose: (next, estate, link) =>
      reason === 'invalid'
        ? invalidClosureEmail({ ...residentFacts(next, estate, link), explanation: next.triage?.invalidExplanation ?? '' })
        : caseClosedEmail({
            ...residentFacts(next, estate, link),
            reason: reason === 'final-dissatisfied' || reason === 'no-response' || reason === 'withdrawn' ? reason : 'satisfied',
            ...(estate.ombudsmanContact ? { ombudsmanContact: estate.ombudsmanContact } : {}),
          }),
  });
  return { caseId: closed.caseId, status: closed.status, closureReason: closed.closureReason ?? reason };
}

/**
 * The follow-up window ended. A rating may still have arrived at the last
 * moment (recorded on the case, or pending for the wait that just timed
 * out): it wins over "no response", so a rating is never contradicted.
 */
export async function concludeFollowUp(deps: Pick<StepDependencies, 'store' | 'now'>, caseId: string): Promise<WorkflowSignalResult> {
  const { complaintCase } = await loadCase(deps, caseId);
  const wait = await deps.store.getWait(caseId);
  const pending = wait?.pendingSignal?.waitingFor === 'feedback' ? wait.pendingSignal.signal : undefined;
  if (wait && (pending || wait.waitingFor === 'feedback')) await deps.store.deleteWait(caseId, wait.taskToken);
  if (pending) return pending as WorkflowSignalResult;
  const rating = complaintCase.satisfaction;
  if (rating?.answeredAt && rating.stage === complaintCase.stage && rating.outcomeRating !== undefined) {
    return { event: 'feedback', dissatisfied: rating.outcomeRating <= DISSATISFIED_AT_OR_BELOW, stage: complaintCase.stage };
  }
  return { event: 'no-response' };
}

export type WorkflowSignalResult = { event: string; [detail: string]: string | number | boolean | null };
