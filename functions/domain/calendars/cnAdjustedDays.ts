/**
 * Mainland China: the State Council's annual holiday arrangement (放假调休安排).
 *
 * Each year the General Office of the State Council (国务院办公厅) publishes a
 * notice "关于YYYY年部分节假日安排的通知" that fixes, for the coming year,
 * which days are off (statutory holidays plus the days moved next to them,
 * 调休) and which weekend days become official working days (调休上班, the
 * "make-up working days"). date-holidays 3.37.0 does not model make-up
 * working days at all and its rule-based mainland list is incomplete (it
 * lacks the fourth Spring Festival day and 2 May added from 2025, and the
 * weekday moved off when a festival falls on a weekend), so for the years
 * below this table is authoritative: a day is off if it lies in one of the
 * listed periods, a working day if it is a listed make-up day, and otherwise
 * a working day exactly when it is Monday to Friday.
 *
 * Covered years: 2024, 2025, 2026. A later year falls back to the
 * date-holidays public-holiday list alone (no make-up days, no moved days);
 * `calendarCoverage()` in `../workingCalendar` reports which years are covered.
 * UPDATE EVERY YEAR: the notice for the next year is usually published in
 * October or November; add it here (and extend the tests).
 *
 * Sources (published on www.gov.cn; the text of each notice was checked
 * against the periods and make-up days below):
 * - 2024: 国务院办公厅关于2024年部分节假日安排的通知, 2023-10-25.
 * - 2025: 国务院办公厅关于2025年部分节假日安排的通知, 2024-11-12 (the first
 *   arrangement under the 2024 revision of 全国年节及纪念日放假办法: Spring
 *   Festival from New Year's Eve, four statutory days; Labour Day two days).
 * - 2026: 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04.
 */

/** One holiday period of a notice: every day from `from` to `to` (inclusive, `YYYY-MM-DD`) is off. */
export interface CnHolidayPeriod {
  name: string;
  from: string;
  to: string;
}

/** The holiday arrangement of one year as the State Council published it. */
export interface CnHolidayArrangement {
  /** Title and publication date of the State Council General Office notice. */
  notice: string;
  periods: readonly CnHolidayPeriod[];
  /** Saturdays and Sundays that are official working days (调休上班), `YYYY-MM-DD`. */
  makeUpWorkingDays: readonly string[];
}

export const CN_ADJUSTED_DAYS: Readonly<Record<number, CnHolidayArrangement>> = {
  2024: {
    notice: '国务院办公厅关于2024年部分节假日安排的通知 (2023-10-25)',
    periods: [
      // "1月1日放假，与周末连休" (30 and 31 December 2023 are the weekend).
      { name: '元旦', from: '2024-01-01', to: '2024-01-01' },
      // New Year's Eve (9 February) is NOT an official day off in 2024; the notice only encourages employers to give it.
      { name: '春节', from: '2024-02-10', to: '2024-02-17' },
      { name: '清明节', from: '2024-04-04', to: '2024-04-06' },
      { name: '劳动节', from: '2024-05-01', to: '2024-05-05' },
      { name: '端午节', from: '2024-06-08', to: '2024-06-10' },
      { name: '中秋节', from: '2024-09-15', to: '2024-09-17' },
      { name: '国庆节', from: '2024-10-01', to: '2024-10-07' },
    ],
    makeUpWorkingDays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  2025: {
    notice: '国务院办公厅关于2025年部分节假日安排的通知 (2024-11-12)',
    periods: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    makeUpWorkingDays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    notice: '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)',
    periods: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    makeUpWorkingDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};
