import { describe, expect, it } from 'vitest';
import { CN_ADJUSTED_DAYS } from '../../../functions/domain/calendars/cnAdjustedDays';
import { addWorkingDays, type CalendarDate } from '../../../functions/domain/deadlines';
import type { Jurisdiction } from '../../../functions/domain/estate';
import { calendarCoverage, coverageForYear, dayKind, isWorkingDay } from '../../../functions/domain/workingCalendar';

function d(iso: string): CalendarDate {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function weekday(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' });
}

describe('isWorkingDay: Hong Kong general holidays', () => {
  it.each<[string, boolean, string]>([
    ['2026-02-16', true, 'Monday before Lunar New Year'],
    ['2026-02-17', false, 'Lunar New Year\'s Day'],
    ['2026-02-18', false, 'second day of Lunar New Year'],
    ['2026-02-19', false, 'third day of Lunar New Year'],
    ['2026-02-20', true, 'Friday after Lunar New Year'],
    ['2026-04-03', false, 'Good Friday'],
    ['2026-04-06', false, 'day following Ching Ming (5 April is a Sunday)'],
    ['2026-04-07', false, 'day following Easter Monday'],
    ['2026-05-25', false, 'day following the Buddha\'s Birthday'],
    ['2026-07-01', false, 'HKSAR Establishment Day'],
    ['2026-10-19', false, 'day following Chung Yeung'],
    ['2025-12-24', true, 'Christmas Eve is a working day'],
    ['2025-12-25', false, 'Christmas Day'],
    ['2025-12-26', false, 'first weekday after Christmas'],
    ['2025-10-07', false, 'day following Mid-Autumn'],
    ['2026-03-07', false, 'Saturday'],
    ['2026-03-08', false, 'Sunday'],
  ])('%s is working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(d(date), 'HK')).toBe(expected);
  });
});

describe('isWorkingDay: mainland China with State Council adjustments', () => {
  it.each<[string, boolean, string]>([
    // 2025 National Day + Mid-Autumn: 1-8 October off, Sunday 28 September and Saturday 11 October worked.
    ['2025-09-27', false, 'Saturday before Golden Week'],
    ['2025-09-28', true, 'Sunday make-up working day'],
    ['2025-09-30', true, 'Tuesday before Golden Week'],
    ['2025-10-01', false, 'National Day'],
    ['2025-10-06', false, 'Mid-Autumn'],
    ['2025-10-08', false, 'Wednesday, last day of the 8-day holiday'],
    ['2025-10-09', true, 'Thursday after Golden Week'],
    ['2025-10-11', true, 'Saturday make-up working day'],
    ['2025-10-12', false, 'ordinary Sunday'],
    // 2025 Spring Festival: 28 January - 4 February off, 26 January and 8 February worked.
    ['2025-01-26', true, 'Sunday make-up working day'],
    ['2025-01-28', false, 'New Year\'s Eve (statutory from 2025)'],
    ['2025-02-04', false, 'seventh day of the first month'],
    ['2025-02-08', true, 'Saturday make-up working day'],
    ['2025-05-02', false, 'Labour Day holiday'],
    ['2025-04-27', true, 'Sunday make-up working day'],
    // 2024: New Year's Eve was only "encouraged" as a day off, so it is a working day.
    ['2024-02-09', true, 'New Year\'s Eve 2024 (not an official day off)'],
    ['2024-02-04', true, 'Sunday make-up working day'],
    ['2024-02-16', false, 'Friday inside the Spring Festival holiday'],
    ['2024-02-18', true, 'Sunday make-up working day'],
    // 2026
    ['2026-01-02', false, 'Friday after New Year\'s Day'],
    ['2026-01-04', true, 'Sunday make-up working day'],
    ['2026-02-14', true, 'Saturday make-up working day'],
    ['2026-02-23', false, 'Monday, last day of the 9-day Spring Festival'],
    ['2026-02-28', true, 'Saturday make-up working day'],
    ['2026-04-06', false, 'Monday of Qingming (5 April is a Sunday)'],
    ['2026-05-05', false, 'Tuesday of Labour Day holiday'],
    ['2026-05-09', true, 'Saturday make-up working day'],
    ['2026-09-20', true, 'Sunday make-up working day'],
    ['2026-10-07', false, 'Wednesday, last day of National Day holiday'],
    ['2026-10-10', true, 'Saturday make-up working day'],
  ])('%s is working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(d(date), 'CN')).toBe(expected);
  });

  it('every make-up working day in the table is a Saturday or Sunday and every period lies in its year', () => {
    for (const [year, arrangement] of Object.entries(CN_ADJUSTED_DAYS)) {
      for (const day of arrangement.makeUpWorkingDays) {
        expect(['Sat', 'Sun'], day).toContain(weekday(day));
        expect(day.startsWith(`${year}-`)).toBe(true);
      }
      for (const period of arrangement.periods) {
        expect(period.from <= period.to).toBe(true);
        expect(period.from.startsWith(`${year}-`)).toBe(true);
      }
    }
  });

  it('reports the kind of day', () => {
    expect(dayKind(d('2025-09-28'), 'CN')).toBe('make-up-working-day');
    expect(dayKind(d('2025-10-03'), 'CN')).toBe('public-holiday');
    expect(dayKind(d('2025-10-12'), 'CN')).toBe('weekend');
    expect(dayKind(d('2025-10-09'), 'CN')).toBe('working-day');
  });

  it('falls back to date-holidays statutory days for a year without a notice (no make-up days)', () => {
    expect(coverageForYear('CN', 2027)).toBe('date-holidays');
    expect(weekday('2027-02-08')).toBe('Mon');
    expect(isWorkingDay(d('2027-02-05'), 'CN')).toBe(false); // New Year's Eve (Friday)
    expect(isWorkingDay(d('2027-02-08'), 'CN')).toBe(false); // third day of the first month (Monday)
    expect(isWorkingDay(d('2027-02-09'), 'CN')).toBe(true); // no notice: fourth day counts as working
    expect(weekday('2028-05-02')).toBe('Tue');
    expect(isWorkingDay(d('2028-05-02'), 'CN')).toBe(false); // Labour Day second statutory day (from 2025)
    expect(isWorkingDay(d('2027-10-01'), 'CN')).toBe(false);
  });
});

