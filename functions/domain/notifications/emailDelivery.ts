/**
 * Sending what the outbox holds (outbox.ts): `deliverQueuedEmail` for each
 * queued email the table stream brings (function `sendQueuedEmails`), and
 * `sweepOutbox` on a schedule (function `retryQueuedEmails`).
 *
 * - At most once: the sender claims an email (queued → sending) before calling
 *   the mail service, under a condition, so two deliveries of one stream record
 *   can never both send it. An email whose sending got no answer stays
 *   `sending`: it may have gone out, so it is never sent again without a person.
 * - Nothing lost: a refusal puts it back in the queue with a backoff; the sweep
 *   wakes it when due, and also picks up any queued email the stream did not
 *   deliver. After `maxAttempts` refusals, or once in doubt, the case is flagged
 *   for a person (`emailAttention`, alert to the estate's customer-service desk),
 *   who settles it: sent, or not sent (queued again).
 * - In order: emails to one recipient about one case go out in the order they
 *   were queued.
 * - True audit trail: the `email.sent:<key>` event is appended to the case's
 *   chain in the same transaction that marks the email sent; it carries the public
 *   timeline entry that says the complainant was written to.
 */
import type { CaseStore } from '../caseStore';
import { EMAIL_SENT_ACTION_PREFIX } from '../caseVersions';
import { CASE_ID_PATTERN, planMutation } from '../complaintCase';
import { VersionConflictError } from '../errors';
import { staffCaseUrl } from '../lifecycle/emailFacts';
import { escapeHtml } from './emailMessage';
import {
  addSeconds,
  afterRefusal,
  type AttentionReason,
  EmailRefusedError,
  type EmailOutbox,
  type EmailSender,
  isDue,
  type MailReceiptCheck,
  isInDoubt,
  nextInLine,
  type NotificationRecord,
  othersInLine,
  type OutboxPolicy,
  queuedEmail,
  waitingBehind,
  withAttention,
  attemptTag,
} from './outbox';

export interface DeliveryDependencies {
  store: CaseStore;
  outbox: EmailOutbox;
  email: EmailSender;
  now: () => Date;
  publicBaseUrl: string;
  policy: OutboxPolicy;
  random?: () => number;
  /** The reply address of a case, when inbound mail is set up (absent, emails carry no Reply-To). */
  replyAddress?: (caseId: string) => string;
}

/**
 * The sweep never sends: it only changes notification items, and the stream brings the woken ones to the sender.
 * With a mail receipt check it resolves emails whose sending was interrupted by asking the mail service.
 */
export type SweepDependencies = Omit<DeliveryDependencies, 'email' | 'random'> & { receipts?: MailReceiptCheck };

/**
 * `sent`; `not-queued` (sent, being sent, or settled already: a repeated record); `not-due` (waiting for its retry
 * time); `waiting` (an earlier email to the same recipient goes first); `retry-later` (refused, queued again);
 * `failed` (refused too often, with a person); `in-doubt` (no answer: it stays `sending`); `withdrawn` (erased).
 */
export type DeliveryOutcome = 'sent' | 'not-queued' | 'not-due' | 'waiting' | 'retry-later' | 'failed' | 'in-doubt' | 'withdrawn';

/** The sender's actor in the audit trail. */
const SENDER = { type: 'system', id: 'sendQueuedEmails' } as const;

export async function deliverQueuedEmail(
  deps: DeliveryDependencies,
  email: { caseId: string; notificationKey: string },
  requestId: string,
): Promise<{ outcome: DeliveryOutcome; errorName?: string }> {
  const caseEmails = await deps.store.listNotifications(email.caseId);
  const record = caseEmails.find((r) => r.notificationKey === email.notificationKey);
  if (!record || record.status !== 'queued') return { outcome: 'not-queued' };
  const now = deps.now().toISOString();
  if (!isDue(record, now)) return { outcome: 'not-due' };
  if (!record.message || !record.recipient) {
    // Erased on the complainant's request before it went out: there is nothing left to send.
    await deps.outbox.withdraw(record.caseId, record.notificationKey, now);
    return { outcome: 'withdrawn' };
  }
  if (waitingBehind(record, caseEmails)) return { outcome: 'waiting' };

  const sendingSince = now;
  if (!(await deps.outbox.claim(record.caseId, record.notificationKey, { sendingSince, inDoubtAt: addSeconds(now, deps.policy.inDoubtAfterSeconds) }))) {
    return { outcome: 'not-queued' };
  }
  let messageId: string;
  try {
    messageId = await deps.email.send({
      to: record.recipient,
      subject: record.subject ?? '',
      text: record.message.text,
      html: record.message.html,
      notificationKey: record.notificationKey,
      caseId: record.caseId,
      attempt: sendingSince,
      // Emails to the complainant (written in their language) invite a reply into the case; staff alerts do not.
      ...(deps.replyAddress && record.language && CASE_ID_PATTERN.test(record.caseId) ? { replyTo: deps.replyAddress(record.caseId) } : {}),
    });
  } catch (error) {
    const errorName = (error as Error).name;
    // No answer: the service may have accepted it. It stays `sending`; the sweep hands it to a person.
    if (!(error instanceof EmailRefusedError)) return { outcome: 'in-doubt', errorName };
    const at = deps.now().toISOString();
    const next = afterRefusal(record, at, deps.policy, deps.random);
    if (next.kind === 'retry') {
      await deps.outbox.requeue(record.caseId, record.notificationKey, sendingSince, { attempts: next.attempts, nextAttemptAt: next.nextAttemptAt, lastError: error.message });
      return { outcome: 'retry-later', errorName };
    }
    await deps.outbox.fail(record.caseId, record.notificationKey, sendingSince, { attempts: next.attempts, lastError: error.message, at });
    await raiseEmailAttention(deps, { ...record, attempts: next.attempts }, 'refused', requestId);
    if (othersInLine(record, caseEmails)) await wakeNextInLine(deps, record);
    return { outcome: 'failed', errorName };
  }
  await recordSent(deps, record, { sendingSince, messageId }, requestId);
  // Emails queued after the list was read come later in this case's stream and see this one sent: only those already
  // listed may be waiting for it.
  if (othersInLine(record, caseEmails)) await wakeNextInLine(deps, record);
  return { outcome: 'sent' };
}

