/**
 * The transactional email outbox (docs/LIFECYCLE.md, "Emails"). A lifecycle
 * step never sends email: it writes the rendered message as a notification
 * item with status `queued` — in the same transaction as the case change it
 * reports, or on its own under a once-only condition. One function fed by the
 * case table's stream sends it (`sendQueuedEmails`), and a scheduled sweep
 * (`retryQueuedEmails`) wakes retries that are due and hands emails that are
 * in doubt or refused too often to a person.
 *
 *   queued ──claim──▶ sending ──SES accepted──▶ sent
 *     ▲                 │ │
 *     └── SES refused ──┘ └── no answer: stays `sending` = in doubt ──▶ a person (sent / not sent → queued)
 *         (backoff; after `maxAttempts` refusals: failed ──▶ a person → queued again)
 *
 * This module holds the states, the timing policy and the pure decisions;
 * `emailDelivery.ts` runs them against the store.
 */
import type { PublicTimelineEntry } from '../auditTrail';
import type { CaseStore } from '../caseStore';
import type { Language } from '../complaint';
import type { CaseMutation, ComplaintCase } from '../complaintCase';
import type { EmailMessage } from './emailMessage';

/** What SES needs to send one email, and the ids our logs and its tags carry (no personal data). */
export interface OutgoingEmail extends EmailMessage {
  to: string;
  notificationKey: string;
  caseId: string;
  /** Which sending attempt this is (the claim's `sendingSince`): tagged on the message, so a receipt check can find it. */
  attempt?: string;
  /** The case's reply address (inboundMail/replyAddress.ts) on emails to the complainant: their answer threads into the case. */
  replyTo?: string;
}

/**
 * The mail service receipt check: asks the mail service whether it received one sending attempt of an email. Where
 * one exists (locally: the mailbox, infra/local/mailbox.ts) an email whose sending was interrupted is resolved without
 * a person: received → recorded sent; not received → queued again. SES has no lookup by tag or idempotency key, so in
 * AWS there is none and such an email goes to a person (docs/LIFECYCLE.md, "Emails").
 */
export interface MailReceiptCheck {
  /** Throws when the mail service cannot tell (the email then waits for a person, as without a check). */
  lookup(email: { caseId: string; notificationKey: string; attempt: string }): Promise<{ received: true; messageId: string } | { received: false }>;
}

/** The tag value of a sending attempt (SES tag values allow letters, digits, `_` and `-`). */
export const attemptTag = (sendingSince: string): string => sendingSince.replace(/[^A-Za-z0-9_-]/g, '_');

export interface EmailSender {
  /** Returns the provider's message id. Throws `EmailRefusedError` when the provider definitely did not accept it. */
  send(email: OutgoingEmail): Promise<string>;
}

/** The message was definitely not accepted (the service answered with an error, or could not be reached at all): it may be sent again. */
export class EmailRefusedError extends Error {
  override readonly name = 'EmailRefusedError';
}

/**
 * `queued`: waiting to be sent (again, after `nextAttemptAt` if set); `sending`: claimed by the sender,
 * and in doubt if it stays so; `sent`: accepted by the email service (or confirmed by a person);
 * `failed`: refused `maxAttempts` times, with a person; `withdrawn`: its content was erased before it went out.
 * `claimed` and `released` are the states of the design before the outbox (steps sent email themselves):
 * a `claimed` item is in doubt, a `released` one was refused and is queued again by the step that owns it.
 */
export type NotificationStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'withdrawn' | 'claimed' | 'released';

export interface NotificationRecord {
  caseId: string;
  notificationKey: string;
  status: NotificationStatus;
  queuedAt?: string;
  /** The address (personal data: removed when the complainant's data is erased). */
  recipient?: string;
  subject?: string;
  language?: Language;
  /** The rendered bodies, kept only until the email is sent (they may carry a private tracking link). */
  message?: { text: string; html: string };
  /** The public timeline entry the `email.sent` audit event carries (what the complainant's page shows). */
  publicWhenSent?: PublicTimelineEntry;
  /** Refused sending attempts so far. */
  attempts?: number;
  /** Not to be sent before this time (after a refusal). */
  nextAttemptAt?: string;
  /** Why the last attempt failed: an error name and status, never personal data. */
  lastError?: string;
  /** When the sender claimed it (status `sending`). */
  sendingSince?: string;
  /** Set when a person was asked to look at it (in doubt, or refused too often). */
  attention?: { reason: AttentionReason; at: string };
  sentAt?: string;
  messageId?: string;
  /** A person confirmed it was delivered, or settled it (user id). */
  confirmedBy?: string;
  /** Legacy (`claimed` items of the design before the outbox). */
  claimedAt?: string;
}

/** A rendered email ready to be queued. */
export interface QueuedEmail {
  caseId: string;
  notificationKey: string;
  to: string;
  message: EmailMessage;
  language?: Language;
  publicWhenSent?: PublicTimelineEntry;
  queuedAt: string;
  /** When the sweep picks it up if the stream has not sent it by then (a safety net; normally it is sent within a second). */
  pickUpAt: string;
}

