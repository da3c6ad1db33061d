/**
 * Inbound email → complaint, reply, or refusal. In AWS, SES's receipt rule
 * writes each message to the inbound-mail bucket under `incoming/`, then
 * invokes this function with the message's id; locally the SMTP listener
 * (infra/local/smtpListener.ts) does both. The raw message stays
 * under `incoming/` until it is handled, then moves to `handled/<disposition>/`,
 * or to `set-aside/<reason>/` for staff; a failure leaves it where it is and
 * the invocation is retried (and sent to the failure queue after that).
 */
import type { Context, SESEvent } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { DEFAULT_INBOUND_LIMITS } from '../domain/inboundMail/classifyInbound';
import type { InboundMessage } from '../domain/inboundMail/inboundMessage';
import { type InboundDisposition, receiveInboundEmail } from '../domain/inboundMail/receiveInboundEmail';
import { refusalNotice } from '../domain/inboundMail/refusalNotice';
import { queuedEmail } from '../domain/notifications/outbox';
import { intakeRateLimits } from '../domain/rateLimit';
import { DynamoSentMessages } from '../store/sentMessages';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { caseFilesBucket, inboundMailBucket, inboundMailConfig, readConfig } from '../platform/config';
import { parseInboundMessage } from '../platform/inboundMailParser';
import { logger } from '../platform/logger';
import { moveObject, objectSize, readObject, s3CaseFileStorage } from '../platform/mailStorage';
import { platformNow } from '../platform/clock';

export const INCOMING_PREFIX = 'incoming/';

/** Where a handled message is filed: complaints and replies under their case, refusals set aside for staff. */
export function filedKey(key: string, disposition: InboundDisposition | { disposition: 'refused'; reason: 'unreadable' }): string {
  const name = key.slice(INCOMING_PREFIX.length);
  switch (disposition.disposition) {
    // Filed under the case, so its erasure and retention purge find its raw messages (functions/platform/caseObjects.ts).
    case 'complaint':
    case 'reply':
      return `handled/${disposition.disposition}/${disposition.caseId}/${name}`;
    case 'ignored':
      return `handled/ignored-${disposition.reason}/${name}`;
    case 'refused':
      return `set-aside/${disposition.reason}/${name}`;
  }
}

/** What the receiving service said of the message (SES receipt verdicts), in the domain's words. */
export interface ReceiptFacts {
  envelopeRecipients: string[];
  verdicts?: { spf?: string; dkim?: string; dmarc?: string; virus?: string };
}

function authenticationOf(verdicts: ReceiptFacts['verdicts']): 'pass' | 'fail' | 'unknown' {
  if (!verdicts) return 'unknown';
  if (verdicts.dmarc === 'FAIL') return 'fail';
  if (verdicts.dmarc === 'PASS') return 'pass';
  if (verdicts.spf === 'FAIL' && verdicts.dkim !== 'PASS') return 'fail';
  return verdicts.spf === 'PASS' || verdicts.dkim === 'PASS' ? 'pass' : 'unknown';
}

export async function handleInboundObject(bucket: string, key: string, receipt: ReceiptFacts, requestId: string): Promise<InboundDisposition | { disposition: 'refused'; reason: 'unreadable' }> {
  const inbound = inboundMailConfig();
  if (!inbound) throw new Error('INBOUND_MAIL_DOMAIN and REPLY_ADDRESS_SECRET must be set to receive email');
  const config = readConfig();
  const store = getCaseStore();
  const limits = DEFAULT_INBOUND_LIMITS;
  const size = await objectSize(bucket, key);
  let message: InboundMessage;
  try {
    // A message too large to take is read only as far as its headers: enough to answer its sender.
    const raw = await readObject(bucket, key, size > limits.maxMessageBytes ? 256 * 1024 : undefined);
    message = {
      ...(await parseInboundMessage(raw, receipt.envelopeRecipients)),
      rawSize: size,
      ...(receipt.verdicts ? { receipt: { authentication: authenticationOf(receipt.verdicts), virus: receipt.verdicts.virus === 'FAIL' } } : {}),
    };
  } catch (error) {
    logger.warn('inbound email unreadable', { key, errorName: (error as Error).name, requestId });
    const disposition = { disposition: 'refused', reason: 'unreadable' } as const;
    await moveObject(bucket, key, filedKey(key, disposition));
    return disposition;
  }
  const intakeLimits = intakeRateLimits(process.env);
  const sentMessages = new DynamoSentMessages(getDocumentClient(), config.tableName);
  const disposition = await receiveInboundEmail(message, requestId, {
    store,
    files: s3CaseFileStorage(caseFilesBucket()),
    caseOfSentMessage: (id) => sentMessages.caseOf(id),
    now: platformNow,
    publicBaseUrl: config.publicBaseUrl,
    context: { ...inbound, limits },
    limits: { perSender: { ...intakeLimits.perIp, scope: 'intake-email' }, perEstate: intakeLimits.perEstate },
  });
  if (disposition.disposition === 'refused' && disposition.notice) {
    // No case to hang it on: the notice has a partition of its own, named by the message, so a retried run queues it once.
    const digest = createHash('sha256').update(message.messageId ?? key).digest('hex').slice(0, 26).toUpperCase();
    await store.queueEmail(
      queuedEmail({ caseId: `MAIL-${digest}`, notificationKey: 'inbound-refusal', to: disposition.notice.to, message: refusalNotice(disposition.reason, disposition.notice.language, `${config.publicBaseUrl}/`), queuedAt: platformNow().toISOString() }),
    );
  }
  await moveObject(bucket, key, filedKey(key, disposition));
  return disposition;
}

/**
 * SES's receipt rule invokes this after storing the message under `incoming/<SES message id>`
 * (the local SMTP listener sends the same event).
 */
export const handler = async (event: SESEvent, context: Context): Promise<void> => {
  const bucket = inboundMailBucket();
  for (const record of event.Records ?? []) {
    const { mail, receipt } = record.ses;
    const key = `${INCOMING_PREFIX}${mail.messageId}`;
    const facts: ReceiptFacts = {
      envelopeRecipients: receipt?.recipients ?? mail.destination ?? [],
      ...(receipt ? { verdicts: { spf: receipt.spfVerdict?.status, dkim: receipt.dkimVerdict?.status, dmarc: receipt.dmarcVerdict?.status, virus: receipt.virusVerdict?.status } } : {}),
    };
    let disposition;
    try {
      disposition = await handleInboundObject(bucket, key, facts, context.awsRequestId);
    } catch (error) {
      // A retried invocation for a message already filed: nothing left to do.
      if ((error as Error).name === 'NotFound' || (error as Error).name === 'NoSuchKey') {
        logger.info('inbound email already handled', { key, requestId: context.awsRequestId });
        continue;
      }
      throw error;
    }
    logger.info('inbound email handled', {
      key,
      disposition: disposition.disposition,
      ...('reason' in disposition ? { reason: disposition.reason } : {}),
      ...('caseId' in disposition ? { caseId: disposition.caseId } : {}),
      requestId: context.awsRequestId,
    });
  }
};
