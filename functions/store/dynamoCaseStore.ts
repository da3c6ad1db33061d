/**
 * DynamoDB implementation of the domain's `CaseStore`. Every case write is a
 * transaction: the case item (guarded by its version) and its audit event
 * (guarded against overwrite) land together or not at all.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/auditTrail';
import type { CaseStore, CreateCaseOutcome, IdempotencyRecord, MutationOptions, NotificationRecord } from '../domain/caseStore';
import type { CaseMutation, ComplaintCase } from '../domain/complaintCase';
import type { Estate } from '../domain/estate';
import { NotificationAlreadyClaimedError, VersionConflictError, WaitChangedError } from '../domain/errors';
import type { WorkflowWait } from '../domain/lifecycle/workflowWait';
import { caseIndexAttributes, contactDigest, eventIndexAttributes, INDEX_ATTRIBUTES } from './indexKeys';
import { keys } from './keys';
import { queryItems } from './queryItems';

const ESTATE_CACHE_MS = 60_000;

export class DynamoCaseStore implements CaseStore {
  private estateCache: { at: number; estates: Map<string, Estate> } | undefined;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listEstates(): Promise<Estate[]> {
    return [...(await this.estates()).values()];
  }

  async getEstate(estateId: string): Promise<Estate | undefined> {
    return (await this.estates()).get(estateId);
  }

  /** Estates change rarely; a warm Lambda keeps them for a minute instead of reading them on every request. */
  private async estates(): Promise<Map<string, Estate>> {
    if (this.estateCache && Date.now() - this.estateCache.at < ESTATE_CACHE_MS) return this.estateCache.estates;
    const estates = new Map<string, Estate>();
    const items = queryItems(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.estateCatalogue().pk, ':prefix': 'ESTATE#' },
    });
    for await (const item of items) {
      const estate = stripKeys(item) as unknown as Estate;
      estates.set(estate.estateId, estate);
    }
    this.estateCache = { at: Date.now(), estates };
    return estates;
  }

  async putEstate(estate: Estate): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.estate(estate.estateId), type: 'estate', ...estate } }));
    this.estateCache = undefined;
  }

  async nextReferenceNumber(estateId: string, year: number): Promise<number> {
    const result = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.referenceCounter(estateId, year),
        UpdateExpression: 'ADD #last :one',
        ExpressionAttributeNames: { '#last': 'lastNumber' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(result.Attributes?.lastNumber);
  }

  async findIdempotencyRecord(keyHash: string): Promise<IdempotencyRecord | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.idempotency(keyHash), ConsistentRead: true }));
    if (!result.Item) return undefined;
    const record = stripKeys(result.Item) as unknown as IdempotencyRecord;
    return record.expiresAt * 1000 > Date.now() ? record : undefined;
  }

  async createCase(input: { complaintCase: ComplaintCase; firstEvent: AuditEvent; idempotency: IdempotencyRecord }): Promise<CreateCaseOutcome> {
    const { complaintCase, firstEvent, idempotency } = input;
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.idempotency(idempotency.keyHash), type: 'idempotency', ...idempotency },
                // An expired record (TTL deletion is lazy) may be replaced.
                ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
                ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            { Put: { TableName: this.tableName, Item: caseItem(complaintCase), ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: this.tableName, Item: eventItem(firstEvent), ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      return { created: true };
    } catch (error) {
      const existing = idempotencyConflict(error);
      if (existing) return { created: false, existing };
      throw error;
    }
  }

  async getCase(caseId: string): Promise<ComplaintCase | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.case(caseId), ConsistentRead: true }));
    return result.Item ? (stripKeys(result.Item) as unknown as ComplaintCase) : undefined;
  }

  async listEvents(caseId: string): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    const items = queryItems(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.casePartition(caseId), ':prefix': 'EVENT#' },
      ConsistentRead: true,
    });
    for await (const item of items) events.push(stripKeys(item) as unknown as AuditEvent);
    return events;
  }

  async applyMutation(mutation: CaseMutation, options: MutationOptions = {}): Promise<ComplaintCase> {
    const { caseId } = mutation.next;
    const claim = options.claimNotification;
    const signal = options.signal;
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: caseItem(mutation.next),
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': mutation.expectedVersion },
              },
            },
            { Put: { TableName: this.tableName, Item: eventItem(mutation.event), ConditionExpression: 'attribute_not_exists(pk)' } },
            ...(claim
              ? [
                  {
                    Put: {
                      TableName: this.tableName,
                      Item: { ...keys.notification(caseId, claim), type: 'notification', caseId, notificationKey: claim, status: 'claimed', claimedAt: mutation.event.at },
                      // A claim released after a definite send failure may be taken again.
                      ConditionExpression: 'attribute_not_exists(pk) OR #status = :released',
                      ExpressionAttributeNames: { '#status': 'status' },
                      ExpressionAttributeValues: { ':released': 'released' },
                    },
                  },
                ]
              : []),
            ...(signal && signal.taskToken === undefined
              ? [
                  {
                    Put: {
                      TableName: this.tableName,
                      Item: { ...keys.workflowWait(caseId), type: 'workflow-wait', caseId, waitingFor: signal.waitingFor, taskToken: '', since: mutation.event.at, pendingSignal: { waitingFor: signal.waitingFor, signal: signal.signal } },
                      ConditionExpression: 'attribute_not_exists(pk)',
                    },
                  },
                ]
              : []),
            ...(signal && signal.taskToken !== undefined
              ? [
                  {
                    Update: {
                      TableName: this.tableName,
                      Key: keys.workflowWait(caseId),
                      UpdateExpression: 'SET pendingSignal = :pending',
                      ConditionExpression: 'taskToken = :token AND attribute_not_exists(pendingSignal)',
                      ExpressionAttributeValues: { ':pending': { waitingFor: signal.waitingFor, signal: signal.signal }, ':token': signal.taskToken },
                    },
                  },
                ]
              : []),
          ],
        }),
      );
      return mutation.next;
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        if (claim && reasons[2]?.Code === 'ConditionalCheckFailed') throw new NotificationAlreadyClaimedError(caseId, claim);
        if (signal && reasons[claim ? 3 : 2]?.Code === 'ConditionalCheckFailed' && reasons[0]?.Code !== 'ConditionalCheckFailed') throw new WaitChangedError(caseId);
        throw new VersionConflictError(caseId, mutation.expectedVersion);
      }
      throw error;
    }
  }

  async getWait(caseId: string): Promise<WorkflowWait | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.workflowWait(caseId), ConsistentRead: true }));
    return result.Item ? (stripKeys(result.Item) as unknown as WorkflowWait) : undefined;
  }

  async putWait(wait: WorkflowWait): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.workflowWait(wait.caseId), type: 'workflow-wait', ...wait } }));
  }

  async deleteWait(caseId: string, taskToken: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({ TableName: this.tableName, Key: keys.workflowWait(caseId), ConditionExpression: 'taskToken = :token', ExpressionAttributeValues: { ':token': taskToken } }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  async listNotifications(caseId: string): Promise<NotificationRecord[]> {
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.casePartition(caseId), ':prefix': 'NOTIFICATION#' },
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []).map((item) => stripKeys(item) as unknown as NotificationRecord);
  }

  async markNotificationSent(caseId: string, notificationKey: string, confirmedBy: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.notification(caseId, notificationKey),
        UpdateExpression: 'SET #status = :sent, confirmedBy = :by',
        ConditionExpression: '#status = :claimed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':claimed': 'claimed', ':by': confirmedBy },
      }),
    );
  }

  async getNotification(caseId: string, notificationKey: string): Promise<NotificationRecord | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.notification(caseId, notificationKey), ConsistentRead: true }));
    return result.Item as NotificationRecord | undefined;
  }

  async claimNotification(caseId: string, notificationKey: string, claimedAt: string): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.notification(caseId, notificationKey), type: 'notification', caseId, notificationKey, status: 'claimed', claimedAt },
          ConditionExpression: 'attribute_not_exists(pk) OR #status = :released',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':released': 'released' },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async releaseNotification(caseId: string, notificationKey: string, reason: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.notification(caseId, notificationKey),
        UpdateExpression: 'SET #status = :released, releaseReason = :reason',
        ConditionExpression: '#status = :claimed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':released': 'released', ':claimed': 'claimed', ':reason': reason.slice(0, 500) },
      }),
    );
  }

  async recordNotificationSent(caseId: string, notificationKey: string, details: { messageId: string; sentAt: string; to: string; subject: string }): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.notification(caseId, notificationKey),
        UpdateExpression: 'SET #status = :sent, messageId = :messageId, sentAt = :sentAt, recipient = :to, subject = :subject',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':messageId': details.messageId, ':sentAt': details.sentAt, ':to': details.to, ':subject': details.subject },
      }),
    );
  }
}

