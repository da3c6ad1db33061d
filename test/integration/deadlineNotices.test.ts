/**
 * Issue 13 on simulated time: a case left untouched for 30 days produces exactly the expected emails — the
 * assignment, the warnings before each breach (once each), one interim response per missed deadline with its new
 * date, and the escalations to the estate manager and then HQ once per missed deadline (every 3 working days of
 * the estate's calendar), nothing repeated without news.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleDriver } from '../support/lifecycleDriver';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { asActor, SIMULATION_START } from '../support/simulatedTime';

let platform: TestPlatform;
const driver = lifecycleDriver(() => platform);
const DAY = 86_400_000;

beforeAll(async () => {
  delete process.env.GROUP_SETTINGS;
  platform = await startTestPlatform({ timeScale: 'simulated' });
});
afterAll(async () => platform?.stop());

describe('a case nobody touches for 30 days', () => {
  it('sends each notice once, at its time', async () => {
    const created = await asActor(platform.clock, async () => {
      const filed = await driver.file({ description: 'The lift in Block A has been out of service since Monday.' });
      await driver.waitingFor(filed.id, 'triage');
      await driver.actOk(filed.id, 'cslead.est01', { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'engineering' });
      await driver.actOk(filed.id, 'cslead.est01', { type: 'assign', assigneeId: 'engineering.est01' });
      return filed;
    });
    await platform.clock.advanceTo(SIMULATION_START + 30 * DAY);
    await platform.settle();
    const hk = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    const notifications = (await platform.caseStore.listNotifications(created.id)).sort((a, b) => `${a.queuedAt} ${a.notificationKey}`.localeCompare(`${b.queuedAt} ${b.notificationKey}`));
    const log = notifications.map((n) => `${hk(n.queuedAt!)} ${n.notificationKey.replace(/-s1-[a-z0-9]+-/, '-s1-<period>-').replace(/^assigned-\d+$/, 'assigned-<event>')} → ${n.recipient!.replace(/^resident\.[0-9a-f]+@/, 'resident@')}`);
    const handler = 'engineering.est01@demo-group.example';
    const manager = 'manager.est01@demo-group.example';
    const hq = 'hq.cs@demo-group.example';
    const resident = 'resident@example.com';
    // Received Monday 2 March 09:00 (Hong Kong); 5 working days: due at the end of Monday 9 March. Each missed deadline
    // escalates (the manager, then HQ) with one interim response giving a new date 3 working days on; the warnings
    // fall at 50% and 75% of each period's working time (weekends not counted: calendar time put three of them on the
    // Sundays 8, 22 and 29 March), the at-risk one to the manager only before the first escalation.
    expect(log).toEqual([
      `2026-03-02 09:00 acknowledgement → ${resident}`,
      `2026-03-02 09:00 assigned-<event> → ${handler}`,
      `2026-03-02 09:00 routed-engineering-stage1 → ${handler}`,
      `2026-03-05 04:30 deadline-warning-s1-<period>-half → ${handler}`,
      `2026-03-06 14:15 deadline-warning-s1-<period>-at-risk → ${manager}`,
      `2026-03-06 14:15 deadline-warning-s1-<period>-three-quarters → ${handler}`,
      `2026-03-10 00:00 escalation-1 → ${manager}`,
      // EST01's directory has an assistant manager (customer): the estate-level escalation goes through them too.
      `2026-03-10 00:00 escalation-1-via-assistant_est01 → assistant.est01@demo-group.example`,
      `2026-03-10 00:00 overdue-interim-1 → ${resident}`,
      `2026-03-12 00:00 deadline-warning-s1-<period>-half → ${handler}`,
      `2026-03-13 00:00 deadline-warning-s1-<period>-three-quarters → ${handler}`,
      `2026-03-14 00:00 escalation-2 → ${hq}`,
      `2026-03-14 00:00 overdue-interim-2 → ${resident}`,
      `2026-03-17 12:00 deadline-warning-s1-<period>-half → ${handler}`,
      `2026-03-18 06:00 deadline-warning-s1-<period>-three-quarters → ${handler}`,
      `2026-03-19 00:00 escalation-3 → ${hq}`,
      `2026-03-19 00:00 overdue-interim-3 → ${resident}`,
      `2026-03-21 00:00 deadline-warning-s1-<period>-half → ${handler}`,
      `2026-03-24 00:00 deadline-warning-s1-<period>-three-quarters → ${handler}`,
      `2026-03-25 00:00 escalation-4 → ${hq}`,
      `2026-03-25 00:00 overdue-interim-4 → ${resident}`,
      `2026-03-27 00:00 deadline-warning-s1-<period>-half → ${handler}`,
      `2026-03-28 00:00 deadline-warning-s1-<period>-three-quarters → ${handler}`,
      `2026-03-31 00:00 escalation-5 → ${hq}`,
      `2026-03-31 00:00 overdue-interim-5 → ${resident}`,
    ]);
    // All of them went out, once each.
    expect(notifications.every((n) => n.status === 'sent')).toBe(true);
    const mailbox = (await platform.mailbox()).filter((m) => m.tags?.case === created.id);
    expect(mailbox.map((m) => m.tags?.notification).sort()).toEqual(notifications.map((n) => n.notificationKey).sort());
    // Each interim response carries its new date: 3 working days on, the last over Easter and the Ching Ming
    // substitute day (3, 4, 6 and 7 April 2026 are Hong Kong general holidays).
    const interim = (n: number) => mailbox.find((m) => m.tags?.notification === `overdue-interim-${n}`)!.body.text!;
    expect(['13 March 2026', '18 March 2026', '24 March 2026', '30 March 2026', '8 April 2026'].map((date, i) => interim(i + 1).includes(date))).toEqual([true, true, true, true, true]);
    const warning = mailbox.find((m) => m.tags?.notification?.endsWith('-at-risk'))!;
    expect(warning.subject).toBe(`投訴 ${created.reference} 有逾期風險`);
    expect(warning.body.text).toContain(`/staff?case=${created.id}`);
  }, 300_000);
});
