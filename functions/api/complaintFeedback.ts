/**
 * `POST /api/v1/complaints/{id}/feedback?token=…` — the complainant rates the
 * outcome and the handling, once per stage, from the confirmation page the
 * follow-up email links to. `POST /api/v1/complaints/{id}/stage-2?token=…`
 * asks for a stage-2 review without giving a reason.
 */
import { applyDecision } from '../domain/lifecycle/applyDecision';
import { feedbackSchema, planFeedback, planStage2Request } from '../domain/lifecycle/followUp';
import { VersionConflictError, WaitChangedError } from '../domain/errors';
import { decisionDependencies, conflictToHttp, refusalToHttp } from '../platform/caseRequests';
import { getCaseStore } from '../platform/clients';
import { caseForTrackingLink } from '../platform/trackingLink';
import { HttpError, httpEndpoint, json, parseJsonBody } from '../platform/http';
import { platformNow } from '../platform/clock';


export const handler = httpEndpoint('complaintFeedback', async (event) => {
  const complaintCase = await caseForTrackingLink(event);
  const caseId = complaintCase.caseId;
  const store = getCaseStore();
  const stage2 = event.routeKey.endsWith('/stage-2');
  const input = stage2 ? undefined : parseJsonBody(event, feedbackSchema);
  // A resident has no version to send: when the workflow changes the case at the same moment, read it again and retry.
  for (let attempt = 1; ; attempt += 1) {
    const current = attempt === 1 ? complaintCase : (await store.getCase(caseId))!;
    const wait = await store.getWait(caseId);
    const now = platformNow().toISOString();
    const planned = input ? planFeedback(current, wait, input, now) : planStage2Request(current, wait);
    if ('status' in planned) throw refusalToHttp(planned);
    try {
      const { next } = await applyDecision(decisionDependencies(), { complaintCase: current, wait, planned, actor: { type: 'resident' }, requestId: event.requestContext.requestId, now });
      return json(200, { caseId: next.caseId, reference: next.reference, recorded: stage2 ? 'stage-2-requested' : 'rating' });
    } catch (error) {
      if (attempt < 4 && (error instanceof VersionConflictError || error instanceof WaitChangedError)) continue;
      conflictToHttp(error);
    }
  }
});
