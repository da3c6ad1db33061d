/**
 * Case table stream → SES: the sending half of the transactional email outbox
 * (functions/domain/notifications/outbox.ts). Every email a step queued — and
 * every queued email the sweep wakes for a retry — arrives here as a stream
 * record of its notification item, and is claimed, sent once and recorded sent
 * (with its `email.sent` audit event). The only function that may send email.
 */
import { deliverQueuedEmail } from '../domain/notifications/emailDelivery';
import { outboxPolicy } from '../domain/notifications/outbox';
import { getCaseStore, getEmailOutbox } from '../platform/clients';
import { inboundMailConfig, readConfig } from '../platform/config';
import { replyAddress } from '../domain/inboundMail/replyAddress';
import { sesEmailSender } from '../platform/email';
import { logger } from '../platform/logger';
import { tableStreamConsumer } from '../platform/tableStream';
import { platformNow } from '../platform/clock';

export const handler = tableStreamConsumer('sendQueuedEmails', async ({ item }, context) => {
  const { caseId, notificationKey } = item;
  if (typeof caseId !== 'string' || typeof notificationKey !== 'string') throw new Error('a notification item without caseId or notificationKey');
  const inbound = inboundMailConfig();
  const deps = {
    store: getCaseStore(),
    outbox: getEmailOutbox(),
    email: sesEmailSender,
    now: platformNow,
    publicBaseUrl: readConfig().publicBaseUrl,
    policy: outboxPolicy(process.env.EMAIL_OUTBOX),
    ...(inbound ? { replyAddress: (id: string) => replyAddress(id, inbound.mailDomain, inbound.replyAddressKey) } : {}),
  };
  const { outcome, errorName } = await deliverQueuedEmail(deps, { caseId, notificationKey }, context.awsRequestId);
  const entry = { consumer: 'sendQueuedEmails', caseId, notificationKey, outcome, requestId: context.awsRequestId, ...(errorName ? { errorName } : {}) };
  if (outcome === 'in-doubt' || outcome === 'failed') logger.warn('queued email not sent', entry);
  else logger.info('queued email', entry);
}, {
  // One case's emails in order (the outbox keeps each recipient's in order); different cases' emails at the same time.
  inOrderPer: (item) => String(item.caseId),
  concurrency: 8,
});
