/**
 * Invoked by hand (or by `npm run reindex-search -- --aws`'s equivalent in the console of AWS Lambda), not on a
 * schedule: writes the staff-search digests and index keys of cases that lack them or carry stale ones (stored
 * before the digests existed, a unit corrected after intake, a replaced CASE_LOOKUP_KEY). Event:
 * `{ "check": true }` counts without writing; `{ "resumeFrom": … }` continues where the last invocation stopped
 * (it returns `resumeFrom` when its time ran out). The same code as the local command (scripts/reindexSearch.ts).
 */
import type { Context } from 'aws-lambda';
import { caseLookupKey } from '../domain/caseLookup';
import { getDocumentClient } from '../platform/clients';
import { readConfig } from '../platform/config';
import { logger } from '../platform/logger';
import { reindexCaseSearch } from '../store/searchReindex';

/** Time kept back from the function's timeout: no scan page starts once less than this is left. */
const TIME_KEPT_MS = 30_000;

export const handler = async (event: { check?: boolean; resumeFrom?: Record<string, unknown> } | undefined, context: Context) => {
  const result = await reindexCaseSearch(getDocumentClient(), readConfig().tableName, {
    key: caseLookupKey(process.env),
    write: event?.check !== true,
    ...(event?.resumeFrom ? { resumeFrom: event.resumeFrom } : {}),
    outOfTime: () => context.getRemainingTimeInMillis() < TIME_KEPT_MS,
  });
  // Counts only: no case ids, units or numbers in the log.
  logger.info('search re-index finished', { cases: result.cases, stale: result.stale, written: result.written, conflicts: result.conflicts, complete: result.resumeFrom === undefined });
  return result;
};
