/**
 * The complainant decides from the tracking page (issue 14: accept or decline
 * the compensation offered; issue 13: withdraw the complaint), through the real
 * API and workflow on the local runtime, on simulated time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleDriver } from '../support/lifecycleDriver';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { asActor } from '../support/simulatedTime';

let platform: TestPlatform;
const { auth, until, untilMail, waitingFor, actOk, file, mailTo, rateFromEmail, assertAuditTrail } = lifecycleDriver(() => platform);

beforeAll(async () => {
  process.env.GROUP_SETTINGS = JSON.stringify({ followUpAfterDays: 0.1, feedbackWindowDays: 2 });
  platform = await startTestPlatform({ timeScale: 'simulated' });
});
afterAll(async () => platform?.stop());
const simulated = (test: () => Promise<void>) => () => asActor(platform.clock, test);

type Choices = { compensationAnswerable: boolean; compensationAnswer?: string; withdrawable: boolean; withdrawalRequested: boolean };

async function fileTracked(overrides: Record<string, unknown> = {}) {
  const created = (await file(overrides)) as Awaited<ReturnType<typeof file>> & { trackingUrl: string };
  return { ...created, token: new URL(created.trackingUrl).searchParams.get('token')! };
}
const view = async (id: string, token: string) => (await (await platform.get(`/api/v1/complaints/${id}?token=${token}`)).json()) as { choices: Choices; timeline: { kind: string; message: string }[]; status: string };
const choose = (id: string, token: string, path: 'compensation-answer' | 'withdrawal', body: unknown) => platform.post(`/api/v1/complaints/${id}/${path}?token=${token}`, body);
const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

describe('compensation offered: the complainant accepts or declines', () => {
  it('records one answer once the response with the offer was sent; staff see it; the workflow goes on to close', simulated(async () => {
    const created = await fileTracked({
      description: 'Water seepage through a crack in the bedroom ceiling again, damaging my furniture.',
      compensationClaim: { amount: 800, currency: 'HKD', reason: 'Damaged wardrobe' },
    });
    await waitingFor(created.id, 'triage');
    // Nothing offered yet: nothing to answer.
    expect((await view(created.id, created.token)).choices).toMatchObject({ compensationAnswerable: false, withdrawable: true });
    const early = await choose(created.id, created.token, 'compensation-answer', { answer: 'accept' });
    expect(early.status).toBe(409);
    expect(await errorCode(early)).toBe('no_compensation_offer');

    await actOk(created.id, 'cslead.est01', { type: 'triage', caseClass: 2, severity: 'serious', category: 'service-standard-too-low', departmentId: 'customer-service' });
    await waitingFor(created.id, 'resolution');
    await actOk(created.id, 'cslead.est01', {
      type: 'respond', outcome: 'partly-upheld', decision: 'The developer will repair the ceiling under warranty.', reasons: 'The crack is a building defect.',
      rootCause: 'Building defect', accountability: 'Developer (warranty)', compensationProposal: { amount: 800, note: 'Cost of the wardrobe' },
    });
    await waitingFor(created.id, 'compensation-summary');
    await actOk(created.id, 'cslead.est01', { type: 'compensation-summary', recommendation: 'amend', amount: 600, reasons: 'The receipt shows 600, not 800.' });
    await waitingFor(created.id, 'compensation-decision', 'manager.est01');
    await actOk(created.id, 'manager.est01', { decision: 'amend', amount: 600, reasons: 'Receipt shows 600' }, 'compensation');
    await until(created.id, (c) => c.status === 'responded', 'responded');
    expect((await view(created.id, created.token)).choices).toMatchObject({ compensationAnswerable: true, withdrawable: false });

    // Bad input: a field-level 4xx, nothing stored.
    const eventsBefore = (await platform.caseStore.listEvents(created.id)).length;
    const bad = await choose(created.id, created.token, 'compensation-answer', { answer: 'maybe' });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('answer');
    // A wrong token reaches no case.
    expect((await choose(created.id, 'A'.repeat(43), 'compensation-answer', { answer: 'accept' })).status).toBe(404);
    expect((await platform.caseStore.listEvents(created.id)).length).toBe(eventsBefore);

    const accepted = await choose(created.id, created.token, 'compensation-answer', { answer: 'accept' });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    expect(await accepted.json()).toMatchObject({ recorded: 'compensation-accepted' });
    // The same click again (a double submit, a retry) records nothing twice.
    const again = await choose(created.id, created.token, 'compensation-answer', { answer: 'accept' });
    expect(await again.json()).toMatchObject({ recorded: 'compensation-accepted', alreadyRecorded: true });
    const changed = await choose(created.id, created.token, 'compensation-answer', { answer: 'decline' });
    expect(changed.status).toBe(409);
    expect(await errorCode(changed)).toBe('already_answered');

    const actions = await assertAuditTrail(created.id);
    expect(actions.filter((a) => a === 'complainant.compensation-accepted')).toHaveLength(1);
    const tracked = await view(created.id, created.token);
    expect(tracked.choices).toMatchObject({ compensationAnswerable: false, compensationAnswer: 'accepted' });
    expect(tracked.timeline.map((e) => e.kind)).toContain('compensation-accepted');
    // Staff see the answer in the case.
    const staffView = (await (await platform.get(`/api/v1/cases/${created.id}`, await auth('cslead.est01'))).json()) as { compensation: { residentAnswer: { answer: string; amount: number; currency: string } } };
    expect(staffView.compensation.residentAnswer).toMatchObject({ answer: 'accepted', amount: 600, currency: 'HKD' });

    // Once we have responded, withdrawing is no longer offered: they rate or ask for a review.
    const late = await choose(created.id, created.token, 'withdrawal', { confirm: true });
    expect(late.status).toBe(409);
    expect(await errorCode(late)).toBe('already_responded');

    // The workflow did not wait on the answer: the follow-up and closing go on.
    await rateFromEmail(created.email, 4, 4);
    expect((await until(created.id, (c) => c.status === 'closed', 'closed')).closureReason).toBe('satisfied');
  }));
});

describe('withdrawing a complaint', () => {
  it('while it waits for triage: confirmed, closed as withdrawn, the workflow ends, the complainant is told', simulated(async () => {
    const created = await fileTracked({ description: 'The corridor lights on the 12th floor have been flickering for a week.' });
    await waitingFor(created.id, 'triage');
    const unconfirmed = await choose(created.id, created.token, 'withdrawal', { reason: 'Fixed already' });
    expect(unconfirmed.status).toBe(422);
    expect(JSON.stringify(await unconfirmed.json())).toContain('confirm');

    const withdrawn = await choose(created.id, created.token, 'withdrawal', { confirm: true, reason: 'The caretaker fixed it this morning.' });
    expect(withdrawn.status, await withdrawn.clone().text()).toBe(200);
    const closed = await until(created.id, (c) => c.status === 'closed', 'closed');
    expect(closed.closureReason).toBe('withdrawn');
    const execution = platform.stepFunctions.executionArn(created.id);
    expect((await platform.stepFunctions.describeExecution(execution)).status).toBe('SUCCEEDED');
    await platform.settle();
    const emails = await untilMail(created.email, (mail) => mail.some((m) => m.body.text!.includes('withdrawn your complaint')), 'the withdrawal email');
    expect(emails.find((m) => m.body.text!.includes('withdrawn your complaint'))!.body.text).toContain(created.reference);

    // Again: nothing twice.
    expect(await (await choose(created.id, created.token, 'withdrawal', { confirm: true })).json()).toMatchObject({ alreadyRecorded: true });
    const actions = await assertAuditTrail(created.id);
    expect(actions.filter((a) => a === 'complainant.withdrew')).toHaveLength(1);
    expect(actions).toContain('case.closed:withdrawn');
    const tracked = await view(created.id, created.token);
    expect(tracked.choices.withdrawable).toBe(false);
    expect(tracked.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['withdrawal-requested', 'closed-withdrawn']));
    // The reason is the complainant's own text: erasable personal data, never in the chain's changes.
    const events = await platform.caseStore.listEvents(created.id);
    expect(JSON.stringify(events.find((e) => e.action === 'complainant.withdrew')!.changes ?? {})).not.toContain('caretaker');
  }));

  it('while the investigation runs against its deadline, and while the estate manager reviews a claim', simulated(async () => {
    const investigated = await fileTracked({ description: 'Rubbish has not been collected from the podium for a week.' });
    await waitingFor(investigated.id, 'triage');
    await actOk(investigated.id, 'cslead.est01', { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'engineering' });
    await waitingFor(investigated.id, 'resolution');
    expect((await choose(investigated.id, investigated.token, 'withdrawal', { confirm: true })).status).toBe(200);
    expect((await until(investigated.id, (c) => c.status === 'closed', 'closed')).closureReason).toBe('withdrawn');

    const claimed = await fileTracked({ description: 'My car was scratched by the car park barrier.', compensationClaim: { amount: 900, currency: 'HKD', reason: 'Repair' } });
    await waitingFor(claimed.id, 'triage');
    await actOk(claimed.id, 'cslead.est01', { type: 'triage', caseClass: 2, severity: 'general', category: 'service-standard-too-low', departmentId: 'customer-service' });
    await waitingFor(claimed.id, 'resolution');
    await actOk(claimed.id, 'cslead.est01', {
      type: 'respond', outcome: 'upheld', decision: 'We will pay for the repair.', reasons: 'The barrier came down early.',
      rootCause: 'Barrier sensor fault', accountability: 'Car park contractor', compensationProposal: { amount: 900, note: 'Repair quote' },
    });
    // Withdrawn while the CS lead is still summarising the claim for the manager.
    await waitingFor(claimed.id, 'compensation-summary');
    expect((await choose(claimed.id, claimed.token, 'withdrawal', { confirm: true })).status).toBe(200);
    const closed = await until(claimed.id, (c) => c.status === 'closed', 'closed');
    expect(closed.closureReason).toBe('withdrawn');
    // No response went out for a withdrawn complaint.
    await platform.settle();
    expect((await mailTo(claimed.email)).some((m) => m.body.text!.includes('We will pay for the repair'))).toBe(false);
  }));
});
