/**
 * The mail desk: inbound messages set aside for staff (refused by receiveInboundEmail), one desk per
 * estate (its CS lead, manager and HQ) and one for mail to no known estate (HQ). An entry says why the
 * message was set aside, when it came, who sent it (masked address and a digest, never the address
 * itself) and its subject; the raw message stays in the inbound-mail bucket under `set-aside/`.
 * Staff file it as a complaint, attach it to a case as a reply, or refuse it (with a notice only where
 * that is safe). Every step is an entry of one hash chain, the mail-desk ledger (who, when, what,
 * before → after), sealed like the other ledgers (functions/domain/hashChain.ts). Pure.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { Actor } from '../auditTrail';
import { CASE_ID_PATTERN } from '../complaintCase';
import { estateIdSchema } from '../estateIdSchema';
import { canonicalJson } from '../canonicalJson';
import { type ChainProblem, sealAfter, verifyChain } from '../hashChain';
import type { InboundRefusal } from './receiveInboundEmail';

/** The desk of mail to no known estate (HQ's). */
export const UNADDRESSED_DESK = '(unaddressed)';

export interface SetAsideMessage {
  /** The message's name in the bucket (the SES message id; the last part of its key). */
  messageId: string;
  /** Where the raw message is: `set-aside/<reason>/<messageId>`. */
  objectKey: string;
  /** An estate id, or UNADDRESSED_DESK. */
  desk: string;
  reason: InboundRefusal;
  receivedAt: string;
  /** `c***@example.net`: enough to recognise, not enough to write to. */
  maskedSender: string;
  /** Salted digest of the sender's address (the email intake's rate-limit subject), to see the same sender again. */
  senderDigest: string;
  subject: string;
  /** A notice may go back to the sender (never to a forged, infected, automated or flooding one). */
  noticeAllowed: boolean;
  /** The case a reply was meant for, when known (a reply refused for its files). */
  caseId?: string;
}

/** Refusals whose sender must not be answered: forged or infected mail, floods, mail with no sender. */
const SILENT_REFUSALS: ReadonlySet<InboundRefusal> = new Set(['sender-not-authenticated', 'virus', 'rate-limited', 'no-sender']);

export function noticeAllowed(reason: InboundRefusal, hasSender: boolean): boolean {
  return hasSender && !SILENT_REFUSALS.has(reason);
}

export function maskAddress(address: string | undefined): string {
  if (!address) return '';
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

/** Subjects are shown to staff as text: control and bidirectional-override characters removed, at most 200 characters. */
export function cleanSubject(subject: string): string {
  return subject.replace(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g, ' ').trim().slice(0, 200);
}

export const MAIL_DESK_ACTIONS = ['inbound-mail.set-aside', 'inbound-mail.filed-as-complaint', 'inbound-mail.attached-to-case', 'inbound-mail.refused'] as const;
export type MailDeskAction = (typeof MAIL_DESK_ACTIONS)[number];

export interface MailDeskEntry {
  seq: number;
  at: string;
  actor: Actor;
  action: MailDeskAction;
  requestId: string;
  desk: string;
  messageId: string;
  /** Where the raw message was and where it went; the case it became or joined; whether a notice was sent. */
  before: { objectKey: string; reason: InboundRefusal } | null;
  after: { objectKey: string; caseId?: string; notice?: boolean; filesLeftOut?: number };
  prevHash: string;
  hash: string;
}

export type MailDeskDraft = Omit<MailDeskEntry, 'seq' | 'prevHash' | 'hash'>;

export function hashMailDeskEntry(entry: Omit<MailDeskEntry, 'hash'>): string {
  const { seq, at, actor, action, requestId, desk, messageId, before, after, prevHash } = entry;
  return createHash('sha256').update(canonicalJson({ seq, at, actor, action, requestId, desk, messageId, before, after, prevHash })).digest('hex');
}

export function sealMailDeskEntry(draft: MailDeskDraft, head: { seq: number; hash: string }): MailDeskEntry {
  return sealAfter<MailDeskDraft, MailDeskEntry>(draft, head, hashMailDeskEntry);
}

export function verifyMailDesk(entries: readonly MailDeskEntry[]): ChainProblem | undefined {
  return verifyChain(entries, hashMailDeskEntry);
}

/** Where a handled message is filed: under the case it became or joined (so erasure finds it), or with the refused. */
export function handledKey(messageId: string, outcome: { kind: 'complaint' | 'reply'; caseId: string } | { kind: 'refused' }): string {
  return outcome.kind === 'refused' ? `handled/refused/${messageId}` : `handled/${outcome.kind}/${outcome.caseId}/${messageId}`;
}

/** A case reference as typed (`est01-2026-000123 `): letters and digits, the year, the number. */
const CASE_REFERENCE_INPUT = /^\s*[A-Za-z0-9]{2,12}-\d{4}-\d{6}\s*$/;

/** What staff decide for a set-aside message (POST …/set-aside-mail/{messageId}). */
export const mailDeskDecisionSchema = z.discriminatedUnion('action', [
  /** File it as a new complaint, on the desk's estate or (for mail to no known estate) the one named. */
  z.strictObject({ action: z.literal('file'), estateId: z.optional(estateIdSchema) }),
  /**
   * Add it to a case as the resident's reply (text and acceptable files). The case by its reference (what staff and
   * residents see, any letter case) or by its internal id; exactly one of them (checked by `attachTarget`).
   */
  z.strictObject({
    action: z.literal('attach'),
    reference: z.optional(z.string().check(z.regex(CASE_REFERENCE_INPUT, 'reference must look like EST01-2026-000123'))),
    caseId: z.optional(z.string().check(z.regex(CASE_ID_PATTERN, 'caseId must be a case id (26 characters)'))),
  }),
  /** Refuse it; `notify` sends the sender the refusal notice, where that is safe (`noticeAllowed`). */
  z.strictObject({ action: z.literal('refuse'), notify: z.boolean('notify must be true or false') }),
]);
export type MailDeskDecision = z.infer<typeof mailDeskDecisionSchema>;

/** The case an `attach` decision names, or the field-level problem with it. */
export function attachTarget(decision: { reference?: string | undefined; caseId?: string | undefined }): { reference: string } | { caseId: string } | { problem: Record<string, string> } {
  if (decision.reference !== undefined && decision.caseId !== undefined) return { problem: { reference: 'give the case reference or its id, not both' } };
  if (decision.reference !== undefined) return { reference: decision.reference.trim().toUpperCase() };
  if (decision.caseId !== undefined) return { caseId: decision.caseId };
  return { problem: { reference: 'the reference of the case to add it to is required' } };
}