/** Marks the email sent and appends `email.sent:<key>` to the case's chain, in one transaction (retried on a concurrent case change). */
async function recordSent(deps: Pick<DeliveryDependencies, 'store' | 'outbox' | 'now'>, record: NotificationRecord, sending: { sendingSince: string; messageId: string }, requestId: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await deps.store.getCase(record.caseId);
    const sentAt = deps.now().toISOString();
    const audit = current
      ? planMutation(current, {}, { now: sentAt, requestId, actor: SENDER, action: `${EMAIL_SENT_ACTION_PREFIX}${record.notificationKey}`, ...(record.publicWhenSent ? { public: record.publicWhenSent } : {}) })
      : undefined;
    try {
      await deps.outbox.recordSent(record.caseId, record.notificationKey, { ...sending, sentAt }, audit);
      return;
    } catch (error) {
      if (error instanceof VersionConflictError && attempt < 10) continue;
      throw error;
    }
  }
}

/** Once an email is done with (sent, or handed to a person), the next one to the same recipient may go. */
async function wakeNextInLine(deps: SweepDependencies, record: NotificationRecord): Promise<void> {
  const now = deps.now().toISOString();
  const next = nextInLine(record, await deps.store.listNotifications(record.caseId), now);
  if (next) await deps.outbox.wake(next.caseId, next.notificationKey, { now, recheckAt: addSeconds(now, deps.policy.pickUpAfterSeconds) });
}

/**
 * The scheduled sweep: wakes queued emails whose retry time came (or that the stream did not deliver), and hands
 * emails that have been `sending` for longer than `inDoubtAfterSeconds` to a person — unless the mail service
 * receipt check can tell whether it received them. Reads a sparse index only.
 *
 * `recoverInterrupted` (the local runtime, at start-up, before any sender runs): every email still `sending` was
 * interrupted by the previous run's end; each is resolved by the receipt check at once, not after the in-doubt wait.
 */
export async function sweepOutbox(deps: SweepDependencies, requestId: string, limit = 200, options: { recoverInterrupted?: boolean } = {}): Promise<{ woken: number; inDoubt: number; resolved: number }> {
  const now = deps.now().toISOString();
  let woken = 0;
  let inDoubt = 0;
  let resolved = 0;
  if (options.recoverInterrupted) {
    if (!deps.receipts) return { woken, inDoubt, resolved };
    // Every due time sorts below this bound: the whole index, of which only emails being sent are looked at.
    for (const record of await deps.outbox.dueEmails('9999', 100_000)) {
      if (record.status === 'sending' && record.sendingSince && !record.attention && (await resolveByReceipt(deps, record, requestId)) !== 'unknown') resolved += 1;
    }
    return { woken, inDoubt, resolved };
  }
  for (const record of await deps.outbox.dueEmails(now, limit)) {
    if (record.status === 'queued') {
      if (await deps.outbox.wake(record.caseId, record.notificationKey, { now, recheckAt: addSeconds(now, deps.policy.pickUpAfterSeconds) })) woken += 1;
    } else if (record.status === 'sending' && record.sendingSince && isInDoubt(record, now, deps.policy)) {
      if (deps.receipts && (await resolveByReceipt(deps, record, requestId)) !== 'unknown') {
        resolved += 1;
        continue;
      }
      if (!(await deps.outbox.markInDoubt(record.caseId, record.notificationKey, record.sendingSince, now))) continue;
      inDoubt += 1;
      await raiseEmailAttention(deps, record, 'in-doubt', requestId);
      await wakeNextInLine(deps, { ...record, attention: { reason: 'in-doubt', at: now } });
    }
  }
  return { woken, inDoubt, resolved };
}

/**
 * Asks the mail service whether it received this sending attempt. Received: recorded sent, with its `email.sent`
 * event (so the public timeline says it went out). Not received: queued again at once (attempts unchanged; nothing
 * was refused). `unknown` when the service cannot tell, or the email moved on meanwhile.
 */
