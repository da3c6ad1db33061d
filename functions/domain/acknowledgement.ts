/**
 * Acknowledgement (ISO 10002 "acknowledgement"): the first step of every
 * lifecycle. Marks the case acknowledged, issues the private link and emails
 * it — at most once, even when Step Functions retries the task.
 */
import type { CaseStore } from './caseStore';
import { type ComplaintCase, planMutation } from './complaintCase';
import { NotificationAlreadyClaimedError, VersionConflictError } from './errors';
import { acknowledgementEmail } from './notifications/acknowledgementEmail';
import type { EmailMessage } from './notifications/emailMessage';
import { proposeTriage } from './lifecycle/triageRules';
import { newTrackingToken, trackingUrl } from './trackingToken';

export const ACKNOWLEDGEMENT = 'acknowledgement';

export interface OutgoingEmail extends EmailMessage {
  to: string;
  /** The logical notification, for the mail provider's tags and our logs (no personal data). */
  notificationKey: string;
  caseId: string;
}

export interface EmailSender {
  /** Returns the provider's message id. Throws `EmailRefusedError` when the provider definitely did not accept it. */
  send(email: OutgoingEmail): Promise<string>;
}

/** The provider answered with an error: the message was not sent and may be retried. */
export class EmailRefusedError extends Error {
  override readonly name = 'EmailRefusedError';
}

/** A previous attempt claimed this email and may or may not have sent it; a person must check. */
export class NotificationInDoubtError extends Error {
  override readonly name = 'NotificationInDoubtError';
}

export interface AcknowledgementDependencies {
  store: CaseStore;
  email: EmailSender;
  now: () => Date;
  publicBaseUrl: string;
}

/** `resolvedOnTheSpot` tells the workflow to skip triage and investigation (seed 001 §5.1.2). */
export type AcknowledgementOutcome = { caseId: string; status: string; emailed: boolean; resolvedOnTheSpot: boolean };

export async function acknowledgeComplaint(caseId: string, requestId: string, deps: AcknowledgementDependencies): Promise<AcknowledgementOutcome> {
  const previous = await deps.store.getNotification(caseId, ACKNOWLEDGEMENT);
  if (previous?.status === 'sent') {
    const done = await deps.store.getCase(caseId);
    return { caseId, status: done?.status ?? 'acknowledged', emailed: true, resolvedOnTheSpot: Boolean(done?.onTheSpot) };
  }
  if (previous?.status === 'claimed') throw new NotificationInDoubtError(`acknowledgement of case ${caseId} was claimed at ${previous.claimedAt} but not confirmed sent`);

  for (let attempt = 1; ; attempt += 1) {
    const current = await deps.store.getCase(caseId);
    if (!current) throw new Error(`case ${caseId} not found`);
    const estate = await deps.store.getEstate(current.estateId);
    if (!estate) throw new Error(`estate ${current.estateId} of case ${caseId} not found`);
    const recipient = current.complainant.email;
    const now = deps.now().toISOString();
    const { token, tokenHash } = newTrackingToken();
    const mutation = planMutation(
      current,
      {
        status: current.status === 'received' ? 'acknowledged' : current.status,
        acknowledgedAt: current.acknowledgedAt ?? now,
        // Initial assessment starts with the rules' proposal, which a person confirms or corrects at triage.
        proposedTriage: current.proposedTriage ?? proposeTriage(current.description),
        ...(recipient ? { trackingTokenHashes: [...current.trackingTokenHashes, tokenHash] } : {}),
      },
      {
        now,
        requestId,
        actor: { type: 'system', id: 'acknowledgeComplaint' },
        action: 'complaint.acknowledged',
        public: { kind: 'acknowledged' },
      },
    );
    try {
      await deps.store.applyMutation(mutation, recipient ? { claimNotification: ACKNOWLEDGEMENT } : {});
    } catch (error) {
      if (error instanceof VersionConflictError && attempt < 5) continue;
      if (error instanceof NotificationAlreadyClaimedError) return { caseId, status: current.status, emailed: true, resolvedOnTheSpot: Boolean(current.onTheSpot) };
      throw error;
    }
    const resolvedOnTheSpot = Boolean(current.onTheSpot);
    if (!recipient) return { caseId, status: mutation.next.status, emailed: false, resolvedOnTheSpot };
    await sendClaimed(mutation.next, recipient, token, estate.names[current.language], estate.timeZone, deps);
    return { caseId, status: mutation.next.status, emailed: true, resolvedOnTheSpot };
  }
}

async function sendClaimed(
  complaintCase: ComplaintCase,
  recipient: string,
  token: string,
  estateName: string,
  timeZone: string,
  deps: AcknowledgementDependencies,
): Promise<void> {
  const message = acknowledgementEmail({
    language: complaintCase.language,
    complainantName: complaintCase.complainant.name,
    reference: complaintCase.reference,
    estateName,
    receivedAt: complaintCase.receivedAt,
    responseDueBy: complaintCase.responseDueBy,
    timeZone,
    trackingUrl: trackingUrl(deps.publicBaseUrl, complaintCase.caseId, token),
  });
  let messageId: string;
  try {
    messageId = await deps.email.send({ ...message, to: recipient, notificationKey: ACKNOWLEDGEMENT, caseId: complaintCase.caseId });
  } catch (error) {
    if (error instanceof EmailRefusedError) await deps.store.releaseNotification(complaintCase.caseId, ACKNOWLEDGEMENT, error.message);
    throw error;
  }
  await deps.store.recordNotificationSent(complaintCase.caseId, ACKNOWLEDGEMENT, { messageId, sentAt: deps.now().toISOString(), to: recipient, subject: message.subject });
}
