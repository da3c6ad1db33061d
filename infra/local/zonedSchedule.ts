/**
 * The local times of a zoned catalog schedule (`schedule.timeZone`: the Monday report), as EventBridge
 * Scheduler runs it in AWS: the next instant its cron expression matches in that zone, computed by `croner`.
 * EventBridge crons have six fields (minutes hours day-of-month month day-of-week year) and `?` for "any";
 * croner reads the first five, and `?` there would mean "now", so it becomes `*`. Numeric days of the week
 * count from 1 = Sunday in EventBridge and from 0 in croner: only names (MON…SUN) are accepted.
 */
import { Cron } from 'croner';

export function cronPatternOf(expression: string): string {
  const match = /^cron\((.+)\)$/.exec(expression.trim());
  const fields = match?.[1]!.trim().split(/\s+/);
  if (!fields || fields.length !== 6) throw new Error(`not an EventBridge cron expression: ${expression}`);
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [string, string, string, string, string, string];
  if (year !== '*') throw new Error(`a year other than * is not supported locally: ${expression}`);
  if (/\d/.test(dayOfWeek)) throw new Error(`name the days of the week (MON…SUN), not numbers: ${expression}`);
  const any = (field: string) => (field === '?' ? '*' : field);
  return [minutes, hours, any(dayOfMonth), month, any(dayOfWeek)].join(' ');
}

/** The first instant after `afterMs` (epoch ms) at which the schedule runs. */
export function nextZonedRun(expression: string, timeZone: string, afterMs: number): number {
  const next = new Cron(cronPatternOf(expression), { timezone: timeZone, paused: true }).nextRun(new Date(afterMs));
  if (!next) throw new Error(`${expression} in ${timeZone} never runs after ${new Date(afterMs).toISOString()}`);
  return next.getTime();
}
