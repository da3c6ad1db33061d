/**
 * The complaint lifecycle end to end through the real ASL on the local
 * runtime, with DynamoDB Local and the SES emulator: triage, routing by
 * class, deadlines and escalation, compensation review, response, the
 * satisfaction follow-up, stage 2 and closing. Asserts the emails each
 * recipient received and the audit trail. On simulated time: each test is an
 * actor on the clock, which moves only when the test waits for time to pass
 * (the follow-up); scheduled tasks (the outbox sweep) run when the test says.
 * The overdue path, which needs deadlines to pass, is in lifecycleOverdue.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseView, lifecycleDriver } from '../support/lifecycleDriver';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { asActor } from '../support/simulatedTime';

let platform: TestPlatform;
const { auth, until, untilMail, waitingFor, act, actOk, file, mailTo, subjects, rateFromEmail, assertAuditTrail } = lifecycleDriver(() => platform);

beforeAll(async () => {
  // Deadlines of days pass in seconds; the follow-up comes 0.1 day after the response.
  process.env.GROUP_SETTINGS = JSON.stringify({ followUpAfterDays: 0.1, feedbackWindowDays: 2 });
  // Emails refused during an outage are due again within a second of platform time; the test runs the sweep.
  process.env.EMAIL_OUTBOX = JSON.stringify({ retryBaseSeconds: 0.2, retryMaxSeconds: 1, maxAttempts: 200 });
  platform = await startTestPlatform({ timeScale: 'simulated' });
});
const simulated = (test: () => Promise<void>) => () => asActor(platform.clock, test);

/** A minute of platform time passes and the outbox sweep runs (every minute in AWS), then everything settles. */
async function aMinuteAndASweep() {
  await platform.clock.advanceBy(60_000);
  await platform.schedules.run('retryQueuedEmails');
  await platform.settle();
}
afterAll(async () => platform?.stop());

