/**
 * The complainant's decisions from the tracking page, with the tracking token
 * (functions/domain/lifecycle/residentChoices.ts):
 * - `POST /api/v1/complaints/{id}/compensation-answer?token=…` `{answer: accept|decline}`;
 * - `POST /api/v1/complaints/{id}/withdrawal?token=…` `{confirm: true, reason?}`.
 * The page asks for confirmation before either is sent. A repeated request
 * records nothing twice and answers as the first did.
 */
import { VersionConflictError, WaitChangedError } from '../domain/errors';
import { applyDecision } from '../domain/lifecycle/applyDecision';
import { compensationAnswerSchema, planCompensationAnswer, planWithdrawal, withdrawalSchema } from '../domain/lifecycle/residentChoices';
import { conflictToHttp, decisionDependencies, refusalToHttp } from '../platform/caseRequests';
import { getCaseStore } from '../platform/clients';
import { caseForTrackingLink } from '../platform/trackingLink';
import { platformNow } from '../platform/clock';
import { HttpError, httpEndpoint, json, parseJsonBody } from '../platform/http';


export const handler = httpEndpoint('residentChoices', async (event) => {
  const complaintCase = await caseForTrackingLink(event);
  const caseId = complaintCase.caseId;
  const store = getCaseStore();
  const withdrawal = event.routeKey.endsWith('/withdrawal');
  const input = withdrawal ? { withdrawal: parseJsonBody(event, withdrawalSchema) } : { answer: parseJsonBody(event, compensationAnswerSchema) };
  const recorded = withdrawal ? 'withdrawal' : input.answer!.answer === 'accept' ? 'compensation-accepted' : 'compensation-declined';
  // A resident has no version to send: when the workflow changes the case at the same moment, read it again and retry.
  for (let attempt = 1; ; attempt += 1) {
    const current = attempt === 1 ? complaintCase : (await store.getCase(caseId))!;
    const wait = await store.getWait(caseId);
    const now = platformNow().toISOString();
    const planned = input.withdrawal ? planWithdrawal(current, wait, input.withdrawal, now) : planCompensationAnswer(current, input.answer!, now);
    if ('alreadyRecorded' in planned) return json(200, { caseId, reference: current.reference, recorded, alreadyRecorded: true });
    if ('status' in planned) throw refusalToHttp(planned);
    try {
      const { next } = await applyDecision(decisionDependencies(), { complaintCase: current, wait, planned, actor: { type: 'resident' }, requestId: event.requestContext.requestId, now });
      return json(200, { caseId, reference: next.reference, recorded });
    } catch (error) {
      if (attempt < 4 && (error instanceof VersionConflictError || error instanceof WaitChangedError)) continue;
      conflictToHttp(error);
    }
  }
});
