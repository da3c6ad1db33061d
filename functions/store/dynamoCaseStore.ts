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
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/auditTrail';
import type { CaseStore, CreateCaseOutcome, IdempotencyRecord, MutationOptions, NewCase, NotificationRecord } from '../domain/caseStore';
import type { CaseMutation, ComplaintCase } from '../domain/complaintCase';
import type { Estate } from '../domain/estate';
import { DEFAULT_GROUP_SETTINGS, type GroupSettings } from '../domain/groupSettings';
import { NotificationAlreadyClaimedError, VersionConflictError, WaitChangedError } from '../domain/errors';
import type { WorkflowWait } from '../domain/lifecycle/workflowWait';
import { type OpenCaseOfUnit, openCaseOfUnit, sameUnit } from '../domain/openCasesOfUnit';
import { CASE_STATUSES } from '../domain/vocabulary';
import type { QueuedEmail } from '../domain/notifications/outbox';
import { caseIndexAttributes, contactDigest, eventIndexAttributes, INDEX_ATTRIBUTES, indexKeys } from './indexKeys';
import { keys } from './keys';
import { outboxIndex, QUEUE_ONCE, queuedEmailItem } from './notificationItems';
import { queryItems, queryPrefix } from './queryItems';
import { START_LIFECYCLE_ON_INSERT } from './tableDesign';
import { rateChargeUpdate } from './rateLimitCounters';
import { ReferenceBlocks } from './referenceBlocks';
import { appendToLedger } from './chainedLedger';
import { handledMeanwhile, MAIL_DESK_LEDGER, takeOffDeskItem } from './mailDeskLedger';
import { platformNow } from '../platform/clock';

const ESTATE_CACHE_MS = 60_000;

