/**
 * Notification items of the case table (one per logical email of a case:
 * `CASE#<caseId> / NOTIFICATION#<key>`), as the outbox writes them. While the
 * outbox owes an email something (send it, retry it, check it is not stuck)
 * the item is in the sparse `byOutboxDue` index, keyed by when. See
 * functions/domain/notifications/outbox.ts and docs/DATA_MODEL.md.
 */
import type { QueuedEmail } from '../domain/notifications/outbox';
import { safeSubject } from '../domain/notifications/emailMessage';
import { indexKeys } from './indexKeys';
import { keys } from './keys';

/** The item of a newly queued email, in the sweep's index until it is sent. */
export function queuedEmailItem(email: QueuedEmail): Record<string, unknown> {
  return {
    ...keys.notification(email.caseId, email.notificationKey),
    type: 'notification',
    caseId: email.caseId,
    notificationKey: email.notificationKey,
    status: 'queued',
    queuedAt: email.queuedAt,
    recipient: email.to,
    subject: safeSubject(email.message.subject),
    message: { text: email.message.text, html: email.message.html },
    ...(email.language ? { language: email.language } : {}),
    ...(email.publicWhenSent ? { publicWhenSent: email.publicWhenSent } : {}),
    attempts: 0,
    ...outboxIndex(email.pickUpAt, email.caseId, email.notificationKey),
  };
}

/** Once only: a logical notification is queued if it never was, or if the design before the outbox released it after a refusal. */
export const QUEUE_ONCE = {
  ConditionExpression: 'attribute_not_exists(pk) OR #status = :released',
  ExpressionAttributeNames: { '#status': 'status' },
  ExpressionAttributeValues: { ':released': 'released' },
} as const;

export function outboxIndex(dueAt: string, caseId: string, notificationKey: string): { gsi8pk: string; gsi8sk: string } {
  return { gsi8pk: indexKeys.outbox(), gsi8sk: indexKeys.outboxDue(dueAt, caseId, notificationKey) };
}
