/**
 * Which staff actions a case's state opens, and the permission each needs. Without zod (the action
 * schemas are in staffActions.ts), so the case view (`GET /api/v1/cases/{id}`) and the staff console
 * page read them without building the schemas at load.
 */
import type { StaffIdentity } from '../access/identity';
import { type Action, authorize, type Resource } from '../access/policy';
import { type ComplaintCase, isClockPaused, stage1People } from '../complaintCase';
import type { StaffActionType } from './staffActions';
import type { WaitKind, WorkflowWait } from './workflowWait';
import { followUpCallDue } from '../letters/followUpCall';
import { dutyLogActions } from './dutyLog';

/** The permission each action needs (functions/domain/access/policy.ts). */
export const ACTION_PERMISSION: Record<StaffActionType, Action> = {
  triage: 'case.triage',
  'mark-invalid': 'case.markInvalid',
  assign: 'case.assign',
  note: 'case.note',
  // Whoever classifies the complaint (triage) names or corrects its building.
  'set-building': 'case.triage',
  'staff-statement': 'case.staffStatement',
  respond: 'case.respond',
  escalate: 'case.escalate',
  'extend-deadline': 'case.extendDeadline',
  'pause-clock': 'case.pauseClock',
  'resume-clock': 'case.pauseClock',
  'interim-response': 'case.interimResponse',
  reopen: 'case.reopen',
  rating: 'case.recordRating',
  'resume-workflow': 'case.reopen',
  'settle-emails': 'case.reopen',
  'record-letter-sent': 'case.contactInWriting',
  'record-follow-up-call': 'case.contactInWriting',
  'closing-report': 'case.closingReport',
  'add-compensation-claim': 'case.respond',
  // Class 3 (dutyLog.ts): whoever may write on the case keeps its duty log; whoever may answer it publishes the outcome.
  'duty-log': 'case.note',
  'publish-outcome': 'case.respond',
  'complete-action': 'case.respond',
  'compensation-summary': 'compensation.summarise',
};

const ALWAYS: StaffActionType[] = ['note', 'staff-statement'];

/** Which actions the case's state allows now. */
export function allowedActions(complaintCase: ComplaintCase, wait: WorkflowWait | undefined): StaffActionType[] {
  // Emails waiting for a person can be settled whatever the workflow is doing, even after the case closed.
  const actions = [...workflowActions(complaintCase, wait)];
  if (complaintCase.emailAttention) actions.push('settle-emails');
  // Letters to a complainant without email can be recorded sent whatever the workflow is doing, even after closing.
  if (complaintCase.lettersToSend) actions.push('record-letter-sent');
  if (complaintCase.status === 'closed' && !complaintCase.closingReport) actions.push('closing-report');
  // The building can be named or corrected at any time (the figures follow), while the case's record is whole.
  if (!complaintCase.purge && !complaintCase.erasure) actions.push('set-building');
  // Class 3's duty log and published outcome need nothing from the workflow, even after closing.
  actions.push(...dutyLogActions(complaintCase));
  // The response's outstanding actions are marked done as they are, during the follow-up and after closing too.
  if (complaintCase.response && !complaintCase.erasure && complaintCase.response.outstandingActions.some((a) => !a.doneAt)) actions.push('complete-action');
  if (followUpCallDue(complaintCase) && wait?.waitingFor === 'feedback' && !wait.pendingSignal) actions.push('record-follow-up-call');
  return actions;
}

function workflowActions(complaintCase: ComplaintCase, wait: WorkflowWait | undefined): StaffActionType[] {
  if (complaintCase.status === 'closed') return complaintCase.stage === 1 && complaintCase.closureReason !== 'invalid' ? [...ALWAYS, 'reopen'] : ALWAYS;
  const waitingFor: WaitKind | undefined = wait && !wait.pendingSignal ? wait.waitingFor : undefined;
  // Assigning a person needs nothing from the workflow, so it is open whenever the case is being handled.
  const always: StaffActionType[] = complaintCase.status === 'responded' ? ALWAYS : [...ALWAYS, 'assign'];
  // A rating given by phone is welcome once we have responded (before the follow-up email too), once per stage.
  const rated = complaintCase.satisfaction?.answeredAt !== undefined && complaintCase.satisfaction.stage === complaintCase.stage;
  const rating: StaffActionType[] = complaintCase.status === 'responded' && !rated ? ['rating'] : [];
  switch (waitingFor) {
    case 'triage':
      return [...always, 'triage', 'mark-invalid'];
    case 'resolution':
      return [
        ...always,
        'respond',
        ...(complaintCase.compensationClaim ? [] : (['add-compensation-claim'] as const)),
        'mark-invalid',
        'escalate',
        'extend-deadline',
        isClockPaused(complaintCase.deadline) ? 'resume-clock' : 'pause-clock',
        'interim-response',
      ];
    case 'compensation-summary':
      return [...always, 'compensation-summary'];
    case 'feedback':
      return [...ALWAYS, ...rating, 'reopen'];
    case 'recovery':
      return [...always, 'resume-workflow'];
    default:
      return waitingFor === undefined ? [...always, ...rating] : always;
  }
}

/** A case as the policy sees it (functions/domain/access/policy.ts `Resource`). */
export function caseResource(complaintCase: ComplaintCase): Resource {
  return {
    estateId: complaintCase.estateId,
    caseId: complaintCase.caseId,
    ...(complaintCase.departmentId ? { departmentId: complaintCase.departmentId } : {}),
    ...(complaintCase.assigneeId ? { assigneeId: complaintCase.assigneeId } : {}),
  };
}

export type CompensationStep = 'decide' | 'approve-above-threshold';

/**
 * What this person may do on the case now: the actions its state opens that the policy allows
 * them (role, estate, owning department), less a stage-2 response by anyone who handled stage 1, which
 * the action would refuse; and the compensation step waiting, if the policy lets them take it.
 * The console offers exactly these (GET /api/v1/cases/{id} `actionsForYou`, `compensationForYou`).
 */
export function actionsForPerson(
  identity: StaffIdentity,
  complaintCase: ComplaintCase,
  wait: WorkflowWait | undefined,
): { actions: StaffActionType[]; compensation: CompensationStep | null } {
  const resource = caseResource(complaintCase);
  const actions = allowedActions(complaintCase, wait).filter((action) => {
    if (!authorize(identity, ACTION_PERMISSION[action], resource).allowed) return false;
    if (action === 'respond' && complaintCase.stage === 2 && stage1People(complaintCase).includes(identity.userId)) return false;
    return true;
  });
  const waitingFor = wait && !wait.pendingSignal ? wait.waitingFor : undefined;
  const step: CompensationStep | null = waitingFor === 'compensation-decision' ? 'decide' : waitingFor === 'compensation-hq-approval' ? 'approve-above-threshold' : null;
  const permission = step === 'decide' ? 'compensation.decide' : 'compensation.approveAboveThreshold';
  const compensation = step && authorize(identity, permission, resource).allowed ? step : null;
  return { actions, compensation };
}
