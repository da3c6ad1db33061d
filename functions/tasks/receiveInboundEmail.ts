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
import type { InboundMessage } from '../domain/inboundMail/inboundMessage';
import { type InboundDisposition, receiveInboundEmail } from '../domain/inboundMail/receiveInboundEmail';
import { inboundMailBucket } from '../platform/config';
import { logger } from '../platform/logger';
import { inboundDependencies, indexRawMessage, putOnDesk, queueRefusalNotice, readInboundMessage } from '../platform/mailDesk';
import { moveObject } from '../platform/mailStorage';

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
  const deps = inboundDependencies();
  const name = key.slice(INCOMING_PREFIX.length);
  let message: InboundMessage;
  try {
    message = {
      ...(await readInboundMessage(bucket, key, receipt.envelopeRecipients)),
      ...(receipt.verdicts ? { receipt: { authentication: authenticationOf(receipt.verdicts), virus: receipt.verdicts.virus === 'FAIL' } } : {}),
    };
  } catch (error) {
    if ((error as Error).name === 'NotFound' || (error as Error).name === 'NoSuchKey') throw error;
    logger.warn('inbound email unreadable', { key, errorName: (error as Error).name, requestId });
    const disposition = { disposition: 'refused', reason: 'unreadable' } as const;
    await putOnDesk(name, filedKey(key, disposition), 'unreadable', undefined, requestId);
    await moveObject(bucket, key, filedKey(key, disposition));
    return disposition;
  }
  const disposition = await receiveInboundEmail(message, requestId, deps);
  if (disposition.disposition === 'refused') {
    if (disposition.notice) await queueRefusalNotice(deps.store, message.messageId ?? key, disposition.notice.to, disposition.reason, disposition.notice.language);
    // On the staff's desk before it moves: a failure between leaves it under incoming/, and the retry finds the desk entry already there.
    await putOnDesk(name, filedKey(key, disposition), disposition.reason, message, requestId);
  }
  if (disposition.disposition === 'complaint' || disposition.disposition === 'reply') await indexRawMessage(disposition.caseId, name, filedKey(key, disposition), disposition.disposition);
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
