/**
 * Compensation review hand-off and the response to the complainant (ISO 10002
 * "response" and "communicating the decision"): the outcome, the decision and
 * its reasons, the remedy, outstanding actions, any compensation, and how to
 * take it further — in the complainant's language.
 */
import { compensationDecisionRequestEmail, responseEmail } from '../notifications/lifecycleEmails';
import { grantedCompensation } from './compensationReview';
import { residentFacts, staffFacts } from './emailFacts';
import { followUpTime } from './routing';
import { changeCaseAndNotifyComplainant, loadCase, notifyOnce, type StepContext, type StepDependencies } from './notifyOnce';

/** Asks the estate manager (or HQ, above the group threshold) to decide a claim. */
export async function requestCompensationDecision(deps: StepDependencies, caseId: string, approver: 'estate-manager' | 'hq') {
  const { complaintCase, estate } = await loadCase(deps, caseId);
  const claim = complaintCase.compensationClaim;
  if (!claim) throw new Error(`case ${caseId} has no compensation claim`);
  const proposal = complaintCase.compensation?.proposal;
  const valueRecovery = complaintCase.compensation?.valueRecovery;
  const summary = complaintCase.compensation?.summary;
  await notifyOnce(deps, caseId, `compensation-request-${approver}-stage${complaintCase.stage}`, approver === 'hq' ? (await deps.store.groupSettings()).hqEmail : estate.managerEmail, compensationDecisionRequestEmail({
    ...staffFacts(complaintCase, estate, deps.publicBaseUrl),
    claim: { amount: claim.amount, currency: claim.currency, ...(claim.reason ? { reason: claim.reason } : {}) },
    ...(proposal ? { proposal: { amount: proposal.amount, note: proposal.note } } : {}),
    ...(valueRecovery ? { valueRecovery } : {}),
    ...(summary ? { summary: { recommendation: summary.recommendation, amount: summary.amount, reasons: summary.reasons } } : {}),
    approver,
  }));
  return { caseId, approver };
}

export async function sendResponse(deps: StepDependencies, context: StepContext) {
  const settings = (await deps.store.groupSettings());
  const { complaintCase } = await loadCase(deps, context.caseId);
  const stage = complaintCase.stage;
  const updated = await changeCaseAndNotifyComplainant(deps, context, {
    key: `response-stage${stage}`,
    auditAction: 'complainant.notified:response',
    publicWhenSent: { kind: 'responded', params: { outcome: complaintCase.response?.outcome ?? '' } },
    patch: (current, _estate, now) =>
      current.response?.sentAt
        ? {}
        : { status: 'responded', response: { ...current.response!, sentAt: now }, followUpAt: followUpTime(now, settings.followUpAfterDays) },
    compose: (next, estate, link) => {
      const response = next.response!;
      const compensation = grantedCompensation(next);
      return responseEmail({
        ...residentFacts(next, estate, link),
        stage: next.stage,
        outcome: response.outcome,
        decision: response.decision,
        reasons: response.reasons,
        ...(response.remedy ? { remedy: response.remedy } : {}),
        outstandingActions: response.outstandingActions,
        ...(compensation ? { compensation } : {}),
        nextStepsUrl: link,
        ...(estate.ombudsmanContact ? { ombudsmanContact: estate.ombudsmanContact } : {}),
      });
    },
  });
  return { caseId: updated.caseId, followUpAt: updated.followUpAt ?? followUpTime(deps.now().toISOString(), settings.followUpAfterDays) };
}
