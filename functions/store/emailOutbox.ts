/**
 * DynamoDB implementation of the domain's `EmailOutbox`: the state changes of
 * notification items that the sender (`sendQueuedEmails`) and the sweep
 * (`retryQueuedEmails`) make. Every change is an UpdateItem conditional on the
 * state it expects, so two deliveries of one stream record, or the sender and
 * the sweep, can never both act on the same email.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, TransactWriteCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CaseMutation } from '../domain/complaintCase';
import { VersionConflictError } from '../domain/errors';
import type { EmailOutbox, NotificationRecord } from '../domain/notifications/outbox';
import { caseMutationItems, stripKeys } from './dynamoCaseStore';
import { indexKeys } from './indexKeys';
import { keys } from './keys';
import { outboxIndex } from './notificationItems';
import { queryItems } from './queryItems';
import { sentMessageItem } from './sentMessages';

export class DynamoEmailOutbox implements EmailOutbox {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(caseId: string, notificationKey: string, at: { sendingSince: string; inDoubtAt: string }): Promise<boolean> {
    return this.conditional({
      Key: keys.notification(caseId, notificationKey),
      // In the index until sent: if it stays `sending`, the sweep finds it at `inDoubtAt`.
      UpdateExpression: 'SET #status = :sending, sendingSince = :since, gsi8pk = :pk, gsi8sk = :due REMOVE nextAttemptAt',
      ConditionExpression: '#status = :queued AND (attribute_not_exists(nextAttemptAt) OR nextAttemptAt <= :since)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sending': 'sending', ':queued': 'queued', ':since': at.sendingSince, ...indexValues(at.inDoubtAt, caseId, notificationKey) },
    });
  }

  async recordSent(caseId: string, notificationKey: string, sent: { sendingSince: string; sentAt: string; messageId: string }, audit?: CaseMutation): Promise<void> {
    const update = {
      TableName: this.tableName,
      Key: keys.notification(caseId, notificationKey),
      // The bodies go: they may hold a private link, and the evidence pack needs only what was sent, when, to whom.
      UpdateExpression: 'SET #status = :sent, sentAt = :sentAt, messageId = :messageId REMOVE message, nextAttemptAt, gsi8pk, gsi8sk',
      ConditionExpression: '#status = :sending AND sendingSince = :since',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sent': 'sent', ':sentAt': sent.sentAt, ':messageId': sent.messageId, ':sending': 'sending', ':since': sent.sendingSince },
    };
    // Replies are matched to their case by the id of the email they answer (functions/store/sentMessages.ts).
    const index = sent.messageId ? [{ Put: { TableName: this.tableName, Item: sentMessageItem(sent.messageId, caseId, sent.sentAt) } }] : [];
    if (!audit) {
      if (!(await this.conditional(update))) throw new Error(`email ${notificationKey} of case ${caseId} was sent but is no longer marked as being sent`);
      if (index.length > 0) await this.doc.send(new PutCommand(index[0]!.Put));
      return;
    }
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            ...caseMutationItems(this.tableName, audit),
            { Update: update },
            ...index,
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        if (reasons[2]?.Code === 'ConditionalCheckFailed') throw new Error(`email ${notificationKey} of case ${caseId} was sent but is no longer marked as being sent`);
        throw new VersionConflictError(caseId, audit.expectedVersion);
      }
      throw error;
    }
  }

  async requeue(caseId: string, notificationKey: string, sendingSince: string, retry: { attempts: number; nextAttemptAt: string; lastError: string }): Promise<void> {
    await this.mustApply({
      Key: keys.notification(caseId, notificationKey),
      UpdateExpression: 'SET #status = :queued, attempts = :attempts, nextAttemptAt = :next, lastError = :error, gsi8pk = :pk, gsi8sk = :due REMOVE sendingSince',
      ConditionExpression: '#status = :sending AND sendingSince = :since',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':queued': 'queued',
        ':sending': 'sending',
        ':since': sendingSince,
        ':attempts': retry.attempts,
        ':next': retry.nextAttemptAt,
        ':error': retry.lastError.slice(0, 200),
        ...indexValues(retry.nextAttemptAt, caseId, notificationKey),
      },
    });
  }

  async fail(caseId: string, notificationKey: string, sendingSince: string, failure: { attempts: number; lastError: string; at: string }): Promise<void> {
    await this.mustApply({
      Key: keys.notification(caseId, notificationKey),
      UpdateExpression: 'SET #status = :failed, attempts = :attempts, lastError = :error, attention = :attention REMOVE sendingSince, gsi8pk, gsi8sk',
      ConditionExpression: '#status = :sending AND sendingSince = :since',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':failed': 'failed',
        ':sending': 'sending',
        ':since': sendingSince,
        ':attempts': failure.attempts,
        ':error': failure.lastError.slice(0, 200),
        ':attention': { reason: 'refused', at: failure.at },
      },
    });
  }

  async wake(caseId: string, notificationKey: string, at: { now: string; recheckAt: string }): Promise<boolean> {
    return this.conditional({
      Key: keys.notification(caseId, notificationKey),
      // A write that changes nothing makes no stream record: `wokenAt` always changes.
      UpdateExpression: 'SET wokenAt = :now, gsi8pk = :pk, gsi8sk = :due REMOVE nextAttemptAt',
      ConditionExpression: '#status = :queued',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':queued': 'queued', ':now': at.now, ...indexValues(at.recheckAt, caseId, notificationKey) },
    });
  }

  async markInDoubt(caseId: string, notificationKey: string, sendingSince: string, at: string): Promise<boolean> {
    return this.conditional({
      Key: keys.notification(caseId, notificationKey),
      UpdateExpression: 'SET attention = :attention REMOVE gsi8pk, gsi8sk',
      ConditionExpression: '#status = :sending AND sendingSince = :since AND attribute_not_exists(attention)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sending': 'sending', ':since': sendingSince, ':attention': { reason: 'in-doubt', at } },
    });
  }

  async withdraw(caseId: string, notificationKey: string, at: string): Promise<void> {
    await this.conditional({
      Key: keys.notification(caseId, notificationKey),
      UpdateExpression: 'SET #status = :withdrawn, withdrawnAt = :at REMOVE message, nextAttemptAt, gsi8pk, gsi8sk',
      ConditionExpression: '#status = :queued',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':queued': 'queued', ':at': at },
    });
  }

  async dueEmails(now: string, limit: number): Promise<NotificationRecord[]> {
    const due: NotificationRecord[] = [];
    const items = queryItems(this.doc, {
      TableName: this.tableName,
      IndexName: 'byOutboxDue',
      // Sort keys are `<dueAt>#<caseId>#<key>`: every one due at or before `now` sorts below `<now>$`.
      KeyConditionExpression: 'gsi8pk = :pk AND gsi8sk < :bound',
      ExpressionAttributeValues: { ':pk': indexKeys.outbox(), ':bound': `${now}$` },
      Limit: Math.min(limit, 100),
    });
    for await (const item of items) {
      due.push(stripKeys(item) as unknown as NotificationRecord);
      if (due.length >= limit) break;
    }
    return due;
  }

  /** True if applied, false if the item was not in the expected state. */
  private async conditional(input: Omit<UpdateCommandInput, 'TableName'>): Promise<boolean> {
    try {
      await this.doc.send(new UpdateCommand({ TableName: this.tableName, ...input }));
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  private async mustApply(input: Omit<UpdateCommandInput, 'TableName'>): Promise<void> {
    const key = input.Key as { pk: string; sk: string };
    if (!(await this.conditional(input))) throw new Error(`notification ${key.sk} of ${key.pk} is no longer being sent by this attempt`);
  }
}

function indexValues(dueAt: string, caseId: string, notificationKey: string): { ':pk': string; ':due': string } {
  const index = outboxIndex(dueAt, caseId, notificationKey);
  return { ':pk': index.gsi8pk, ':due': index.gsi8sk };
}
