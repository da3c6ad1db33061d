/**
 * What the dashboard and performance pages share: the dashboard API (`GET /api/v1/dashboard`, see
 * docs/INSIGHT.md), its filters as they live in the console's URL, the drill-down from a figure's
 * case-list link to the queue, and how rates and working days are written.
 */
import type { dashboardOf } from '../../../domain/insight/dashboard';
import type { Language } from '../../../domain/vocabulary';
import { INTL_LOCALES } from '../../../messages/lookup';
import { api } from '../api';
import { formatNumber, language, t } from '../i18n';
import { CONSOLE_PATH } from '../router';

type DashboardFigures = ReturnType<typeof dashboardOf>;

export interface DashboardResponse extends Omit<DashboardFigures, 'trend' | 'buildings'> {
  /** One estate's complaints per building, most first (docs/BUILDINGS.md); empty for several estates or the group. */
  buildings: (DashboardFigures['buildings'][number] & { names: Record<Language, string> | null })[];
  filters: { granularity: 'day' | 'week' | 'month'; from: string; to: string; scope: 'group' | 'estates'; estateIds: string[]; class: string | null; category: string | null; timeZone: string };
  trend: (DashboardFigures['trend'][number] & { period: string })[];
  links: {
    all: string;
    byStatus: Record<string, string>;
    byClass: Record<string, string>;
    bySeverity: Record<string, string>;
    byCategory: Record<string, string>;
    byChannel: Record<string, string>;
    byOutcome: Record<string, string>;
    stage2: string;
    byPeriod: Record<string, string>;
    byEstate: Record<string, string>;
    byBuilding: Record<string, string>;
  };
}

export type Rate = DashboardFigures['regulator']['TP09']['satisfiedWithHandling'];

/** The dashboard's filters, as the console's URL and the API's query name them. */
export const DASHBOARD_FILTERS = ['granularity', 'from', 'to', 'estateId', 'class', 'category'] as const;
export type DashboardFilters = Partial<Record<(typeof DASHBOARD_FILTERS)[number], string>>;

export function dashboardFiltersFrom(params: URLSearchParams): DashboardFilters {
  const filters: DashboardFilters = {};
  for (const name of DASHBOARD_FILTERS) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

export async function fetchDashboard(filters: DashboardFilters): Promise<{ dashboard: DashboardResponse | null; error: string | null }> {
  const query = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])));
  const result = await api<DashboardResponse>('GET', `/api/v1/dashboard?${query.toString()}`);
  if (result.status === 200 && result.body) return { dashboard: result.body, error: null };
  const fields = result.error?.fields ? Object.values(result.error.fields).join('; ') : '';
  return { dashboard: null, error: fields || result.error?.message || String(result.status) };
}

/** A figure's cases: the API's case-list link (`/api/v1/cases?…`) as the console's queue with the same filters. */
export function queueHref(apiLink: string | undefined): string | undefined {
  if (!apiLink) return undefined;
  const url = new URL(apiLink, window.location.origin);
  const params = new URLSearchParams({ view: 'queue' });
  for (const [key, value] of url.searchParams) params.set(key, value);
  return `${CONSOLE_PATH}?${params.toString()}`;
}

export function formatRate(rate: Rate): string {
  if (rate.rate === null) return t('console.dashboard.notApplicable');
  return new Intl.NumberFormat(INTL_LOCALES[language.get()], { style: 'percent', maximumFractionDigits: 1 }).format(rate.rate);
}

export function formatRateOf(rate: Rate): string {
  if (rate.rate === null) return t('console.dashboard.notApplicable');
  return t('console.dashboard.rateOf', { rate: formatRate(rate), numerator: formatNumber(rate.numerator), denominator: formatNumber(rate.denominator) });
}

export function formatDays(days: number | null): string {
  return days === null ? t('console.dashboard.notApplicable') : new Intl.NumberFormat(INTL_LOCALES[language.get()], { maximumFractionDigits: 1 }).format(days);
}

/** A jurisdiction code (`HK`, `CN`, `GB`…) as a region name in the reader's language. */
export function regionName(code: string): string {
  try {
    return new Intl.DisplayNames(INTL_LOCALES[language.get()], { type: 'region' }).of(code.split('-')[0]!) ?? code;
  } catch {
    return code;
  }
}

export interface EarlyWarning {
  estateId: string;
  /** A building's own warning (its names come from the page data's estates). */
  buildingId?: string;
  category: string;
  window: { from: string; to: string };
  count: number;
  expected: number;
  pValue: number;
  cases: string;
}

/** Early warnings (`GET /api/v1/early-warnings`) of the estates the dashboard shows: one estate's, or all the caller's, kept to those shown. */
export async function fetchEarlyWarnings(estateIds: readonly string[] | undefined): Promise<{ asOf: string; warnings: EarlyWarning[] } | null> {
  const one = estateIds?.length === 1 ? `?estateId=${encodeURIComponent(estateIds[0]!)}` : '';
  const result = await api<{ asOf: string; warnings: EarlyWarning[] }>('GET', `/api/v1/early-warnings${one}`);
  if (result.status !== 200 || !result.body) return null;
  const shown = estateIds ? new Set(estateIds) : undefined;
  return { asOf: result.body.asOf, warnings: result.body.warnings.filter((w) => !shown || shown.has(w.estateId)) };
}

/** A period id as the API gives it (`2026-11-30`, `2026-W48`, `2026-11`) in the reader's words; weeks stay ISO weeks. */
export function periodLabel(period: string): string {
  const locale = INTL_LOCALES[language.get()];
  if (/^\d{4}-\d{2}$/.test(period)) return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${period}-01T00:00:00Z`));
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${period}T00:00:00Z`));
  return period;
}
