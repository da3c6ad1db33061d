/**
 * Scheduled every minute: the sweep of the email outbox
 * (functions/domain/notifications/emailDelivery.ts). Wakes queued emails whose
 * retry is due — and any the stream did not deliver — so that the stream hands
 * them to `sendQueuedEmails`; flags for a person the cases whose emails have
 * been in doubt for too long. One Query of the sparse `byOutboxDue` index.
 */
import type { Context } from 'aws-lambda';
import { sweepOutbox } from '../domain/notifications/emailDelivery';
import { outboxPolicy } from '../domain/notifications/outbox';
import { getCaseStore, getEmailOutbox } from '../platform/clients';
import { readConfig } from '../platform/config';
import { logger } from '../platform/logger';
import { platformNow } from '../platform/clock';
import { mailReceiptCheckFromEnv } from '../platform/mailReceipts';

/** The scheduled event; the local runtime adds `detail.recoverInterrupted` once at start-up, before any sender runs. */
export const handler = async (event: { detail?: { recoverInterrupted?: boolean } } | null, context: Context) => {
  const receipts = mailReceiptCheckFromEnv();
  const deps = { store: getCaseStore(), outbox: getEmailOutbox(), now: platformNow, publicBaseUrl: readConfig().publicBaseUrl, policy: outboxPolicy(process.env.EMAIL_OUTBOX), ...(receipts ? { receipts } : {}) };
  const result = await sweepOutbox(deps, context.awsRequestId, 200, { recoverInterrupted: event?.detail?.recoverInterrupted === true });
  if (result.woken > 0 || result.inDoubt > 0 || result.resolved > 0) logger.info('email outbox swept', { task: 'retryQueuedEmails', requestId: context.awsRequestId, ...result });
  return result;
};