export type AttentionReason = 'in-doubt' | 'refused';

/** On the case while emails wait for a person (the staff console shows it; the case list filters on it). */
export interface EmailAttention {
  since: string;
  emails: { notificationKey: string; reason: AttentionReason; at: string }[];
}

/** What the sender and the sweep do to notification items. Each change is conditional on the state it expects. */
export interface EmailOutbox {
  /** queued (and due) → sending. False if another delivery claimed it first or it is not due. */
  claim(caseId: string, notificationKey: string, at: { sendingSince: string; inDoubtAt: string }): Promise<boolean>;
  /**
   * sending → sent, with the provider's message id, and with `audit` (the `email.sent` event on the case) in the same
   * transaction. Throws `VersionConflictError` if the case changed meanwhile (plan the event again and retry).
   */
  recordSent(caseId: string, notificationKey: string, sent: { sendingSince: string; sentAt: string; messageId: string }, audit?: CaseMutation): Promise<void>;
  /** sending → queued again, not before `nextAttemptAt` (the sweep wakes it then). */
  requeue(caseId: string, notificationKey: string, sendingSince: string, retry: { attempts: number; nextAttemptAt: string; lastError: string }): Promise<void>;
  /** sending → failed: refused too often; a person decides. */
  fail(caseId: string, notificationKey: string, sendingSince: string, failure: { attempts: number; lastError: string; at: string }): Promise<void>;
  /** queued → queued without a wait, so the stream hands it to the sender now; the sweep looks again at `recheckAt`. False if no longer queued. */
  wake(caseId: string, notificationKey: string, at: { now: string; recheckAt: string }): Promise<boolean>;
  /** sending (still since `sendingSince`) → marked for a person as in doubt, out of the sweep. False if it moved on. */
  markInDoubt(caseId: string, notificationKey: string, sendingSince: string, at: string): Promise<boolean>;
  /** queued → withdrawn (its content was erased before it was sent). */
  withdraw(caseId: string, notificationKey: string, at: string): Promise<void>;
  /** Emails the sweep owes something at `now` (a retry due, a pick-up, an in-doubt check), oldest first: a Query of a sparse index. */
  dueEmails(now: string, limit: number): Promise<NotificationRecord[]>;
}

// ---------------------------------------------------------------------------
// Timing

export interface OutboxPolicy {
  /** Delay before the first retry after a refusal; doubled each time (with jitter), up to `retryMaxSeconds`. */
  retryBaseSeconds: number;
  retryMaxSeconds: number;
  /** Refusals before an email is given to a person (`failed`). */
  maxAttempts: number;
  /** A `sending` email older than this cannot still be in flight (the sender's timeout is far shorter): it is in doubt. */
  inDoubtAfterSeconds: number;
  /** A queued email the stream did not send by then is picked up by the sweep. */
  pickUpAfterSeconds: number;
}

/** 30 s, 1, 2, 4, 8, 16, 30, 30, 30 min: ten attempts over about two hours. */
export const DEFAULT_OUTBOX_POLICY: OutboxPolicy = {
  retryBaseSeconds: 30,
  retryMaxSeconds: 1800,
  maxAttempts: 10,
  inDoubtAfterSeconds: 300,
  pickUpAfterSeconds: 120,
};

/** The policy, with overrides in JSON (the platform passes `EMAIL_OUTBOX`; tests shorten the waits). */
export function outboxPolicy(json: string | undefined): OutboxPolicy {
  if (!json) return DEFAULT_OUTBOX_POLICY;
  const parsed = JSON.parse(json) as Partial<OutboxPolicy>;
  const policy = { ...DEFAULT_OUTBOX_POLICY, ...parsed };
  for (const [name, value] of Object.entries(policy)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new Error(`EMAIL_OUTBOX.${name} must be a positive number`);
  }
  return policy;
}

export const addSeconds = (iso: string, seconds: number): string => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/** A rendered email as the outbox stores it: the sweep picks it up after `pickUpAfterSeconds` if the stream has not sent it by then. */
export function queuedEmail(email: Omit<QueuedEmail, 'pickUpAt'>, policy: Pick<OutboxPolicy, 'pickUpAfterSeconds'> = DEFAULT_OUTBOX_POLICY): QueuedEmail {
  return { ...email, pickUpAt: addSeconds(email.queuedAt, policy.pickUpAfterSeconds) };
}

/**
 * Seconds to wait after the `attempts`-th refusal: exponential, capped, with "equal jitter" (half fixed, half
 * random) so that the emails refused together in an outage do not all come back at the same moment.
 */
