/**
 * `POST /api/v1/cases/{id}/compensation` — the estate manager (or HQ) approves,
 * amends or rejects a claim (seed 001 §5.5–5.6). Above the group's threshold
 * HQ approves as well. Answers with the C ≥ A + B value-recovery guidance.
 */
import { applyDecision } from '../domain/lifecycle/applyDecision';
import { compensationDecisionSchema, planCompensationDecision } from '../domain/lifecycle/compensationReview';
import { groupSettings } from '../domain/groupSettings';
import { staffCaseView } from '../domain/staffView';
import { requirePermission, requireStaff } from '../platform/auth';
import { caseForCaller, conflictToHttp, decisionDependencies, refusalToHttp, requireCurrentVersion } from '../platform/caseRequests';
import { getCaseStore } from '../platform/clients';
import { httpEndpoint, json, parseJsonBody } from '../platform/http';

export const handler = httpEndpoint('compensationDecision', async (event) => {
  const identity = await requireStaff(event);
  const complaintCase = await caseForCaller(event, identity);
  const input = parseJsonBody(event, compensationDecisionSchema);
  const store = getCaseStore();
  const wait = await store.getWait(complaintCase.caseId);
  const hqStep = wait?.waitingFor === 'compensation-hq-approval';
  requirePermission(identity, hqStep ? 'compensation.approveAboveThreshold' : 'compensation.decide', { estateId: complaintCase.estateId, caseId: complaintCase.caseId });
  requireCurrentVersion(event, complaintCase);
  const now = new Date().toISOString();
  const planned = planCompensationDecision({ complaintCase, wait, identity, now, settings: groupSettings() }, input);
  if ('status' in planned) throw refusalToHttp(planned);
  const { next } = await applyDecision(decisionDependencies(), {
    complaintCase,
    wait,
    planned,
    actor: { type: 'staff', id: identity.userId, role: identity.role },
    requestId: event.requestContext.requestId,
    now,
  }).catch(conflictToHttp);
  const events = await store.listEvents(next.caseId);
  return json(200, { ...staffCaseView(next, events), ...(planned.guidance ? { valueRecovery: planned.guidance } : {}) }, { etag: `"${next.version}"` });
});
