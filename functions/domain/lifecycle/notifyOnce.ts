/**
 * Lifecycle steps never send email themselves: they queue it in the case
 * table's outbox (functions/domain/notifications/outbox.ts), and the stream
 * consumer `sendQueuedEmails` sends it. A complainant email is queued in the
 * same transaction as the case change it reports; an email to staff or an
 * outside party on its own. Either way each logical notification (its key) is
 * queued once, so a retried step is harmless, and a step never fails because
 * the mail service does.
 */
import type { PublicTimelineEntry } from '../auditTrail';
import type { CaseStore } from '../caseStore';
import { type CasePatch, type ComplaintCase, planMutation } from '../complaintCase';
import type { Estate } from '../estate';
import { NotificationAlreadyClaimedError, VersionConflictError } from '../errors';
import type { EmailMessage } from '../notifications/emailMessage';
import { type OutboxPolicy, queuedEmail } from '../notifications/outbox';
import { newTrackingToken, trackingUrl } from '../trackingToken';
import { LETTER_LINK, letterOf, withLetter } from '../letters/writtenLetters';

export interface StepDependencies {
  store: CaseStore;
  now: () => Date;
  publicBaseUrl: string;
  /** The outbox's timings (`EMAIL_OUTBOX`, read by the platform layer); unset, the defaults. */
  outboxPolicy?: Pick<OutboxPolicy, 'pickUpAfterSeconds'>;
}

export interface StepContext {
  caseId: string;
  /** The workflow task's request id, recorded in audit events. */
  requestId: string;
  /** Names the step in the audit trail (`system` actor id). */
  step: string;
}

export async function loadCase(deps: Pick<StepDependencies, 'store'>, caseId: string): Promise<{ complaintCase: ComplaintCase; estate: Estate }> {
  const complaintCase = await deps.store.getCase(caseId);
  if (!complaintCase) throw new Error(`case ${caseId} not found`);
  const estate = await deps.store.getEstate(complaintCase.estateId);
  if (!estate) throw new Error(`estate ${complaintCase.estateId} of case ${caseId} not found`);
  return { complaintCase, estate };
}

/** Queued before (in any state but `released`, which the design before the outbox left for a retry to take again). */
async function alreadyQueued(deps: StepDependencies, caseId: string, notificationKey: string): Promise<boolean> {
  const previous = await deps.store.getNotification(caseId, notificationKey);
  return previous !== undefined && previous.status !== 'released';
}

/**
 * Changes the case and emails the complainant about it, once: the change and the queued email commit together.
 * The email carries a fresh private link (only the token's digest is stored with the case). `public` is the
 * timeline entry of the change; `publicWhenSent`, one that says the complainant was written to, goes on the
 * `email.sent` event the sender records once the email is out (without an email address, on the change).
 * `patch` must give the same result when re-applied after a retry. Without a complainant email address the
 * change is still made, with the message as a letter to send (letters/writtenLetters.ts).
 */
export async function changeCaseAndNotifyComplainant(
  deps: StepDependencies,
  context: StepContext,
  notification: {
    key: string;
    auditAction: string;
    public?: PublicTimelineEntry;
    publicWhenSent?: PublicTimelineEntry;
    patch: (current: ComplaintCase, estate: Estate, now: string) => CasePatch;
    compose: (next: ComplaintCase, estate: Estate, trackingUrl: string) => EmailMessage;
  },
): Promise<ComplaintCase> {
  if (await alreadyQueued(deps, context.caseId, notification.key)) return (await loadCase(deps, context.caseId)).complaintCase;
  for (let attempt = 1; ; attempt += 1) {
    const { complaintCase: current, estate } = await loadCase(deps, context.caseId);
    const now = deps.now().toISOString();
    const recipient = current.complainant.email;
    // Without an email address the complainant is answered in writing (seed 003 書面回應): the same message becomes a
    // letter on the case, for staff to post or hand over; its timeline entry waits for them to record it sent.
    const writeLetter = !recipient && !current.erasure;
    if (writeLetter && letterOf(current, notification.key)) return current;
    const { token, tokenHash } = newTrackingToken();
    const timelineEntry = recipient || writeLetter ? notification.public : (notification.public ?? notification.publicWhenSent);
    const patch = notification.patch(current, estate, now);
    // A letter carries no private link: a bearer link on paper is neither typed nor safe; it names the desk and the reference instead.
    const letter = writeLetter ? withLetter(current, notification.key, notification.compose({ ...current, ...patch }, estate, LETTER_LINK), now, notification.publicWhenSent) : {};
    const mutation = planMutation(
      current,
      { ...patch, ...(recipient ? { trackingTokenHashes: [...current.trackingTokenHashes, tokenHash] } : {}), ...letter },
      { now, requestId: context.requestId, actor: { type: 'system', id: context.step }, action: notification.auditAction, ...(timelineEntry ? { public: timelineEntry } : {}) },
    );
    const email = recipient
      ? queuedEmail({
          caseId: current.caseId,
          notificationKey: notification.key,
          to: recipient,
          message: notification.compose(mutation.next, estate, trackingUrl(deps.publicBaseUrl, current.caseId, token)),
          language: current.language,
          ...(notification.publicWhenSent ? { publicWhenSent: notification.publicWhenSent } : {}),
          queuedAt: mutation.event.at,
        }, deps.outboxPolicy)
      : undefined;
    try {
      return await deps.store.applyMutation(mutation, email ? { queueEmail: email } : {});
    } catch (error) {
      if (error instanceof VersionConflictError && attempt < 5) continue;
      if (error instanceof NotificationAlreadyClaimedError) return (await loadCase(deps, context.caseId)).complaintCase;
      throw error;
    }
  }
}

/** Changes the case (with its audit event), retrying on a concurrent change; `patch` returning undefined means nothing to do. */
export async function changeCase(
  deps: StepDependencies,
  context: StepContext,
  change: { auditAction: string; public?: PublicTimelineEntry; patch: (current: ComplaintCase, estate: Estate, now: string) => CasePatch | undefined },
): Promise<ComplaintCase> {
  for (let attempt = 1; ; attempt += 1) {
    const { complaintCase: current, estate } = await loadCase(deps, context.caseId);
    const now = deps.now().toISOString();
    const patch = change.patch(current, estate, now);
    if (!patch) return current;
    const mutation = planMutation(current, patch, { now, requestId: context.requestId, actor: { type: 'system', id: context.step }, action: change.auditAction, ...(change.public ? { public: change.public } : {}) });
    try {
      return await deps.store.applyMutation(mutation);
    } catch (error) {
      if (error instanceof VersionConflictError && attempt < 5) continue;
      throw error;
    }
  }
}

/** Emails staff or an outside party, once: queued on its own (nothing if that notification was queued before). */
export async function notifyOnce(deps: StepDependencies, caseId: string, key: string, to: string, message: EmailMessage): Promise<void> {
  if (await alreadyQueued(deps, caseId, key)) return;
  await deps.store.queueEmail(queuedEmail({ caseId, notificationKey: key, to, message, queuedAt: deps.now().toISOString() }, deps.outboxPolicy));
}
