/** `POST /api/v1/estates/{estateId}/deadline-policy` — HQ chooses the deadline policy an estate follows. */
import { deadlinePolicyChoiceSchema, withDeadlinePolicy } from '../domain/estateSettings';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore } from '../platform/clients';
import { HttpError, httpEndpoint, json, parseJsonBody } from '../platform/http';
import { logger } from '../platform/logger';

export const handler = httpEndpoint('chooseDeadlinePolicy', async (event) => {
  const identity = requireStaff(event);
  const estateId = event.pathParameters?.estateId ?? '';
  requirePermission(identity, 'estate.chooseDeadlinePolicy', { estateId });
  const { policyId } = parseJsonBody(event, deadlinePolicyChoiceSchema);
  const store = getCaseStore();
  const estate = await store.getEstate(estateId);
  if (!estate) throw new HttpError(404, 'not_found', 'not found');
  await store.putEstate(withDeadlinePolicy(estate, policyId));
  logger.info('deadline policy chosen', { estateId, policyId, by: identity.userId, requestId: event.requestContext.requestId });
  return json(200, { estateId, deadlinePolicyId: policyId });
});