describe('complaint lifecycle', () => {
  it('class 1, no claim, answered on time, satisfied: routed to the department, responded, followed up, closed', simulated(async () => {
    const created = await file({ description: 'The lift in Block A is broken and has been out of service since Monday.' });
    const triage = await waitingFor(created.id, 'triage');
    expect(triage.allowedActions).toEqual(expect.arrayContaining(['triage', 'mark-invalid']));
    expect(triage).toMatchObject({ proposedTriage: { caseClass: 1, departmentId: 'engineering' } });

    await actOk(created.id, 'cslead.est01', { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'engineering' });
    await waitingFor(created.id, 'resolution', 'engineering.est01');
    await actOk(created.id, 'engineering.est01', {
      type: 'respond',
      outcome: 'upheld',
      decision: 'The lift motor was replaced on Wednesday.',
      reasons: 'The motor had worn out; the maintenance contractor missed it at the last inspection.',
      remedy: 'We have added a monthly check of the motor.',
      rootCause: 'Worn lift motor not caught by inspection',
      accountability: 'Lift maintenance contractor',
    });
    await rateFromEmail(created.email, 5, 4);
    const closed = await until(created.id, (c) => c.status === 'closed', 'closed');
    expect(closed.closureReason).toBe('satisfied');
    // Steps queue email; the outbox sends it a moment later.
    await platform.settle();

    expect(subjects(await mailTo(created.email))).toHaveLength(4); // acknowledgement, response, follow-up, closed
    expect(subjects(await mailTo('engineering.est01@demo-group.example')).some((s) => s.includes(created.reference))).toBe(true);
    const actions = await assertAuditTrail(created.id);
    expect(actions).toEqual(expect.arrayContaining(['complaint.received', 'complaint.acknowledged', 'case.triaged', 'case.routed:department', 'case.response-decided', 'complainant.notified:response', 'complainant.notified:follow-up', 'complainant.rated', 'case.closed:satisfied']));
    const execution = platform.stepFunctions.executionArn(created.id);
    expect((await platform.stepFunctions.describeExecution(execution)).status).toBe('SUCCEEDED');
  }));

  it('refuses a stale write with 409, and an action the state does not allow with 409 listing the allowed ones', simulated(async () => {
    const created = await file({ description: 'Rubbish has not been collected from the podium for a week.' });
    await waitingFor(created.id, 'triage');
    // The acknowledgement leaves the outbox (and is recorded on the case) a moment later: read the version after that.
    await platform.settle();
    // A version older only by the acknowledgement email going out is still current for a person.
    const events = await platform.caseStore.listEvents(created.id);
    const beforeEmail = events.findLast((e) => !e.action.startsWith('email.sent:'))!.seq;
    expect(beforeEmail).toBeLessThan(events.length);
    const afterOnlyEmails = await platform.post(`/api/v1/cases/${created.id}/actions`, { type: 'note', text: 'seen before the email went out' }, { ...(await auth('cslead.est01')), 'if-match': `"${beforeEmail}"` });
    expect(afterOnlyEmails.status, await afterOnlyEmails.clone().text()).toBe(200);
    const triage = await waitingFor(created.id, 'triage');
    const stale = await platform.post(`/api/v1/cases/${created.id}/actions`, { type: 'note', text: 'first' }, { ...(await auth('cslead.est01')), 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('version_conflict');
    const missing = await platform.post(`/api/v1/cases/${created.id}/actions`, { type: 'note', text: 'x' }, await auth('cslead.est01'));
    expect(missing.status).toBe(428);
    const notNow = await platform.post(`/api/v1/cases/${created.id}/actions`, { type: 'respond', outcome: 'upheld', decision: 'd', reasons: 'r', rootCause: 'c', accountability: 'a' }, { ...(await auth('cslead.est01')), 'if-match': triage.etag });
    expect(notNow.status).toBe(409);
    const body = (await notNow.json()) as { error: { code: string; allowedActions: string[] } };
    expect(body.error.code).toBe('action_not_allowed');
    expect(body.error.allowedActions).toEqual(expect.arrayContaining(['triage', 'note']));
    // Two people acting on the same version: one wins, the other gets a conflict.
    const [a, b] = await Promise.all([
      platform.post(`/api/v1/cases/${created.id}/actions`, { type: 'note', text: 'from A' }, { ...(await auth('cslead.est01')), 'if-match': triage.etag }),
      platform.post(`/api/v1/cases/${created.id}/actions`, { type: 'note', text: 'from B' }, { ...(await auth('manager.est01')), 'if-match': triage.etag }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  }));

  it('invalid complaint: closed with a reasoned, polite explanation', simulated(async () => {
    const created = await file({ description: 'I want the management office to pay for my holiday because it rained.' });
    await waitingFor(created.id, 'triage');
    await actOk(created.id, 'cslead.est01', { type: 'mark-invalid', explanation: 'We are sorry for your disappointment. The weather is outside what the management office can control, so we cannot take this further as a complaint.' });
    const closed = await until(created.id, (c) => c.status === 'closed', 'closed');
    expect(closed.closureReason).toBe('invalid');
    await platform.settle();
    const emails = await mailTo(created.email);
    expect(emails).toHaveLength(2);
    expect(emails[1]!.body.text).toContain('outside what the management office can control');
    // An invalid complaint cannot be reopened as stage 2.
    expect(closed.allowedActions).not.toContain('reopen');
  }));

  it('class 2 serious with a claim: developer report, estate manager approves under the threshold, response includes it', simulated(async () => {
    const created = await file({
      description: 'Water seepage through a crack in the bedroom ceiling again, damaging my furniture.',
      compensationClaim: { amount: 800, currency: 'HKD', reason: 'Damaged wardrobe' },
    });
    const triage = await waitingFor(created.id, 'triage');
    expect(triage).toMatchObject({ proposedTriage: { caseClass: 2, severity: 'serious' } });
    await actOk(created.id, 'cslead.est01', { type: 'triage', caseClass: 2, severity: 'serious', category: 'service-standard-too-low', departmentId: 'customer-service' });
    await waitingFor(created.id, 'resolution');
    await actOk(created.id, 'cslead.est01', {
      type: 'respond', outcome: 'partly-upheld', decision: 'The developer will repair the ceiling under warranty.', reasons: 'The crack is a building defect.',
      rootCause: 'Building defect', accountability: 'Developer (warranty)', compensationProposal: { amount: 800, note: 'Cost of the wardrobe' },
    });
    // The manager decides on the CS lead's written summary (seed 001 §5.6.3), not before it.
    await waitingFor(created.id, 'compensation-summary');
    // The CS lead is asked for it by email, in the estate's staff language, once (issue 13).
    await platform.settle();
    const askedForSummary = () => mailTo('cs.est01@demo-group.example').then((mails) => mails.filter((m) => m.subject === `投訴 ${created.reference}：HKD 800 賠償有待您撰寫摘要`));
    expect(await askedForSummary()).toHaveLength(1);
    expect((await askedForSummary())[0]!.body.text).toContain(`/staff?case=${created.id}`);
    const early = await act(created.id, 'manager.est01', { decision: 'approve', reasons: 'Before the summary' }, 'compensation');
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe('compensation_summary_awaited');
    await actOk(created.id, 'cslead.est01', { type: 'compensation-summary', recommendation: 'approve', reasons: 'Receipt for the wardrobe checked; the ceiling defect caused it.' });
    await waitingFor(created.id, 'compensation-decision', 'manager.est01');
    // A handler cannot decide compensation.
    expect((await act(created.id, 'cslead.est01', { decision: 'approve', reasons: 'Looks fine to me' }, 'compensation')).status).toBe(403);
    const decided = (await actOk(created.id, 'manager.est01', { decision: 'approve', reasons: 'Receipt provided', valueRecovery: { originalServiceValueA: 500, complainingCostB: 200, proposedC: 800 } }, 'compensation')) as CaseView & { valueRecovery: { meetsRule: boolean } };
    expect(decided.valueRecovery.meetsRule).toBe(true);
    await rateFromEmail(created.email, 4, 4);
    await until(created.id, (c) => c.status === 'closed', 'closed');
    await platform.settle();
    expect(subjects(await mailTo('customer-centre@harbour-developer.example')).some((s) => s.includes(created.reference))).toBe(true);
    expect(subjects(await mailTo('manager.est01@demo-group.example')).some((s) => s.includes(created.reference))).toBe(true);
    expect((await mailTo('manager.est01@demo-group.example')).some((m) => m.body.text!.includes('Receipt for the wardrobe checked'))).toBe(true);
    const response = (await mailTo(created.email)).find((m) => m.body.text!.includes('developer will repair'))!;
    expect(response.body.text).toMatch(/800/);
    expect(await askedForSummary()).toHaveLength(1);
    expect(await assertAuditTrail(created.id)).toEqual(expect.arrayContaining(['case.routed:developer', 'compensation.summarised', 'compensation.decided']));
  }));

  it('class 3 critical with a large claim: HQ alerted at once, external report, HQ approves above the threshold', simulated(async () => {
    const created = await file({
      description: 'Road works outside the estate gate left an open trench; a resident was injured at night.',
      compensationClaim: { amount: 20000, currency: 'HKD' },
    });
    await waitingFor(created.id, 'triage');
    await actOk(created.id, 'manager.est01', {
      type: 'triage', caseClass: 3, severity: 'critical', category: 'service-missing-or-not-working', departmentId: 'customer-service',
      externalParty: { name: 'Highways Department', email: 'roadworks@highways.example', impact: 'Danger to residents at the main gate' },
    });
    await waitingFor(created.id, 'resolution');
    await platform.settle();
    expect(subjects(await mailTo('hq.cs@demo-group.example')).some((s) => s.includes(created.reference))).toBe(true);
    expect(subjects(await mailTo('roadworks@highways.example')).some((s) => s.includes(created.reference))).toBe(true);
    await actOk(created.id, 'manager.est01', {
      type: 'respond', outcome: 'partly-upheld', decision: 'We fenced the trench and escorted residents.', reasons: 'The works are the Highways Department’s.', rootCause: 'Unfenced road works', accountability: 'Highways Department contractor',
    });
    await waitingFor(created.id, 'compensation-summary');
    await actOk(created.id, 'cslead.est01', { type: 'compensation-summary', recommendation: 'amend', amount: 15000, reasons: 'Medical costs evidenced up to 15,000.' });
    await waitingFor(created.id, 'compensation-decision', 'manager.est01');
    await actOk(created.id, 'manager.est01', { decision: 'amend', amount: 15000, reasons: 'Medical costs evidenced' }, 'compensation');
    const hqStep = await waitingFor(created.id, 'compensation-hq-approval', 'hq.director');
    expect(hqStep.status).toBe('awaiting-compensation-decision');
    expect((await act(created.id, 'manager.est01', { decision: 'approve', reasons: 'Approving again' }, 'compensation')).status).toBe(403);
    await actOk(created.id, 'hq.director', { decision: 'approve', reasons: 'Approved by HQ' }, 'compensation');
    await rateFromEmail(created.email, 3, 3);
    await until(created.id, (c) => c.status === 'closed', 'closed');
    expect(await assertAuditTrail(created.id)).toEqual(expect.arrayContaining(['case.routed:duty-log', 'compensation.decided', 'compensation.hq-decided']));
  }));

  it('on-the-spot resolution by front-desk staff: recorded in full, reported to the CS lead, still followed up', simulated(async () => {
    const created = await file(
      { channel: 'in-person', description: 'The corridor light on 12/F was flickering; the front desk replaced the tube at once.', onTheSpotResolution: 'Replaced the fluorescent tube while the resident waited.' },
      await auth('frontline.est01'),
    );
    await rateFromEmail(created.email, 5, 5);
    const closed = await until(created.id, (c) => c.status === 'closed', 'closed');
    expect(closed.closureReason).toBe('satisfied');
    await platform.settle();
    expect(subjects(await mailTo('cs.est01@demo-group.example')).some((s) => s.includes(created.reference))).toBe(true);
    const actions = await assertAuditTrail(created.id);
    expect(actions).toEqual(expect.arrayContaining(['complaint.received', 'case.resolved-on-the-spot', 'case.closed:satisfied']));
    expect(closed.timeline[0]!.actor).toMatchObject({ type: 'staff', id: 'frontline.est01' });
  }));

  it('pausing the clock moves the deadline by the paused time; an extension is explained in writing', simulated(async () => {
    const created = await file({ description: 'The gate intercom to my flat does not work, visitors cannot call me.' });
    await waitingFor(created.id, 'triage');
    await actOk(created.id, 'cslead.est01', { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'engineering' });
    const before = await waitingFor(created.id, 'resolution', 'engineering.est01');
    const paused = await actOk(created.id, 'engineering.est01', { type: 'pause-clock', reason: 'Waiting for a replacement intercom part from the supplier' });
    expect(paused.timeline.at(-1)!.action).toBe('case.clock-paused');
    const resumedAllowed = await waitingFor(created.id, 'resolution', 'engineering.est01');
    expect(resumedAllowed.allowedActions).toContain('resume-clock');
    await actOk(created.id, 'engineering.est01', { type: 'resume-clock' });
    await waitingFor(created.id, 'resolution', 'engineering.est01');
    // The seed-default policy leaves extensions to the estate manager: the handler's is a request until approved.
    const requested = await actOk(created.id, 'engineering.est01', { type: 'extend-deadline', workingDays: 3, reason: 'The supplier delivers next week' });
    expect(requested.timeline.at(-1)!.action).toBe('case.extension-requested');
    const extended = await actOk(created.id, 'manager.est01', { type: 'extend-deadline', workingDays: 3, reason: 'The supplier delivers next week', decision: 'approve' });
    expect(Date.parse(extended.responseDueBy)).toBeGreaterThan(Date.parse(requested.responseDueBy));
    expect(Date.parse(extended.responseDueBy)).toBeGreaterThan(Date.parse(before.responseDueBy));
    await waitingFor(created.id, 'resolution', 'engineering.est01');
    const tooLong = await act(created.id, 'engineering.est01', { type: 'extend-deadline', workingDays: 30, reason: 'far too long' });
    expect([409, 422]).toContain(tooLong.status);
    await waitingFor(created.id, 'resolution', 'engineering.est01');
    await platform.settle();
    const emails = await mailTo(created.email);
    expect(emails.some((m) => m.body.text!.includes('replacement intercom part'))).toBe(true);
    expect(emails.some((m) => m.body.text!.includes('The supplier delivers next week'))).toBe(true);
  }));
});

describe('resilience of the lifecycle', () => {
  it('an email outage does not stop the lifecycle: emails wait in the outbox and go out once, in order, when mail works again', simulated(async () => {
    const created = await file({ description: 'The car park barrier does not open with my card since yesterday.' });
    await waitingFor(created.id, 'triage');
    await untilMail(created.email, (emails) => emails.length === 1, 'acknowledgement');
    const security = 'security.est01@demo-group.example';
    await platform.mailboxOutage.begin();
    try {
      await actOk(created.id, 'cslead.est01', { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'security' });
      // Routing no longer depends on email: the case moves on while SES is down.
      const routed = await waitingFor(created.id, 'resolution', 'security.est01');
      expect(routed.status).toBe('in-progress');
      await actOk(created.id, 'security.est01', { type: 'pause-clock', reason: 'Waiting for the barrier contractor' });
      await waitingFor(created.id, 'resolution', 'security.est01');
      await actOk(created.id, 'security.est01', { type: 'resume-clock' });
      await waitingFor(created.id, 'resolution', 'security.est01');
      // The emails wait in the outbox, refused and retried with backoff: none is lost, none has gone out (the mailbox is down too).
      const waiting = async () => (await platform.caseStore.listNotifications(created.id)).filter((n) => n.status !== 'sent');
      await platform.settle();
      for (let i = 0; i < 5 && !(await waiting()).some((n) => (n.attempts ?? 0) >= 2); i += 1) await aMinuteAndASweep();
      const pending = await waiting();
      expect(pending.map((n) => n.notificationKey)).toEqual(expect.arrayContaining(['routed-security-stage1', expect.stringMatching(/^clock-paused-\d+$/), expect.stringMatching(/^clock-resumed-\d+$/)]));
      expect(pending.every((n) => n.status === 'queued' || n.status === 'sending')).toBe(true);
      expect(pending.some((n) => (n.attempts ?? 0) >= 2)).toBe(true);
    } finally {
      await platform.mailboxOutage.end();
    }
    // Mail works again: the next sweep sends every email once, the complainant's in the order they were written.
    await aMinuteAndASweep();
    const toComplainant = await untilMail(created.email, (emails) => emails.length >= 3, 'the clock emails');
    await untilMail(security, (emails) => emails.some((m) => m.subject.includes(created.reference)), 'the routing email');
    // Two sweeps more: nothing may go out twice.
    await aMinuteAndASweep();
    await aMinuteAndASweep();
    expect((await mailTo(security)).filter((m) => m.subject.includes(created.reference))).toHaveLength(1);
    expect((await mailTo(created.email)).map((m) => m.subject)).toEqual(toComplainant.map((m) => m.subject));
    expect(toComplainant).toHaveLength(3);
    expect(toComplainant[1]!.body.text).toContain('Waiting for the barrier contractor');
    expect(toComplainant[2]!.body.text).not.toContain('Waiting for the barrier contractor');
    const notifications = await platform.caseStore.listNotifications(created.id);
    expect(notifications.every((n) => n.status === 'sent')).toBe(true);
    const actions = await assertAuditTrail(created.id);
    expect(actions.filter((a) => a === 'email.sent:routed-security-stage1')).toHaveLength(1);
    expect(actions.some((a) => a.startsWith('workflow.step-failed'))).toBe(false);
    expect((await platform.caseStore.getCase(created.id))!.emailAttention).toBeUndefined();
  }));

  it('a critical complaint alerts HQ at acknowledgement, before anyone triages it', simulated(async () => {
    const created = await file({ description: 'There is a strong gas leak smell in the lobby of Block B, residents feel dizzy.' });
    await waitingFor(created.id, 'triage');
    await platform.settle();
    expect(subjects(await mailTo('hq.cs@demo-group.example')).some((s) => s.includes(created.reference))).toBe(true);
  }));
});
