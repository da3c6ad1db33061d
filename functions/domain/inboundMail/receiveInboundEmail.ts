/**
 * Receipt of an inbound email (complaints by email, seed 000's written
 * channel): a new complaint to an estate's address goes through the same
 * intake as the web form (receiveComplaint: idempotent on the Message-ID,
 * rate-limited per sender and per estate); a reply to a case is added to
 * its timeline as new information; anything else is ignored (auto-replies,
 * bounces, loops) or refused, with a notice to the sender where that is safe.
 * The caller keeps the raw message until this returns and files it by the
 * disposition.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../auditTrail';
import type { CaseStore, SetAsideSettlement } from '../caseStore';
import { complaintSubmissionSchema, type Language } from '../complaint';
import { type CaseFileStorage, type FileRefusal, inspectFile } from '../caseFiles';
import { attachFiles, attachFilesWith, type CheckedFile } from '../residentAdditions';
import { receiveComplaint } from '../intake';
import type { RateLimitRule } from '../rateLimit';
import { classifyInbound, type InboundContext, type NotAComplaint, type Refusal } from './classifyInbound';
import type { InboundAttachment, InboundMessage } from './inboundMessage';
import { proposeLanguage } from './proposeLanguage';
import { trimQuotedHistory } from './trimQuotedHistory';

export interface InboundDependencies {
  store: CaseStore;
  files: CaseFileStorage;
  /** The case whose email had this Message-ID (emails we sent are indexed by the id SES gave them). */
  caseOfSentMessage(messageId: string): Promise<string | undefined>;
  now: () => Date;
  publicBaseUrl: string;
  context: InboundContext;
  /** Intake limits: per sender address (as per IP on the web) and per estate. */
  limits: { perSender: RateLimitRule; perEstate: RateLimitRule };
}

export type InboundRefusal = Refusal | 'rate-limited' | 'unreadable' | `file-${FileRefusal}` | 'too-many-files' | 'reply-not-matched';

export type InboundDisposition =
  | { disposition: 'complaint'; caseId: string; reference: string; replayed: boolean; files: number }
  | { disposition: 'reply'; caseId: string; added: boolean; files: number }
  | { disposition: 'ignored'; reason: NotAComplaint }
  | { disposition: 'refused'; reason: InboundRefusal; notice?: { to: string; language: Language } };

const SYSTEM: Actor = { type: 'system', id: 'receiveInboundEmail' };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Counters are keyed by a digest: sender addresses are personal data. */
export function senderDigest(address: string): string {
  return sha256(`intake-email\u0000${address.toLowerCase()}`).slice(0, 32);
}

export async function receiveInboundEmail(message: InboundMessage, requestId: string, deps: InboundDependencies): Promise<InboundDisposition> {
  const classification = classifyInbound(message, deps.context);
  const language = proposeLanguage(`${message.subject}\n${message.text}`);
  const refuse = (reason: InboundRefusal, notifySender = true): InboundDisposition => ({
    disposition: 'refused',
    reason,
    ...(notifySender && message.from ? { notice: { to: message.from.address, language } } : {}),
  });
  switch (classification.kind) {
    case 'ignore':
      return { disposition: 'ignored', reason: classification.reason };
    case 'refuse':
      return refuse(classification.reason, classification.notifySender);
  }
  const fileCheck = await checkFiles(message.attachments, deps);
  if (!fileCheck.ok) return refuse(fileCheck.reason);

  if (classification.kind === 'reply') return addReply(classification.caseId, message, fileCheck.files, requestId, deps);
  let estateId: string | undefined;
  if (classification.kind === 'reply-or-complaint') {
    for (const id of classification.messageIds) {
      const caseId = await deps.caseOfSentMessage(id);
      if (!caseId) continue;
      const found = await deps.store.getCase(caseId);
      // An answered id proves only that the sender saw our email (it may have been forwarded): the sender must be the complainant.
      if (found && found.complainant.email?.toLowerCase() === message.from!.address.toLowerCase()) return addReply(caseId, message, fileCheck.files, requestId, deps);
      if (found) return refuse('reply-not-matched');
    }
    estateId = classification.estateId;
    // A reply to something that is not ours, sent to an estate's address: a new complaint (forwarded mail usually is).
    if (!estateId) return refuse('unknown-address');
  } else estateId = classification.estateId;
  return fileComplaint(estateId, message, language, fileCheck.files, requestId, deps);
}


