/**
 * Warnings before the breach (issue 13; docs/DEADLINES.md): while the workflow waits for a response, the
 * handler (the assignee, else the routed department, else the customer-service desk) is told when 50% and
 * 75% of the time to respond has passed (working time of the estate's calendar), and the estate manager is told once the case is at risk of breach —
 * at 75% with no response yet, or when its last working day begins, whichever comes first.
 *
 * Each deadline "period" warns once per point: the period is the stage's policy deadline (moved by pauses and
 * extensions, which do not warn again), or a deadline a manager or an escalation set (a new period). The
 * warning's outbox key names stage, period and point, so a retried step or a restarted runtime never sends it
 * twice. The workflow's wait times out at the next unsent point (`scheduleDeadline`), the step sends what is
 * due, and the wait is entered again: a case answered before half its time costs no extra transitions.
 */
import type { ComplaintCase } from '../complaintCase';
import { isClockPaused } from '../complaintCase';
import { type Estate, holidayCalendarOf } from '../estate';
import { currentDueBy } from './deadlineTracking';
import { workingInstantAt } from '../workingTime';

export type WarningPoint = 'half' | 'three-quarters' | 'at-risk';

export interface PlannedWarning {
  point: WarningPoint;
  /** When it is due (ISO instant). */
  at: string;
  /** Who is told: the handler, or the estate manager. */
  to: 'handler' | 'manager';
  percent: 50 | 75;
  /** Why an at-risk warning: 75% passed with no response, or the last working day began. */
  atRisk?: 'no-response-drafted' | 'last-working-day';
  /** Outbox key: once per stage, deadline period and point. */
  key: string;
}

const DAY_MS = 24 * 3600 * 1000;

/** The warnings of the case's current deadline period, earliest first (none while the clock is paused). */
export function plannedWarnings(complaintCase: ComplaintCase, estate: Estate, now: string): { dueBy: string; warnings: PlannedWarning[] } {
  const dueBy = currentDueBy(complaintCase, estate, now);
  if (isClockPaused(complaintCase.deadline)) return { dueBy, warnings: [] };
  const setByManager = complaintCase.deadline?.setByManager;
  const start = Date.parse(setByManager?.at ?? complaintCase.deadline?.startedAt ?? complaintCase.receivedAt);
  const due = Date.parse(dueBy);
  if (!(due > start)) return { dueBy, warnings: [] };
  const period = `s${complaintCase.stage}-${setByManager ? Date.parse(setByManager.at).toString(36) : 'policy'}`;
  // Deadlines are counted in working days, so their percentages are of working time in the estate's calendar:
  // a weekend or a public holiday inside the span does not bring a warning forward (or onto the holiday itself).
  const at = (fraction: number) =>
    workingInstantAt(new Date(start).toISOString(), new Date(due + 1).toISOString(), fraction, holidayCalendarOf(estate), estate.timeZone) ?? new Date(start + (due - start) * fraction).toISOString();
  // The due date ends at local midnight; its working day began 24 hours earlier.
  const lastDayBegins = due + 1 - DAY_MS;
  const threeQuarters = Date.parse(at(0.75));
  const atRiskAt = Math.max(start, Math.min(threeQuarters, lastDayBegins));
  const warnings: PlannedWarning[] = [
    { point: 'half', at: at(0.5), to: 'handler', percent: 50, key: `deadline-warning-${period}-half` },
    { point: 'three-quarters', at: at(0.75), to: 'handler', percent: 75, key: `deadline-warning-${period}-three-quarters` },
  ];
  // Once escalated, the estate manager (or HQ) already owns the case and hears of the next miss: no at-risk warning.
  if ((complaintCase.escalationLevel ?? 0) === 0) {
    warnings.push({
      point: 'at-risk',
      at: new Date(atRiskAt).toISOString(),
      to: 'manager',
      percent: 75,
      atRisk: lastDayBegins < threeQuarters ? 'last-working-day' : 'no-response-drafted',
      key: `deadline-warning-${period}-at-risk`,
    });
  }
  return { dueBy, warnings: warnings.sort((a, b) => a.at.localeCompare(b.at)) };
}

/**
 * What is owed now and next, given the keys already queued. A handler's warning is settled once it or a later one
 * of the handler's was queued (75% reached before the 50% warning went out: only the 75% one is sent). Nothing is
 * owed once the deadline itself has passed: the escalation tells everyone then.
 */
export function warningsOwed(planned: { dueBy: string; warnings: PlannedWarning[] }, queued: ReadonlySet<string>, now: string): { due: PlannedWarning[]; next: PlannedWarning | undefined } {
  if (Date.parse(now) >= Date.parse(planned.dueBy)) return { due: [], next: undefined };
  const order: WarningPoint[] = ['half', 'three-quarters'];
  const settled = (w: PlannedWarning) =>
    queued.has(w.key) || (w.to === 'handler' && planned.warnings.some((other) => other.to === 'handler' && order.indexOf(other.point) > order.indexOf(w.point) && (queued.has(other.key) || other.at <= now)));
  const open = planned.warnings.filter((w) => !settled(w));
  return { due: open.filter((w) => w.at <= now), next: open.find((w) => w.at > now) };
}
