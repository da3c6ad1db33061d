/**
 * The early warnings of now (functions/domain/insight/earlyWarning.ts) from the daily buckets: for the whole
 * group (the 16 shards of per-estate counts: 8 causes × 16 reads, whatever the number of estates) or for
 * some estates (their own buckets). Read by `GET /api/v1/early-warnings` and by the daily alert task.
 */
import { allEstateShardScopes, sliceFor } from '../domain/insight/caseContribution';
import { type DailyCategoryBucket, DEFAULT_EARLY_WARNING_RULE, type EarlyWarningRule, scanForWarnings, warningSeriesOf } from '../domain/insight/earlyWarning';
import { currentPeriod, fromPeriodId, periodInstants, previousPeriod } from '../domain/insight/periods';
import { CAUSE_CATEGORIES } from '../domain/vocabulary';
import { DynamoAggregateStore } from '../store/aggregateStore';
import { getCaseStore, getDocumentClient } from './clients';
import { readConfig } from './config';

export interface CurrentWarning {
  estateId: string;
  /** The building whose cases crossed the threshold (absent: the estate's as a whole). */
  buildingId?: string;
  category: string;
  /** First and last local day of the window (`2026-11-30`). */
  window: { from: string; to: string };
  /** The window as instants: the cases behind the warning were received in [from, to). */
  received: { from: string; to: string };
  count: number;
  expected: number;
  pValue: number;
}

let aggregates: DynamoAggregateStore | undefined;

export async function currentWarnings(scope: { groupWide: true } | { estateIds: string[] }, now: string, rule: EarlyWarningRule = DEFAULT_EARLY_WARNING_RULE): Promise<{ asOf: string; timeZone: string; warnings: CurrentWarning[] }> {
  const timeZone = (await getCaseStore().groupSettings()).reportingTimeZone;
  const today = currentPeriod(now, timeZone, 'day');
  const days = [today];
  while (days.length < rule.windowDays + rule.baselineDays) days.unshift(previousPeriod(days[0]!));
  aggregates ??= new DynamoAggregateStore(getDocumentClient(), readConfig().tableName);

  // Daily counts per estate (and building) and cause: from the group's shards or each estate's own buckets.
  const scopes = 'groupWide' in scope ? allEstateShardScopes() : scope.estateIds;
  const buckets: DailyCategoryBucket[] = [];
  await Promise.all(
    CAUSE_CATEGORIES.flatMap((category) =>
      scopes.map(async (bucketScope) => {
        for (const bucket of await aggregates!.buckets(bucketScope, sliceFor({ category }), days[0]!, today)) buckets.push({ scope: bucketScope, category, period: bucket.period, counters: bucket.counters });
      }),
    ),
  );
  const series = warningSeriesOf(buckets, days);
  // Alerts whose window ends within the last week (an alert stays listed while its spike is in the window).
  const warnings = scanForWarnings(series, rule, days.length - rule.windowDays);
  return {
    asOf: fromPeriodId(today),
    timeZone,
    warnings: warnings.map((w) => {
      const windowEnd = days[w.day]!;
      let windowStart = windowEnd;
      for (let n = 1; n < rule.windowDays; n += 1) windowStart = previousPeriod(windowStart);
      return {
        estateId: w.estateId,
        ...(w.buildingId !== undefined ? { buildingId: w.buildingId } : {}),
        category: w.category,
        window: { from: fromPeriodId(windowStart), to: fromPeriodId(windowEnd) },
        received: { from: periodInstants(windowStart, timeZone).from, to: periodInstants(windowEnd, timeZone).to },
        count: w.count,
        expected: w.expected,
        pValue: w.pValue,
      };
    }),
  };
}
