/**
 * `GET /api/v1/dashboard?granularity&from&to&estateId&class&category` — the group's figures from the
 * pre-aggregated buckets (functions/domain/insight/): HQ and compliance see the whole group or any estates;
 * estate managers and CS leads their own. `estateId` is one estate or a comma-separated group of up to 50.
 * Reads one partition per estate asked for (one for the whole group): its cost does not grow with the
 * number of cases. Every count links to the list of its cases (`GET /api/v1/cases` with the same filters).
 */
import * as z from 'zod/mini';
import { authorize } from '../domain/access/policy';
import { dashboardOf } from '../domain/insight/dashboard';
import { buildingOf } from '../domain/estate';
import { allEstateShardScopes, GROUP_SCOPE, sliceFor } from '../domain/insight/caseContribution';
import { currentPeriod, fromPeriodId, type Granularity, periodInstants, periodsBetween, previousPeriod, toPeriodId } from '../domain/insight/periods';
import { CASE_STATUSES, CAUSE_CATEGORIES, CHANNELS, SEVERITIES } from '../domain/vocabulary';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { readConfig } from '../platform/config';
import { HttpError, httpEndpoint, json, validate } from '../platform/http';
import { DynamoAggregateStore } from '../store/aggregateStore';
import { platformNow } from '../platform/clock';

/** How many periods one request may span (a year of days, five years of weeks, twenty of months). */
const MAX_PERIODS = 366;
const DEFAULT_SPAN: Record<Granularity, number> = { day: 31, week: 13, month: 12 };

export const dashboardQuerySchema = z.strictObject({
  granularity: z.optional(z.enum(['day', 'week', 'month'], 'granularity must be day, week or month')),
  from: z.optional(z.string().check(z.maxLength(10, 'from is too long'))),
  to: z.optional(z.string().check(z.maxLength(10, 'to is too long'))),
  estateId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}(,[A-Za-z0-9_-]{1,32}){0,49}$/, 'estateId must be an estate id, or up to 50 separated by commas'))),
  class: z.optional(z.enum(['1', '2', '3'], 'class must be 1, 2 or 3')),
  category: z.optional(z.enum(CAUSE_CATEGORIES, `category must be one of ${CAUSE_CATEGORIES.join(', ')}`)),
});

let aggregates: DynamoAggregateStore | undefined;