async function checkFiles(attachments: InboundAttachment[], deps: InboundDependencies): Promise<{ ok: true; files: CheckedFile[] } | { ok: false; reason: InboundRefusal }> {
  if (attachments.length > deps.context.limits.maxAttachments) return { ok: false, reason: 'too-many-files' };
  const files: CheckedFile[] = [];
  for (const attachment of attachments) {
    const inspected = await inspectFile(attachment.content, { maxBytes: deps.context.limits.maxAttachmentBytes, maxFiles: deps.context.limits.maxAttachments });
    if (!inspected.accepted) return { ok: false, reason: `file-${inspected.reason}` };
    files.push({ ...inspected, name: attachment.fileName || `${inspected.fileId.slice(0, 8)}.${inspected.extension}` });
  }
  return { ok: true, files };
}

/** The complaint text: the subject (often the whole point) and the body. Forwarded mail keeps its forwarded part. */
export function complaintText(message: InboundMessage): string {
  const body = message.text.replace(/\r\n?/g, '\n').trim();
  const subject = message.subject.trim();
  const text = subject && !body.startsWith(subject) ? `${subject}\n\n${body}` : body;
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, '').slice(0, 5000);
}

async function fileComplaint(
  estateId: string,
  message: InboundMessage,
  language: Language,
  files: CheckedFile[],
  requestId: string,
  deps: InboundDependencies,
  /** Staff filing a set-aside message chose to: no intake limit applies. */
  rateLimited = true,
): Promise<InboundDisposition> {
  const from = message.from!;
  const parsed = complaintSubmissionSchema.safeParse({
    estateId,
    // Email has no unit field: staff complete it from the text or by asking.
    unit: UNIT_NOT_GIVEN[language],
    name: (from.name || from.address.split('@')[0] || from.address).replace(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g, '').trim().slice(0, 100) || from.address.slice(0, 100),
    email: from.address,
    language,
    channel: 'email',
    description: complaintText(message),
  });
  if (!parsed.success) return { disposition: 'refused', reason: 'unreadable', notice: { to: from.address, language } };
  const outcome = await receiveComplaint(
    {
      submission: parsed.data,
      // A redelivered email (SES retries, a second SMTP attempt) is the same complaint.
      ...(message.messageId ? { idempotencyKey: `email:${message.messageId}` } : {}),
      requestId,
      actor: { type: 'resident' },
      rateCharges: rateLimited
        ? [
            { rule: deps.limits.perSender, subject: senderDigest(from.address) },
            { rule: deps.limits.perEstate, subject: estateId },
          ]
        : [],
    },
    deps,
  );
  switch (outcome.kind) {
    case 'unknown-estate':
      return { disposition: 'refused', reason: 'unknown-address', notice: { to: from.address, language } };
    case 'rate-limited':
      // A flood is not answered: answering would double it.
      return { disposition: 'refused', reason: 'rate-limited' };
    case 'idempotency-key-reused':
    case 'channel-not-public':
    case 'staff-only-field':
    // Email names no building (staff set it on the case): cannot happen, but is no complaint either.
    case 'unknown-building':
      return { disposition: 'refused', reason: 'unreadable' };
    case 'created':
    case 'replayed': {
      const added = await attachFiles(outcome.caseId, files, 'email', requestId, deps, undefined);
      return { disposition: 'complaint', caseId: outcome.caseId, reference: outcome.reference, replayed: outcome.kind === 'replayed', files: added ?? 0 };
    }
  }
}

