/**
 * The complaint lifecycle end to end through the real ASL on the local
 * runtime, with DynamoDB Local and the SES emulator: triage, routing by
 * class, deadlines and escalation, compensation review, response, the
 * satisfaction follow-up, stage 2 and closing. Asserts the emails each
 * recipient received and the audit trail. Time runs 100,000× faster; the
 * group's follow-up comes 1 day after the response and waits 10 days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCaseChain } from '../../functions/domain/auditTrail';
import { demoUsers } from '../../infra/local/demoGroup';
import type { MailboxEmail } from '../../infra/local/mailbox';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';

let platform: TestPlatform;
const tokens = new Map<string, string>();

beforeAll(async () => {
  process.env.GROUP_SETTINGS = JSON.stringify({ followUpAfterDays: 1, feedbackWindowDays: 10 });
  platform = await startTestPlatform({ timeScale: 100_000 });
  for (const user of demoUsers) tokens.set(user.userId, await platform.issuer.mint(user));
});
afterAll(async () => platform?.stop());

interface CaseView {
  caseId: string;
  reference: string;
  status: string;
  stage: number;
  version: number;
  waitingFor: string | null;
  allowedActions: string[];
  escalationLevel?: number;
  responseDueBy: string;
  closureReason?: string;
  timeline: { action: string; actor: { type: string; id?: string } }[];
}

const auth = (userId: string) => ({ authorization: `Bearer ${tokens.get(userId)}` });

async function getCase(caseId: string, userId = 'cslead.est01'): Promise<CaseView & { etag: string }> {
  const response = await platform.get(`/api/v1/cases/${caseId}`, auth(userId));
  expect(response.status).toBe(200);
  return { ...((await response.json()) as CaseView), etag: response.headers.get('etag')! };
}

/** Polls until the case satisfies `condition` (the workflow runs in the background). */
async function until(caseId: string, condition: (c: CaseView) => boolean, what: string, userId?: string): Promise<CaseView & { etag: string }> {
  let last: (CaseView & { etag: string }) | undefined;
  for (let i = 0; i < 300; i += 1) {
    last = await getCase(caseId, userId);
    if (condition(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`case ${caseId} never reached: ${what}; last status ${last?.status}, waiting for ${last?.waitingFor}, actions ${last?.timeline.map((e) => e.action).join(' > ')}`);
}

const waitingFor = (caseId: string, kind: string, userId?: string) => until(caseId, (c) => c.waitingFor === kind, `waiting for ${kind}`, userId);

async function act(caseId: string, userId: string, action: Record<string, unknown>, path = 'actions') {
  const current = await getCase(caseId, userId);
  return platform.post(`/api/v1/cases/${caseId}/${path}`, action, { ...auth(userId), 'if-match': current.etag });
}

/** Like a person at the console: on a version conflict (the workflow moved the case on), reload and try again. */
async function actOk(caseId: string, userId: string, action: Record<string, unknown>, path = 'actions') {
  let response = await act(caseId, userId, action, path);
  for (let i = 0; i < 5 && response.status === 409 && (await response.clone().json() as { error: { code: string } }).error.code === 'version_conflict'; i += 1) {
    await new Promise((r) => setTimeout(r, 50));
    response = await act(caseId, userId, action, path);
  }
  if (response.status !== 200) throw new Error(`${String(action.type ?? action.decision)} by ${userId}: ${response.status} ${await response.text()}`);
  return (await response.json()) as CaseView;
}

async function file(overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const complaint = aComplaint(overrides);
  const response = await platform.post('/api/v1/complaints', complaint, headers);
  expect(response.status).toBe(201);
  const created = (await response.json()) as { id: string; reference: string };
  return { ...created, email: complaint.email as string };
}

const mailTo = async (address: string) => (await platform.mailbox()).filter((m) => m.destination.to.includes(address));
const subjects = (emails: MailboxEmail[]) => emails.map((m) => m.subject);

/** Follows the rating link of the follow-up email to its confirmation page, then confirms like the page's form does. */
async function rateFromEmail(email: string, outcomeRating: number, processRating: number) {
  let followUp: MailboxEmail | undefined;
  for (let i = 0; i < 200 && !followUp; i += 1) {
    followUp = (await mailTo(email)).find((m) => m.body.text!.includes('/feedback/'));
    if (!followUp) await new Promise((r) => setTimeout(r, 50));
  }
  if (!followUp) throw new Error(`no follow-up email to ${email}: ${subjects(await mailTo(email)).join(' | ')}`);
  const links = [...followUp.body.text!.matchAll(/(http:\/\/\S+\/feedback\/\S+)/g)].map((m) => m[1]!);
  const link = new URL(links.find((l) => l.includes('aspect=outcome') && l.includes(`rating=${outcomeRating}`))!);
  // Following the link alone records nothing (mail scanners open links).
  expect((await fetch(link)).status).toBe(200);
  const caseId = link.pathname.split('/').pop()!;
  const token = link.searchParams.get('token')!;
  const response = await platform.post(`/api/v1/complaints/${caseId}/feedback?token=${token}`, { outcomeRating, processRating, comment: 'Thank you' });
  expect(response.status).toBe(200);
  return { caseId, token };
}

function assertAuditTrail(caseId: string) {
  return (async () => {
    const complaintCase = await platform.caseStore.getCase(caseId);
    const events = await platform.caseStore.listEvents(caseId);
    expect(verifyCaseChain(events, complaintCase!.personalDataSalt)).toBeUndefined();
    const versions = events.map((e) => e.seq);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    return events.map((e) => e.action);
  })();
}

describe('complaint lifecycle', () => {
  it('class 1, no claim, answered on time, satisfied: routed to the department, responded, followed up, closed', async () => {
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

    expect(subjects(await mailTo(created.email))).toHaveLength(4); // acknowledgement, response, follow-up, closed
    expect(subjects(await mailTo('engineering.est01@demo-group.example')).some((s) => s.includes(created.reference))).toBe(true);
    const actions = await assertAuditTrail(created.id);
    expect(actions).toEqual(expect.arrayContaining(['complaint.received', 'complaint.acknowledged', 'case.triaged', 'case.routed:department', 'case.response-decided', 'complainant.notified:response', 'complainant.notified:follow-up', 'complainant.rated', 'case.closed:satisfied']));
    const execution = platform.stepFunctions.executionArn(created.id);
    expect((await platform.stepFunctions.describeExecution(execution)).status).toBe('SUCCEEDED');
  });

  it('refuses a stale write with 409, and an action the state does not allow with 409 listing the allowed ones', async () => {
    const created = await file({ description: 'Rubbish has not been collected from the podium for a week.' });
    const triage = await waitingFor(created.id, 'triage');
    const stale = await platform.post(`/api/v1/cases/${created.id}/actions`, { type: 'note', text: 'first' }, { ...auth('cslead.est01'), 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('version_conflict');
    const missing = await platform.post(`/api/v1/cases/${created.id}/actions`, { type: 'note', text: 'x' }, auth('cslead.est01'));
    expect(missing.status).toBe(428);
    const notNow = await platform.post(`/api/v1/cases/${created.id}/actions`, { type: 'respond', outcome: 'upheld', decision: 'd', reasons: 'r', rootCause: 'c', accountability: 'a' }, { ...auth('cslead.est01'), 'if-match': triage.etag });
    expect(notNow.status).toBe(409);
    const body = (await notNow.json()) as { error: { code: string; allowedActions: string[] } };
    expect(body.error.code).toBe('action_not_allowed');
    expect(body.error.allowedActions).toEqual(expect.arrayContaining(['triage', 'note']));
    // Two people acting on the same version: one wins, the other gets a conflict.
    const [a, b] = await Promise.all([
      platform.post(`/api/v1/cases/${created.id}/actions`, { type: 'note', text: 'from A' }, { ...auth('cslead.est01'), 'if-match': triage.etag }),
      platform.post(`/api/v1/cases/${created.id}/actions`, { type: 'note', text: 'from B' }, { ...auth('manager.est01'), 'if-match': triage.etag }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it('invalid complaint: closed with a reasoned, polite explanation', async () => {
    const created = await file({ description: 'I want the management office to pay for my holiday because it rained.' });
    await waitingFor(created.id, 'triage');
    await actOk(created.id, 'cslead.est01', { type: 'mark-invalid', explanation: 'We are sorry for your disappointment. The weather is outside what the management office can control, so we cannot take this further as a complaint.' });
    const closed = await until(created.id, (c) => c.status === 'closed', 'closed');
    expect(closed.closureReason).toBe('invalid');
    const emails = await mailTo(created.email);
    expect(emails).toHaveLength(2);
    expect(emails[1]!.body.text).toContain('outside what the management office can control');
    // An invalid complaint cannot be reopened as stage 2.
    expect(closed.allowedActions).not.toContain('reopen');
  });

  it('class 2 serious with a claim: developer report, estate manager approves under the threshold, response includes it', async () => {
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
    await waitingFor(created.id, 'compensation-decision', 'manager.est01');
    // A handler cannot decide compensation.
    expect((await act(created.id, 'cslead.est01', { decision: 'approve', reasons: 'Looks fine to me' }, 'compensation')).status).toBe(403);
    const decided = (await actOk(created.id, 'manager.est01', { decision: 'approve', reasons: 'Receipt provided', valueRecovery: { originalServiceValueA: 500, complainingCostB: 200, proposedC: 800 } }, 'compensation')) as CaseView & { valueRecovery: { meetsRule: boolean } };
    expect(decided.valueRecovery.meetsRule).toBe(true);
    await rateFromEmail(created.email, 4, 4);
    await until(created.id, (c) => c.status === 'closed', 'closed');
    expect(subjects(await mailTo('customer-centre@harbour-developer.example')).some((s) => s.includes(created.reference))).toBe(true);
    expect(subjects(await mailTo('manager.est01@demo-group.example')).some((s) => s.includes(created.reference))).toBe(true);
    const response = (await mailTo(created.email)).find((m) => m.body.text!.includes('developer will repair'))!;
    expect(response.body.text).toMatch(/800/);
    expect(await assertAuditTrail(created.id)).toEqual(expect.arrayContaining(['case.routed:developer', 'compensation.decided']));
  });

  it('class 3 critical with a large claim: HQ alerted at once, external report, HQ approves above the threshold', async () => {
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
    expect(subjects(await mailTo('hq.cs@demo-group.example')).some((s) => s.includes(created.reference))).toBe(true);
    expect(subjects(await mailTo('roadworks@highways.example')).some((s) => s.includes(created.reference))).toBe(true);
    await actOk(created.id, 'manager.est01', {
      type: 'respond', outcome: 'partly-upheld', decision: 'We fenced the trench and escorted residents.', reasons: 'The works are the Highways Department’s.', rootCause: 'Unfenced road works', accountability: 'Highways Department contractor',
    });
    await waitingFor(created.id, 'compensation-decision', 'manager.est01');
    await actOk(created.id, 'manager.est01', { decision: 'amend', amount: 15000, reasons: 'Medical costs evidenced' }, 'compensation');
    const hqStep = await waitingFor(created.id, 'compensation-hq-approval', 'hq.director');
    expect(hqStep.status).toBe('awaiting-compensation-decision');
    expect((await act(created.id, 'manager.est01', { decision: 'approve', reasons: 'Approving again' }, 'compensation')).status).toBe(403);
    await actOk(created.id, 'hq.director', { decision: 'approve', reasons: 'Approved by HQ' }, 'compensation');
    await rateFromEmail(created.email, 3, 3);
    await until(created.id, (c) => c.status === 'closed', 'closed');
    expect(await assertAuditTrail(created.id)).toEqual(expect.arrayContaining(['case.routed:duty-log', 'compensation.decided', 'compensation.hq-decided']));
  });

  it('overdue: escalates to the estate manager then HQ with interim responses; dissatisfied → stage 2 with another handler; no answer → closed', async () => {
    const created = await file({ description: 'The security guard at the gate was rude to my mother when she asked for help.' });
    await waitingFor(created.id, 'triage');
    await actOk(created.id, 'cslead.est01', { type: 'triage', caseClass: 1, severity: 'general', category: 'staff-attitude', departmentId: 'security' });
    await actOk(created.id, 'cslead.est01', { type: 'assign', assigneeId: 'security.est01' });
    // Nobody responds: the deadline passes twice.
    const atHq = await until(created.id, (c) => (c.escalationLevel ?? 0) >= 2, 'escalated to HQ');
    expect(atHq.waitingFor === 'resolution' || atHq.waitingFor === null).toBe(true);
    expect(subjects(await mailTo('manager.est01@demo-group.example')).some((s) => s.includes(created.reference))).toBe(true);
    expect(subjects(await mailTo('hq.cs@demo-group.example')).some((s) => s.includes(created.reference))).toBe(true);
    const interim = (await mailTo(created.email)).filter((m) => m.body.text!.includes('estate manager') || m.body.text!.includes('headquarters'));
    expect(interim.length).toBeGreaterThanOrEqual(2);

    await waitingFor(created.id, 'resolution', 'security.est01');
    await actOk(created.id, 'security.est01', { type: 'staff-statement', staffMember: 'guard.07', statement: 'I was handling a delivery and answered briefly.' });
    await actOk(created.id, 'security.est01', { type: 'respond', outcome: 'not-upheld', decision: 'We found the guard was busy but not rude.', reasons: 'CCTV review.', rootCause: 'Misunderstanding', accountability: 'None' });
    await rateFromEmail(created.email, 1, 2);
    const stage2 = await until(created.id, (c) => c.stage === 2 && c.waitingFor === 'resolution', 'stage 2 open');
    expect(stage2.status).toBe('in-progress');

    // The stage-1 handler may not handle stage 2.
    const sameHandler = await act(created.id, 'cslead.est01', { type: 'assign', assigneeId: 'security.est01' });
    expect(sameHandler.status).toBe(409);
    expect(((await sameHandler.json()) as { error: { code: string } }).error.code).toBe('stage_2_handler_conflict');
    await actOk(created.id, 'manager.est01', { type: 'assign', assigneeId: 'manager.est01' });
    await actOk(created.id, 'manager.est01', { type: 'respond', outcome: 'partly-upheld', decision: 'We apologise; guards will be retrained on courtesy.', reasons: 'Review of the stage-1 findings.', rootCause: 'Training gap', accountability: 'Security supervisor' });
    // No answer to the follow-up within the window.
    const closed = await until(created.id, (c) => c.status === 'closed', 'closed');
    expect(closed.closureReason).toBe('no-response');
    expect(await assertAuditTrail(created.id)).toEqual(expect.arrayContaining(['case.escalated:overdue', 'case.staff-statement', 'case.stage-2-opened', 'case.closed:no-response']));
  });

  it('on-the-spot resolution by front-desk staff: recorded in full, reported to the CS lead, still followed up', async () => {
    const created = await file(
      { channel: 'in-person', description: 'The corridor light on 12/F was flickering; the front desk replaced the tube at once.', onTheSpotResolution: 'Replaced the fluorescent tube while the resident waited.' },
      auth('frontline.est01'),
    );
    await rateFromEmail(created.email, 5, 5);
    const closed = await until(created.id, (c) => c.status === 'closed', 'closed');
    expect(closed.closureReason).toBe('satisfied');
    expect(subjects(await mailTo('cs.est01@demo-group.example')).some((s) => s.includes(created.reference))).toBe(true);
    const actions = await assertAuditTrail(created.id);
    expect(actions).toEqual(expect.arrayContaining(['complaint.received', 'case.resolved-on-the-spot', 'case.closed:satisfied']));
    expect(closed.timeline[0]!.actor).toMatchObject({ type: 'staff', id: 'frontline.est01' });
  });

  it('pausing the clock moves the deadline by the paused time; an extension is explained in writing', async () => {
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
    const extended = await actOk(created.id, 'engineering.est01', { type: 'extend-deadline', workingDays: 3, reason: 'The supplier delivers next week' });
    expect(Date.parse(extended.responseDueBy)).toBeGreaterThan(Date.parse(before.responseDueBy));
    const tooLong = await act(created.id, 'engineering.est01', { type: 'extend-deadline', workingDays: 30, reason: 'far too long' });
    expect([409, 422]).toContain(tooLong.status);
    await waitingFor(created.id, 'resolution', 'engineering.est01');
    const emails = await mailTo(created.email);
    expect(emails.some((m) => m.body.text!.includes('replacement intercom part'))).toBe(true);
    expect(emails.some((m) => m.body.text!.includes('The supplier delivers next week'))).toBe(true);
  });
});
