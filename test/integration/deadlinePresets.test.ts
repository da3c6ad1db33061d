/**
 * Issue 13: each deadline preset, and one custom policy, exercised end to end on an estate that uses it, on
 * simulated time starting Thursday 12 February 2026, so the dates cross the Lunar New Year: Hong Kong's general
 * holidays (17–19 February), the mainland's Spring Festival (15–23 February off) with its make-up working day
 * (Saturday 14 February), and England's plain working days. For each estate: the date promised in the
 * acknowledgement, the moment the missed deadline escalates and to whom (`escalateWhenMissedTo`), then a
 * response, a satisfied rating and the case closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_DEFAULT_POLICY } from '../../functions/domain/deadlinePolicy';
import { demoUsers } from '../../infra/local/demoGroup';
import { lifecycleDriver } from '../support/lifecycleDriver';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { asActor } from '../support/simulatedTime';

let platform: TestPlatform;
const driver = lifecycleDriver(() => platform);
const START = Date.parse('2026-02-12T01:00:00.000Z'); // Thursday 09:00 in Hong Kong and Shenzhen, 01:00 in London

/** Seed default with a longer general tier that goes straight to HQ when missed: the group's own policy. */
const customPolicy = {
  ...SEED_DEFAULT_POLICY,
  id: 'group-eight-days',
  title: 'Group policy: eight working days',
  source: 'HQ decision (test)',
  stages: SEED_DEFAULT_POLICY.stages.map((stage, i) => (i === 0 ? { ...stage, tiers: { ...stage.tiers, general: { ...stage.tiers.general, respondWithinWorkingDays: 8, escalateWhenMissedTo: 'hq' as const } } } : stage)),
};

beforeAll(async () => {
  process.env.GROUP_SETTINGS = JSON.stringify({ followUpAfterDays: 1, feedbackWindowDays: 3 });
  platform = await startTestPlatform({ timeScale: 'simulated', clockStartAt: START });
  const hq = { authorization: `Bearer ${await platform.issuer.mint(demoUsers.find((u) => u.userId === 'hq.director')!)}` };
  expect((await platform.post('/api/v1/admin/deadline-policies', customPolicy, hq)).status).toBe(201);
  expect((await platform.post('/api/v1/estates/SZ01/deadline-policy', { policyId: 'spso-model' }, hq)).status).toBe(200);
  expect((await platform.post('/api/v1/estates/EST02/deadline-policy', { policyId: 'group-eight-days' }, hq)).status).toBe(200);
}, 120_000);
afterAll(async () => {
  delete process.env.GROUP_SETTINGS;
  await platform?.stop();
});

const cases = [
  // 5 working days from receipt: 13, 16, (17–19 holidays), 20, 23, 24 February; end of the day in Hong Kong.
  { estateId: 'EST01', policy: 'seed-default', dueBy: '2026-02-24T15:59:59.999Z', date: '24 February 2026', escalatedTo: 'manager.est01@demo-group.example' },
  // 10 working days from the acknowledgement (at receipt): 13 … 26 February, no bank holiday; end of the day in London.
  { estateId: 'LDN01', policy: 'uk-housing-ombudsman-2024', dueBy: '2026-02-26T23:59:59.999Z', date: '26 February 2026', escalatedTo: 'manager.ldn01@demo-group.example' },
  // SPSO frontline, 5 working days: 13, 14 (make-up Saturday), (15–23 off), 24, 25, 26 February; end of the day in Shenzhen.
  { estateId: 'SZ01', policy: 'spso-model', dueBy: '2026-02-26T15:59:59.999Z', date: '2026年2月26日', escalatedTo: 'manager.sz01@demo-group.example' },
  // The custom policy, 8 working days: 13, 16, 20, 23, 24, 25, 26, 27 February; missed, straight to HQ.
  { estateId: 'EST02', policy: 'group-eight-days', dueBy: '2026-02-27T15:59:59.999Z', date: '27 February 2026', escalatedTo: 'hq.cs@demo-group.example' },
];

describe('each deadline policy on an estate that uses it', () => {
  // All four are filed at the same platform moment (one actor each), so the dates are counted from the same day.
  const exercise = ({ estateId, dueBy, date, escalatedTo }: (typeof cases)[number]) => asActor(platform.clock, async () => {
    const code = estateId.toLowerCase();
    const created = await driver.file({ estateId, language: estateId === 'SZ01' ? 'zh-Hans' : 'en' });
    expect(Date.parse((await platform.caseStore.getCase(created.id))!.receivedAt)).toBe(START);
    const acknowledged = await driver.until(created.id, (c) => c.waitingFor === 'triage', 'acknowledged', `cslead.${code}`);
    expect(acknowledged.responseDueBy).toBe(dueBy);
    const [acknowledgement] = await driver.untilMail(created.email, (emails) => emails.length > 0, 'the acknowledgement');
    expect(acknowledgement!.body.text).toContain(date);
    await driver.actOk(created.id, `cslead.${code}`, { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'engineering' });
    // Nobody answers: the deadline passes (not before), and the case goes where the policy says.
    const escalated = await driver.until(created.id, (c) => (c.escalationLevel ?? 0) >= 1, 'escalated', `cslead.${code}`);
    const event = (await platform.caseStore.listEvents(created.id)).find((e) => e.action === 'case.escalated:overdue')!;
    expect(Date.parse(event.at) - Date.parse(dueBy)).toBeGreaterThan(0);
    expect(Date.parse(event.at) - Date.parse(dueBy)).toBeLessThanOrEqual(1000);
    expect(escalated.escalationLevel).toBe(escalatedTo.startsWith('hq') ? 2 : 1);
    const about = (emails: { subject: string }[]) => emails.some((m) => m.subject.includes(created.reference));
    await driver.untilMail(escalatedTo, about, `the escalation to ${escalatedTo}`);
    await driver.actOk(created.id, `engineering.${code}`, { type: 'respond', outcome: 'upheld', decision: 'The lift was repaired.', reasons: 'A faulty door sensor.', rootCause: 'Worn part', accountability: 'Lift contractor' });
    await driver.rateFromEmail(created.email, 5, 5);
    const closed = await driver.until(created.id, (c) => c.status === 'closed', 'closed', `cslead.${code}`);
    expect(closed.closureReason).toBe('satisfied');
  });

  it('seed default (Hong Kong), Housing Ombudsman 2024 (England), SPSO (mainland China), a custom policy (Hong Kong)', async () => {
    await Promise.all(cases.map(exercise));
  }, 400_000);
});
