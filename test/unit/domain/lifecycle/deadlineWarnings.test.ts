/**
 * Warnings before the breach (issue 13): 50% and 75% of the time to respond to the handler, at risk (75% with no
 * response, or the last working day begun) to the estate manager; each once per deadline period, however often
 * the step runs; a new deadline set on escalation is a new period.
 */
import { describe, expect, it } from 'vitest';
import { complaintSubmissionSchema } from '../../../../functions/domain/complaint';
import { planMutation, type ComplaintCase } from '../../../../functions/domain/complaintCase';
import { receiveComplaint } from '../../../../functions/domain/intake';
import { newDeadlineState } from '../../../../functions/domain/lifecycle/deadlineTracking';
import { plannedWarnings, warningsOwed } from '../../../../functions/domain/lifecycle/deadlineWarnings';
import { scheduleDeadline, warnBeforeDeadline } from '../../../../functions/domain/lifecycle/escalation';
import { localDate } from '../../../../functions/domain/deadlines';
import { isWorkingDay } from '../../../../functions/domain/workingCalendar';
import { demoEstates } from '../../../../infra/local/demoGroup';
import { InMemoryCaseStore } from '../../../support/inMemoryCaseStore';

const RECEIVED = '2026-03-02T01:00:00.000Z'; // Monday 09:00 in Hong Kong

async function triagedCase(severity: ComplaintCase['severity'], patch: Partial<ComplaintCase> = {}, received = RECEIVED) {
  const store = new InMemoryCaseStore(demoEstates);
  const outcome = await receiveComplaint(
    { submission: complaintSubmissionSchema.parse({ estateId: 'EST01', unit: 'Flat 3', name: 'Chan', email: 'chan@example.com', language: 'en', description: 'The lift in Block A has been broken for three days.' }), requestId: 'r', actor: { type: 'resident' } },
    { store, now: () => new Date(received), publicBaseUrl: 'https://complaints.example' },
  );
  if (outcome.kind !== 'created') throw new Error(outcome.kind);
  const estate = demoEstates.find((e) => e.estateId === 'EST01')!;
  const current = (await store.getCase(outcome.caseId))!;
  await store.applyMutation(planMutation(current, { status: 'in-progress', caseClass: 1, severity, category: 'service-missing-or-not-working', departmentId: 'engineering', escalationLevel: 0, deadline: newDeadlineState(estate, 1, current.receivedAt), ...patch }, { now: received, requestId: 'r', actor: { type: 'staff', id: 'cslead.est01', role: 'cs-lead' }, action: 'case.triaged' }));
  return { store, estate, caseId: outcome.caseId };
}

const directory = { get: async (userId: string) => (userId === 'engineering.est01' ? { userId, email: 'engineering.est01@demo-group.example', name: 'E', role: 'department-handler' as const, estates: 'EST01', enabled: true } : undefined) };

