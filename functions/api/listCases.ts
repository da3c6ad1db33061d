/**
 * `GET /api/v1/cases` — the staff case list: filter by estate (or a group of `estates`), status, class,
 * severity, overdue, emails waiting for a person, assignee, and the dashboard's drill-down filters (category,
 * channel, stage, outcome, receivedFrom/receivedTo); newest first; `limit` (1–100, default 25)
 * and an opaque signed `cursor` (`nextCursor` of the previous page; a cursor
 * that was altered, expired, or belongs to other filters or another user is a
 * 400). Staff see the estates they serve; HQ and compliance see the group.
 * Search (one at a time, with any of the filters): `reference` (exact, any case),
 * `unit` (normalised, exact; in `estateId` or each of the caller's estates) and `phone`
 * (normalised). Unit and phone are matched by keyed digests written at intake, never by
 * reading units or numbers (functions/domain/caseLookup.ts).
 */
import * as z from 'zod/mini';
import { caseSummary } from '../domain/caseSummary';
import { buildingIdSchema, estateIdSchema } from '../domain/estateIdSchema';
import { CASE_STATUSES, CAUSE_CATEGORIES, CHANNELS, SEVERITIES } from '../domain/vocabulary';
import { canonicalJson } from '../domain/canonicalJson';
import { caseLookupKey, normaliseUnit, phoneDigest, unitDigest } from '../domain/caseLookup';
import { cursorSecret, InvalidCursorError, openCursor, signCursor } from '../domain/signedCursor';
import { requirePermission, requireStaff } from '../platform/auth';
import { getDocumentClient } from '../platform/clients';
import { readConfig } from '../platform/config';
import { conditionalJson, viewDigest } from '../platform/conditionalGet';
import { HttpError, httpEndpoint, json, validate } from '../platform/http';
import { type CaseListFilters, type CaseLookup, earliestCaseMonth, type ListPosition, listCases } from '../store/caseListing';
import { platformNow } from '../platform/clock';

export const querySchema = z.strictObject({
  estateId: z.optional(estateIdSchema),
  status: z.optional(z.enum(CASE_STATUSES, `status must be one of ${CASE_STATUSES.join(', ')}`)),
  class: z.optional(z.enum(['1', '2', '3'], 'class must be 1, 2 or 3')),
  severity: z.optional(z.enum(SEVERITIES, `severity must be one of ${SEVERITIES.join(', ')}`)),
  overdue: z.optional(z.enum(['true', 'false'], 'overdue must be true or false')),
  emailAttention: z.optional(z.enum(['true'], 'emailAttention must be true')),
  assignee: z.optional(z.string().check(z.regex(/^[A-Za-z0-9._@-]{1,128}$/, 'assignee must be a user id'))),
  estates: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}(,[A-Za-z0-9_-]{1,32}){0,49}$/, 'estates must be 1-50 estate ids separated by commas'))),
  category: z.optional(z.enum(CAUSE_CATEGORIES, `category must be one of ${CAUSE_CATEGORIES.join(', ')}`)),
  channel: z.optional(z.enum(CHANNELS, `channel must be one of ${CHANNELS.join(', ')}`)),
  stage: z.optional(z.enum(['1', '2'], 'stage must be 1 or 2')),
  outcome: z.optional(z.enum(['upheld', 'partly-upheld', 'not-upheld'], 'outcome must be upheld, partly-upheld or not-upheld')),
  receivedFrom: z.optional(z.iso.datetime({ offset: false, message: 'receivedFrom must be an ISO date-time in UTC, e.g. 2026-11-01T00:00:00.000Z' })),
  receivedTo: z.optional(z.iso.datetime({ offset: false, message: 'receivedTo must be an ISO date-time in UTC, e.g. 2026-12-01T00:00:00.000Z' })),
  department: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'department must be a department id'))),
  /** Cases naming this building of their estate (early warning's drill-down per building). */
  building: z.optional(buildingIdSchema),
  reference: z.optional(z.string().check(z.regex(/^\s*[A-Za-z0-9]{2,12}-\d{4}-\d{6}\s*$/, 'reference must look like EST01-2026-000123'))),
  unit: z.optional(z.string().check(z.minLength(1, 'unit must not be empty'), z.maxLength(64, 'unit must be at most 64 characters'))),
  phone: z.optional(z.string().check(z.regex(/^\+?[0-9 ()-]{6,24}$/, 'phone must be 6-24 digits, spaces, brackets or dashes, optionally starting with +'))),
  limit: z.optional(z.string().check(z.regex(/^(100|[1-9][0-9]?)$/, 'limit must be a whole number from 1 to 100'))),
  cursor: z.optional(z.string().check(z.maxLength(8192, 'cursor is too long'))),
});

/** Time kept back from the function's timeout: no new query starts once less than this is left (the page ends early). */
const TIME_KEPT_FOR_ANSWER_MS = 4_000;

