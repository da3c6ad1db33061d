/**
 * `POST /api/v1/cases/{id}/compensation` — the estate manager (or HQ) approves,
 * amends or rejects a claim (seed 001 §5.5–5.6). Above the group's threshold
 * HQ approves as well. Answers with the C ≥ A + B value-recovery guidance.
 */
import { compensationDecisionSchema, planCompensationDecision } from '../domain/lifecycle/compensationReview';
import { requirePermission, requireStaff } from '../platform/auth';
import { applyStaffDecision, caseForCaller, refusalToHttp, requireCurrentVersion } from '../platform/caseRequests';
import { getCaseStore } from '../platform/clients';
import { httpEndpoint, parseJsonBody } from '../platform/http';
import { platformNow } from '../platform/clock';

export const handler = httpEndpoint('compensationDecision', async (event) => {
  const identity = requireStaff(event);
  const complaintCase = await caseForCaller(event, identity);
  const input = parseJsonBody(event, compensationDecisionSchema);
  const store = getCaseStore();
  const wait = await store.getWait(complaintCase.caseId);
  const hqStep = wait?.waitingFor === 'compensation-hq-approval';
  requirePermission(identity, hqStep ? 'compensation.approveAboveThreshold' : 'compensation.decide', { estateId: complaintCase.estateId, caseId: complaintCase.caseId });
  await requireCurrentVersion(event, complaintCase);
  const now = platformNow().toISOString();
  const planned = planCompensationDecision({ complaintCase, wait, identity, now, settings: await store.groupSettings() }, input);
  if ('status' in planned) throw refusalToHttp(planned);
  return applyStaffDecision(event, identity, { complaintCase, wait, planned, now }, () => (planned.guidance ? { valueRecovery: planned.guidance } : {}));
});