export function retryDelaySeconds(attempts: number, policy: OutboxPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.retryMaxSeconds, policy.retryBaseSeconds * 2 ** Math.max(0, attempts - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

export type RefusalOutcome = { kind: 'retry'; attempts: number; nextAttemptAt: string } | { kind: 'give-up'; attempts: number };

/** After a refusal: try again later, or give the email to a person once it was refused `maxAttempts` times. */
export function afterRefusal(record: Pick<NotificationRecord, 'attempts'>, now: string, policy: OutboxPolicy, random: () => number = Math.random): RefusalOutcome {
  const attempts = (record.attempts ?? 0) + 1;
  if (attempts >= policy.maxAttempts) return { kind: 'give-up', attempts };
  return { kind: 'retry', attempts, nextAttemptAt: addSeconds(now, retryDelaySeconds(attempts, policy, random)) };
}

/** Queued and not waiting for a retry time. */
export function isDue(record: Pick<NotificationRecord, 'status' | 'nextAttemptAt'>, now: string): boolean {
  return record.status === 'queued' && (record.nextAttemptAt === undefined || record.nextAttemptAt <= now);
}

/** Claimed by a sender long enough ago that it cannot still be in flight (or a legacy claim). */
export function isInDoubt(record: Pick<NotificationRecord, 'status' | 'sendingSince'>, now: string, policy: OutboxPolicy): boolean {
  if (record.status === 'claimed') return true;
  return record.status === 'sending' && record.sendingSince !== undefined && addSeconds(record.sendingSince, policy.inDoubtAfterSeconds) <= now;
}

// ---------------------------------------------------------------------------
// Order

const sameAddress = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
const queuedBefore = (a: NotificationRecord, b: NotificationRecord) =>
  (a.queuedAt ?? '') < (b.queuedAt ?? '') || ((a.queuedAt ?? '') === (b.queuedAt ?? '') && a.notificationKey < b.notificationKey);

/** Still on its way: queued, or being sent and not yet handed to a person. */
const stillPending = (record: NotificationRecord) => record.status === 'queued' || (record.status === 'sending' && !record.attention);

/**
 * Emails to one recipient about one case go out in the order they were queued: the earlier email still on its
 * way that `record` must wait for, if any. Emails with a person (in doubt, failed) do not hold the others back.
 */
export function waitingBehind(record: NotificationRecord, caseEmails: readonly NotificationRecord[]): NotificationRecord | undefined {
  return caseEmails.find((other) => other.notificationKey !== record.notificationKey && sameAddress(other.recipient, record.recipient) && stillPending(other) && queuedBefore(other, record));
}

/** Whether other emails to the same recipient are still on their way (one of them may be waiting for `record`). */
export function othersInLine(record: NotificationRecord, caseEmails: readonly NotificationRecord[]): boolean {
  return caseEmails.some((other) => other.notificationKey !== record.notificationKey && sameAddress(other.recipient, record.recipient) && stillPending(other));
}

/** The next queued email to the same recipient once `record` is done with, if it can go now. */
export function nextInLine(record: NotificationRecord, caseEmails: readonly NotificationRecord[], now: string): NotificationRecord | undefined {
  const candidates = caseEmails
    .filter((other) => other.notificationKey !== record.notificationKey && sameAddress(other.recipient, record.recipient) && stillPending(other))
    .sort((a, b) => (queuedBefore(a, b) ? -1 : 1));
  const first = candidates[0];
  return first && isDue(first, now) ? first : undefined;
}

// ---------------------------------------------------------------------------
// Settling by a person

/** The emails of a case a person is asked to settle: those flagged on the case, and legacy claims in doubt. */
export function emailsToSettle(attention: EmailAttention | undefined, caseEmails: readonly NotificationRecord[]): NotificationRecord[] {
  const flagged = new Set((attention?.emails ?? []).map((e) => e.notificationKey));
  return caseEmails.filter((record) => record.status === 'claimed' || (flagged.has(record.notificationKey) && (record.status === 'sending' || record.status === 'failed')));
}

/** Adds one email to the case's attention list (unchanged if it is already there for the same reason). */
export function withAttention(current: EmailAttention | undefined, notificationKey: string, reason: AttentionReason, at: string): EmailAttention | undefined {
  if (current?.emails.some((e) => e.notificationKey === notificationKey && e.reason === reason)) return undefined;
  return { since: current?.since ?? at, emails: [...(current?.emails ?? []).filter((e) => e.notificationKey !== notificationKey), { notificationKey, reason, at }] };
}

/**
 * A person settled the emails of a case that waited for them (staff actions `settle-emails` and `resume-workflow`):
 * `were-sent` records them as sent, confirmed by that person; `were-not-sent` queues them again, from scratch.
 * Returns how many were settled (an email that moved on meanwhile is left alone).
 */
export async function settleEmails(
  store: Pick<CaseStore, 'listNotifications' | 'settleNotification'>,
  complaintCase: Pick<ComplaintCase, 'caseId' | 'emailAttention'>,
  verdict: 'were-sent' | 'were-not-sent',
  settled: { by: string; at: string },
  policy: Pick<OutboxPolicy, 'pickUpAfterSeconds'> = DEFAULT_OUTBOX_POLICY,
): Promise<number> {
  let count = 0;
  for (const record of emailsToSettle(complaintCase.emailAttention, await store.listNotifications(complaintCase.caseId))) {
    if (await store.settleNotification(record, verdict, { ...settled, pickUpAt: addSeconds(settled.at, policy.pickUpAfterSeconds) })) count += 1;
  }
  return count;
}
