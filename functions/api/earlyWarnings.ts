/**
 * `GET /api/v1/early-warnings[?estateId]` — causes whose complaints in the last 7 days are more than the
 * estate's own previous 12 weeks make likely (functions/domain/insight/earlyWarning.ts), each with the
 * link to the cases behind it. HQ and compliance see the whole group (read from the group's per-estate daily
 * counts: 8 causes × 16 shards, whatever the number of estates); estate managers and CS leads their estates.
 */
import * as z from 'zod/mini';
import { estateIdSchema } from '../domain/estateIdSchema';
import { allEstateShardScopes, isEstateShardScope, sliceFor } from '../domain/insight/caseContribution';
import { DEFAULT_EARLY_WARNING_RULE, scanForWarnings } from '../domain/insight/earlyWarning';
import { currentPeriod, fromPeriodId, periodInstants, previousPeriod } from '../domain/insight/periods';
import { CAUSE_CATEGORIES } from '../domain/vocabulary';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { readConfig } from '../platform/config';
import { httpEndpoint, json, validate } from '../platform/http';
import { DynamoAggregateStore } from '../store/aggregateStore';
import { platformNow } from '../platform/clock';

const querySchema = z.strictObject({ estateId: z.optional(estateIdSchema) });
let aggregates: DynamoAggregateStore | undefined;

export const handler = httpEndpoint('earlyWarnings', async (event) => {
  const identity = requireStaff(event);
  const query = validate(querySchema, event.queryStringParameters ?? {}, 'query');
  if (query.estateId) requirePermission(identity, 'dashboard.read', { estateId: query.estateId });
  requirePermission(identity, 'dashboard.read');
  const rule = DEFAULT_EARLY_WARNING_RULE;
  const timeZone = (await getCaseStore().groupSettings()).reportingTimeZone;
  const today = currentPeriod(platformNow().toISOString(), timeZone, 'day');
  const days = [today];
  while (days.length < rule.windowDays + rule.baselineDays) days.unshift(previousPeriod(days[0]!));
  const groupWide = !query.estateId && identity.estateIds === 'all';
  const estateIds = query.estateId ? [query.estateId] : identity.estateIds === 'all' ? [] : [...identity.estateIds].sort();
  aggregates ??= new DynamoAggregateStore(getDocumentClient(), readConfig().tableName);

  // Daily counts per estate and cause: from the group's buckets (`estate:<id>` counters) or each estate's own.
  const daily = new Map<string, number[]>();
  const add = (estateId: string, category: string, dayIndex: number, n: number) => {
    const key = `${estateId}|${category}`;
    const row = daily.get(key) ?? days.map(() => 0);
    row[dayIndex] = (row[dayIndex] ?? 0) + n;
    daily.set(key, row);
  };
  const index = new Map(days.map((d, i) => [d, i]));
  await Promise.all(
    CAUSE_CATEGORIES.flatMap((category) =>
      (groupWide ? allEstateShardScopes() : estateIds).map(async (scope) => {
        for (const bucket of await aggregates!.buckets(scope, sliceFor({ category }), days[0]!, today)) {
          const i = index.get(bucket.period);
          if (i === undefined) continue;
          if (isEstateShardScope(scope)) {
            for (const [name, n] of Object.entries(bucket.counters)) if (name.startsWith('estate:')) add(name.slice('estate:'.length), category, i, n);
          } else add(scope, category, i, bucket.counters.cases ?? 0);
        }
      }),
    ),
  );
  const series = [...daily].map(([key, counts]) => ({ estateId: key.split('|')[0]!, category: key.split('|')[1]!, daily: counts }));
  // Alerts whose window ends within the last week (an alert stays listed while its spike is in the window).
  const warnings = scanForWarnings(series, rule, days.length - rule.windowDays);
  const names = new Map((await getCaseStore().listEstates()).map((e) => [e.estateId, e.names]));
  return json(200, {
    rule,
    asOf: fromPeriodId(today),
    warnings: warnings.map((w) => {
      const windowEnd = days[w.day]!;
      let windowStart = windowEnd;
      for (let n = 1; n < rule.windowDays; n += 1) windowStart = previousPeriod(windowStart);
      const from = periodInstants(windowStart, timeZone).from;
      const to = periodInstants(windowEnd, timeZone).to;
      return {
        estateId: w.estateId,
        estateNames: names.get(w.estateId) ?? null,
        category: w.category,
        window: { from: fromPeriodId(windowStart), to: fromPeriodId(windowEnd) },
        count: w.count,
        expected: w.expected,
        pValue: w.pValue,
        cases: `/api/v1/cases?${new URLSearchParams({ estateId: w.estateId, category: w.category, receivedFrom: from, receivedTo: to }).toString()}`,
      };
    }),
  });
});