export class DynamoCaseStore implements CaseStore {
  private estateCache: { at: number; estates: Map<string, Estate> } | undefined;
  private settingsCache: { at: number; settings: GroupSettings } | undefined;
  private readonly referenceBlocks = new ReferenceBlocks();

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** What `groupSettings()` answers while no administrator has stored settings (GROUP_SETTINGS, or the defaults). */
    private readonly settingsSeed: GroupSettings = DEFAULT_GROUP_SETTINGS,
  ) {}

  /** Settings change rarely; like estates, a warm Lambda keeps them for a minute. */
  async groupSettings(): Promise<GroupSettings> {
    if (this.settingsCache && Date.now() - this.settingsCache.at < ESTATE_CACHE_MS) return this.settingsCache.settings;
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.groupSettings() }));
    const settings = result.Item ? (result.Item.settings as GroupSettings) : this.settingsSeed;
    this.settingsCache = { at: Date.now(), settings };
    return settings;
  }

  /** Forgets cached estates and settings (after an administrator changed them in this process). */
  forgetCachedConfiguration(): void {
    this.estateCache = undefined;
    this.settingsCache = undefined;
  }

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
    const items = queryPrefix(this.doc, this.tableName, keys.estateCatalogue().pk, 'ESTATE#');
    for await (const item of items) {
      const { contentDigest: _digest, ...estate } = stripKeys(item) as unknown as Estate & { contentDigest?: string };
      estates.set(estate.estateId, estate);
    }
    this.estateCache = { at: Date.now(), estates };
    return estates;
  }

  async putEstate(estate: Estate): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.estate(estate.estateId), type: 'estate', ...estate } }));
    this.estateCache = undefined;
  }

  /** From a block reserved in the estate-year's counter (functions/store/referenceBlocks.ts). */
  async nextReferenceNumber(estateId: string, year: number): Promise<number> {
    return this.referenceBlocks.next(`${estateId}#${year}`, async (count) => {
      const result = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.referenceCounter(estateId, year),
          UpdateExpression: 'ADD #last :count',
          ExpressionAttributeNames: { '#last': 'lastNumber' },
          ExpressionAttributeValues: { ':count': count },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(result.Attributes?.lastNumber);
    });
  }

  returnReferenceNumber(estateId: string, year: number, number: number): void {
    this.referenceBlocks.giveBack(`${estateId}#${year}`, number);
  }

  /**
   * One transaction: the idempotency record (its condition answers a retry with the first
   * attempt's record, so no read comes first), the case, its first event, and the rate-limit
   * counts. Transactions that touch the same counter at the same moment can be cancelled with
   * `TransactionConflict`; they are tried again, a few times, after a short random pause.
   */
  async createCase(input: NewCase): Promise<CreateCaseOutcome> {
    const { complaintCase, firstEvent, idempotency } = input;
    const charges = input.rateCharges ?? [];
    const now = platformNow();
    const chargeUpdates = charges.map((charge) => rateChargeUpdate(this.tableName, charge, now));
    for (let attempt = 1; ; attempt++) {
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
                ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            { Put: { TableName: this.tableName, Item: { ...caseItem(complaintCase), ...(input.startLifecycle === false ? {} : { onInsert: START_LIFECYCLE_ON_INSERT }) }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: this.tableName, Item: eventItem(firstEvent), ConditionExpression: 'attribute_not_exists(pk)' } },
              ...chargeUpdates.map(({ update }) => ({ Update: update })),
            ],
          }),
        );
        return { created: true };
      } catch (error) {
        const existing = idempotencyConflict(error);
        if (existing) return { created: false, existing };
        if (error instanceof TransactionCanceledException) {
          const reasons = error.CancellationReasons ?? [];
          const full = chargeUpdates.findIndex((_, index) => reasons[3 + index]?.Code === 'ConditionalCheckFailed');
          if (full >= 0) return { created: false, rateLimited: { rule: charges[full]!.rule, retryAfterSeconds: chargeUpdates[full]!.window.secondsLeft } };
          if (attempt < 4 && reasons.some((reason) => reason.Code === 'TransactionConflict')) {
            await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40 * attempt));
            continue;
          }
        }
        throw error;
      }
    }
  }

  async getCase(caseId: string): Promise<ComplaintCase | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.case(caseId), ConsistentRead: true }));
    return result.Item ? (stripKeys(result.Item) as unknown as ComplaintCase) : undefined;
  }

  /**
   * One Query per open status on `byEstateStatus` (the estate's open cases, a few hundred at most), projecting only what the
   * duplicate proposal needs; units are compared here, since residents spell them in many ways (`sameUnit`).
   */
  async listOpenCasesOfUnit(estateId: string, unit: string): Promise<OpenCaseOfUnit[]> {
    const openStatuses = CASE_STATUSES.filter((status) => status !== 'closed');
    const perStatus = await Promise.all(
      openStatuses.map(async (status) => {
        const found: OpenCaseOfUnit[] = [];
        const items = queryItems(this.doc, {
          TableName: this.tableName,
          IndexName: 'byEstateStatus',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': indexKeys.estateStatus(estateId, status) },
          ProjectionExpression: 'caseId, #reference, receivedAt, #unit, category, proposedTriage.category',
          ExpressionAttributeNames: { '#reference': 'reference', '#unit': 'unit' },
        });
        for await (const item of items) {
          if (typeof item.unit === 'string' && sameUnit(item.unit, unit)) found.push(openCaseOfUnit(item as unknown as Parameters<typeof openCaseOfUnit>[0]));
        }
        return found;
      }),
    );
    return perStatus.flat();
  }

  async listEvents(caseId: string): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    const items = queryPrefix(this.doc, this.tableName, keys.casePartition(caseId), 'EVENT#', { consistentRead: true });
    for await (const item of items) events.push(stripKeys(item) as unknown as AuditEvent);
    return events;
  }

  async applyMutation(mutation: CaseMutation, options: MutationOptions = {}): Promise<ComplaintCase> {
    const { caseId } = mutation.next;
    const settlement = options.settleSetAside;
    if (settlement) {
      // One transaction: the ledger entry and head, the desk entry's deletion (writes[0]) and the case change.
      await appendToLedger(
        this.doc,
        this.tableName,
        MAIL_DESK_LEDGER,
        settlement.entry,
        [takeOffDeskItem(this.tableName, settlement.desk, settlement.messageId), ...caseMutationItems(this.tableName, mutation)],
        (failedWrite) => (failedWrite === 0 ? handledMeanwhile() : new VersionConflictError(caseId, mutation.expectedVersion)),
      );
      return mutation.next;
    }
    const queued = options.queueEmail;
    const signal = options.signal;
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            ...caseMutationItems(this.tableName, mutation),
            // The transactional outbox: the email is stored with the change it reports; the stream consumer sendQueuedEmails sends it.
            ...(queued ? [{ Put: { TableName: this.tableName, Item: queuedEmailItem(queued), ...QUEUE_ONCE } }] : []),
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
            ...(options.startLifecycle
              ? [
                  {
                    // Read by the table stream consumer startCaseLifecycles; one item per decision, so never a conflict.
                    Put: {
                      TableName: this.tableName,
                      Item: { ...keys.lifecycleStart(caseId, options.startLifecycle, mutation.event.seq), type: 'lifecycle-start', caseId, entry: options.startLifecycle, requestedAt: mutation.event.at, onInsert: START_LIFECYCLE_ON_INSERT },
                      ConditionExpression: 'attribute_not_exists(pk)',
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
        if (queued && reasons[2]?.Code === 'ConditionalCheckFailed') throw new NotificationAlreadyClaimedError(caseId, queued.notificationKey);
        if (signal && reasons[queued ? 3 : 2]?.Code === 'ConditionalCheckFailed' && reasons[0]?.Code !== 'ConditionalCheckFailed') throw new WaitChangedError(caseId);
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
    const records: NotificationRecord[] = [];
    const items = queryPrefix(this.doc, this.tableName, keys.casePartition(caseId), 'NOTIFICATION#', { consistentRead: true });
    for await (const item of items) records.push(stripKeys(item) as unknown as NotificationRecord);
    return records;
  }

  async getNotification(caseId: string, notificationKey: string): Promise<NotificationRecord | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.notification(caseId, notificationKey), ConsistentRead: true }));
    return result.Item ? (stripKeys(result.Item) as unknown as NotificationRecord) : undefined;
  }

  async queueEmail(email: QueuedEmail): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: queuedEmailItem(email), ...QUEUE_ONCE }));
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async settleNotification(record: NotificationRecord, verdict: 'were-sent' | 'were-not-sent', settled: { by: string; at: string; pickUpAt: string }): Promise<boolean> {
    const { caseId, notificationKey } = record;
    // Only from the state the person was shown: an email that moved on meanwhile is left alone.
    const expected =
      record.status === 'sending'
        ? { condition: '#status = :expected AND sendingSince = :since', values: { ':expected': 'sending', ':since': record.sendingSince ?? '' } }
        : { condition: '#status = :expected', values: { ':expected': record.status } };
    let update: { expression: string; values: Record<string, unknown> };
    if (record.status === 'claimed') {
      // A claim of the design before the outbox: released, the step that owns it queues it again when it runs.
      update = verdict === 'were-sent'
        ? { expression: 'SET #status = :sent, confirmedBy = :by, confirmedAt = :at', values: { ':sent': 'sent', ':by': settled.by, ':at': settled.at } }
        : { expression: 'SET #status = :released, releaseReason = :reason', values: { ':released': 'released', ':reason': `not sent, as checked by ${settled.by}`.slice(0, 500) } };
    } else if (verdict === 'were-sent') {
      update = {
        expression: 'SET #status = :sent, confirmedBy = :by, confirmedAt = :at REMOVE message, nextAttemptAt, attention, gsi8pk, gsi8sk',
        values: { ':sent': 'sent', ':by': settled.by, ':at': settled.at },
      };
    } else {
      const index = outboxIndex(settled.pickUpAt, caseId, notificationKey);
      update = {
        expression: 'SET #status = :queued, attempts = :zero, requeuedBy = :by, requeuedAt = :at, gsi8pk = :pk, gsi8sk = :due REMOVE sendingSince, nextAttemptAt, attention, lastError',
        values: { ':queued': 'queued', ':zero': 0, ':by': settled.by, ':at': settled.at, ':pk': index.gsi8pk, ':due': index.gsi8sk },
      };
    }
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.notification(caseId, notificationKey),
          UpdateExpression: update.expression,
          ConditionExpression: expected.condition,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ...expected.values, ...update.values },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}

/**
 * The two writes of every case change: the case guarded by the version it was read at, and the
 * new audit event, which must not exist yet. Other items of the same transaction follow them.
 */
export function caseMutationItems(tableName: string, mutation: Pick<CaseMutation, 'next' | 'event' | 'expectedVersion'>) {
  return [
    {
      Put: {
        TableName: tableName,
        Item: caseItem(mutation.next),
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': mutation.expectedVersion },
      },
    },
    { Put: { TableName: tableName, Item: eventItem(mutation.event), ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
}

export function caseItem(complaintCase: ComplaintCase): Record<string, unknown> {
  return { ...keys.case(complaintCase.caseId), type: 'case', ...caseIndexAttributes(complaintCase), ...complaintCase };
}

export function eventItem(event: AuditEvent): Record<string, unknown> {
  return { ...keys.event(event.caseId, event.seq), type: 'event', ...eventIndexAttributes(event), ...event };
}

export { contactDigest };

const KEY_ATTRIBUTES = new Set<string>(['pk', 'sk', 'type', 'onInsert', ...INDEX_ATTRIBUTES]);

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
