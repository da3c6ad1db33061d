/**
 * Working-day deadlines. A deadline "N working days after receipt" ends at the
 * close of the Nth working day after the day of receipt, in the estate's time
 * zone. Holidays come from the estate's jurisdiction calendar.
 */
import type { Jurisdiction } from './estate';
import { isWorkingDay } from './workingCalendar';

/** Adds `days` working days to the calendar day of `startIso` (in `timeZone`) and returns the end of that day as an ISO instant. */
export function addWorkingDays(startIso: string, days: number, jurisdiction: Jurisdiction, timeZone: string): string {
  let day = localDate(new Date(startIso), timeZone);
  let remaining = days;
  while (remaining > 0) {
    day = nextDay(day);
    if (isWorkingDay(day, jurisdiction)) remaining -= 1;
  }
  return endOfLocalDay(day, timeZone).toISOString();
}

/** A calendar date, independent of time zone. */
export interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number;
}

export function localDate(instant: Date, timeZone: string): CalendarDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

export function nextDay(date: CalendarDate): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 23:59:59.999 local time on `date`, as an instant. */
export function endOfLocalDay(date: CalendarDate, timeZone: string): Date {
  const guess = Date.UTC(date.year, date.month - 1, date.day, 23, 59, 59, 999);
  const offset = timeZoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess - offset);
}

function timeZoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}