export async function resolveByReceipt(deps: SweepDependencies, due: NotificationRecord, requestId: string): Promise<'sent' | 'requeued' | 'unknown'> {
  if (!deps.receipts || !due.sendingSince) return 'unknown';
  // The index may not hold every attribute (the public timeline entry): the item itself is read.
  const record = (await deps.store.listNotifications(due.caseId)).find((r) => r.notificationKey === due.notificationKey);
  if (!record || record.status !== 'sending' || record.sendingSince !== due.sendingSince || record.attention) return 'unknown';
  let receipt: Awaited<ReturnType<MailReceiptCheck['lookup']>>;
  try {
    receipt = await deps.receipts.lookup({ caseId: record.caseId, notificationKey: record.notificationKey, attempt: attemptTag(record.sendingSince!) });
  } catch {
    return 'unknown';
  }
  try {
    if (receipt.received) {
      await recordSent(deps, record, { sendingSince: record.sendingSince!, messageId: receipt.messageId }, requestId);
    } else {
      const now = deps.now().toISOString();
      await deps.outbox.requeue(record.caseId, record.notificationKey, record.sendingSince!, { attempts: record.attempts ?? 0, nextAttemptAt: now, lastError: 'interrupted; the mail service did not receive it' });
    }
  } catch {
    // Moved on meanwhile (conditional write): whoever moved it owns it now.
    return 'unknown';
  }
  if (receipt.received) await wakeNextInLine(deps, { ...record, status: 'sent' });
  return receipt.received ? 'sent' : 'requeued';
}

/** Alerts about emails need no alert of their own when they fail (the case is flagged either way). */
const isAlert = (notificationKey: string) => notificationKey.startsWith('email-attention-') || notificationKey.startsWith('attention-');

/**
 * Flags the case for a person: `emailAttention` on the case (the console shows it, the case list filters on it) with
 * an audit event, and an alert to the estate's customer-service desk queued in the same transaction.
 */
export async function raiseEmailAttention(deps: Omit<SweepDependencies, 'outbox'>, record: NotificationRecord, reason: AttentionReason, requestId: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await deps.store.getCase(record.caseId);
    if (!current) return;
    const now = deps.now().toISOString();
    const attention = withAttention(current.emailAttention, record.notificationKey, reason, now);
    if (!attention) return;
    const mutation = planMutation(current, { emailAttention: attention }, { now, requestId, actor: { type: 'system', id: 'emailOutbox' }, action: `email.needs-attention:${record.notificationKey}:${reason}`.slice(0, 200) });
    const estate = isAlert(record.notificationKey) ? undefined : await deps.store.getEstate(current.estateId);
    const alert = estate
      ? queuedEmail(
          {
            caseId: current.caseId,
            notificationKey: `email-attention-${mutation.event.seq}`,
            to: estate.customerServiceEmail,
            message: emailAttentionAlert({ reference: current.reference, notificationKey: record.notificationKey, reason, attempts: record.attempts ?? 0, caseUrl: staffCaseUrl(deps.publicBaseUrl, current.caseId) }),
            queuedAt: now,
          },
          deps.policy,
        )
      : undefined;
    try {
      await deps.store.applyMutation(mutation, alert ? { queueEmail: alert } : {});
      return;
    } catch (error) {
      if (error instanceof VersionConflictError && attempt < 10) continue;
      throw error;
    }
  }
}

/** Bilingual, like the parking alert: what happened, and what to do in the staff console. */
export function emailAttentionAlert(facts: { reference: string; notificationKey: string; reason: AttentionReason; attempts: number; caseUrl: string }) {
  const subject = `[Email needs attention 電郵需跟進] Complaint ${facts.reference}: ${facts.notificationKey}`;
  const paragraphs =
    facts.reason === 'in-doubt'
      ? [
          `投訴 ${facts.reference} 的電郵「${facts.notificationKey}」發送時郵件服務沒有回應，可能已發出，也可能沒有，因此不會自動重發。請查核（例如向收件人確認），然後在職員介面選擇「已發出」或「未發出：重新發送」。`,
          `The email "${facts.notificationKey}" of complaint ${facts.reference} got no answer from the mail service while being sent: it may or may not have gone out, so it is not sent again automatically.`,
          'Please check (for example with the recipient), then settle it in the staff console: sent, or not sent (send it again).',
        ]
      : [
          `投訴 ${facts.reference} 的電郵「${facts.notificationKey}」被郵件服務拒絕 ${facts.attempts} 次，已停止自動重試。請查核收件地址，然後在職員介面選擇「未發出：重新發送」，或以其他方式聯絡後選擇「已發出」。`,
          `The email "${facts.notificationKey}" of complaint ${facts.reference} was refused by the mail service ${facts.attempts} times and is no longer retried.`,
          'Please check the address, then settle it in the staff console: not sent (send it again), or sent if you reached the recipient another way.',
        ];
  return {
    subject,
    text: [...paragraphs, facts.caseUrl].join('\n\n'),
    html: `${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}<p><a href="${escapeHtml(facts.caseUrl)}">${escapeHtml(facts.caseUrl)}</a></p>`,
  };
}
