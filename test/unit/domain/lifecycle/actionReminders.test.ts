/**
 * Reminders to the owners of outstanding actions (issue 13; functions/domain/lifecycle/actionReminders.ts): on the due
 * date, then every 3 working days of the estate's calendar until done; the estate manager once past 5 working days.
 * Each reminder has its own key, so the same day asked twice owes the same keys (the outbox sends each once).
 */
import { describe, expect, it } from 'vitest';
import type { ComplaintCase } from '../../../../functions/domain/complaintCase';
import { actionReminderEmail, actionRemindersOwed, isReminderHour } from '../../../../functions/domain/lifecycle/actionReminders';
import { groupSettingsSchema } from '../../../../functions/domain/admin/groupSettingsSchema';
import { actionReminderPolicyOf, DEFAULT_GROUP_SETTINGS, type GroupSettings } from '../../../../functions/domain/groupSettings';
import { demoEstates } from '../../../../infra/local/demoGroup';

const hongKong = demoEstates.find((e) => e.estateId === 'EST01')!;
// Friday 20 March 2026, end of the day in Hong Kong, and Friday 27 March.
const responded = {
  caseId: '01J00000000000000000000002',
  reference: 'EST01-2026-000050',
  estateId: 'EST01',
  language: 'zh-Hant',
  status: 'closed',
  stage: 1,
  complainant: { name: '陳大文', email: 'chan@example.com' },
  response: {
    outcome: 'upheld', decision: 'd', reasons: 'r', rootCause: 'c', accountability: 'a', by: 'engineering.est01', at: '2026-03-10T02:00:00.000Z',
    outstandingActions: [
      { action: 'Replace the lift door sensor', dueBy: '2026-03-20T15:59:59.999Z', owner: 'engineering.est01' },
      { action: 'Inspect the other lifts', dueBy: '2026-03-27T15:59:59.999Z' },
    ],
  },
} as unknown as ComplaintCase;

/** 10:00 in Hong Kong on the given March 2026 day. */
const march = (day: number) => new Date(Date.UTC(2026, 2, day, 2)).toISOString();
const keys = (c: ComplaintCase, at: string) => actionRemindersOwed(c, hongKong, at).map((r) => `${r.to}:${r.key}`);

