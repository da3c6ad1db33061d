/**
 * What the inbound-mail task and the mail desk's API share: reading a raw message from the inbound-mail
 * bucket, the dependencies of receiveInboundEmail, the refusal notice, and putting a refused message on
 * the right desk (the estate it was sent to or whose case it answered; otherwise HQ's desk of mail to no
 * known estate). docs/EMAIL_INTAKE.md, "The mail desk".
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../domain/auditTrail';
import type { CaseStore } from '../domain/caseStore';
import type { Language } from '../domain/vocabulary';
import { DEFAULT_INBOUND_LIMITS, estateOfAddress } from '../domain/inboundMail/classifyInbound';
import type { InboundMessage } from '../domain/inboundMail/inboundMessage';
import { cleanSubject, maskAddress, noticeAllowed, type SetAsideMessage, UNADDRESSED_DESK } from '../domain/inboundMail/mailDesk';
import { type InboundDependencies, type InboundRefusal, senderDigest } from '../domain/inboundMail/receiveInboundEmail';
import { refusalNotice } from '../domain/inboundMail/refusalNotice';
import { caseOfReplyAddress } from '../domain/inboundMail/replyAddress';
import { queuedEmail } from '../domain/notifications/outbox';
import { intakeRateLimits } from '../domain/rateLimit';
import { DynamoMailDesk } from '../store/mailDeskStore';
import { DynamoRawMessageIndex } from '../store/rawMessageIndex';
import { DynamoSentMessages } from '../store/sentMessages';
import { getCaseStore, getDocumentClient } from './clients';
import { platformNow } from './clock';
import { caseFilesBucket, inboundMailConfig, readConfig } from './config';
import { parseInboundMessage } from './inboundMailParser';
import { objectSize, readObject, s3CaseFileStorage } from './mailStorage';

export function rawMessageIndex(): DynamoRawMessageIndex {
  return new DynamoRawMessageIndex(getDocumentClient(), readConfig().tableName);
}

/** Indexes a raw message under its case (before it is moved there), so the evidence pack and erasure find it. */
export async function indexRawMessage(caseId: string, name: string, objectKey: string, disposition: 'complaint' | 'reply'): Promise<void> {
  await rawMessageIndex().record(caseId, { name, objectKey, disposition, filedAt: platformNow().toISOString() });
}

export function mailDesk(): DynamoMailDesk {
  return new DynamoMailDesk(getDocumentClient(), readConfig().tableName);
}

/** The raw message parsed; one too large to take is read only as far as its headers (and what text fits in 256 KB). */
export async function readInboundMessage(bucket: string, key: string, envelopeRecipients: readonly string[] = []): Promise<InboundMessage> {
  const size = await objectSize(bucket, key);
  const raw = await readObject(bucket, key, size > DEFAULT_INBOUND_LIMITS.maxMessageBytes ? 256 * 1024 : undefined);
  return { ...(await parseInboundMessage(raw, envelopeRecipients)), rawSize: size };
}

export function inboundDependencies(): InboundDependencies {
  const inbound = inboundMailConfig();
  if (!inbound) throw new Error('INBOUND_MAIL_DOMAIN and REPLY_ADDRESS_SECRET must be set to receive email');
  const config = readConfig();
  const intakeLimits = intakeRateLimits(process.env);
  const sentMessages = new DynamoSentMessages(getDocumentClient(), config.tableName);
  return {
    store: getCaseStore(),
    files: s3CaseFileStorage(caseFilesBucket()),
    caseOfSentMessage: (id) => sentMessages.caseOf(id),
    now: platformNow,
    publicBaseUrl: config.publicBaseUrl,
    context: { ...inbound, limits: DEFAULT_INBOUND_LIMITS },
    limits: { perSender: { ...intakeLimits.perIp, scope: 'intake-email' }, perEstate: intakeLimits.perEstate },
  };
}

/** The notice to a sender we could not take mail from. No case to hang it on: a partition of its own, named by the message, so a retry queues it once. */
export async function queueRefusalNotice(store: CaseStore, messageName: string, to: string, reason: InboundRefusal, language: Language): Promise<void> {
  const baseUrl = readConfig().publicBaseUrl;
  const digest = createHash('sha256').update(messageName).digest('hex').slice(0, 26).toUpperCase();
  await store.queueEmail(
    queuedEmail({ caseId: `MAIL-${digest}`, notificationKey: 'inbound-refusal', to, message: refusalNotice(reason, language, `${baseUrl}/`), queuedAt: platformNow().toISOString() }),
  );
}

/** The desk a refused message goes to: its case's estate, the estate it was addressed to, or HQ's desk of mail to no known estate. */
async function deskOf(message: InboundMessage | undefined, store: CaseStore): Promise<{ desk: string; caseId?: string }> {
  const inbound = inboundMailConfig();
  if (!message || !inbound) return { desk: UNADDRESSED_DESK };
  for (const recipient of message.recipients) {
    const caseId = caseOfReplyAddress(recipient, inbound.mailDomain, inbound.replyAddressKey);
    const found = caseId ? await store.getCase(caseId) : undefined;
    if (found) return { desk: found.estateId, caseId: found.caseId };
  }
  for (const recipient of message.recipients) {
    const estateId = estateOfAddress(recipient, inbound.mailDomain);
    if (estateId && (await store.getEstate(estateId))) return { desk: estateId };
  }
  return { desk: UNADDRESSED_DESK };
}

const SYSTEM: Actor = { type: 'system', id: 'receiveInboundEmail' };

/** Records a refused message on its desk (once) with its ledger entry; the raw message is (or is about to be) at `objectKey`. */
export async function putOnDesk(messageId: string, objectKey: string, reason: InboundRefusal, message: InboundMessage | undefined, requestId: string): Promise<SetAsideMessage> {
  const { desk, caseId } = await deskOf(message, getCaseStore());
  const sender = message?.from?.address;
  const entry: SetAsideMessage = {
    messageId,
    objectKey,
    desk,
    reason,
    receivedAt: platformNow().toISOString(),
    maskedSender: maskAddress(sender),
    senderDigest: sender ? senderDigest(sender) : '',
    subject: cleanSubject(message?.subject ?? ''),
    noticeAllowed: noticeAllowed(reason, Boolean(sender)),
    ...(caseId ? { caseId } : {}),
  };
  await mailDesk().setAside(entry, { at: entry.receivedAt, actor: SYSTEM, action: 'inbound-mail.set-aside', requestId, desk, messageId, before: null, after: { objectKey } });
  return entry;
}
