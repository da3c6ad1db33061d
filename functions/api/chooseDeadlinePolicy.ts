/**
 * `POST /api/v1/estates/{estateId}/deadline-policy` — HQ (or an administrator) chooses the deadline policy an
 * estate follows: a preset or one of the group's custom policies, whose copy the estate then carries.
 * Recorded in the admin ledger with the estate's change.
 */
import { changeBetween } from '../domain/admin/estateImport';
import { deadlinePolicyChoiceSchema, withDeadlinePolicy } from '../domain/estateSettings';
import { AdminConflictError } from '../store/adminStore';
import { actorOf, configurationChanged, conflictToHttp, definitionContext, getAdminStore } from '../platform/administration';
import { requirePermission, requireStaff } from '../platform/auth';
import { HttpError, httpEndpoint, json, parseJsonBody } from '../platform/http';
import { logger } from '../platform/logger';
import { platformNow } from '../platform/clock';

export const handler = httpEndpoint('chooseDeadlinePolicy', async (event) => {
  const identity = requireStaff(event);
  const estateId = event.pathParameters?.estateId ?? '';
  requirePermission(identity, 'estate.chooseDeadlinePolicy', { estateId });
  const { policyId } = parseJsonBody(event, deadlinePolicyChoiceSchema);
  const store = getAdminStore();
  let change: ReturnType<typeof changeBetween>;
  // The request names the wanted policy, so a change by someone else meanwhile is simply read again.
  for (let attempt = 1; ; attempt += 1) {
    const context = await definitionContext(store);
    const estate = context.existing.get(estateId);
    if (!estate) throw new HttpError(404, 'not_found', 'not found');
    const chosen = withDeadlinePolicy(estate, policyId, context.customPolicies);
    if (!chosen.ok) throw new HttpError(422, 'validation_failed', 'policyId is not a policy of the group', { policyId: chosen.problem });
    change = changeBetween(estate, chosen.estate);
    if (!change) break;
    try {
      await store.writeEstates([change], context.digests, { at: platformNow().toISOString(), actor: actorOf(identity), action: 'estate.deadline-policy-chosen', requestId: event.requestContext.requestId, changes: [{ subject: `estate:${estateId}`, fields: change.fields }] });
      configurationChanged();
      break;
    } catch (error) {
      if (error instanceof AdminConflictError && attempt < 3) continue;
      conflictToHttp(error);
    }
  }
  logger.info('deadline policy chosen', { estateId, policyId, changed: Boolean(change), by: identity.userId, requestId: event.requestContext.requestId });
  return json(200, { estateId, deadlinePolicyId: policyId });
});
