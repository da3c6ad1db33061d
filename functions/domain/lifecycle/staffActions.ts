/**
 * What staff do to a case (`POST /api/v1/cases/{id}/actions`): the action
 * schemas, which actions the case's current state allows, and the change each
 * one makes. Pure: the handler loads the case, asks `planStaffAction`, and
 * stores the result (case change + audit event + workflow signal) atomically.
 */
import * as z from 'zod/mini';
import type { StaffIdentity } from '../access/identity';
import type { Action } from '../access/policy';
import { CAUSE_CATEGORIES, COMPLAINT_CLASSES, SEVERITIES } from '../vocabulary';
import { type CasePatch, type ComplaintCase, stage1People, withStage1Handler } from '../complaintCase';
import { buildingOf, type Estate } from '../estate';
import { buildingIdSchema } from '../estateIdSchema';
import { currentDueBy, extensionApprover, mayApproveExtension, newDeadlineState, remainingExtensionWorkingDays } from './deadlineTracking';
import type { WaitKind, WorkflowSignal, WorkflowWait } from './workflowWait';
import { feedbackSchema, planFeedback } from './followUp';
import { recordLetterSent } from '../letters/writtenLetters';
import { planFollowUpCall } from '../letters/followUpCall';
import { closingReport } from './closingReport';
import { addDutyLogEntry, publishOutcomeNotice } from './dutyLog';
import { completeOutstandingAction } from './outstandingActions';
import { compensationClaimSchema } from '../complaint';
import { compensationSummarySchema, planCompensationSummary } from './compensationReview';
import type { Jurisdiction } from '../estate';

/** The currency of a goodwill proposal (amounts are entered in the estate's own currency). */
const ESTATE_CURRENCY: Record<Jurisdiction, 'HKD' | 'CNY' | 'GBP'> = { HK: 'HKD', CN: 'CNY', 'GB-ENG': 'GBP' };

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const text = (label: string, max: number, min = 1) =>
  z.string().check(
    z.trim(),
    z.minLength(min, min === 1 ? `${label} is required` : `${label} must be at least ${min} characters`),
    z.maxLength(max, `${label} must be at most ${max} characters`),
    z.refine((v) => !CONTROL.test(v), `${label} must not contain control characters`),
  );
const isoDate = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-12-01T17:00:00+08:00' });
const userId = z.string().check(z.regex(/^[A-Za-z0-9._@-]{1,64}$/, 'must be a user id'));
const departmentId = z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, 'must be a department id'));

