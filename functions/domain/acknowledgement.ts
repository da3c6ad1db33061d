/**
 * Acknowledgement (ISO 10002 "acknowledgement"): the first step of every
 * lifecycle. Marks the case acknowledged, issues the private link and queues
 * the acknowledgement email with that change — once, even when Step Functions
 * retries the task. The outbox sends it (notifications/outbox.ts).
 */
import { acknowledgementEmail } from './notifications/acknowledgementEmail';
import { changeCaseAndNotifyComplainant, loadCase, type StepDependencies } from './lifecycle/notifyOnce';
import { acknowledgementDueBy, currentDueBy, newDeadlineState } from './lifecycle/deadlineTracking';
import { proposeTriage } from './lifecycle/triageRules';

export const ACKNOWLEDGEMENT = 'acknowledgement';

/** `resolvedOnTheSpot` tells the workflow to skip triage and investigation (seed 001 §5.1.2). */
export type AcknowledgementOutcome = { caseId: string; status: string; emailQueued: boolean; resolvedOnTheSpot: boolean };

export async function acknowledgeComplaint(caseId: string, requestId: string, deps: StepDependencies): Promise<AcknowledgementOutcome> {
  // A duplicate is an open case of the same unit received before this one (never this one, nor a later one received meanwhile).
  const { complaintCase } = await loadCase(deps, caseId);
  const openCasesOfUnit = complaintCase.proposedTriage
    ? []
    : (await deps.store.listOpenCasesOfUnit(complaintCase.estateId, complaintCase.unit)).filter(
        (open) => open.caseId !== caseId && (open.receivedAt < complaintCase.receivedAt || (open.receivedAt === complaintCase.receivedAt && open.caseId < caseId)),
      );
  const acknowledged = await changeCaseAndNotifyComplainant(deps, { caseId, requestId, step: 'acknowledgeComplaint' }, {
    key: ACKNOWLEDGEMENT,
    auditAction: 'complaint.acknowledged',
    // "Acknowledgement sent to you by email" goes on the timeline when it is sent.
    publicWhenSent: { kind: 'acknowledged' },
    patch: (current, estate, now) => {
      const acknowledgedAt = current.acknowledgedAt ?? now;
      const deadline = current.deadline ?? newDeadlineState(estate, current.stage, current.receivedAt);
      const acknowledgementDue = current.acknowledgement?.dueBy ?? acknowledgementDueBy(estate, current.receivedAt);
      return {
        status: current.status === 'received' ? 'acknowledged' : current.status,
        acknowledgedAt,
        acknowledgement: { dueBy: acknowledgementDue, late: acknowledgementDue !== null && acknowledgedAt > acknowledgementDue },
        // The date promised follows the estate's policy, e.g. 10 working days from acknowledgement (Housing Ombudsman 2024);
        // until triage confirms a severity, the general tier. A case already triaged keeps its deadline.
        deadline,
        responseDueBy: current.caseClass ? current.responseDueBy : currentDueBy({ ...current, acknowledgedAt, deadline }, estate, acknowledgedAt),
        // Initial assessment starts with the rules' proposal, which a person confirms or corrects at triage.
        proposedTriage: current.proposedTriage ?? proposeTriage(current.description, { openCasesOfUnit, dangerReported: current.dangerReported === true }),
      };
    },
    compose: (next, estate, trackingUrl) =>
      acknowledgementEmail({
        language: next.language,
        complainantName: next.complainant.name,
        reference: next.reference,
        estateName: estate.names[next.language],
        receivedAt: next.receivedAt,
        responseDueBy: next.responseDueBy,
        timeZone: estate.timeZone,
        trackingUrl,
      }),
  });
  return { caseId, status: acknowledged.status, emailQueued: Boolean(acknowledged.complainant.email), resolvedOnTheSpot: Boolean(acknowledged.onTheSpot) };
}
