/**
 * Every email goes out at most once per logical notification, even when a
 * workflow task is retried: the notification is claimed before sending (for
 * complainant emails, in the same transaction as the case change that goes
 * with it); a claim that was never confirmed sent stops the step for a person
 * to check, and a definite refusal by the mail service releases it for a retry.
 */
import { type EmailSender, EmailRefusedError, NotificationInDoubtError } from '../acknowledgement';
import type { PublicTimelineEntry } from '../auditTrail';
import type { CaseStore } from '../caseStore';
import { type CasePatch, type ComplaintCase, planMutation } from '../complaintCase';
import type { Estate } from '../estate';
import { NotificationAlreadyClaimedError, VersionConflictError } from '../errors';
import type { EmailMessage } from '../notifications/emailMessage';
import { newTrackingToken, trackingUrl } from '../trackingToken';

export interface StepDependencies {
  store: CaseStore;
  email: EmailSender;
  now: () => Date;
  publicBaseUrl: string;
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

async function alreadyDone(deps: StepDependencies, caseId: string, notificationKey: string): Promise<boolean> {
  const previous = await deps.store.getNotification(caseId, notificationKey);
  if (previous?.status === 'sent') return true;
  if (previous?.status === 'claimed') throw new NotificationInDoubtError(`${notificationKey} of case ${caseId} was claimed at ${previous.claimedAt} but not confirmed sent`);
  return false;
}

async function sendClaimed(deps: StepDependencies, caseId: string, notificationKey: string, to: string, message: EmailMessage): Promise<void> {
  let messageId: string;
  try {
    messageId = await deps.email.send({ ...message, to, notificationKey, caseId });
  } catch (error) {
    if (error instanceof EmailRefusedError) await deps.store.releaseNotification(caseId, notificationKey, error.message);
    throw error;
  }
  await deps.store.recordNotificationSent(caseId, notificationKey, { messageId, sentAt: deps.now().toISOString(), to, subject: message.subject });
}

/**
 * Changes the case and emails the complainant about it, once. The change and
 * the claim commit together; the email carries a fresh private link.
 * `patch` must give the same result when re-applied after a retry.
 * Without a complainant email address the change is still made.
 */
export async function changeCaseAndNotifyComplainant(
  deps: StepDependencies,
  context: StepContext,
  notification: {
    key: string;
    auditAction: string;
    public?: PublicTimelineEntry;
    patch: (current: ComplaintCase, estate: Estate, now: string) => CasePatch;
    compose: (next: ComplaintCase, estate: Estate, trackingUrl: string) => EmailMessage;
  },
): Promise<ComplaintCase> {
  if (await alreadyDone(deps, context.caseId, notification.key)) return (await loadCase(deps, context.caseId)).complaintCase;
  for (let attempt = 1; ; attempt += 1) {
    const { complaintCase: current, estate } = await loadCase(deps, context.caseId);
    const now = deps.now().toISOString();
    const recipient = current.complainant.email;
    const { token, tokenHash } = newTrackingToken();
    const mutation = planMutation(
      current,
      { ...notification.patch(current, estate, now), ...(recipient ? { trackingTokenHashes: [...current.trackingTokenHashes, tokenHash] } : {}) },
      { now, requestId: context.requestId, actor: { type: 'system', id: context.step }, action: notification.auditAction, ...(notification.public ? { public: notification.public } : {}) },
    );
    try {
      await deps.store.applyMutation(mutation, recipient ? { claimNotification: notification.key } : {});
    } catch (error) {
      if (error instanceof VersionConflictError && attempt < 5) continue;
      if (error instanceof NotificationAlreadyClaimedError) return (await loadCase(deps, context.caseId)).complaintCase;
      throw error;
    }
    if (recipient) {
      const message = notification.compose(mutation.next, estate, trackingUrl(deps.publicBaseUrl, current.caseId, token));
      await sendClaimed(deps, context.caseId, notification.key, recipient, message);
    }
    return mutation.next;
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

/** Emails staff or an outside party, once. */
export async function notifyOnce(deps: StepDependencies, caseId: string, key: string, to: string, message: EmailMessage): Promise<void> {
  if (await alreadyDone(deps, caseId, key)) return;
  if (!(await deps.store.claimNotification(caseId, key, deps.now().toISOString()))) {
    if (await alreadyDone(deps, caseId, key)) return;
    throw new NotificationInDoubtError(`${key} of case ${caseId} is being sent by another attempt`);
  }
  await sendClaimed(deps, caseId, key, to, message);
}
