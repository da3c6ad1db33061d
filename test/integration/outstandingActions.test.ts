/**
 * Remedies and outstanding actions through the real API and workflow (issue 13): the response carries actions with
 * owners and due dates; staff mark them done one by one (an audit event each); when the last is done the complainant
 * is emailed, once, in their language, and their tracking view shows each action done.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleDriver } from '../support/lifecycleDriver';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { asActor } from '../support/simulatedTime';

let platform: TestPlatform;
const { waitingFor, act, actOk, file, mailTo, assertAuditTrail, until } = lifecycleDriver(() => platform);

beforeAll(async () => {
  platform = await startTestPlatform({ timeScale: 'simulated' });
});
afterAll(async () => platform?.stop());
const simulated = (test: () => Promise<void>) => () => asActor(platform.clock, test);

describe('outstanding actions', () => {
  it('are marked done one by one; the last one done emails the complainant once', simulated(async () => {
    const created = (await file({ language: 'zh-Hant', description: 'A座升降機門經常夾人，已持續一星期。' })) as { id: string; reference: string; email: string; trackingUrl: string };
    await waitingFor(created.id, 'triage');
    await actOk(created.id, 'cslead.est01', { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'engineering' });
    await waitingFor(created.id, 'resolution', 'engineering.est01');
    const inAWeek = new Date(platform.clock.now() + 7 * 86_400_000).toISOString();
    await actOk(created.id, 'engineering.est01', {
      type: 'respond', outcome: 'upheld', decision: '已調校升降機門感應器。', reasons: '感應器失靈。', rootCause: 'Door sensor', accountability: 'Lift contractor',
      outstandingActions: [
        { action: '更換A座升降機門感應器', dueBy: inAWeek, owner: 'engineering.est01' },
        { action: '檢查其餘升降機', dueBy: inAWeek, owner: 'engineering.est01' },
      ],
    });
    const view = await until(created.id, (c) => c.allowedActions.includes('complete-action'), 'complete-action offered', 'engineering.est01');
    expect(view.status).toBe('responded');

    await actOk(created.id, 'engineering.est01', { type: 'complete-action', index: 1, note: '全部正常' });
    expect((await act(created.id, 'engineering.est01', { type: 'complete-action', index: 1 })).status).toBe(409);
    await platform.settle();
    const doneSubject = `投訴 ${created.reference}：承諾的跟進工作已全部完成`;
    expect((await mailTo(created.email)).some((m) => m.subject === doneSubject)).toBe(false);

    await actOk(created.id, 'engineering.est01', { type: 'complete-action', index: 0 });
    await platform.settle();
    const done = (await mailTo(created.email)).filter((m) => m.subject === doneSubject);
    expect(done).toHaveLength(1);
    expect(done[0]!.body.text).toContain('更換A座升降機門感應器');
    expect(done[0]!.body.text).toContain('檢查其餘升降機');
    expect((await until(created.id, (c) => !c.allowedActions.includes('complete-action'), 'all done', 'engineering.est01')).allowedActions).not.toContain('complete-action');

    const token = new URL(created.trackingUrl).searchParams.get('token')!;
    const tracked = (await (await platform.get(`/api/v1/complaints/${created.id}?token=${token}`)).json()) as { response: { outstandingActions: { action: string; doneAt?: string; owner?: string }[] }; timeline: { kind: string }[] };
    expect(tracked.response.outstandingActions.every((a) => a.doneAt && !a.owner)).toBe(true);
    expect(tracked.timeline.map((e) => e.kind)).toContain('actions-done');
    expect(await assertAuditTrail(created.id)).toEqual(expect.arrayContaining(['case.action-completed', 'case.actions-completed']));
  }));

  it('are reminded to their owners on the due date and every 3 working days, the manager once past 5, each once', simulated(async () => {
    // The simulation starts on Monday 2 March 2026, 09:00 in Hong Kong; no public holiday until Good Friday.
    const HK_DAY = (day: number) => Date.UTC(2026, 2, day, 0, 30); // 08:30 in Hong Kong, the estate's reminder hour
    const created = (await file({ language: 'en', description: 'The lift door in Block B closes on people.' })) as { id: string; reference: string };
    await waitingFor(created.id, 'triage');
    await actOk(created.id, 'cslead.est01', { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'engineering' });
    await waitingFor(created.id, 'resolution', 'engineering.est01');
    const tuesday = new Date(HK_DAY(3)).toISOString();
    await actOk(created.id, 'engineering.est01', {
      type: 'respond', outcome: 'upheld', decision: 'Sensor adjusted.', reasons: 'Faulty sensor.', rootCause: 'Door sensor', accountability: 'Lift contractor',
      outstandingActions: [
        { action: 'Replace the Block B lift door sensor', dueBy: tuesday, owner: 'engineering.est01' },
        { action: 'Explain the repair at the owners meeting', dueBy: tuesday, owner: 'cslead.est01' },
      ],
    });
    await until(created.id, (c) => c.allowedActions.includes('complete-action'), 'complete-action offered', 'engineering.est01');
    const remind = async () => {
      // The hourly run of the early warnings reminds them too, in the estate's 08:00 hour (infra/catalog.ts).
      await platform.schedules.run('sendEarlyWarningAlerts');
      await platform.settle();
    };
    const about = async (address: string) => (await mailTo(address)).filter((m) => m.subject.includes(created.reference) && /action|跟進/.test(m.subject)).map((m) => m.subject);

    await remind();
    expect(await about('engineering.est01@demo-group.example')).toEqual([]);

    await platform.clock.advanceTo(HK_DAY(3));
    await remind();
    await remind();
    const dueToday = '投訴 ' + created.reference + '：您負責的跟進工作今日到期';
    expect(await about('engineering.est01@demo-group.example')).toEqual([dueToday]);
    expect(await about('cs.est01@demo-group.example')).toEqual([dueToday]);

    // The CS lead's action is done; the engineer's is not.
    await actOk(created.id, 'cslead.est01', { type: 'complete-action', index: 1 });
    await platform.clock.advanceTo(HK_DAY(6)); // Friday: 3 working days late
    await remind();
    const threeLate = '投訴 ' + created.reference + '：您負責的跟進工作已逾期 3 個工作天';
    expect(await about('engineering.est01@demo-group.example')).toEqual([dueToday, threeLate]);
    expect(await about('cs.est01@demo-group.example')).toEqual([dueToday]);
    expect(await about('manager.est01@demo-group.example')).toEqual([]);

    await platform.clock.advanceTo(HK_DAY(11)); // Wednesday: 6 working days late
    await remind();
    await remind();
    const sixLate = '投訴 ' + created.reference + '：您負責的跟進工作已逾期 6 個工作天';
    expect(await about('engineering.est01@demo-group.example')).toEqual([dueToday, threeLate, sixLate]);
    const toManager = (await mailTo('manager.est01@demo-group.example')).filter((m) => m.subject.includes(created.reference) && m.subject.includes('承諾的跟進工作'));
    expect(toManager.map((m) => m.subject)).toEqual(['投訴 ' + created.reference + '：承諾的跟進工作已逾期 6 個工作天']);
    expect(toManager[0]!.body.text).toContain('Engineering manager, EST01');
    expect(toManager[0]!.body.text).toContain(`/staff?case=${created.id}`);

    await actOk(created.id, 'engineering.est01', { type: 'complete-action', index: 0 });
    await platform.clock.advanceTo(HK_DAY(17));
    await remind();
    expect(await about('engineering.est01@demo-group.example')).toHaveLength(3);
  }));

  it('are sent at 08:00 in the estate\'s own time zone: a London estate in London\'s morning, not in Hong Kong\'s', simulated(async () => {
    // Left by the test above at 08:30 in Hong Kong on Tuesday 17 March 2026: 00:30 in London (GMT until 29 March).
    const created = (await file({ estateId: 'LDN01', language: 'en', description: 'The lift door in Block B closes on people.' })) as { id: string; reference: string };
    await waitingFor(created.id, 'triage', 'cslead.ldn01');
    await actOk(created.id, 'cslead.ldn01', { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'engineering' });
    await waitingFor(created.id, 'resolution', 'engineering.ldn01');
    // Due today in London: the reminder is owed from London's midnight, but sent in London's 08:00 hour only.
    const endOfLondonDay = new Date(Date.UTC(2026, 2, 17, 23, 59, 59)).toISOString();
    await actOk(created.id, 'engineering.ldn01', {
      type: 'respond', outcome: 'upheld', decision: 'Sensor adjusted.', reasons: 'Faulty sensor.', rootCause: 'Door sensor', accountability: 'Lift contractor',
      outstandingActions: [{ action: 'Replace the Block B lift door sensor', dueBy: endOfLondonDay, owner: 'engineering.ldn01' }],
    });
    await until(created.id, (c) => c.allowedActions.includes('complete-action'), 'complete-action offered', 'engineering.ldn01');
    const run = async () => {
      const result = (await platform.schedules.run('sendEarlyWarningAlerts')) as { skipped: boolean; actionReminders: { estates: number } };
      await platform.settle();
      return result;
    };
    const reminders = async () => (await mailTo('engineering.ldn01@demo-group.example')).filter((m) => m.subject.includes(created.reference) && m.subject.includes('action')).map((m) => m.subject);
    const dueToday = `Complaint ${created.reference}: an action you own is due today`;

    // Hong Kong's and Shenzhen's 08:00 hour (00:30 UTC): their three estates, not London; the early warnings run (the group's hour).
    expect(new Date(platform.clock.now()).toISOString().slice(11, 13)).toBe('00');
    expect(await run()).toMatchObject({ skipped: false, actionReminders: { estates: 3 } });
    expect(await reminders()).toEqual([]);

    // 07:30 in London: still nothing; no estate's hour, and the early warnings wait for the group's next 08:00.
    await platform.clock.advanceTo(Date.UTC(2026, 2, 17, 7, 30));
    expect(await run()).toMatchObject({ skipped: true, actionReminders: { estates: 0 } });
    expect(await reminders()).toEqual([]);

    // 08:30 in London: London's estate alone, reminded once however often the hour's run is repeated.
    await platform.clock.advanceTo(Date.UTC(2026, 2, 17, 8, 30));
    expect(await run()).toMatchObject({ skipped: true, actionReminders: { estates: 1 } });
    await run();
    expect(await reminders()).toEqual([dueToday]);
  }));
});