export function caseItem(complaintCase: ComplaintCase): Record<string, unknown> {
  return { ...keys.case(complaintCase.caseId), type: 'case', ...caseIndexAttributes(complaintCase), ...complaintCase };
}

export function eventItem(event: AuditEvent): Record<string, unknown> {
  return { ...keys.event(event.caseId, event.seq), type: 'event', ...eventIndexAttributes(event), ...event };
}

export { contactDigest };

const KEY_ATTRIBUTES = new Set<string>(['pk', 'sk', 'type', ...INDEX_ATTRIBUTES]);

export function stripKeys(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !KEY_ATTRIBUTES.has(k)));
}

/** If the transaction failed only because the idempotency record exists, returns that record. */
function idempotencyConflict(error: unknown): IdempotencyRecord | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const first = error.CancellationReasons?.[0];
  if (first?.Code !== 'ConditionalCheckFailed' || !first.Item) return undefined;
  const item = first.Item as Record<string, { S?: string; N?: string }>;
  return {
    keyHash: item.keyHash?.S ?? '',
    requestHash: item.requestHash?.S ?? '',
    caseId: item.caseId?.S ?? '',
    trackingToken: item.trackingToken?.S ?? '',
    expiresAt: Number(item.expiresAt?.N ?? 0),
  };
}
