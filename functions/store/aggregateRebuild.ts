/**
 * Recomputes every aggregate from the cases (`npm run aggregates -- check|rebuild`): the sum of each case's
 * contribution (its stored one for a retention tombstone, which no longer holds its figures), compared with the
 * buckets the stream consumer maintains. `rebuild` then writes the differences: buckets replaced, contributions
 * stored. Cases are read estate by estate from `byEstateReceived` (no Scan). Run it while the stream consumer
 * `maintainAggregates` is paused (locally `platform.tableStreams.disable()`; in AWS disable its event source
 * mapping), or it may overwrite a bucket a record is changing at that moment; records arriving after it are
 * applied as usual on top of the contributions it stored.
 */
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ComplaintCase } from '../domain/complaintCase';
import { aggregateDifferences, aggregateFromScratch, parseBucketKey } from '../domain/insight/aggregatePlan';
import { allEstateShardScopes, type Contribution, type Counters, contributionOf, GROUP_SCOPE, slicesOf } from '../domain/insight/caseContribution';
import { CAUSE_CATEGORIES, COMPLAINT_CLASSES } from '../domain/vocabulary';
import { aggregateKeys, COUNTER_PREFIX, DynamoAggregateStore } from './aggregateStore';
import { DynamoCaseStore } from './dynamoCaseStore';
import { indexKeys } from './indexKeys';
import { queryItems } from './queryItems';

/** Every slice a bucket can be in: the dashboard's filter combinations. */
export function allSlices(): string[] {
  const slices = new Set<string>();
  for (const caseClass of [...COMPLAINT_CLASSES, undefined]) for (const category of [...CAUSE_CATEGORIES, undefined]) for (const slice of slicesOf(caseClass, category)) slices.add(slice);
  return [...slices];
}

export interface RebuildResult {
  cases: number;
  buckets: number;
  differences: ReturnType<typeof aggregateDifferences>;
  written: number;
}

export async function rebuildAggregates(
  doc: DynamoDBDocumentClient,
  tableName: string,
  options: { reportingTimeZone: string; write: boolean; onProgress?: (done: number, estates: number) => void },
): Promise<RebuildResult> {
  const cases = new DynamoCaseStore(doc, tableName);
  const aggregates = new DynamoAggregateStore(doc, tableName);
  const estates = await cases.listEstates();
  const contributions: { caseId: string; version: number; contribution: Contribution | null; stored: number | undefined }[] = [];
  for (const [done, estate] of estates.entries()) {
    const items = queryItems(doc, { TableName: tableName, IndexName: 'byEstateReceived', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': indexKeys.estate(estate.estateId) } });
    for await (const item of items) {
      if (item.type !== 'case') continue;
      const complaintCase = item as unknown as ComplaintCase;
      const stored = await aggregates.getContribution(complaintCase.caseId);
      const contribution = complaintCase.purge ? (stored?.contribution ?? null) : contributionOf(complaintCase, { estate, reportingTimeZone: options.reportingTimeZone });
      contributions.push({ caseId: complaintCase.caseId, version: complaintCase.version, contribution, stored: stored?.version });
    }
    options.onProgress?.(done + 1, estates.length);
  }
  const expected = aggregateFromScratch(contributions.map((c) => c.contribution));

  // The partitions the cases contribute to, and every scope's `all` slice, 16 Queries at a time. (Every scope ×
  // every slice would be 50 Queries per estate; a partition no case contributes to can only hold counters that
  // cancel out, unless something other than the consumer wrote it.)
  const actual = new Map<string, Counters>();
  const wanted = new Set<string>([GROUP_SCOPE, ...allEstateShardScopes(), ...estates.map((e) => e.estateId)].map((scope) => `${scope}|all`));
  for (const key of expected.keys()) {
    const { scope, slice } = parseBucketKey(key);
    wanted.add(`${scope}|${slice}`);
  }
  const partitions = [...wanted].map((key) => ({ scope: key.split('|')[0]!, slice: key.split('|')[1]! }));
  const worker = async () => {
    for (let next = partitions.pop(); next; next = partitions.pop()) {
      for (const bucket of await aggregates.allBuckets(next.scope, next.slice)) actual.set(`${next.scope}|${next.slice}|${bucket.period}`, bucket.counters);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  const differences = aggregateDifferences(expected, actual);
  let written = 0;
  if (options.write) {
    for (const key of new Set(differences.map((d) => d.bucket))) {
      const bucket = parseBucketKey(key);
      const counters = Object.fromEntries(Object.entries(expected.get(key) ?? {}).filter(([, v]) => v !== 0).map(([name, v]) => [`${COUNTER_PREFIX}${name}`, v]));
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...aggregateKeys.bucket(bucket), type: 'aggregate', ...bucket, ...counters } }));
      written += 1;
    }
    for (const c of contributions) {
      if (c.stored === c.version) continue;
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...aggregateKeys.contribution(c.caseId), type: 'aggregate-contribution', caseId: c.caseId, version: c.version, contribution: c.contribution } }));
    }
  }
  return { cases: contributions.length, buckets: expected.size, differences, written };
}