export const staffActionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('triage'),
    caseClass: z.union(COMPLAINT_CLASSES.map((c) => z.literal(c)) as [z.ZodMiniLiteral<1>, z.ZodMiniLiteral<2>, z.ZodMiniLiteral<3>]),
    severity: z.enum(SEVERITIES),
    category: z.enum(CAUSE_CATEGORIES),
    departmentId,
    externalParty: z.optional(z.strictObject({ name: text('externalParty.name', 200), email: z.email('externalParty.email must be an email address'), impact: text('externalParty.impact', 1000) })),
  }),
  z.strictObject({ type: z.literal('mark-invalid'), explanation: text('explanation', 4000, 20) }),
  z.strictObject({ type: z.literal('assign'), assigneeId: userId, departmentId: z.optional(departmentId) }),
  z.strictObject({ type: z.literal('note'), text: text('text', 4000) }),
  /** Set or correct the building the complaint is about (one of the estate's; counted per building for early warning). */
  z.strictObject({ type: z.literal('set-building'), buildingId: buildingIdSchema }),
  /** Fairness (ISO 10002 strategies): the staff member complained about gives their account. */
  z.strictObject({ type: z.literal('staff-statement'), staffMember: userId, statement: text('statement', 8000) }),
  z.strictObject({
    type: z.literal('respond'),
    outcome: z.enum(['upheld', 'partly-upheld', 'not-upheld']),
    decision: text('decision', 4000),
    reasons: text('reasons', 4000),
    remedy: z.optional(text('remedy', 4000)),
    outstandingActions: z._default(z.array(z.strictObject({ action: text('action', 500), dueBy: isoDate, owner: z.optional(userId) })).check(z.maxLength(20)), []),
    rootCause: text('rootCause', 2000),
    accountability: text('accountability', 2000),
    compensationProposal: z.optional(z.strictObject({ amount: z.number().check(z.gte(0), z.lte(10_000_000)), note: text('note', 2000) })),
  }),
  z.strictObject({ type: z.literal('escalate'), note: text('note', 2000), handlingOpinion: z.optional(text('handlingOpinion', 4000)), newDueBy: z.optional(isoDate) }),
  /**
   * Extends the response deadline. By the role the policy names (`extensionApprovedBy`), it applies at once; by anyone
   * else it is a request that role approves (`decision: 'approve'`, optionally with other working days) or refuses
   * (`decision: 'refuse'`, with the reason, recorded for the handler).
   */
  z.strictObject({
    type: z.literal('extend-deadline'),
    workingDays: z.int().check(z.gte(1), z.lte(60)),
    reason: text('reason', 2000),
    decision: z.optional(z.enum(['approve', 'refuse'])),
  }),
  z.strictObject({ type: z.literal('pause-clock'), reason: text('reason', 1000) }),
  z.strictObject({ type: z.literal('resume-clock') }),
  z.strictObject({ type: z.literal('interim-response'), reason: text('reason', 2000), measures: text('measures', 4000) }),
  z.strictObject({ type: z.literal('reopen'), reason: z.optional(text('reason', 2000)) }),
  /** The complainant's satisfaction rating, given by phone (the follow-up call) and recorded by staff: as the resident's own, once per stage. */
  z.strictObject({ type: z.literal('rating'), ...feedbackSchema.shape }),
  /**
   * After a failed step parked the case: a person checked it and resumes the workflow at that step.
   * Emails left in doubt are settled first: `were-sent` (confirmed delivered) or `were-not-sent` (send again).
   */
  z.strictObject({ type: z.literal('resume-workflow'), inDoubtEmails: z._default(z.enum(['were-sent', 'were-not-sent']), 'were-not-sent') }),
  /**
   * Emails of the case wait for a person (`emailAttention`: in doubt, or refused too often). Having checked, they settle
   * the emails listed on the version of the case they saw: `were-sent` (delivered, or reached another way) or
   * `were-not-sent` (queued again). No default: someone must decide.
   */
  z.strictObject({ type: z.literal('settle-emails'), inDoubtEmails: z.enum(['were-sent', 'were-not-sent']) }),
  /** A letter to a complainant without email (letters/writtenLetters.ts) was posted or handed over. */
  z.strictObject({
    type: z.literal('record-letter-sent'),
    letterKey: z.string().check(z.regex(/^[a-z0-9:-]{1,80}$/, 'letterKey must name a letter of the case')),
    delivery: z.enum(['post', 'by-hand'], 'delivery must be post or by-hand'),
  }),
  /** The follow-up phone call to a complainant without email (letters/followUpCall.ts): their ratings, or that nobody answered. */
  z.strictObject({
    type: z.literal('record-follow-up-call'),
    answer: z.enum(['reached', 'no-answer'], 'answer must be reached or no-answer'),
    outcomeRating: z.optional(z.int().check(z.gte(1, 'must be 1 to 5'), z.lte(5, 'must be 1 to 5'))),
    processRating: z.optional(z.int().check(z.gte(1, 'must be 1 to 5'), z.lte(5, 'must be 1 to 5'))),
    comment: z.optional(text('comment', 2000)),
  }),
  /** The CS lead's summary of the claim to the manager, before the manager decides (seed 001 §5.6.2-3). */
  z.strictObject({ type: z.literal('compensation-summary'), ...compensationSummarySchema }),
  /** A claim for compensation the complainant made after filing (by phone, letter, at the desk), recorded by staff while the case is investigated. */
  z.strictObject({ type: z.literal('add-compensation-claim'), claim: compensationClaimSchema }),
  /** The supervisor's written report once the case is closed (closingReport.ts): the lessons-learned questions answered. */
  z.strictObject({
    type: z.literal('closing-report'),
    recurrence: z.enum(['one-off', 'systemic'], 'recurrence must be one-off or systemic'),
    procedureDefect: z.enum(['yes', 'no'], 'procedureDefect must be yes or no'),
    ruleNotFollowed: z.enum(['yes', 'no'], 'ruleNotFollowed must be yes or no'),
    improvement: z.optional(text('improvement', 4000)),
  }),
  /** One of the response's outstanding actions is done (outstandingActions.ts); the last one done tells the complainant. */
  z.strictObject({ type: z.literal('complete-action'), index: z.int().check(z.gte(0), z.lte(19)), note: z.optional(text('note', 2000)) }),
  /** Class 3: an entry of the duty log (dutyLog.ts): what was observed, when, and what was done. Append-only. */
  z.strictObject({ type: z.literal('duty-log'), observedAt: isoDate, observed: text('observed', 4000), actionTaken: text('actionTaken', 4000) }),
  /** Class 3: the outcome as residents will read it on the case's timeline and the estate's notice page: no names, flats or contacts. */
  z.strictObject({
    type: z.literal('publish-outcome'),
    texts: z.strictObject({
      'zh-Hant': z.optional(z.strictObject({ title: text('texts.zh-Hant.title', 200), summary: text('texts.zh-Hant.summary', 2000) })),
      'zh-Hans': z.optional(z.strictObject({ title: text('texts.zh-Hans.title', 200), summary: text('texts.zh-Hans.summary', 2000) })),
      en: z.optional(z.strictObject({ title: text('texts.en.title', 200), summary: text('texts.en.summary', 2000) })),
    }),
  }),
]);
export type StaffAction = z.infer<typeof staffActionSchema>;
export type StaffActionType = StaffAction['type'];