describe('isWorkingDay: England bank holidays', () => {
  it.each<[string, boolean, string]>([
    ['2026-08-31', false, 'Summer bank holiday'],
    ['2026-08-28', true, 'Friday before the Summer bank holiday'],
    ['2026-04-03', false, 'Good Friday'],
    ['2026-04-06', false, 'Easter Monday'],
    ['2026-05-04', false, 'Early May bank holiday'],
    ['2026-05-25', false, 'Spring bank holiday'],
    ['2026-12-25', false, 'Christmas Day'],
    ['2026-12-28', false, 'Boxing Day substitute (26 December is a Saturday)'],
    ['2026-12-29', true, 'ordinary Tuesday'],
    ['2023-05-08', false, 'Coronation bank holiday'],
    ['2026-07-01', true, 'HK holiday is not an English one'],
  ])('%s is working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(d(date), 'GB-ENG')).toBe(expected);
  });
});

describe('calendar coverage', () => {
  it('names the years each calendar covers', () => {
    const coverage = calendarCoverage();
    for (const jurisdiction of ['HK', 'CN', 'GB-ENG'] as const) {
      expect(coverage[jurisdiction].publicHolidays).toEqual({ source: 'date-holidays@3.37.0', firstYear: 2020, lastYear: 2035 });
    }
    expect(coverage.CN.officialNoticeYears).toEqual([2024, 2025, 2026]);
    expect(coverage.CN.limitation).toMatch(/make-up/);
    expect(coverage.HK.officialNoticeYears).toEqual([]);
  });

  it.each<[Jurisdiction, number, string]>([
    ['CN', 2024, 'official-notice'],
    ['CN', 2026, 'official-notice'],
    ['CN', 2030, 'date-holidays'],
    ['HK', 2026, 'date-holidays'],
    ['GB-ENG', 2035, 'date-holidays'],
    ['GB-ENG', 2036, 'weekends-only'],
    ['HK', 2019, 'weekends-only'],
  ])('%s %i: %s', (jurisdiction, year, level) => {
    expect(coverageForYear(jurisdiction, year)).toBe(level);
  });

  it('beyond the generated span only weekends are non-working', () => {
    expect(isWorkingDay(d('2036-12-25'), 'GB-ENG')).toBe(true); // a Thursday; unknown year
    expect(isWorkingDay(d('2036-12-27'), 'GB-ENG')).toBe(false); // Saturday
  });
});