describe('the warning points of a deadline', () => {
  it('general (5 working days, due Monday 9 March, Hong Kong): 50% and 75% to the handler, at risk at 75% to the manager', async () => {
    const { store, estate, caseId } = await triagedCase('general');
    const planned = plannedWarnings((await store.getCase(caseId))!, estate, RECEIVED);
    expect(planned.dueBy).toBe('2026-03-09T15:59:59.999Z');
    const byPoint = Object.fromEntries(planned.warnings.map((w) => [w.point, w]));
    // 135 working hours (15 on Monday, then five whole working days, the weekend not counted): half is 67.5 hours.
    expect(byPoint.half!.at).toBe('2026-03-04T20:30:00.000Z'); // Thursday 5 March 04:30 HKT
    expect(byPoint['three-quarters']!.at).toBe(byPoint['at-risk']!.at);
    expect(byPoint['at-risk']).toMatchObject({ to: 'manager', atRisk: 'no-response-drafted' });
  });

  it('percentages are of working time: a span over a weekend warns on working days, not on the Sunday calendar time would pick', async () => {
    // Received Wednesday 4 March 09:00 in Hong Kong; 5 working days: due Wednesday 11 March. Calendar time's half
    // would be Sunday 8 March 04:30; working time (15 h on Wednesday, then whole working days) puts it on Monday.
    const received = '2026-03-04T01:00:00.000Z';
    const { store, estate, caseId } = await triagedCase('general', {}, received);
    const planned = plannedWarnings((await store.getCase(caseId))!, estate, received);
    expect(planned.dueBy).toBe('2026-03-11T15:59:59.999Z');
    const byPoint = Object.fromEntries(planned.warnings.map((w) => [w.point, w]));
    expect(byPoint.half!.at).toBe('2026-03-08T20:30:00.000Z'); // Monday 9 March 04:30 HKT: 67.5 of 135 working hours
    expect(byPoint['three-quarters']!.at).toBe('2026-03-10T06:15:00.000Z'); // Tuesday 10 March 14:15 HKT
    expect(byPoint['at-risk']).toMatchObject({ at: '2026-03-10T06:15:00.000Z', atRisk: 'no-response-drafted' });
  });

  it('percentages are of working time: Easter and the Ching Ming substitute day (Hong Kong 2026) count for nothing', async () => {
    // Received Thursday 2 April 09:00; 3, 4, 6 and 7 April are holidays, 5 April a Sunday: due Tuesday 14 April.
    const received = '2026-04-02T01:00:00.000Z';
    const { store, estate, caseId } = await triagedCase('general', {}, received);
    const planned = plannedWarnings((await store.getCase(caseId))!, estate, received);
    expect(planned.dueBy).toBe('2026-04-14T15:59:59.999Z');
    const byPoint = Object.fromEntries(planned.warnings.map((w) => [w.point, w]));
    expect(byPoint.half!.at).toBe('2026-04-09T20:30:00.000Z'); // Friday 10 April 04:30 HKT (calendar time: Wednesday 8 April 20:30)
    expect(byPoint['three-quarters']!.at).toBe('2026-04-13T06:15:00.000Z'); // Monday 13 April 14:15 HKT
    for (const warning of planned.warnings) expect(isWorkingDay(localDate(new Date(warning.at), estate.timeZone), estate.jurisdiction)).toBe(true);
  });

  it('critical (1 working day): the manager is told when the last working day begins, before 75%', async () => {
    const { store, estate, caseId } = await triagedCase('critical');
    const planned = plannedWarnings((await store.getCase(caseId))!, estate, RECEIVED);
    expect(planned.dueBy).toBe('2026-03-03T15:59:59.999Z');
    expect(planned.warnings.map((w) => w.point)).toEqual(['at-risk', 'half', 'three-quarters']);
    expect(planned.warnings[0]).toMatchObject({ at: '2026-03-02T16:00:00.000Z', atRisk: 'last-working-day' }); // Tuesday 00:00 in Hong Kong
  });

  it('owed once: due points, a 50% warning overtaken by 75%, nothing after the deadline', async () => {
    const { store, estate, caseId } = await triagedCase('general');
    const planned = plannedWarnings((await store.getCase(caseId))!, estate, RECEIVED);
    const [half, threeQuarters] = [planned.warnings.find((w) => w.point === 'half')!, planned.warnings.find((w) => w.point === 'three-quarters')!];
    expect(warningsOwed(planned, new Set(), RECEIVED)).toEqual({ due: [], next: half });
    expect(warningsOwed(planned, new Set(), half.at).due.map((w) => w.point)).toEqual(['half']);
    expect(warningsOwed(planned, new Set([half.key]), half.at)).toEqual({ due: [], next: threeQuarters });
    expect(warningsOwed(planned, new Set(), threeQuarters.at).due.map((w) => w.point).sort()).toEqual(['at-risk', 'three-quarters']);
    expect(warningsOwed(planned, new Set(planned.warnings.map((w) => w.key)), threeQuarters.at)).toEqual({ due: [], next: undefined });
    expect(warningsOwed(planned, new Set(), planned.dueBy)).toEqual({ due: [], next: undefined });
  });

  it('a deadline set on escalation is a new period with its own warnings; a paused clock warns nobody', async () => {
    const { store, estate, caseId } = await triagedCase('general');
    const current = (await store.getCase(caseId))!;
    const escalated = { ...current, deadline: { ...current.deadline!, setByManager: { dueBy: '2026-03-13T15:59:59.999Z', handlingOpinion: 'x', by: 'manager.est01', at: '2026-03-10T02:00:00.000Z' } } };
    const before = plannedWarnings(current, estate, RECEIVED).warnings.map((w) => w.key);
    const after = plannedWarnings(escalated, estate, '2026-03-10T02:00:00.000Z').warnings.map((w) => w.key);
    expect(after.filter((key) => before.includes(key))).toEqual([]);
    const paused = { ...current, deadline: { ...current.deadline!, pauses: [{ from: RECEIVED, reason: 'waiting for access' }] } } as ComplaintCase;
    expect(plannedWarnings(paused, estate, '2026-03-04T00:00:00.000Z').warnings).toEqual([]);
  });
});

