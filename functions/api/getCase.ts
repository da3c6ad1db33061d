/** `GET /api/v1/cases/{id}` — the full case with its timeline, for staff who may see it. The ETag is the case version (for If-Match). */
import { allowedActions } from '../domain/lifecycle/staffActions';
import { staffCaseView } from '../domain/staffView';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore } from '../platform/clients';
import { HttpError, httpEndpoint, json } from '../platform/http';

const CASE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const handler = httpEndpoint('getCase', async (event) => {
  const identity = await requireStaff(event);
  const caseId = event.pathParameters?.id ?? '';
  const notFound = new HttpError(404, 'not_found', 'not found');
  if (!CASE_ID.test(caseId)) throw notFound;
  const store = getCaseStore();
  const complaintCase = await store.getCase(caseId);
  if (!complaintCase) throw notFound;
  requirePermission(identity, 'case.read', { estateId: complaintCase.estateId, caseId });
  const [events, wait] = await Promise.all([store.listEvents(caseId), store.getWait(caseId)]);
  return json(
    200,
    {
      ...staffCaseView(complaintCase, events),
      waitingFor: wait && !wait.pendingSignal ? wait.waitingFor : null,
      allowedActions: allowedActions(complaintCase, wait),
    },
    { etag: `"${complaintCase.version}"` },
  );
});