describe('addWorkingDays with holidays', () => {
  it.each<[string, string, number, Jurisdiction, string, string]>([
    // HK: received Monday 16 Feb 2026 10:00; Lunar New Year Tue-Thu is skipped: Fri 20, Mon 23, Tue 24, Wed 25, Thu 26.
    ['Lunar New Year 2026 in HK', '2026-02-16T02:00:00Z', 5, 'HK', 'Asia/Hong_Kong', '2026-02-26T15:59:59.999Z'],
    // HK: Christmas Eve 2025 23:30 local; 25, 26 Dec holidays, weekend, so Monday 29th.
    ['HK Christmas, received 23:30 local', '2025-12-24T15:30:00Z', 1, 'HK', 'Asia/Hong_Kong', '2025-12-29T15:59:59.999Z'],
    // CN: received Friday 26 Sep 2025; Sun 28 (make-up), Mon 29, Tue 30, then 1-8 Oct off, Thu 9, Fri 10.
    ['Golden Week 2025 with make-up Sunday', '2025-09-26T02:00:00Z', 5, 'CN', 'Asia/Shanghai', '2025-10-10T15:59:59.999Z'],
    // CN: received Thu 9 Oct 2025: Fri 10, Sat 11 (make-up).
    ['make-up Saturday 11 Oct 2025 counts', '2025-10-09T02:00:00Z', 2, 'CN', 'Asia/Shanghai', '2025-10-11T15:59:59.999Z'],
    // England: received Fri 28 Aug 2026 10:00 BST; weekend, Mon 31 bank holiday; Tue 1 Sep 23:59:59.999 BST.
    ['England Summer bank holiday 2026', '2026-08-28T09:00:00Z', 1, 'GB-ENG', 'Europe/London', '2026-09-01T22:59:59.999Z'],
    // England: received Wed 23 Dec 2026: Thu 24 (1), 25 Fri, weekend, Mon 28 substitute, Tue 29 (2).
    ['England Christmas 2026 with substitute Boxing Day', '2026-12-23T10:00:00Z', 2, 'GB-ENG', 'Europe/London', '2026-12-29T23:59:59.999Z'],
  ])('%s', (_label, start, days, jurisdiction, timeZone, expected) => {
    expect(addWorkingDays(start, days, jurisdiction, timeZone)).toBe(expected);
  });

  it('counts from the local calendar day, not the UTC one', () => {
    // 23:30 Thursday 12 Feb 2026 in Hong Kong: 1 working day = Friday 13th.
    expect(addWorkingDays('2026-02-12T15:30:00Z', 1, 'HK', 'Asia/Hong_Kong')).toBe('2026-02-13T15:59:59.999Z');
    // 00:30 Friday 13 Feb 2026 in Hong Kong is still Thursday in UTC: 1 working day = Monday 16th.
    expect(addWorkingDays('2026-02-12T16:30:00Z', 1, 'HK', 'Asia/Hong_Kong')).toBe('2026-02-16T15:59:59.999Z');
    // 23:30 Friday 28 Aug 2026 BST (22:30 UTC): still Friday in London; Tuesday 1 Sep.
    expect(addWorkingDays('2026-08-28T22:30:00Z', 1, 'GB-ENG', 'Europe/London')).toBe('2026-09-01T22:59:59.999Z');
  });
});

describe('generated holiday tables', () => {
  it('match what date-holidays computes today (regenerate with scripts/generateHolidayCalendars.ts)', async () => {
    const { execFileSync } = await import('node:child_process');
    const output = execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/generateHolidayCalendars.ts', '--check'], { encoding: 'utf8' });
    expect(output).toMatch(/up to date/);
  }, 60_000);
});