export const handler = httpEndpoint('listCases', async (event, context) => {
  const identity = requireStaff(event);
  const query = validate(querySchema, event.queryStringParameters ?? {}, 'query');
  // Another estate's list answers like an unknown estate: 404, nothing revealed.
  requirePermission(identity, 'case.list', query.estateId ? { estateId: query.estateId } : {});
  // A group of estates (the dashboard's drill-down): each must be the caller's, or the list answers 404.
  const estateGroup = query.estates ? [...new Set(query.estates.split(','))] : undefined;
  for (const estateId of estateGroup ?? []) requirePermission(identity, 'case.list', { estateId });
  if (query.estateId && estateGroup) throw new HttpError(400, 'invalid_query', 'give estateId or estates, not both', { estates: 'cannot be combined with estateId' });
  const scope = query.estateId ? [query.estateId] : estateGroup ? estateGroup.sort() : identity.estateIds === 'all' ? 'all' : [...identity.estateIds].sort();
  const lookup = lookupOf(query, scope);
  const filters: CaseListFilters = {
    ...(query.estateId ? { estateId: query.estateId } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.class ? { caseClass: Number(query.class) as 1 | 2 | 3 } : {}),
    ...(query.severity ? { severity: query.severity } : {}),
    ...(query.overdue ? { overdue: query.overdue === 'true' } : {}),
    ...(query.emailAttention ? { emailAttention: true } : {}),
    ...(query.assignee ? { assigneeId: query.assignee } : {}),
    ...(query.category ? { category: query.category } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.stage ? { stage: Number(query.stage) as 1 | 2 } : {}),
    ...(query.outcome ? { outcome: query.outcome } : {}),
    ...(query.receivedFrom ? { receivedFrom: query.receivedFrom } : {}),
    ...(query.receivedTo ? { receivedTo: query.receivedTo } : {}),
    ...(query.department ? { departmentId: query.department } : {}),
    ...(query.building ? { buildingId: query.building } : {}),
    ...(lookup ? { lookup } : {}),
  };
  const limit = Number(query.limit ?? 25);
  const now = platformNow().toISOString();
  const secret = cursorSecret(process.env);
  // Cursors are session tokens: their lifetime is real time, not platform time.
  const issuedAt = Date.now();
  const binding = { query: canonicalJson({ v: 1, filters, scope }), subject: identity.userId };
  let position: ListPosition | undefined;
  if (query.cursor !== undefined) {
    try {
      position = openCursor<ListPosition>(secret, binding, query.cursor, issuedAt);
    } catch (error) {
      if (error instanceof InvalidCursorError) throw new HttpError(400, 'invalid_cursor', `${error.message}; start again without a cursor`);
      throw error;
    }
  }
  if (scope !== 'all' && scope.length === 0) return json(200, { cases: [] });
  let page;
  try {
    page = await listCases(getDocumentClient(), readConfig().tableName, { scope, filters, now, limit, earliestMonth: earliestCaseMonth(), outOfTime: () => context.getRemainingTimeInMillis() < TIME_KEPT_FOR_ANSWER_MS, ...(position ? { position } : {}) });
  } catch (error) {
    if ((error as Error).message === 'position does not match the query') throw new HttpError(400, 'invalid_cursor', 'cursor does not match this query');
    throw error;
  }
  const cases = page.cases.map((c) => caseSummary(c, now));
  // The validator covers the rows and where the next page starts, not the signed cursor (it is re-issued with a
  // new expiry on every answer): a poll of an unchanged list gets 304 and keeps the cursor it holds (valid a day).
  const etag = `"${viewDigest({ query: binding.query, cases, next: page.next ?? null })}"`;
  return conditionalJson(event, { cases, ...(page.next ? { nextCursor: signCursor(secret, binding, page.next, issuedAt) } : {}) }, etag);
});

const MAX_UNIT_SEARCH_ESTATES = 50;

/** The search asked for, as index partitions: the reference itself, or keyed digests of the unit or number. */
function lookupOf(query: z.infer<typeof querySchema>, scope: 'all' | readonly string[]): CaseLookup | undefined {
  const asked = (['reference', 'unit', 'phone'] as const).filter((field) => query[field] !== undefined);
  if (asked.length > 1) {
    throw new HttpError(400, 'invalid_query', 'search by one of reference, unit or phone at a time', Object.fromEntries(asked.map((field) => [field, 'search by one of reference, unit or phone at a time'])));
  }
  if (query.reference !== undefined) return { by: 'reference', reference: query.reference.trim().toUpperCase() };
  if (query.phone !== undefined) {
    const digest = phoneDigest(caseLookupKey(process.env), query.phone);
    if (!digest) throw new HttpError(400, 'invalid_query', 'query has invalid fields: phone', { phone: 'phone must have at least 6 digits' });
    return { by: 'phone', digest };
  }
  if (query.unit !== undefined) {
    // A unit is only a unit within its estate: the digest covers both, so the search needs the estates.
    if (scope === 'all' || scope.length > MAX_UNIT_SEARCH_ESTATES) {
      throw new HttpError(400, 'invalid_query', 'query has invalid fields: unit', { unit: 'choose an estate (estateId) to search by unit' });
    }
    if (!normaliseUnit(query.unit)) throw new HttpError(400, 'invalid_query', 'query has invalid fields: unit', { unit: 'unit must contain letters or digits' });
    const key = caseLookupKey(process.env);
    return { by: 'unit', digests: scope.map((estateId) => unitDigest(key, estateId, query.unit!)!) };
  }
  return undefined;
}
