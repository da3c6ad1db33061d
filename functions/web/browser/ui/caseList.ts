/** The staff case list API (`GET /api/v1/cases`) as the queue and the homes use it, and words for its values. */
import type { CaseSummary } from '../../../domain/caseSummary';
import { api } from '../api';
import { language, t } from '../i18n';
import type { ConsoleEstate } from '../pageData';

export type { CaseSummary };

export interface CaseFilters {
  estateId?: string;
  status?: string;
  class?: string;
  severity?: string;
  overdue?: string;
  emailAttention?: string;
  assignee?: string;
  /** The dashboard's drill-down (each figure's case list): several estates, cause, channel, stage, outcome, receipt period. */
  estates?: string;
  category?: string;
  channel?: string;
  stage?: string;
  outcome?: string;
  receivedFrom?: string;
  receivedTo?: string;
  department?: string;
  /** A building of the one estate listed (`building=<id>`: the dashboard's and early warnings' drill-down). */
  building?: string;
  /** Server-side search, one at a time (GET /api/v1/cases: exact reference; unit and phone by keyed digest). */
  reference?: string;
  unit?: string;
  phone?: string;
}

export const FILTER_NAMES = ['estateId', 'status', 'class', 'severity', 'overdue', 'emailAttention', 'assignee', 'estates', 'category', 'channel', 'stage', 'outcome', 'receivedFrom', 'receivedTo', 'department', 'building', 'reference', 'unit', 'phone'] as const;
/** The filters a dashboard figure adds that the queue's form does not show (the queue lists them, with a way to drop them). */
export const DRILL_DOWN_FILTERS = ['estates', 'category', 'channel', 'stage', 'outcome', 'receivedFrom', 'receivedTo', 'department', 'building'] as const;
export const SEARCH_BY = ['reference', 'unit', 'phone'] as const;
export type SearchBy = (typeof SEARCH_BY)[number];
export const searchOf = (filters: CaseFilters): { by: SearchBy; term: string } | undefined => {
  const by = SEARCH_BY.find((name) => filters[name]);
  return by ? { by, term: filters[by]! } : undefined;
};

export function filtersFrom(params: URLSearchParams): CaseFilters {
  const filters: CaseFilters = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

export interface CasePage {
  cases: CaseSummary[];
  nextCursor?: string;
}

/**
 * The last answer to each list URL with its ETag: a poll sends If-None-Match and a 304 (nothing changed)
 * reuses the rows held. Bounded: the oldest URL is dropped beyond this many.
 */
const heldPages = new Map<string, { etag: string; page: CasePage }>();
const MAX_HELD_PAGES = 40;

export async function fetchCases(filters: CaseFilters, options: { limit?: number; cursor?: string } = {}): Promise<CasePage | null> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, String(value));
  query.set('limit', String(options.limit ?? 50));
  if (options.cursor) query.set('cursor', options.cursor);
  const path = `/api/v1/cases?${query.toString()}`;
  const held = heldPages.get(path);
  const result = await api<CasePage>('GET', path, held ? { headers: { 'if-none-match': held.etag } } : {});
  if (result.status === 304 && held) return held.page;
  if (result.status !== 200 || !result.body) return null;
  heldPages.delete(path);
  if (result.etag) heldPages.set(path, { etag: result.etag, page: result.body });
  if (heldPages.size > MAX_HELD_PAGES) heldPages.delete(heldPages.keys().next().value!);
  return result.body;
}

/** How many cases match, up to `limit` (then "more than"). */
export async function countCases(filters: CaseFilters, limit = 100): Promise<{ count: number; more: boolean } | null> {
  const page = await fetchCases(filters, { limit });
  return page ? { count: page.cases.length, more: page.nextCursor !== undefined } : null;
}

/** Due within two days and not overdue: worth a marker in the queue. */
export const DUE_SOON_MS = 2 * 24 * 60 * 60 * 1000;
export function isDueSoon(c: Pick<CaseSummary, 'responseDueBy' | 'overdue' | 'status'>, now: number): boolean {
  if (c.overdue || c.status === 'closed' || c.status === 'responded') return false;
  const due = Date.parse(c.responseDueBy);
  return due >= now && due - now <= DUE_SOON_MS;
}

export function estateName(estates: readonly ConsoleEstate[], estateId: string): string {
  return estates.find((e) => e.estateId === estateId)?.names[language.get()] ?? estateId;
}

/** A building of the estate in the reader's language; a building the estate no longer lists reads as its id. */
export function buildingName(estates: readonly ConsoleEstate[], estateId: string, buildingId: string): string {
  const estate = estates.find((e) => e.estateId === estateId);
  return estate?.buildings?.find((b) => b.buildingId === buildingId)?.names[language.get()] ?? buildingId;
}

/** Where a case or a warning is: the estate, or the building with its estate ("Tower 2, Harbour View"). */
export function placeName(estates: readonly ConsoleEstate[], estateId: string, buildingId: string | undefined): string {
  const estate = estateName(estates, estateId);
  return buildingId === undefined ? estate : t('console.buildings.inEstate', { building: buildingName(estates, estateId, buildingId), estate });
}

export function departmentName(estates: readonly ConsoleEstate[], estateId: string, departmentId: string | undefined): string {
  if (!departmentId) return '';
  const estate = estates.find((e) => e.estateId === estateId);
  return estate?.departments.find((d) => d.departmentId === departmentId)?.names[language.get()] ?? departmentId;
}

export function estateTimeZone(estates: readonly ConsoleEstate[], estateId: string): string | undefined {
  return estates.find((e) => e.estateId === estateId)?.timeZone;
}

export const statusText = (status: string) => t(`statuses.${status as 'closed'}`);
export const classText = (caseClass: number | undefined) => (caseClass ? t(`classShort.${String(caseClass) as '1'}`) : '');
export const severityText = (severity: string | undefined) => (severity ? t(`severities.${severity as 'general'}`) : '');
