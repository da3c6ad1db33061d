/**
 * Working time between two instants: the parts of the span that fall on working days of the estate's calendar
 * (whole local days, midnight to midnight; the calendars know days, not office hours). A deadline counted in
 * working days is measured in this time, so "half of it has passed" skips weekends and public holidays
 * (docs/DEADLINES.md, warnings before the breach).
 */
import { type CalendarDate, endOfLocalDay, localDate, nextDay } from './deadlines';
import type { Jurisdiction } from './estate';
import { isWorkingDay } from './workingCalendar';

/** More local days than any deadline spans (policies allow at most 250 working days plus extensions). */
const MAX_DAYS = 1500;

/** The working-day stretches of [from, to), in order. */
export function workingStretches(fromIso: string, toIso: string, jurisdiction: Jurisdiction, timeZone: string): { from: number; to: number }[] {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  const stretches: { from: number; to: number }[] = [];
  let day: CalendarDate = localDate(new Date(from), timeZone);
  for (let i = 0; i < MAX_DAYS; i += 1) {
    const dayEnds = endOfLocalDay(day, timeZone).getTime() + 1;
    const dayBegins = endOfLocalDay(previousDay(day), timeZone).getTime() + 1;
    if (dayBegins >= to) break;
    if (isWorkingDay(day, jurisdiction)) {
      const start = Math.max(from, dayBegins);
      const end = Math.min(to, dayEnds);
      if (end > start) {
        const last = stretches[stretches.length - 1];
        if (last && last.to === start) last.to = end;
        else stretches.push({ from: start, to: end });
      }
    }
    day = nextDay(day);
  }
  return stretches;
}

/**
 * The instant at which `fraction` of the working time between `fromIso` and `toIso` has passed; `undefined` when the
 * span holds no working time at all (the caller falls back to calendar time).
 */
export function workingInstantAt(fromIso: string, toIso: string, fraction: number, jurisdiction: Jurisdiction, timeZone: string): string | undefined {
  const stretches = workingStretches(fromIso, toIso, jurisdiction, timeZone);
  const total = stretches.reduce((sum, s) => sum + (s.to - s.from), 0);
  if (total <= 0) return undefined;
  let remaining = total * fraction;
  for (const stretch of stretches) {
    const length = stretch.to - stretch.from;
    if (remaining <= length) return new Date(stretch.from + Math.round(remaining)).toISOString();
    remaining -= length;
  }
  return new Date(stretches[stretches.length - 1]!.to).toISOString();
}

function previousDay(date: CalendarDate): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day - 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