describe('reminders of outstanding actions', () => {
  it('owe nothing before the due date, the owner on the due date, and only the same reminder over the weekend', () => {
    expect(keys(responded, march(19))).toEqual([]);
    expect(keys(responded, march(20))).toEqual(['owner:action-reminder-s1-0-0']);
    // Saturday and Sunday are not working days: the reminder owed is still Friday's (already queued, so nothing new).
    expect(keys(responded, march(22))).toEqual(['owner:action-reminder-s1-0-0']);
    expect(actionRemindersOwed(responded, hongKong, march(20))[0]!.overdueWorkingDays).toBe(0);
  });

  it('then every 3 working days; the manager once the action is more than 5 working days late', () => {
    // Mon 23, Tue 24: 1 and 2 working days late; Wed 25: 3, the next reminder.
    expect(keys(responded, march(24))).toEqual(['owner:action-reminder-s1-0-0']);
    expect(keys(responded, march(25))).toEqual(['owner:action-reminder-s1-0-1']);
    // Fri 27: 5 working days late (not more than 5), and the second action falls due.
    expect(keys(responded, march(27))).toEqual(['owner:action-reminder-s1-0-1', 'owner:action-reminder-s1-1-0']);
    // Mon 30: 6 working days late: the third reminder and the manager.
    expect(keys(responded, march(30))).toEqual(['owner:action-reminder-s1-0-2', 'manager:action-overdue-s1-0', 'owner:action-reminder-s1-1-0']);
    expect(keys(responded, march(31))).toEqual(['owner:action-reminder-s1-0-2', 'manager:action-overdue-s1-0', 'owner:action-reminder-s1-1-0']);
  });

  it('stop when the action is done, and owe nothing on an erased case; the cadence is a parameter', () => {
    const done = { ...responded, response: { ...responded.response!, outstandingActions: responded.response!.outstandingActions.map((a, i) => (i === 0 ? { ...a, doneAt: march(21), doneBy: 'engineering.est01' } : a)) } } as ComplaintCase;
    expect(keys(done, march(30))).toEqual(['owner:action-reminder-s1-1-0']);
    expect(keys({ ...responded, erasure: { erasedAt: march(21), reference: responded.reference, fields: [] } } as ComplaintCase, march(30))).toEqual([]);
    expect(actionRemindersOwed(responded, hongKong, march(24), { everyWorkingDays: 1, managerAfterWorkingDays: 1 }).map((r) => r.key)).toEqual(['action-reminder-s1-0-2', 'action-overdue-s1-0']);
    // Stage 2's response is reminded under its own keys.
    expect(keys({ ...responded, stage: 2 } as ComplaintCase, march(20))).toEqual(['owner:action-reminder-s2-0-0']);
  });

  it('are written in the reader’s language with the action, its due date and a link to the case; the manager’s names the owner', () => {
    const [dueToday] = actionRemindersOwed(responded, hongKong, march(20));
    const owner = actionReminderEmail(dueToday!, { language: 'zh-Hant', reference: responded.reference, estateName: '海濱花園', timeZone: hongKong.timeZone, caseUrl: 'https://example.test/staff?case=X' });
    expect(owner.subject).toBe('投訴 EST01-2026-000050：您負責的跟進工作今日到期');
    expect(owner.text).toContain('Replace the lift door sensor');
    expect(owner.text).toContain('https://example.test/staff?case=X');
    expect(owner.text).not.toContain('陳大文');
    const manager = actionRemindersOwed(responded, hongKong, march(30)).find((r) => r.to === 'manager')!;
    const toManager = actionReminderEmail(manager, { language: 'en', reference: responded.reference, estateName: 'Harbour Gardens', timeZone: hongKong.timeZone, caseUrl: 'https://example.test/staff?case=X', ownerName: 'Engineering manager' });
    expect(toManager.subject).toBe('Complaint EST01-2026-000050: a promised action is 6 working days overdue');
    expect(toManager.text).toContain('Owner: Engineering manager');
    const overdue = actionReminderEmail(actionRemindersOwed(responded, hongKong, march(25))[0]!, { language: 'zh-Hans', reference: responded.reference, estateName: '海滨花园', timeZone: hongKong.timeZone, caseUrl: 'u' });
    expect(overdue.subject).toBe('投诉 EST01-2026-000050：您负责的跟进事项已逾期 3 个工作日');
  });
});