// In a module of its own (no zod), so the case view and the staff console page read them without the action schemas.
export { ACTION_PERMISSION, allowedActions } from './actionPermissions';
import { ACTION_PERMISSION, allowedActions } from './actionPermissions';

export interface ActionContext {
  complaintCase: ComplaintCase;
  wait: WorkflowWait | undefined;
  estate: Estate;
  identity: StaffIdentity;
  now: string;
}

export interface PlannedAction {
  patch: CasePatch;
  /** The audit event's action name. */
  auditAction: string;
  /** Change of a field the audit trail records besides the patch (e.g. a note's existence). */
  public?: { kind: string; params?: Record<string, string | number> };
  /** Delivered to the waiting workflow; absent when the workflow need not react. */
  signal?: WorkflowSignal;
  /** Free text the action recorded without changing a case field (notes, statements): kept as personal data in the event. */
  recordedText?: Record<string, unknown>;
  /** The decision may come before the workflow waits for it (a rating given before the follow-up is sent): kept for that wait. */
  signalAhead?: WaitKind;
  /** Reopening a closed case starts its stage-2 workflow. */
  startStage2Workflow?: boolean;
  /** Resuming a parked workflow, or settling emails that waited for a person: what the person found (notifications/outbox.ts). */
  settleInDoubtEmails?: 'were-sent' | 'were-not-sent';
}

export type ActionRefusal = { status: 403 | 404 | 409 | 422; code: string; message: string; fields?: Record<string, string> };

