/**
 * DynamoDB adapter of the aggregates (functions/domain/insight/aggregatePlan.ts):
 *
 * - a case's counted contribution: `CASE#<caseId> / AGGREGATE#CONTRIBUTION` (`version`, `contribution`);
 * - an aggregate bucket: `AGGREGATE#<scope>#<slice> / <period>` (`D2026-11-30`, `W2026-W48`, `M2026-11`), one
 *   numeric attribute per counter, named `n:<counter>` (top-level attributes, so `ADD` creates them).
 *
 * A plan is one transaction: the contribution replaced on the condition that it is still the version read, and
 * `ADD` of the deltas to every bucket that changes. A dashboard reads one partition per scope and slice, with a
 * sort-key range: its cost depends on the number of periods and estates asked for, never on the number of cases.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { type AggregatePlan, type AggregateStore, type BucketRef, parseBucketKey, type StoredContribution } from '../domain/insight/aggregatePlan';
import type { Contribution, Counters } from '../domain/insight/caseContribution';
import { queryItems } from './queryItems';

export const COUNTER_PREFIX = 'n:';

export const aggregateKeys = {
  contribution: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'AGGREGATE#CONTRIBUTION' }),
  bucketPartition: (scope: string, slice: string) => `AGGREGATE#${scope}#${slice}`,
  bucket: (bucket: BucketRef) => ({ pk: `AGGREGATE#${bucket.scope}#${bucket.slice}`, sk: bucket.period }),
} as const;

/** A bucket as read: its period and counters. */
export interface AggregateBucket {
  scope: string;
  slice: string;
  period: string;
  counters: Counters;
}

export function countersOf(item: Record<string, unknown>): Counters {
  const counters: Counters = {};
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(COUNTER_PREFIX) && typeof value === 'number' && value !== 0) counters[name.slice(COUNTER_PREFIX.length)] = value;
  }
  return counters;
}

export class DynamoAggregateStore implements AggregateStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getContribution(caseId: string): Promise<StoredContribution | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: aggregateKeys.contribution(caseId), ConsistentRead: true }));
    if (!Item) return undefined;
    return { caseId, version: Item.version as number, contribution: (Item.contribution as Contribution | null) ?? null };
  }

  async applyPlan(plan: Extract<AggregatePlan, { kind: 'apply' }>): Promise<boolean> {
    const input: TransactWriteCommandInput = {
      TransactItems: [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...aggregateKeys.contribution(plan.caseId), type: 'aggregate-contribution', caseId: plan.caseId, version: plan.stored.version, contribution: plan.stored.contribution },
            ...(plan.expectedVersion === undefined
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : { ConditionExpression: '#version = :expected', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': plan.expectedVersion } }),
          },
        },
        ...[...plan.deltas].map(([key, delta]) => ({ Update: this.bucketUpdate(parseBucketKey(key), delta) })),
      ],
    };
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.doc.send(new TransactWriteCommand(input));
        return true;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
        // Another case's transaction touched a shared bucket (the group's) at the same moment: try again shortly.
        if (attempt >= 6 || !reasons.some((r) => r.Code === 'TransactionConflict')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * (0.5 + Math.random())));
      }
    }
  }

  private bucketUpdate(bucket: BucketRef, delta: Counters) {
    const names: Record<string, string> = { '#type': 'type', '#scope': 'scope', '#slice': 'slice', '#period': 'period' };
    const values: Record<string, unknown> = { ':type': 'aggregate', ':scope': bucket.scope, ':slice': bucket.slice, ':period': bucket.period };
    const adds = Object.entries(delta).map(([counter, by], i) => {
      names[`#n${i}`] = `${COUNTER_PREFIX}${counter}`;
      values[`:n${i}`] = by;
      return `#n${i} :n${i}`;
    });
    return {
      TableName: this.tableName,
      Key: aggregateKeys.bucket(bucket),
      UpdateExpression: `SET #type = :type, #scope = :scope, #slice = :slice, #period = :period ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
  }

  /** Buckets of one scope and slice whose period ids lie between `fromPeriod` and `toPeriod` (same granularity), in order. */
  async buckets(scope: string, slice: string, fromPeriod: string, toPeriod: string): Promise<AggregateBucket[]> {
    const buckets: AggregateBucket[] = [];
    const items = queryItems(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': aggregateKeys.bucketPartition(scope, slice), ':from': fromPeriod, ':to': toPeriod },
    });
    for await (const item of items) buckets.push({ scope, slice, period: item.sk as string, counters: countersOf(item) });
    return buckets;
  }

  /** Every bucket of one scope and slice (the rebuild's comparison). */
  async allBuckets(scope: string, slice: string): Promise<AggregateBucket[]> {
    const buckets: AggregateBucket[] = [];
    const items = queryItems(this.doc, { TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': aggregateKeys.bucketPartition(scope, slice) } });
    for await (const item of items) buckets.push({ scope, slice, period: item.sk as string, counters: countersOf(item) });
    return buckets;
  }

  /** Probe for the rebuild: the partition's item count and nothing else. */
  async hasPartition(scope: string, slice: string): Promise<boolean> {
    const page = await this.doc.send(new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': aggregateKeys.bucketPartition(scope, slice) }, Limit: 1 }));
    return (page.Items ?? []).length > 0;
  }
}