export const handler = httpEndpoint('dashboard', async (event) => {
  const identity = requireStaff(event);
  const query = validate(dashboardQuerySchema, event.queryStringParameters ?? {}, 'query');
  // Another estate answers 404 before anything else (as the case list does); then the role decides.
  const asked = query.estateId ? [...new Set(query.estateId.split(','))].sort() : undefined;
  for (const estateId of asked ?? []) requirePermission(identity, 'dashboard.read', { estateId });
  requirePermission(identity, 'dashboard.read');

  const timeZone = (await getCaseStore().groupSettings()).reportingTimeZone;
  const granularity: Granularity = query.granularity ?? 'month';
  const { fromPeriod, toPeriod } = periodRange(granularity, query.from, query.to, platformNow().toISOString(), timeZone);
  const periods = periodsBetween(fromPeriod, toPeriod, MAX_PERIODS + 1);
  if (periods.length > MAX_PERIODS) throw new HttpError(422, 'validation_failed', 'query has invalid fields: to', { to: `at most ${MAX_PERIODS} periods at once` });

  const store = getCaseStore();
  const estates = await store.listEstates();
  const known = new Set(estates.map((e) => e.estateId));
  const groupWide = !asked && identity.estateIds === 'all';
  const estateIds = asked ?? (identity.estateIds === 'all' ? [...known].sort() : [...identity.estateIds].filter((id) => known.has(id)).sort());
  // An estate the caller serves but the group does not know is simply empty; one they do not serve was refused above.
  const scopes = groupWide ? [GROUP_SCOPE, ...allEstateShardScopes()] : estateIds;
  const caseClass = query.class ? Number(query.class) : undefined;
  const slice = sliceFor({ ...(caseClass !== undefined ? { caseClass } : {}), ...(query.category ? { category: query.category } : {}) });

  aggregates ??= new DynamoAggregateStore(getDocumentClient(), readConfig().tableName);
  const dashboard = await readDashboard(aggregates, {
    scopes, slice, periods, estateIds,
    homes: Object.fromEntries(estates.map((e) => [e.estateId, e.homes])),
    showHandlers: authorize(identity, 'performance.readHandlers').allowed,
  });

  // Drill-down: each count's cases are the case list with the dashboard's filters and the count's own.
  const range = { from: periodInstants(fromPeriod, timeZone).from, to: periodInstants(toPeriod, timeZone).to };
  const casesLink = (extra: Record<string, string>, period?: { from: string; to: string }) => {
    const params = new URLSearchParams({
      ...(groupWide ? {} : estateIds.length === 1 ? { estateId: estateIds[0]! } : { estates: estateIds.join(',') }),
      ...(query.class ? { class: query.class } : {}),
      ...(query.category ? { category: query.category } : {}),
      receivedFrom: (period ?? range).from,
      receivedTo: (period ?? range).to,
      ...extra,
    });
    return `/api/v1/cases?${params.toString()}`;
  };
  const links = {
    all: casesLink({}),
    byStatus: Object.fromEntries(CASE_STATUSES.map((s) => [s, casesLink({ status: s })])),
    byClass: Object.fromEntries(['1', '2', '3'].map((c) => [c, casesLink({ class: c })])),
    bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, casesLink({ severity: s })])),
    byCategory: Object.fromEntries(CAUSE_CATEGORIES.map((k) => [k, casesLink({ category: k })])),
    byChannel: Object.fromEntries(CHANNELS.map((ch) => [ch, casesLink({ channel: ch })])),
    byOutcome: Object.fromEntries(['upheld', 'partly-upheld', 'not-upheld'].map((o) => [o, casesLink({ outcome: o })])),
    stage2: casesLink({ stage: '2' }),
    byPeriod: Object.fromEntries(periods.map((p) => [fromPeriodId(p), casesLink({}, periodInstants(p, timeZone))])),
    // One estate's buildings: each building's cases (the case list's `building` filter, docs/BUILDINGS.md).
    byBuilding: Object.fromEntries(dashboard.buildings.map((b) => [b.buildingId, casesLink({ building: b.buildingId })])),
    byEstate: Object.fromEntries(estateIds.map((id) => [id, `/api/v1/cases?${new URLSearchParams({ estateId: id, receivedFrom: range.from, receivedTo: range.to, ...(query.class ? { class: query.class } : {}), ...(query.category ? { category: query.category } : {}) }).toString()}`])),
  };

  return json(200, {
    filters: { granularity, from: fromPeriodId(fromPeriod), to: fromPeriodId(toPeriod), scope: groupWide ? 'group' : 'estates', estateIds, class: query.class ?? null, category: query.category ?? null, timeZone },
    ...dashboard,
    trend: dashboard.trend.map((t) => ({ ...t, period: fromPeriodId(t.period) })),
    // Each building's names in three languages (null for a building the estate no longer lists: shown by its id).
    buildings: dashboard.buildings.map((b) => ({ ...b, names: estateIds.length === 1 ? (buildingOf(estates.find((e) => e.estateId === estateIds[0]) ?? {}, b.buildingId)?.names ?? null) : null })),
    links,
  });
});

function periodRange(granularity: Granularity, from: string | undefined, to: string | undefined, now: string, timeZone: string) {
  const parse = (text: string | undefined, field: 'from' | 'to') => {
    if (text === undefined) return undefined;
    const id = toPeriodId(text, granularity);
    const example = { day: '2026-11-30', week: '2026-W48', month: '2026-11' }[granularity];
    if (!id) throw new HttpError(422, 'validation_failed', `query has invalid fields: ${field}`, { [field]: `${field} must be a ${granularity} such as ${example}` });
    return id;
  };
  const toPeriod = parse(to, 'to') ?? currentPeriod(now, timeZone, granularity);
  let fromPeriod = parse(from, 'from');
  if (!fromPeriod) {
    // The default span ends at `to`.
    fromPeriod = toPeriod;
    for (let n = 1; n < DEFAULT_SPAN[granularity]; n += 1) fromPeriod = previousPeriod(fromPeriod);
  }
  if (fromPeriod > toPeriod) throw new HttpError(422, 'validation_failed', 'query has invalid fields: to', { to: 'to must not be before from' });
  return { fromPeriod, toPeriod };
}

/** The dashboard's reads and figures: one Query per scope (the group's partition, or each estate's) over the periods. */
export async function readDashboard(
  store: DynamoAggregateStore,
  request: { scopes: string[]; slice: string; periods: string[]; estateIds: string[]; homes: Record<string, number | undefined>; showHandlers: boolean },
) {
  const first = request.periods[0]!;
  const last = request.periods.at(-1)!;
  const series = await Promise.all(
    request.scopes.map(async (scope) => ({ scope, periods: new Map((await store.buckets(scope, request.slice, first, last)).map((b) => [b.period, b.counters])) })),
  );
  return dashboardOf({ periods: request.periods, series, homes: request.homes, estateIds: request.estateIds, showHandlers: request.showHandlers });
}
