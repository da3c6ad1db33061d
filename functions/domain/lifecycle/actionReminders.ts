/**
 * Reminders to the owners of outstanding actions (seed 000 subsystem 4; issue 13; docs/CLASS_THREE.md, "Remedies and
 * outstanding actions"). An action still open is reminded to its owner on its due date, then every
 * `everyWorkingDays` working days of the estate's calendar until it is done; once it is overdue by more than
 * `managerAfterWorkingDays` working days the estate manager is told, once per action. Both numbers are group settings
 * (`actionReminderPolicyOf`); a changed cadence counts from the due date anew, so it may owe one reminder at once.
 *
 * Each reminder has a key (`action-reminder-s<stage>-<index>-<n>`, `action-overdue-s<stage>-<index>`): the email is
 * queued once per key (notifyOnce), so a daily task run twice, or retried, sends nothing twice, and a task that did not
 * run for a few days sends only the reminder now owed, not the ones it missed.
 *
 * Pure: the time comes in as `now`; the task (functions/tasks/remindOutstandingActions.ts) reads and queues.
 */
import { translate } from '../../messages';
import type { Language } from '../complaint';
import type { ComplaintCase } from '../complaintCase';
import { type CalendarDate, localDate, nextDay } from '../deadlines';
import type { Estate } from '../estate';
import { type EmailMessage, formatDateForResident } from '../notifications/emailMessage';
import { link, p, renderEmail } from '../notifications/residentEmails';
import { actionReminderPolicyOf } from '../groupSettings';
import { isWorkingDay } from '../workingCalendar';
import type { OutstandingAction } from './outstandingActions';
import type { ActionReminderPolicy } from '../groupSettings';

export type { ActionReminderPolicy } from '../groupSettings';

export const ACTION_REMINDER_POLICY: ActionReminderPolicy = actionReminderPolicyOf({});

/** Reminders go out in the estate's 08:00–08:59, before its working day. */
export const REMINDER_LOCAL_HOUR = 8;

/**
 * Whether `now` falls in the reminder hour of the estate's own time zone. The run is hourly (catalog
 * `sendEarlyWarningAlerts`): each estate is reminded by the one run in its local 08:00–08:59. A day has exactly one
 * such hour in every zone (daylight saving moves the clocks at night), and the keys make a retried or repeated run
 * send nothing twice; a day whose run failed is caught up the next morning (the key owed then covers it).
 */
export function isReminderHour(timeZone: string, now: string, hour = REMINDER_LOCAL_HOUR): boolean {
  const local = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(now));
  return Number(local.find((part) => part.type === 'hour')?.value) === hour;
}

export interface ActionReminder {
  key: string;
  to: 'owner' | 'manager';
  index: number;
  action: OutstandingAction;
  /** Working days since the due date (0 on the due date itself). */
  overdueWorkingDays: number;
}

const compare = (a: CalendarDate, b: CalendarDate) => a.year - b.year || a.month - b.month || a.day - b.day;

/** Working days after `from` up to and including `to` (0 when `to` is `from`). */
function workingDaysBetween(from: CalendarDate, to: CalendarDate, jurisdiction: Estate['jurisdiction']): number {
  let count = 0;
  for (let day = nextDay(from); compare(day, to) <= 0; day = nextDay(day)) if (isWorkingDay(day, jurisdiction)) count += 1;
  return count;
}

/** The reminders owed now for the case's open actions (none for an erased or purged case). */
export function actionRemindersOwed(
  c: ComplaintCase,
  estate: Pick<Estate, 'jurisdiction' | 'timeZone'>,
  now: string,
  policy: ActionReminderPolicy = ACTION_REMINDER_POLICY,
): ActionReminder[] {
  if (c.erasure || c.purge) return [];
  const today = localDate(new Date(now), estate.timeZone);
  const owed: ActionReminder[] = [];
  (c.response?.outstandingActions ?? []).forEach((action, index) => {
    if (action.doneAt) return;
    const dueDay = localDate(new Date(action.dueBy), estate.timeZone);
    if (compare(today, dueDay) < 0) return;
    const overdue = workingDaysBetween(dueDay, today, estate.jurisdiction);
    const n = Math.floor(overdue / policy.everyWorkingDays);
    owed.push({ key: `action-reminder-s${c.stage}-${index}-${n}`, to: 'owner', index, action, overdueWorkingDays: overdue });
    if (overdue > policy.managerAfterWorkingDays) owed.push({ key: `action-overdue-s${c.stage}-${index}`, to: 'manager', index, action, overdueWorkingDays: overdue });
  });
  return owed;
}

export interface ActionReminderFacts {
  language: Language;
  reference: string;
  estateName: string;
  timeZone: string;
  caseUrl: string;
  /** The owner's name as the directory has it (in the manager's email); absent when the action has no owner. */
  ownerName?: string;
}

/** The email of one reminder, in the reader's language, linking to the case in the console. No complainant data. */
export function actionReminderEmail(reminder: ActionReminder, f: ActionReminderFacts): EmailMessage {
  const t = translate(f.language);
  const vars = {
    reference: f.reference,
    estate: f.estateName,
    action: reminder.action.action,
    dueBy: formatDateForResident(reminder.action.dueBy, f.language, f.timeZone, false),
    days: reminder.overdueWorkingDays,
    owner: f.ownerName ?? t('actionReminders.noOwner'),
  };
  const [subject, body] =
    reminder.to === 'manager'
      ? (['actionReminders.managerSubject', 'actionReminders.managerBody'] as const)
      : reminder.overdueWorkingDays === 0
        ? (['actionReminders.dueSubject', 'actionReminders.dueBody'] as const)
        : (['actionReminders.overdueSubject', 'actionReminders.overdueBody'] as const);
  return renderEmail(f.language, t(subject, vars), [
    p(t(body, vars), f.language),
    {
      kind: 'fields',
      rows: [
        { label: t('staffNotices.reference'), value: f.reference },
        { label: t('staffNotices.estate'), value: f.estateName },
        { label: t('actionReminders.action'), value: reminder.action.action },
        { label: t('actionReminders.dueBy'), value: vars.dueBy },
        ...(reminder.to === 'manager' ? [{ label: t('actionReminders.owner'), value: vars.owner }] : []),
      ],
    },
    p(t('actionReminders.howToClose'), f.language),
    link(t('staffNotices.openCase'), f.caseUrl),
  ]);
}