export function planStaffAction(context: ActionContext, action: StaffAction): PlannedAction | ActionRefusal {
  const { complaintCase: current, estate, identity, now } = context;
  const allowed = allowedActions(current, context.wait);
  if (!allowed.includes(action.type)) {
    return { status: 409, code: 'action_not_allowed', message: `${action.type} is not possible while the case is ${describeState(current, context.wait)}; allowed now: ${allowed.join(', ')}` };
  }
  switch (action.type) {
    case 'note':
      return { patch: {}, auditAction: 'case.note', recordedText: { note: action.text } };
    case 'set-building': {
      if (!buildingOf(estate, action.buildingId)) return { status: 422, code: 'validation_failed', message: 'buildingId is not a building of this estate', fields: { buildingId: 'is not a building of this estate' } };
      if (current.buildingId === action.buildingId) return { status: 409, code: 'no_change', message: `the case already names building ${action.buildingId}`, fields: { buildingId: 'is already the case\'s building' } };
      return { patch: { buildingId: action.buildingId }, auditAction: 'case.building-set' };
    }
    case 'staff-statement':
      return { patch: {}, auditAction: 'case.staff-statement', recordedText: { staffMember: action.staffMember, statement: action.statement } };
    case 'triage': {
      const department = estate.departments.find((d) => d.departmentId === action.departmentId);
      if (!department) return { status: 422, code: 'validation_failed', message: 'departmentId is not a department of this estate', fields: { departmentId: 'is not a department of this estate' } };
      if (action.caseClass === 3 && !action.externalParty) {
        return { status: 422, code: 'validation_failed', message: 'a class-3 complaint needs the external party to report to', fields: { externalParty: 'is required for class 3' } };
      }
      const proposal = current.proposedTriage;
      const corrected = !proposal || proposal.caseClass !== action.caseClass || proposal.severity !== action.severity || proposal.category !== action.category || proposal.departmentId !== action.departmentId;
      const triaged: ComplaintCase = { ...current, caseClass: action.caseClass, severity: action.severity };
      const deadline = current.deadline ?? newDeadlineState(estate, current.stage, current.receivedAt);
      return {
        patch: {
          status: 'in-progress',
          caseClass: action.caseClass,
          severity: action.severity,
          category: action.category,
          departmentId: action.departmentId,
          escalationLevel: current.escalationLevel ?? 0,
          deadline,
          responseDueBy: currentDueBy({ ...triaged, deadline }, estate, now),
          triage: { valid: true, ...(action.externalParty ? { externalParty: action.externalParty } : {}), confirmedBy: identity.userId, confirmedAt: now, corrected },
        },
        auditAction: 'case.triaged',
        public: { kind: 'triaged' },
        signal: { event: 'triaged', caseClass: action.caseClass, severity: action.severity },
      };
    }
    case 'mark-invalid':
      return {
        patch: { triage: { valid: false, invalidExplanation: action.explanation, confirmedBy: identity.userId, confirmedAt: now, corrected: true } },
        auditAction: 'case.marked-invalid',
        signal: { event: 'invalid' },
      };
    case 'assign': {
      if (current.stage === 2 && stage1People(current).includes(action.assigneeId)) {
        return { status: 409, code: 'stage_2_handler_conflict', message: 'the stage-2 handler must be someone who did not handle stage 1 (assigned, answered or decided it)', fields: { assigneeId: 'handled this complaint at stage 1' } };
      }
      const departmentChange = action.departmentId && !estate.departments.some((d) => d.departmentId === action.departmentId);
      if (departmentChange) return { status: 422, code: 'validation_failed', message: 'departmentId is not a department of this estate', fields: { departmentId: 'is not a department of this estate' } };
      return {
        patch: {
          assigneeId: action.assigneeId,
          ...(action.departmentId ? { departmentId: action.departmentId } : {}),
          stageHandlers: { ...withStage1Handler(current, action.assigneeId), [current.stage === 1 ? 'stage1' : 'stage2']: action.assigneeId },
        },
        auditAction: 'case.assigned',
      };
    }
    case 'respond': {
      if (current.stage === 2 && stage1People(current).includes(identity.userId)) {
        return { status: 409, code: 'stage_2_handler_conflict', message: 'you handled this complaint at stage 1 (assigned, answered or decided it); a stage-2 response must come from someone else', fields: { decision: 'you handled this complaint at stage 1; someone else answers stage 2' } };
      }
      // Goodwill (seed 001 §5.6): staff may propose compensation nobody claimed; it goes through the same review as a claim.
      const goodwill = !current.compensationClaim && action.compensationProposal !== undefined && action.compensationProposal.amount > 0;
      const compensationPending = (Boolean(current.compensationClaim) || goodwill) && current.compensation?.decision === undefined;
      return {
        patch: {
          response: {
            outcome: action.outcome,
            decision: action.decision,
            reasons: action.reasons,
            ...(action.remedy ? { remedy: action.remedy } : {}),
            outstandingActions: action.outstandingActions,
            rootCause: action.rootCause,
            accountability: action.accountability,
            by: identity.userId,
            at: now,
          },
          stageHandlers: { ...withStage1Handler(current, identity.userId), [current.stage === 1 ? 'stage1' : 'stage2']: current.stage === 1 ? (current.stageHandlers?.stage1 ?? identity.userId) : identity.userId },
          ...(compensationPending
            ? {
                status: 'awaiting-compensation-decision' as const,
                compensation: {
                  ...current.compensation,
                  ...(action.compensationProposal ? { proposal: { ...action.compensationProposal, by: identity.userId, at: now } } : {}),
                  ...(goodwill ? { origin: 'goodwill' as const } : {}),
                },
                ...(goodwill ? { compensationClaim: { amount: action.compensationProposal!.amount, currency: ESTATE_CURRENCY[estate.jurisdiction], reason: action.compensationProposal!.note } } : {}),
              }
            : {}),
        },
        auditAction: 'case.response-decided',
        ...(compensationPending ? { public: { kind: 'compensation-review' } } : {}),
        signal: { event: 'responded', compensationPending },
      };
    }
    case 'compensation-summary':
      return planCompensationSummary({ complaintCase: current, identity, now }, action);
    case 'escalate': {
      const managerial = identity.role === 'estate-manager' || identity.role === 'hq';
      if ((action.newDueBy || action.handlingOpinion) && !managerial) {
        return { status: 422, code: 'validation_failed', message: 'only the estate manager or HQ sets a handling opinion and a new deadline', fields: { newDueBy: 'set by the estate manager or HQ' } };
      }
      // A handling opinion or deadline at stage 2 decides the review: not by anyone who took part in stage 1 (ISO 10002 objectivity).
      if ((action.newDueBy || action.handlingOpinion) && current.stage === 2 && stage1People(current).includes(identity.userId)) {
        return { status: 409, code: 'stage_2_handler_conflict', message: 'you handled this complaint at stage 1 (assigned, answered or decided it); the stage-2 decision must come from someone else', fields: { handlingOpinion: 'you handled this complaint at stage 1; someone else decides stage 2' } };
      }
      if (action.newDueBy && Date.parse(action.newDueBy) <= Date.parse(now)) {
        return { status: 422, code: 'validation_failed', message: 'newDueBy must be in the future', fields: { newDueBy: 'must be in the future' } };
      }
      const deadline = current.deadline ?? newDeadlineState(estate, current.stage, current.receivedAt);
      // A manager setting opinion and deadline takes the case at their level; otherwise it goes up one level.
      const level = managerial && action.newDueBy ? Math.max(current.escalationLevel ?? 0, identity.role === 'hq' ? 2 : 1) : Math.min(2, (current.escalationLevel ?? 0) + 1);
      const nextDeadline = action.newDueBy
        ? { ...deadline, setByManager: { dueBy: new Date(action.newDueBy).toISOString(), handlingOpinion: action.handlingOpinion ?? action.note, by: identity.userId, at: now } }
        : deadline;
      return {
        patch: {
          escalationLevel: level as 0 | 1 | 2,
          deadline: nextDeadline,
          responseDueBy: currentDueBy({ ...current, deadline: nextDeadline }, estate, now),
          // A manager who sets the handling opinion at stage 1 decided its handling: not independent for stage 2.
          ...(action.newDueBy || action.handlingOpinion ? { stageHandlers: withStage1Handler(current, identity.userId) } : {}),
        },
        auditAction: 'case.escalated',
        recordedText: { note: action.note },
        ...(action.newDueBy ? { public: { kind: 'new-deadline' } } : {}),
        signal: { event: 'escalated', level, byStaff: true, deadlineSet: Boolean(action.newDueBy) },
      };
    }
    case 'extend-deadline': {
      const remaining = remainingExtensionWorkingDays(current, estate);
      if (remaining !== null && action.workingDays > remaining) {
        return { status: 422, code: 'extension_exceeds_policy', message: `the deadline policy allows at most ${remaining} more working day(s) of extension at this stage`, fields: { workingDays: `at most ${remaining}` } };
      }
      const deadline = current.deadline ?? newDeadlineState(estate, current.stage, current.receivedAt);
      const approver = extensionApprover(current, estate);
      const approves = mayApproveExtension(identity.role, approver);
      const pending = deadline.extensionRequest;
      if (action.decision && !approves) {
        return { status: 403, code: 'extension_approver_only', message: `under this estate's deadline policy only the ${approver} decides an extension at this stage`, fields: { decision: `decided by the ${approver}` } };
      }
      if (action.decision && !pending) return { status: 409, code: 'no_extension_request', message: 'there is no extension request to decide', fields: { decision: 'nothing to decide' } };
      if (action.decision === 'refuse') {
        const { extensionRequest: _refused, ...rest } = deadline;
        return { patch: { deadline: rest }, auditAction: 'case.extension-refused', recordedText: { reason: action.reason, requestedBy: pending!.by } };
      }
      if (!approves) {
        // A request: the deadline does not move until the named role approves it.
        return {
          patch: { deadline: { ...deadline, extensionRequest: { workingDays: action.workingDays, reason: action.reason, by: identity.userId, at: now, approverRole: approver } } },
          auditAction: 'case.extension-requested',
        };
      }
      const requestedBy = action.decision === 'approve' ? pending!.by : identity.userId;
      const { extensionRequest: _granted, ...withoutRequest } = deadline;
      const nextDeadline = {
        ...withoutRequest,
        extensions: [...deadline.extensions, { workingDays: action.workingDays, reason: action.reason, by: requestedBy, at: now, ...(approver !== 'handler' ? { approvedBy: identity.userId } : {}) }],
      };
      return {
        patch: { deadline: nextDeadline, responseDueBy: currentDueBy({ ...current, deadline: nextDeadline }, estate, now) },
        auditAction: 'case.deadline-extended',
        public: { kind: 'deadline-extended' },
        // The complainant is told in writing, with the reason (and the ombudsman's contact where the policy says so).
        signal: { event: 'interim-response', reason: action.reason, measures: '', kind: 'extension' },
      };
    }
    case 'pause-clock': {
      const deadline = current.deadline ?? newDeadlineState(estate, current.stage, current.receivedAt);
      const nextDeadline = { ...deadline, pauses: [...deadline.pauses, { from: now, reason: action.reason }] };
      return {
        patch: { deadline: nextDeadline },
        auditAction: 'case.clock-paused',
        public: { kind: 'clock-paused', params: { reason: action.reason } },
        signal: { event: 'deadline-moved', paused: true, reason: action.reason },
      };
    }
    case 'resume-clock': {
      const deadline = current.deadline!;
      const nextDeadline = { ...deadline, pauses: deadline.pauses.map((pause) => (pause.to === undefined ? { ...pause, to: now } : pause)) };
      return {
        patch: { deadline: nextDeadline, responseDueBy: currentDueBy({ ...current, deadline: nextDeadline }, estate, now) },
        auditAction: 'case.clock-resumed',
        public: { kind: 'clock-resumed' },
        signal: { event: 'deadline-moved', paused: false, reason: null },
      };
    }
    case 'interim-response':
      return {
        patch: {},
        auditAction: 'case.interim-response',
        recordedText: { reason: action.reason, measures: action.measures },
        public: { kind: 'interim-response' },
        signal: { event: 'interim-response', reason: action.reason, measures: action.measures, kind: 'interim' },
      };
    case 'resume-workflow':
      return {
        patch: { status: current.parked?.previousStatus ?? 'in-progress', parked: undefined, emailAttention: undefined },
        auditAction: 'workflow.resumed',
        recordedText: { inDoubtEmails: action.inDoubtEmails },
        signal: { event: 'recovered' },
        settleInDoubtEmails: action.inDoubtEmails,
      };
    case 'settle-emails':
      return {
        patch: { emailAttention: undefined },
        auditAction: 'emails.settled',
        recordedText: { inDoubtEmails: action.inDoubtEmails },
        settleInDoubtEmails: action.inDoubtEmails,
      };
    case 'record-letter-sent': {
      const recorded = recordLetterSent(current, action, identity.userId, now);
      if ('status' in recorded) return recorded;
      return { patch: recorded.patch, auditAction: 'letter.sent', ...(recorded.public ? { public: recorded.public } : {}) };
    }
    case 'record-follow-up-call':
      return planFollowUpCall(current, context.wait, { ...action, reached: action.answer === 'reached' }, identity.userId, now);
    case 'add-compensation-claim':
      if (current.compensationClaim) return { status: 409, code: 'claim_exists', message: 'this case already has a compensation claim; its review decides the amount' };
      return {
        patch: { compensationClaim: action.claim, compensation: { ...current.compensation, origin: 'claim-after-receipt' } },
        auditAction: 'compensation.claim-added',
      };
    case 'complete-action': {
      const done = completeOutstandingAction(current, action, identity.userId, now, estate);
      if ('status' in done) return done;
      return { patch: done.patch, auditAction: done.allDone ? 'case.actions-completed' : 'case.action-completed' };
    }
    case 'duty-log': {
      const added = addDutyLogEntry(current, action, identity.userId, now);
      if ('status' in added) return added;
      return { patch: added.patch, auditAction: 'case.duty-log-entry' };
    }
    case 'publish-outcome': {
      const published = publishOutcomeNotice(current, action.texts, identity.userId, now);
      if ('status' in published) return published;
      return { patch: published.patch, auditAction: 'case.outcome-published', public: { kind: 'outcome-published' } };
    }
    case 'closing-report': {
      const report = closingReport(
        current,
        { recurrence: action.recurrence, procedureDefect: action.procedureDefect === 'yes', ruleNotFollowed: action.ruleNotFollowed === 'yes', ...(action.improvement ? { improvement: action.improvement } : {}) },
        { userId: identity.userId, role: identity.role },
        now,
      );
      if ('status' in report) return report;
      return { patch: { closingReport: report }, auditAction: 'case.closing-report' };
    }
    case 'rating': {
      const { type: _type, ...input } = action;
      const planned = planFeedback(current, context.wait, input, now);
      if ('status' in planned) return planned.code === 'already_rated' ? { ...planned, message: 'a rating for this stage was already recorded' } : planned;
      return { ...planned, patch: { satisfaction: { ...planned.patch.satisfaction!, recordedBy: identity.userId } } };
    }
    case 'reopen':
      return {
        patch: {},
        auditAction: 'case.reopen-requested',
        ...(action.reason ? { recordedText: { reason: action.reason } } : {}),
        // A closed case has no workflow left to signal: a new execution takes it into stage 2.
        ...(current.status === 'closed' ? { startStage2Workflow: true } : { signal: { event: 'stage-2-requested', byStaff: true } }),
      };
  }
}

function describeState(complaintCase: ComplaintCase, wait: WorkflowWait | undefined): string {
  if (complaintCase.status === 'closed') return 'closed';
  if (!wait) return `${complaintCase.status} (the workflow is busy with an automated step)`;
  if (wait.pendingSignal) return `${complaintCase.status} (a previous action is still being processed)`;
  return `waiting for ${wait.waitingFor}`;
}
