/**
 * Which calendar days are working days in a jurisdiction.
 *
 * A working day is Monday to Friday that is not a public holiday, plus, in
 * mainland China, the weekend days the State Council declares working days.
 *
 * - HK: the general holidays (General Holidays Ordinance, Cap. 149), the days
 *   banks and government offices close. Saturdays are treated as non-working.
 * - CN: for years with a State Council notice (`calendars/cnAdjustedDays.ts`)
 *   the notice decides, including make-up working days (调休上班); other years
 *   use the statutory holidays from date-holidays alone, with no make-up or
 *   moved days.
 * - GB-ENG: the bank holidays of England (not Scotland or Northern Ireland).
 *
 * Holiday dates are precomputed from date-holidays at build time
 * (`scripts/generateHolidayCalendars.ts`), so bundles carry a few KB of dates
 * instead of the 1.5 MB library; each jurisdiction's table is turned into a
 * lookup set on first use. Outside the generated span only weekends count.
 * `calendarCoverage()` says which years are covered by what.
 */
import type { CalendarDate } from './deadlines';
import type { Jurisdiction } from './estate';
import { CN_ADJUSTED_DAYS } from './calendars/cnAdjustedDays';
import { FIRST_HOLIDAY_YEAR, HOLIDAY_SOURCE, LAST_HOLIDAY_YEAR, PUBLIC_HOLIDAYS } from './calendars/publicHolidays.generated';

/** How a calendar day counts. */
export type DayKind = 'working-day' | 'make-up-working-day' | 'weekend' | 'public-holiday';

export function isWorkingDay(date: CalendarDate, jurisdiction: Jurisdiction): boolean {
  const kind = dayKind(date, jurisdiction);
  return kind === 'working-day' || kind === 'make-up-working-day';
}

/**
 * Classifies a day. `public-holiday` covers every official day off on a
 * weekday or weekend (for CN covered years, also the weekdays moved off by the
 * notice); `make-up-working-day` is a Saturday or Sunday worked by order of
 * the State Council.
 */
export function dayKind(date: CalendarDate, jurisdiction: Jurisdiction): DayKind {
  const key = dateKey(date);
  const weekend = isWeekend(date);
  if (jurisdiction === 'CN') {
    const adjusted = cnAdjustedYear(date.year);
    if (adjusted) {
      if (adjusted.makeUp.has(key)) return 'make-up-working-day';
      if (adjusted.daysOff.has(key)) return 'public-holiday';
      return weekend ? 'weekend' : 'working-day';
    }
  }
  if (publicHolidays(jurisdiction).has(key)) return 'public-holiday';
  return weekend ? 'weekend' : 'working-day';
}

/** Where a year's calendar comes from: an official adjustment notice, the date-holidays rules, or nothing but weekends. */
export type CoverageLevel = 'official-notice' | 'date-holidays' | 'weekends-only';

export function coverageForYear(jurisdiction: Jurisdiction, year: number): CoverageLevel {
  if (jurisdiction === 'CN' && CN_ADJUSTED_DAYS[year]) return 'official-notice';
  if (year >= FIRST_HOLIDAY_YEAR && year <= LAST_HOLIDAY_YEAR) return 'date-holidays';
  return 'weekends-only';
}

export interface JurisdictionCoverage {
  /** Years whose public holidays are known (inclusive). Outside them only weekends are non-working. */
  publicHolidays: { source: string; firstYear: number; lastYear: number };
  /** Years for which an official notice decides every day, including make-up working days (mainland China only). */
  officialNoticeYears: number[];
  /** What a year inside `publicHolidays` but without a notice lacks. */
  limitation?: string;
}

/** What the calendars know, per jurisdiction: shown to administrators and checked by tests so an uncovered year is visible. */
export function calendarCoverage(): Record<Jurisdiction, JurisdictionCoverage> {
  const publicHolidaysSpan = { source: HOLIDAY_SOURCE, firstYear: FIRST_HOLIDAY_YEAR, lastYear: LAST_HOLIDAY_YEAR };
  const noticeYears = Object.keys(CN_ADJUSTED_DAYS).map(Number).sort((a, b) => a - b);
  return {
    HK: { publicHolidays: { ...publicHolidaysSpan }, officialNoticeYears: [] },
    CN: {
      publicHolidays: { ...publicHolidaysSpan },
      officialNoticeYears: noticeYears,
      limitation:
        'Years without a State Council notice use statutory holidays only: no make-up working days (调休上班) and no days moved next to a holiday; add each new notice to calendars/cnAdjustedDays.ts.',
    },
    'GB-ENG': { publicHolidays: { ...publicHolidaysSpan }, officialNoticeYears: [] },
  };
}

// --- internals ---------------------------------------------------------------

const holidaySets = new Map<Jurisdiction, Set<string>>();

function publicHolidays(jurisdiction: Jurisdiction): Set<string> {
  let set = holidaySets.get(jurisdiction);
  if (!set) {
    set = new Set();
    for (const [year, days] of Object.entries(PUBLIC_HOLIDAYS[jurisdiction])) {
      for (const monthDay of days.split(' ')) if (monthDay) set.add(`${year}-${monthDay}`);
    }
    holidaySets.set(jurisdiction, set);
  }
  return set;
}

interface AdjustedYear {
  daysOff: Set<string>;
  makeUp: Set<string>;
}

const cnAdjustedYears = new Map<number, AdjustedYear>();

function cnAdjustedYear(year: number): AdjustedYear | undefined {
  const cached = cnAdjustedYears.get(year);
  if (cached) return cached;
  const arrangement = CN_ADJUSTED_DAYS[year];
  if (!arrangement) return undefined;
  const daysOff = new Set<string>();
  for (const period of arrangement.periods) {
    for (let day = parseKey(period.from); dateKey(day) <= period.to; day = addDays(day, 1)) daysOff.add(dateKey(day));
  }
  const adjusted = { daysOff, makeUp: new Set(arrangement.makeUpWorkingDays) };
  cnAdjustedYears.set(year, adjusted);
  return adjusted;
}

function isWeekend(date: CalendarDate): boolean {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function dateKey(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function parseKey(key: string): CalendarDate {
  const [year, month, day] = key.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
