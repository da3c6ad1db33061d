/**
 * `GET /api/v1/reports/self-assessment?from&to&estateId[&format=json|xlsx][&language]` — the annual
 * self-assessments (Housing Ombudsman Complaint Handling Code 2024 §8; ISO 10002:2018) for a span of months
 * (default: the last 12 complete months), from the dashboard's pre-aggregated month buckets: HQ and
 * compliance for the whole group or any estates, estate managers for theirs (`report.selfAssessment`).
 * Each figure comes with the case list behind it (`links`); XLSX in the reader's language.
 */
import * as z from 'zod/mini';
import { GROUP_SCOPE } from '../domain/insight/caseContribution';
import { sumCounters } from '../domain/insight/dashboard';
import { currentPeriod, fromPeriodId, periodInstants, periodsBetween, previousPeriod, toPeriodId } from '../domain/insight/periods';
import { type AssessmentItem, selfAssessment } from '../domain/insight/selfAssessment';
import { selfAssessmentTables } from '../domain/insight/selfAssessmentText';
import { policyFor } from '../domain/lifecycle/deadlineTracking';
import { LANGUAGES } from '../domain/vocabulary';
import { INTL_LOCALES, translate } from '../messages';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { platformNow } from '../platform/clock';
import { readConfig } from '../platform/config';
import { HttpError, httpEndpoint, json, validate } from '../platform/http';
import { tablesToXlsx } from '../platform/spreadsheet';
import { DynamoAggregateStore } from '../store/aggregateStore';

/** Two years of months at most: the assessments are annual, a span of two lets a year be set beside the one before. */
const MAX_MONTHS = 24;
const month = z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-04')));

export const selfAssessmentQuerySchema = z.strictObject({
  from: month,
  to: month,
  estateId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}(,[A-Za-z0-9_-]{1,32}){0,49}$/, 'estateId must be an estate id, or up to 50 separated by commas'))),
  format: z.optional(z.enum(['json', 'xlsx'], 'format must be json or xlsx')),
  language: z.optional(z.enum(LANGUAGES, `language must be one of ${LANGUAGES.join(', ')}`)),
});

let aggregates: DynamoAggregateStore | undefined;

export const handler = httpEndpoint('selfAssessment', async (event) => {
  const identity = requireStaff(event);
  const query = validate(selfAssessmentQuerySchema, event.queryStringParameters ?? {}, 'query');
  // Another estate answers 404 (as the dashboard does); then the role decides.
  const asked = query.estateId ? [...new Set(query.estateId.split(','))].sort() : undefined;
  for (const estateId of asked ?? []) requirePermission(identity, 'report.selfAssessment', { estateId });
  requirePermission(identity, 'report.selfAssessment');

  const store = getCaseStore();
  const timeZone = (await store.groupSettings()).reportingTimeZone;
  // Default: the last 12 complete months of the group's reporting time zone.
  const toPeriod = query.to ? toPeriodId(query.to, 'month')! : previousPeriod(currentPeriod(platformNow().toISOString(), timeZone, 'month'));
  let fromPeriod = query.from ? toPeriodId(query.from, 'month')! : toPeriod;
  if (!query.from) for (let n = 1; n < 12; n += 1) fromPeriod = previousPeriod(fromPeriod);
  if (fromPeriod > toPeriod) throw new HttpError(422, 'validation_failed', 'query has invalid fields: to', { to: 'to must not be before from' });
  const periods = periodsBetween(fromPeriod, toPeriod, MAX_MONTHS + 1);
  if (periods.length > MAX_MONTHS) throw new HttpError(422, 'validation_failed', 'query has invalid fields: to', { to: `at most ${MAX_MONTHS} months at once` });

  const estates = await store.listEstates();
  const known = new Map(estates.map((e) => [e.estateId, e]));
  const groupWide = !asked && identity.estateIds === 'all';
  const estateIds = asked ?? (identity.estateIds === 'all' ? [...known.keys()].sort() : [...identity.estateIds].filter((id) => known.has(id)).sort());
  const covered = estateIds.flatMap((id) => (known.has(id) ? [known.get(id)!] : []));

  aggregates ??= new DynamoAggregateStore(getDocumentClient(), readConfig().tableName);
  // The group's own partition holds the group's totals (the per-estate shards are not needed); an estate's, its own.
  const scopes = groupWide ? [GROUP_SCOPE] : estateIds;
  const wanted = new Set(periods);
  const buckets = (await Promise.all(scopes.map((scope) => aggregates!.buckets(scope, 'all', fromPeriod, toPeriod)))).flat();
  const counters = sumCounters(buckets.filter((b) => wanted.has(b.period)).map((b) => b.counters));
  const homesKnown = covered.length === estateIds.length && covered.every((e) => e.homes !== undefined);
  const homes = homesKnown ? covered.reduce((sum, e) => sum + (e.homes ?? 0), 0) : 0;
  const assessment = selfAssessment({ counters, homes, policies: covered.map(policyFor) });

  const range = { from: periodInstants(fromPeriod, timeZone).from, to: periodInstants(toPeriod, timeZone).to };
  const period = { from: fromPeriodId(fromPeriod), to: fromPeriodId(toPeriod) };
  const document = { period, scope: groupWide ? ('group' as const) : ('estates' as const), estateIds, timeZone, generatedAt: platformNow().toISOString(), ...assessment };

  if (query.format === 'xlsx') {
    const language = query.language ?? 'en';
    const workbook = await tablesToXlsx(selfAssessmentTables(document, translate(language), INTL_LOCALES[language]));
    return {
      statusCode: 200,
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="self-assessment-${groupWide ? 'group' : estateIds.join('-').slice(0, 100)}-${period.from}-${period.to}-${language}.xlsx"`,
        'cache-control': 'no-store',
      },
      body: workbook.toString('base64'),
      isBase64Encoded: true,
    };
  }

  // Each figure's cases: the case list with the period, the estates and the figure's own filters.
  const casesLink = (filters: Record<string, string>) =>
    `/api/v1/cases?${new URLSearchParams({
      ...(groupWide ? {} : estateIds.length === 1 ? { estateId: estateIds[0]! } : { estates: estateIds.join(',') }),
      receivedFrom: range.from,
      receivedTo: range.to,
      ...filters,
    }).toString()}`;
  const withLinks = (items: AssessmentItem[]) => items.map((item) => ({ ...item, evidence: item.evidence.map((e) => ({ ...e, ...(e.cases ? { casesLink: casesLink(e.cases) } : {}) })) }));
  return json(200, { ...document, housingOmbudsman: withLinks(document.housingOmbudsman), iso10002: withLinks(document.iso10002) });
});
