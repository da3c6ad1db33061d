/** `GET /api/v1/cases/{id}` — the full case with its timeline, for staff who may see it. The ETag is the case version (for If-Match). */
import { actionsForPerson, allowedActions } from '../domain/lifecycle/actionPermissions';
import { staffCaseView } from '../domain/staffView';
import { requireStaff } from '../platform/auth';
import { caseForCaller } from '../platform/caseRequests';
import { getCaseStore } from '../platform/clients';
import { httpEndpoint, json } from '../platform/http';


export const handler = httpEndpoint('getCase', async (event) => {
  const identity = requireStaff(event);
  const complaintCase = await caseForCaller(event, identity);
  const { caseId } = complaintCase;
  const store = getCaseStore();
  const [events, wait] = await Promise.all([store.listEvents(caseId), store.getWait(caseId)]);
  const yours = actionsForPerson(identity, complaintCase, wait);
  return json(
    200,
    {
      ...staffCaseView(complaintCase, events),
      waitingFor: wait && !wait.pendingSignal ? wait.waitingFor : null,
      allowedActions: allowedActions(complaintCase, wait),
      // What this person may do now, decided by the policy module: the console offers only these.
      actionsForYou: yours.actions,
      compensationForYou: yours.compensation,
    },
    { etag: `"${complaintCase.version}"` },
  );
});
