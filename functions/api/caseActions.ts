/**
 * `POST /api/v1/cases/{id}/actions` — staff act on a case: triage, assign, note,
 * staff statement, respond, mark invalid, escalate, extend the deadline,
 * pause/resume the clock, interim response, reopen, resume a parked workflow.
 * `If-Match` carries the case version (409 on a stale write); an action the
 * case's state does not allow is a 409 listing the actions allowed now.
 */
import { ACTION_PERMISSION, allowedActions, planStaffAction, staffActionSchema } from '../domain/lifecycle/staffActions';
import { requirePermission, requireStaff } from '../platform/auth';
import { applyStaffDecision, caseForCaller, refusalToHttp, requireCurrentVersion } from '../platform/caseRequests';
import { getCaseStore } from '../platform/clients';
import { HttpError, httpEndpoint, parseJsonBody } from '../platform/http';
import { assigneeProblem } from '../domain/estateStaff';
import { authorize } from '../domain/access/policy';
import { caseResource } from '../domain/lifecycle/actionPermissions';
import { platformNow } from '../platform/clock';
import { assignmentNotice } from '../domain/lifecycle/assignmentNotice';
import { actionsDoneEmail } from '../domain/lifecycle/outstandingActions';
import { outboxPolicy } from '../domain/notifications/outbox';
import { getStaffDirectory } from '../platform/administration';
import { readConfig } from '../platform/config';
import type { ComplaintCase } from '../domain/complaintCase';

export const handler = httpEndpoint('caseActions', async (event) => {
  const identity = requireStaff(event);
  const complaintCase = await caseForCaller(event, identity);
  const action = parseJsonBody(event, staffActionSchema);
  requirePermission(identity, ACTION_PERMISSION[action.type], {
    estateId: complaintCase.estateId,
    caseId: complaintCase.caseId,
    ...(complaintCase.departmentId ? { departmentId: complaintCase.departmentId } : {}),
    ...(complaintCase.assigneeId ? { assigneeId: complaintCase.assigneeId } : {}),
  });
  await requireCurrentVersion(event, complaintCase);
  // Assigning reads the directory once: the assignee must exist, serve this estate and handle cases (a made-up id is
  // refused), and is told by an email queued with the assignment (functions/domain/lifecycle/assignmentNotice.ts).
  const directory = action.type === 'assign' ? await getStaffDirectory() : undefined;
  const [assignee, assigner] = directory && action.type === 'assign' ? await Promise.all([directory.get(action.assigneeId), directory.get(identity.userId)]) : [undefined, undefined];
  if (action.type === 'assign') {
    const problem = assigneeProblem(assignee, complaintCase.estateId);
    if (problem) throw new HttpError(422, 'validation_failed', 'request body has invalid fields: assigneeId', { assigneeId: problem });
    // Whom to and where: a supervisor assigns only within their own department (the policy decides).
    const decision = authorize(identity, 'case.assign', {
      ...caseResource(complaintCase),
      assignment: { ...(action.departmentId ? { departmentId: action.departmentId } : {}), ...(assignee?.departmentId ? { assigneeDepartmentId: assignee.departmentId } : {}) },
    });
    if (!decision.allowed) throw new HttpError(403, 'forbidden', decision.reason, { [action.departmentId && action.departmentId !== complaintCase.departmentId ? 'departmentId' : 'assigneeId']: decision.reason });
  }
  const store = getCaseStore();
  const [wait, estate] = await Promise.all([store.getWait(complaintCase.caseId), store.getEstate(complaintCase.estateId)]);
  const now = platformNow().toISOString();
  const planned = planStaffAction({ complaintCase, wait, estate: estate!, identity, now }, action);
  if ('status' in planned) throw refusalToHttp(planned, planned.code === 'action_not_allowed' ? allowedActions(complaintCase, wait) : undefined);
  const email = action.type === 'assign'
    ? (next: ComplaintCase, eventSeq: number) =>
        assignmentNotice({
          next,
          estate: estate!,
          assignee,
          assignedBy: { userId: identity.userId, ...(assigner?.name ? { name: assigner.name } : {}) },
          eventSeq,
          now,
          publicBaseUrl: readConfig().publicBaseUrl,
          outboxPolicy: outboxPolicy(process.env.EMAIL_OUTBOX),
        })
    : planned.auditAction === 'case.actions-completed'
      ? // The last outstanding action done: the complainant is told with the change (a letter instead is in the patch).
        (next: ComplaintCase) => actionsDoneEmail(next, estate!, now, outboxPolicy(process.env.EMAIL_OUTBOX))
      : undefined;
  // The decision reaches the workflow from the table stream, a moment after this answer.
  return applyStaffDecision(event, identity, { complaintCase, wait, planned, now, ...(email ? { email } : {}) }, (signalled) => ({
    workflow: signalled ? 'decision recorded; passed to the workflow' : 'decision recorded',
  }));
});