describe('the reminder hour in each estate\'s own time zone', () => {
  /** Of the hourly runs (at :05, as the scheduler may start late) over `days` UTC days from `utcDay`, those in the zone's reminder hour. */
  const reminderRuns = (timeZone: string, utcDay: string, days = 1) =>
    Array.from({ length: 24 * days }, (_, h) => new Date(Date.parse(`${utcDay}T00:05:00Z`) + h * 3_600_000).toISOString())
      .filter((at) => isReminderHour(timeZone, at));

  it('is 08:00-08:59 local: the same instant is the hour in Hong Kong and not in London, and the other way round', () => {
    // 00:30 UTC on Monday 2 March 2026 is 08:30 in Hong Kong and 00:30 in London (GMT).
    expect(isReminderHour('Asia/Hong_Kong', '2026-03-02T00:30:00Z')).toBe(true);
    expect(isReminderHour('Europe/London', '2026-03-02T00:30:00Z')).toBe(false);
    // 08:30 UTC is 16:30 in Hong Kong and 08:30 in London.
    expect(isReminderHour('Asia/Hong_Kong', '2026-03-02T08:30:00Z')).toBe(false);
    expect(isReminderHour('Europe/London', '2026-03-02T08:30:00Z')).toBe(true);
    expect(isReminderHour('Europe/London', '2026-03-02T07:59:59Z')).toBe(false);
    expect(isReminderHour('Europe/London', '2026-03-02T09:00:00Z')).toBe(false);
  });

  it('comes once a day to an hourly run, daylight saving days included, at 08:00 local after the change', () => {
    // London springs forward on Sunday 29 March 2026 (01:00 UTC) and falls back on Sunday 25 October (01:00 UTC).
    expect(reminderRuns('Europe/London', '2026-03-28', 3)).toEqual(['2026-03-28T08:05:00.000Z', '2026-03-29T07:05:00.000Z', '2026-03-30T07:05:00.000Z']);
    expect(reminderRuns('Europe/London', '2026-10-24', 3)).toEqual(['2026-10-24T07:05:00.000Z', '2026-10-25T08:05:00.000Z', '2026-10-26T08:05:00.000Z']);
    // Hong Kong and Shenzhen keep no daylight saving: 00:05 UTC each day.
    expect(reminderRuns('Asia/Hong_Kong', '2026-03-29')).toEqual(['2026-03-29T00:05:00.000Z']);
    expect(reminderRuns('Asia/Shanghai', '2026-10-25')).toEqual(['2026-10-25T00:05:00.000Z']);
    // A zone off the whole hour is still reminded once, in its 08:00 hour (08:50 in Kathmandu, UTC+05:45).
    expect(reminderRuns('Asia/Kathmandu', '2026-03-02')).toEqual(['2026-03-02T03:05:00.000Z']);
  });
});

describe('the reminder cadence and lateness threshold as group settings', () => {
  it('default to every 3 working days and the manager past 5, also for settings stored before they existed', () => {
    expect(actionReminderPolicyOf(DEFAULT_GROUP_SETTINGS)).toEqual({ everyWorkingDays: 3, managerAfterWorkingDays: 5 });
    const { actionReminderEveryWorkingDays: _every, actionReminderManagerAfterWorkingDays: _after, ...older } = DEFAULT_GROUP_SETTINGS;
    expect(actionReminderPolicyOf(older as GroupSettings)).toEqual({ everyWorkingDays: 3, managerAfterWorkingDays: 5 });
  });

  it('change the reminders owed: every 2 working days and the manager past 3 remind a week-late action more and sooner', () => {
    const policy = actionReminderPolicyOf({ actionReminderEveryWorkingDays: 2, actionReminderManagerAfterWorkingDays: 3 });
    // Thu 26 March: 4 working days after Fri 20 March.
    expect(actionRemindersOwed(responded, hongKong, march(26), policy).map((r) => `${r.to}:${r.key}`)).toEqual(['owner:action-reminder-s1-0-2', 'manager:action-overdue-s1-0']);
    expect(keys(responded, march(26))).toEqual(['owner:action-reminder-s1-0-1']);
  });

  it('are validated: whole working days, at least 1 between reminders, at most 20 and 60', () => {
    const valid = { ...DEFAULT_GROUP_SETTINGS, actionReminderEveryWorkingDays: 1, actionReminderManagerAfterWorkingDays: 0 };
    expect(groupSettingsSchema.safeParse(valid).success).toBe(true);
    for (const wrong of [{ actionReminderEveryWorkingDays: 0 }, { actionReminderEveryWorkingDays: 2.5 }, { actionReminderEveryWorkingDays: 21 }, { actionReminderManagerAfterWorkingDays: -1 }, { actionReminderManagerAfterWorkingDays: 61 }]) {
      const result = groupSettingsSchema.safeParse({ ...valid, ...wrong });
      expect(result.success, JSON.stringify(wrong)).toBe(false);
      expect(result.error!.issues[0]!.path).toEqual(Object.keys(wrong));
    }
  });
});
