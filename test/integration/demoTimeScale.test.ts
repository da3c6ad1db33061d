/**
 * The README's demo setting, TIME_SCALE=86400 (a day a second), driven through
 * the clock: the compressed clock's "real" time is moved by hand in steps of a
 * tenth of a second (2.4 platform hours), the runtime settling after each, so
 * the test is about what compressed time does, not about how fast the machine
 * is. An untriaged case left for two platform weeks escalates exactly once per
 * missed deadline, each escalation at (not before) the deadline it missed, the
 * promised date never moves backwards, the dates in the emails are the
 * platform's, and the overdue marker agrees with the platform's time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldChange } from '../../functions/domain/auditTrail';
import { handRealTime } from '../support/handRealTime';
import { lifecycleDriver } from '../support/lifecycleDriver';
import { MAILBOXES } from '../support/lifecyclePaths';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { SIMULATION_START } from '../support/simulatedTime';

const DAY = 86_400_000;
const real = handRealTime(SIMULATION_START);
let platform: TestPlatform;
const driver = lifecycleDriver(() => platform);

beforeAll(async () => {
  delete process.env.GROUP_SETTINGS;
  platform = await startTestPlatform({ timeScale: 86_400, realTime: real });
});
afterAll(async () => platform?.stop());

describe('TIME_SCALE=86400, as the README suggests for a demo', () => {
  it('escalates an untriaged case once per missed deadline; promised dates never move backwards; emails and the overdue marker use platform time', async () => {
    expect(platform.clock.mode).toBe('compressed');
    expect(platform.clock.now()).toBe(SIMULATION_START);
    const created = await driver.file({ description: 'The lift in Block A has been out of service since Monday.' });
    await platform.settle();
    const lead = await driver.auth('cslead.est01');
    const overdueMarkers: { at: number; overdue: boolean; dueBy: string }[] = [];
    // Two platform weeks in steps of 2.4 platform hours; nobody triages.
    for (let step = 0; step < 140; step += 1) {
      real.advance(100);
      await platform.settle();
      if (step % 10 === 9) {
        const list = (await (await platform.get('/api/v1/cases?estateId=EST01&limit=100', lead)).json()) as { cases: { caseId: string; overdue: boolean; responseDueBy: string }[] };
        const item = list.cases.find((c) => c.caseId === created.id)!;
        overdueMarkers.push({ at: platform.clock.now(), overdue: item.overdue, dueBy: item.responseDueBy });
      }
    }
    expect(platform.clock.now()).toBe(SIMULATION_START + 14 * DAY);

    const events = await platform.caseStore.listEvents(created.id);
    const escalations = events.filter((e) => e.action === 'case.escalated:overdue');
    const dueByChange = (changes: FieldChange[]) => changes.find((c) => c.field === 'responseDueBy');
    // Two weeks hold several three-working-day deadlines, not dozens.
    expect(escalations.length).toBeGreaterThanOrEqual(2);
    expect(escalations.length).toBeLessThanOrEqual(5);
    escalations.forEach((escalation, index) => {
      const change = dueByChange(escalation.changes)!;
      expect(change, 'an escalation sets a new deadline').toBeDefined();
      // At (not before) the deadline it missed, and the new one is in the future.
      expect(Date.parse(String(change.before))).toBeLessThanOrEqual(Date.parse(escalation.at));
      expect(Date.parse(String(change.after))).toBeGreaterThan(Date.parse(escalation.at));
      // The next escalation is for the deadline this one set: one escalation per missed deadline.
      const next = escalations[index + 1];
      if (next) expect(dueByChange(next.changes)!.before).toBe(change.after);
    });
    // The promised date never moves backwards, whatever changed it.
    const promised = events.flatMap((e) => e.changes.filter((c) => c.field === 'responseDueBy').map((c) => Date.parse(String(c.after))));
    expect(promised).toEqual([...promised].sort((a, b) => a - b));
    // Every event happened in platform time: from the start of the demo to now, in order.
    const times = events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBe(SIMULATION_START);
    expect(times.at(-1)).toBeLessThanOrEqual(platform.clock.now());

    // One interim response per escalation to the resident, the estate manager told once, HQ after that.
    await platform.settle();
    const toResident = await driver.mailTo(created.email);
    const interims = toResident.filter((m) => m.subject.includes('an update on timing'));
    expect(interims).toHaveLength(escalations.length);
    const aboutCase = (emails: { subject: string; body: { text?: string } }[]) => emails.filter((m) => m.subject.includes(created.reference) && m.body.text?.includes('The case is overdue.'));
    expect(aboutCase(await driver.mailTo(MAILBOXES.manager))).toHaveLength(1);
    expect(aboutCase(await driver.mailTo(MAILBOXES.hq))).toHaveLength(escalations.length - 1);
    // The dates the resident was promised are the platform's deadlines, in the estate's calendar, never moving backwards.
    const promisedInEmails = toResident.flatMap((m) => [...m.body.text!.matchAll(/by \w+day, (\d{1,2} \w+ \d{4})/g)].map((match) => match[1]!));
    const hongKongDate = (iso: unknown) => new Date(String(iso)).toLocaleDateString('en-GB', { timeZone: 'Asia/Hong_Kong', day: 'numeric', month: 'long', year: 'numeric' });
    expect(promisedInEmails).toEqual([hongKongDate(dueByChange(escalations[0]!.changes)!.before), ...escalations.map((e) => hongKongDate(dueByChange(e.changes)!.after))]);
    const promisedDays = promisedInEmails.map((d) => Date.parse(`${d} 00:00 UTC`));
    expect(promisedDays).toEqual([...promisedDays].sort((a, b) => a - b));

    // The overdue marker is the platform's: a case is overdue exactly when the platform time is past its due date.
    expect(overdueMarkers.length).toBe(14);
    for (const marker of overdueMarkers) expect(marker.overdue).toBe(Date.parse(marker.dueBy) < marker.at);
  }, 240_000);
});