describe('the workflow steps', () => {
  it('the wait times out at each warning point; each warning is queued once, to the assignee or the manager', async () => {
    const { store, estate, caseId } = await triagedCase('general', { assigneeId: 'engineering.est01' });
    let now = new Date(RECEIVED);
    const deps = { store, now: () => now, publicBaseUrl: 'https://complaints.example', staffDirectory: directory };
    const first = await scheduleDeadline(deps, caseId);
    expect(first.warning).toBe(true);
    const sent: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const schedule = await scheduleDeadline(deps, caseId);
      if (!schedule.warning) break;
      now = new Date(now.getTime() + schedule.timeoutSeconds * 1000);
      sent.push(...(await warnBeforeDeadline(deps, caseId)).warned);
      // A retried step sends nothing twice.
      expect((await warnBeforeDeadline(deps, caseId)).warned).toEqual([]);
    }
    expect(sent.sort()).toEqual(['at-risk', 'half', 'three-quarters']);
    const last = await scheduleDeadline(deps, caseId);
    expect(last.warning).toBe(false);
    expect(new Date(now.getTime() + last.timeoutSeconds * 1000).toISOString()).toBe('2026-03-09T16:00:00.000Z');
    const warnings = (await store.listNotifications(caseId)).filter((n) => n.notificationKey.startsWith('deadline-warning-'));
    expect(warnings.map((n) => n.recipient).sort()).toEqual(['engineering.est01@demo-group.example', 'engineering.est01@demo-group.example', estate.managerEmail]);
  });

  it("warns the assignee in their own language where the directory records one, the manager in the estate's (issue 12)", async () => {
    const { store, estate, caseId } = await triagedCase('general', { assigneeId: 'engineering.est01' });
    let now = new Date(RECEIVED);
    const mainlandReader = { get: async (userId: string) => ((await directory.get(userId)) ? { ...(await directory.get(userId))!, language: 'zh-Hans' as const } : undefined) };
    const deps = { store, now: () => now, publicBaseUrl: 'https://complaints.example', staffDirectory: mainlandReader };
    for (let i = 0; i < 6; i += 1) {
      const schedule = await scheduleDeadline(deps, caseId);
      if (!schedule.warning) break;
      now = new Date(now.getTime() + schedule.timeoutSeconds * 1000);
      await warnBeforeDeadline(deps, caseId);
    }
    const warnings = (await store.listNotifications(caseId)).filter((n) => n.notificationKey.startsWith('deadline-warning-'));
    const toHandler = warnings.filter((n) => n.recipient === 'engineering.est01@demo-group.example');
    expect(toHandler).toHaveLength(2);
    for (const n of toHandler) expect(n.message?.html).toContain('lang="zh-Hans"');
    expect(toHandler[0]!.message?.text).toContain(estate.names['zh-Hans']);
    const toManager = warnings.filter((n) => n.recipient === estate.managerEmail);
    expect(toManager).toHaveLength(1);
    expect(toManager[0]!.message?.html).toContain('lang="zh-Hant"');
  });
});
