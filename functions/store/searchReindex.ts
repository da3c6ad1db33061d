/**
 * Re-indexing for staff search over the case table: reads every case item (a paginated scan of `sk = CASE`),
 * and where its search digests or its search index keys (`byReference` gsi9, `byUnit` gsi10, `byPhone` gsi11)
 * are not what the case itself gives now (functions/domain/searchReindex.ts), writes just those attributes,
 * on condition that the case's version is still the one read. Nothing else of the case changes (no version
 * bump, no audit event: the digests are derived index data, never shown; a staff member's If-Match stays valid).
 *
 * Idempotent: a second run finds everything current and writes nothing. Resumable: each call stops before its
 * time runs out and returns `resumeFrom` (the scan position) to pass to the next call. A case written
 * concurrently (version changed) is counted as `conflicts` and left for the next run.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ComplaintCase } from '../domain/complaintCase';
import { digestsDiffer, searchDigestsNow } from '../domain/searchReindex';
import { stripKeys } from './dynamoCaseStore';
import { caseIndexAttributes } from './indexKeys';

/** The index attributes search reads; only these (and `lookupDigests`) are rewritten. */
const SEARCH_INDEX_ATTRIBUTES = ['gsi9pk', 'gsi9sk', 'gsi10pk', 'gsi10sk', 'gsi11pk', 'gsi11sk'] as const;

export interface ReindexOptions {
  key: string;
  /** false: only count what would be written (a check). */
  write: boolean;
  /** Where a previous call stopped. */
  resumeFrom?: Record<string, unknown>;
  /** Asked before each scan page: true stops the run with `resumeFrom` set. */
  outOfTime?: () => boolean;
  /** Items per scan page. */
  pageSize?: number;
}

export interface ReindexResult {
  /** Case items read. */
  cases: number;
  /** Cases whose digests or search keys were (or, in a check, would be) written. */
  stale: number;
  written: number;
  /** Changed between read and write: left for the next run. */
  conflicts: number;
  /** Set when the run stopped early: pass it back to continue. */
  resumeFrom?: Record<string, unknown>;
}

export async function reindexCaseSearch(doc: DynamoDBDocumentClient, tableName: string, options: ReindexOptions): Promise<ReindexResult> {
  const result: ReindexResult = { cases: 0, stale: 0, written: 0, conflicts: 0 };
  let startKey = options.resumeFrom;
  do {
    if (options.outOfTime?.()) return { ...result, ...(startKey ? { resumeFrom: startKey } : {}) };
    const page = await doc.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'sk = :case',
        ExpressionAttributeValues: { ':case': 'CASE' },
        Limit: options.pageSize ?? 200,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      result.cases += 1;
      const stored = stripKeys(item) as unknown as ComplaintCase;
      const digests = searchDigestsNow(options.key, stored);
      const wanted: ComplaintCase = { ...stored, ...(digests ? { lookupDigests: digests } : {}) };
      if (!digests) delete wanted.lookupDigests;
      const wantedKeys = caseIndexAttributes(wanted);
      const keysDiffer = SEARCH_INDEX_ATTRIBUTES.some((name) => item[name] !== wantedKeys[name]);
      if (!keysDiffer && !digestsDiffer(stored.lookupDigests, digests)) continue;
      result.stale += 1;
      if (!options.write) continue;
      const set = SEARCH_INDEX_ATTRIBUTES.filter((name) => wantedKeys[name] !== undefined);
      const remove = SEARCH_INDEX_ATTRIBUTES.filter((name) => wantedKeys[name] === undefined);
      const names = Object.fromEntries([...set, ...remove, 'version', 'lookupDigests'].map((name) => [`#${name}`, name]));
      const values: Record<string, unknown> = { ':version': stored.version, ...Object.fromEntries(set.map((name) => [`:${name}`, wantedKeys[name]])) };
      if (digests) values[':lookupDigests'] = digests;
      const setClauses = [...set.map((name) => `#${name} = :${name}`), ...(digests ? ['#lookupDigests = :lookupDigests'] : [])];
      const removeClauses = [...remove.map((name) => `#${name}`), ...(digests ? [] : ['#lookupDigests'])];
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: [setClauses.length ? `SET ${setClauses.join(', ')}` : '', removeClauses.length ? `REMOVE ${removeClauses.join(', ')}` : ''].filter(Boolean).join(' '),
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
        result.written += 1;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          result.conflicts += 1;
          continue;
        }
        throw error;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return result;
}