export const UNIT_NOT_GIVEN: Record<Language, string> = { en: 'Not given (by email)', 'zh-Hant': '未提供（電郵投訴）', 'zh-Hans': '未提供（电邮投诉）' };

async function addReply(
  caseId: string,
  message: InboundMessage,
  files: CheckedFile[],
  requestId: string,
  deps: InboundDependencies,
  actor?: Actor,
  settleSetAside?: SetAsideSettlement,
): Promise<InboundDisposition & { settled?: boolean }> {
  const text = trimQuotedHistory(message.text).slice(0, 5000);
  const sourceDigest = sha256(`email:${message.messageId ?? `${message.subject}\u0000${message.text}`}`);
  const stored = await attachFilesWith(caseId, files, 'email', requestId, deps, { text, sourceDigest, ...(actor ? { actor } : {}) }, settleSetAside ? { settleSetAside } : {});
  if (stored === undefined) return { disposition: 'refused', reason: 'reply-not-matched' };
  return { disposition: 'reply', caseId, added: stored.files > 0 || text.length > 0, files: files.length, ...(settleSetAside ? { settled: stored.stored } : {}) };
}

/**
 * A set-aside message that staff decided to take (the mail desk, mailDesk.ts): filed as a new complaint
 * on the estate they chose, or added to the case they chose as the resident's reply. Their decision
 * overrides the refusal, not the rules on files: attachments that cannot be accepted are left out (and
 * counted), the others are checked and cleaned as always. No intake limit applies; filing is still
 * idempotent on the Message-ID.
 *
 * `settle` gives the desk's settlement for an addition to a case: the message is then taken off its desk in the
 * addition's own transaction (`settled: true`), so of two people adding it to two cases at once, the one who loses
 * adds nothing (the store's mail-desk conflict). `settled: false`: the caller settles the desk itself.
 */
export async function takeSetAsideMessage(
  message: InboundMessage,
  target: { kind: 'complaint'; estateId: string } | { kind: 'reply'; caseId: string },
  actor: Actor,
  requestId: string,
  deps: InboundDependencies,
  settle?: (taken: { kind: 'reply'; caseId: string; filesLeftOut: number }) => SetAsideSettlement,
): Promise<{ taken: true; kind: 'complaint' | 'reply'; caseId: string; filesLeftOut: number; settled: boolean } | { taken: false; reason: 'no-sender' | 'unknown-estate' | 'unreadable' | 'no-case' }> {
  const files: CheckedFile[] = [];
  let filesLeftOut = 0;
  for (const attachment of message.attachments) {
    if (files.length >= deps.context.limits.maxAttachments) {
      filesLeftOut += 1;
      continue;
    }
    const inspected = await inspectFile(attachment.content, { maxBytes: deps.context.limits.maxAttachmentBytes, maxFiles: deps.context.limits.maxAttachments });
    if (!inspected.accepted) filesLeftOut += 1;
    else files.push({ ...inspected, name: attachment.fileName || `${inspected.fileId.slice(0, 8)}.${inspected.extension}` });
  }
  if (target.kind === 'reply') {
    const replied = await addReply(target.caseId, message, files, requestId, deps, actor, settle?.({ kind: 'reply', caseId: target.caseId, filesLeftOut }));
    return replied.disposition === 'reply' ? { taken: true, kind: 'reply', caseId: target.caseId, filesLeftOut, settled: replied.settled === true } : { taken: false, reason: 'no-case' };
  }
  if (!message.from?.address) return { taken: false, reason: 'no-sender' };
  const language = proposeLanguage(`${message.subject}\n${message.text}`);
  const filed = await fileComplaint(target.estateId, message, language, files, requestId, deps, false);
  if (filed.disposition === 'complaint') return { taken: true, kind: 'complaint', caseId: filed.caseId, filesLeftOut, settled: false };
  return { taken: false, reason: filed.disposition === 'refused' && filed.reason === 'unknown-address' ? 'unknown-estate' : 'unreadable' };
}
