/**
 * The periods figures are counted in: days, ISO weeks and months of the
 * group's reporting time zone. Period ids sort in time order within a
 * granularity: `D2026-11-30`, `W2026-W48`, `M2026-11`.
 */
import { type CalendarDate, endOfLocalDay, localDate } from '../deadlines';

export type Granularity = 'day' | 'week' | 'month';
export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month'];
const PREFIX: Record<Granularity, string> = { day: 'D', week: 'W', month: 'M' };

export function periodIdsOf(instant: string, timeZone: string): Record<Granularity, string> {
  const date = localDate(new Date(instant), timeZone);
  return { day: dayPeriod(date), week: weekPeriod(date), month: monthPeriod(date) };
}

const pad = (n: number) => String(n).padStart(2, '0');
export const dayPeriod = (date: CalendarDate) => `D${date.year}-${pad(date.month)}-${pad(date.day)}`;
export const monthPeriod = (date: CalendarDate) => `M${date.year}-${pad(date.month)}`;

/** ISO 8601 week (Monday first; week 1 holds the year's first Thursday). */
export function weekPeriod(date: CalendarDate): string {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 3); // the Thursday of this week
  const weekYear = d.getUTCFullYear();
  const week = 1 + Math.floor((d.getTime() - Date.UTC(weekYear, 0, 1)) / (7 * 86_400_000));
  return `W${weekYear}-W${pad(week)}`;
}

/** The first local day of a period. */
export function firstDayOf(periodId: string): CalendarDate {
  const day = /^D(\d{4})-(\d{2})-(\d{2})$/.exec(periodId);
  if (day) return { year: Number(day[1]), month: Number(day[2]), day: Number(day[3]) };
  const month = /^M(\d{4})-(\d{2})$/.exec(periodId);
  if (month) return { year: Number(month[1]), month: Number(month[2]), day: 1 };
  const week = /^W(\d{4})-W(\d{2})$/.exec(periodId);
  if (week) {
    // Monday of ISO week 1 is the Monday on or before 4 January.
    const jan4 = new Date(Date.UTC(Number(week[1]), 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000 + (Number(week[2]) - 1) * 7 * 86_400_000);
    return { year: monday.getUTCFullYear(), month: monday.getUTCMonth() + 1, day: monday.getUTCDate() };
  }
  throw new RangeError(`not a period id: ${periodId}`);
}

export function granularityOf(periodId: string): Granularity {
  return periodId.startsWith('D') ? 'day' : periodId.startsWith('W') ? 'week' : 'month';
}

/** The period after `periodId` (same granularity). */
export function nextPeriod(periodId: string): string {
  const first = firstDayOf(periodId);
  const granularity = granularityOf(periodId);
  const d = new Date(Date.UTC(first.year, first.month - 1, first.day));
  if (granularity === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (granularity === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return periodOfDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }, granularity);
}

export function previousPeriod(periodId: string): string {
  const first = firstDayOf(periodId);
  const d = new Date(Date.UTC(first.year, first.month - 1, first.day - 1));
  return periodOfDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }, granularityOf(periodId));
}

export function periodOfDate(date: CalendarDate, granularity: Granularity): string {
  return granularity === 'day' ? dayPeriod(date) : granularity === 'week' ? weekPeriod(date) : monthPeriod(date);
}

/** Every period from `from` to `to` inclusive (at most `max`). */
export function periodsBetween(from: string, to: string, max = 1000): string[] {
  const periods: string[] = [];
  for (let p = from; p <= to && periods.length < max; p = nextPeriod(p)) periods.push(p);
  return periods;
}

/** The instants a period covers in `timeZone`: `from` inclusive, `to` exclusive (ISO). */
export function periodInstants(periodId: string, timeZone: string): { from: string; to: string } {
  const first = firstDayOf(periodId);
  const before = new Date(Date.UTC(first.year, first.month - 1, first.day - 1));
  const after = firstDayOf(nextPeriod(periodId));
  const dayBefore = (d: CalendarDate) => new Date(Date.UTC(d.year, d.month - 1, d.day - 1));
  const toDate = dayBefore(after);
  const from = new Date(endOfLocalDay({ year: before.getUTCFullYear(), month: before.getUTCMonth() + 1, day: before.getUTCDate() }, timeZone).getTime() + 1);
  const to = new Date(endOfLocalDay({ year: toDate.getUTCFullYear(), month: toDate.getUTCMonth() + 1, day: toDate.getUTCDate() }, timeZone).getTime() + 1);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** Period ids as the API writes them (`2026-11-30`, `2026-W48`, `2026-11`) and as stored (with the prefix). */
export function toPeriodId(text: string, granularity: Granularity): string | undefined {
  const pattern = { day: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, week: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, month: /^\d{4}-(0[1-9]|1[0-2])$/ }[granularity];
  return pattern.test(text) ? `${PREFIX[granularity]}${text}` : undefined;
}
export const fromPeriodId = (periodId: string) => periodId.slice(1);

export function currentPeriod(now: string, timeZone: string, granularity: Granularity): string {
  return periodOfDate(localDate(new Date(now), timeZone), granularity);
}
