/**
 * `GET /api/v1/cases/{id}` — the full case with its timeline, for staff who may see it. The ETag is
 * `"<version>.<digest of the view>"`: If-Match reads the version from it (functions/platform/caseRequests.ts),
 * and If-None-Match with it answers 304 while nothing the view shows has changed (the console's poll).
 */
import { isOverdue } from '../domain/caseSummary';
import { actionsForPerson, allowedActions } from '../domain/lifecycle/actionPermissions';
import { staffCaseView } from '../domain/staffView';
import { requireStaff } from '../platform/auth';
import { caseForCaller } from '../platform/caseRequests';
import { getCaseStore } from '../platform/clients';
import { platformNow } from '../platform/clock';
import { conditionalJson, viewDigest } from '../platform/conditionalGet';
import { httpEndpoint } from '../platform/http';


export const handler = httpEndpoint('getCase', async (event) => {
  const identity = requireStaff(event);
  const complaintCase = await caseForCaller(event, identity);
  const { caseId } = complaintCase;
  const store = getCaseStore();
  const [events, wait] = await Promise.all([store.listEvents(caseId), store.getWait(caseId)]);
  const yours = actionsForPerson(identity, complaintCase, wait);
  const view = {
    ...staffCaseView(complaintCase, events),
    waitingFor: wait && !wait.pendingSignal ? wait.waitingFor : null,
    allowedActions: allowedActions(complaintCase, wait),
    // What this person may do now, decided by the policy module: the console offers only these.
    actionsForYou: yours.actions,
    compensationForYou: yours.compensation,
    // Decided by the platform's clock, not the browser's (locally the platform's time may run ahead of the wall clock).
    overdue: isOverdue(complaintCase, platformNow().toISOString()),
  };
  return conditionalJson(event, view, `"${complaintCase.version}.${viewDigest(view)}"`);
});
