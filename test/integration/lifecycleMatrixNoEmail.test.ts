/**
 * Issue 13, the lifecycle matrix grown by the no-email path (seed 003 書面回應): a complaint taken by
 * phone from a resident with no email address runs end to end on the local runtime — class 1/2/3,
 * satisfied or dissatisfied (then stage 2). Every message the complainant would have been emailed is a
 * letter in the estate's "letters to send" list, printable on the estate's letterhead, and recorded
 * sent by the front desk (If-Match, one audit event each); the satisfaction follow-up is a phone call
 * task whose answer the front desk records. Nothing is emailed to the complainant, and the audit chain
 * verifies. On simulated time, each path an actor (as lifecycleMatrixOnTime.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseView, lifecycleDriver } from '../support/lifecycleDriver';
import { complaintFor, describePath, matrixHelpers, outcomeOf, type PathSpec, responseFor, STAFF, stage1Responder, started, subjectsFor, triageFor } from '../support/lifecyclePaths';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { asActor, poll } from '../support/simulatedTime';

let platform: TestPlatform;
const driver = lifecycleDriver(() => platform);
const { waitFor, actWhen, finishedExecution } = matrixHelpers(() => platform, driver);
const FRONT_DESK = 'frontline.est01';

const PATHS: PathSpec[] = [1, 2, 3].flatMap((caseClass) =>
  [true, false].map((satisfied, i) => {
    const spec = { caseClass: caseClass as 1 | 2 | 3, valid: true, satisfied };
    // Descriptions of their own (the on-time matrix uses variants 0-3 of each class).
    return { ...spec, name: `no email, ${describePath(spec)}`, variant: 4 + i };
  }),
);

interface WritingList {
  letters: { caseId: string; reference: string; version: number; letterKey: string; subject: string; printUrl: string }[];
  followUpCalls: { caseId: string; stage: number; attempts: number }[];
}

async function writingList(): Promise<WritingList> {
  const response = await platform.get('/api/v1/estates/EST01/letters', await driver.auth(FRONT_DESK));
  expect(response.status).toBe(200);
  return (await response.json()) as WritingList;
}

/** The front desk prints each letter of the case waiting in the list and records it posted; returns their subjects. */
async function postLettersOf(caseId: string, expected: number): Promise<{ subject: string; page: string }[]> {
  const waiting = await poll(
    platform,
    async () => {
      const mine = (await writingList()).letters.filter((l) => l.caseId === caseId);
      return mine.length >= expected ? mine : undefined;
    },
    () => `${expected} letter(s) of ${caseId} in the list`,
  );
  const posted: { subject: string; page: string }[] = [];
  for (const letter of waiting) {
    const printed = await platform.get(letter.printUrl, await driver.auth(FRONT_DESK));
    expect(printed.status).toBe(200);
    expect(printed.headers.get('content-type')).toContain('text/html');
    const page = await printed.text();
    posted.push({ subject: letter.subject, page });
    await driver.actOk(caseId, FRONT_DESK, { type: 'record-letter-sent', letterKey: letter.letterKey, delivery: 'post' });
  }
  return posted;
}

interface Driven {
  reference: string;
  letters: { subject: string; page: string }[];
  calls: number;
  final: CaseView;
}

async function drive(path: PathSpec): Promise<Driven> {
  const filed = await platform.post(
    '/api/v1/complaints',
    { estateId: 'EST01', name: 'Chan Tai Man', phone: '+852 2345 6789', language: 'en', channel: 'phone', ...complaintFor(path) },
    await driver.auth(FRONT_DESK),
  );
  expect(filed.status, await filed.clone().text()).toBe(201);
  const { id, reference } = (await filed.json()) as { id: string; reference: string };
  const letters: { subject: string; page: string }[] = [];
  let calls = 0;

  await actWhen(id, 'triage', STAFF.csLead, triageFor(path));
  letters.push(...(await postLettersOf(id, 1)));
  await actWhen(id, 'resolution', stage1Responder(path), responseFor(path, 1));
  for (const stage of path.satisfied ? [1] : [1, 2]) {
    // The follow-up is a call task in the estate's list; nobody answers the first call.
    await waitFor(id, (c) => c.stage === stage && c.waitingFor === 'feedback', `stage ${stage} follow-up`);
    await poll(platform, async () => ((await writingList()).followUpCalls.some((c) => c.caseId === id && c.stage === stage) ? true : undefined), () => `a stage ${stage} call task for ${id}`);
    await driver.actOk(id, FRONT_DESK, { type: 'record-follow-up-call', answer: 'no-answer' });
    const satisfiedNow = path.satisfied || stage === 2;
    await driver.actOk(id, FRONT_DESK, { type: 'record-follow-up-call', answer: 'reached', outcomeRating: satisfiedNow ? 4 : 1, processRating: 3, comment: `Stage ${stage} answer by phone` });
    calls += 1;
    if (stage === 1 && !path.satisfied) {
      await waitFor(id, (c) => c.stage === 2 && c.waitingFor === 'resolution', 'stage 2 open');
      await actWhen(id, 'resolution', STAFF.manager, { type: 'assign', assigneeId: STAFF.manager });
      await actWhen(id, 'resolution', STAFF.manager, responseFor(path, 2));
    }
  }
  await waitFor(id, (c) => c.status === 'closed', 'closed');
  // Response(s), stage-2 notice and closing: every letter posted.
  letters.push(...(await postLettersOf(id, path.satisfied ? 2 : 4)));
  const final = await waitFor(id, (c) => c.status === 'closed', 'closed');
  return { reference, letters, calls, final };
}

const runs = new Map<string, ReturnType<typeof started<Driven>>>();

beforeAll(async () => {
  process.env.GROUP_SETTINGS = JSON.stringify({ followUpAfterDays: 0.05, feedbackWindowDays: 3 });
  platform = await startTestPlatform({ timeScale: 'simulated' });
  for (const path of PATHS) runs.set(path.name, started(asActor(platform.clock, () => drive(path))));
});
afterAll(async () => platform?.stop());

describe('lifecycle matrix, complainant without email', () => {
  it.each(PATHS.map((p) => [p.name, p] as const))('%s', async (_name, path) => {
    const { reference, letters, calls, final } = await outcomeOf(runs.get(path.name));
    const s = subjectsFor(reference);
    const caseId = final.caseId;
    expect(final.status).toBe('closed');
    expect(final.closureReason).toBe('satisfied');
    expect(final.stage).toBe(path.satisfied ? 1 : 2);
    expect(await finishedExecution(caseId)).toBe('SUCCEEDED');

    // Every written message, in order, as letters with the subjects the emails have.
    expect(letters.map((l) => l.subject)).toEqual(path.satisfied ? [s.acknowledgement, s.response, s.closed] : [s.acknowledgement, s.response, s.stage2Opened, s.finalResponse, s.closed]);
    for (const { page } of letters) {
      expect(page).toContain('<h1>Harbour View Gardens</h1>');
      expect(page).toContain(`Our reference: ${reference}`);
      expect(page).toContain('Chan Tai Man');
      expect(page).not.toMatch(/token=|\/feedback\//);
    }
    expect(letters[1]!.page).toContain(`Stage 1 decision for ${path.name}`);
    expect(calls).toBe(path.satisfied ? 1 : 2);

    // Nothing went to the complainant by email; the list holds nothing more of this case.
    const notifications = await platform.caseStore.listNotifications(caseId);
    expect(notifications.filter((n) => /^(acknowledgement|response|closed|follow-up|stage-2-opened|interim)/.test(n.notificationKey)).map((n) => n.notificationKey)).toEqual([]);
    const list = await writingList();
    expect(list.letters.filter((l) => l.caseId === caseId)).toEqual([]);
    expect(list.followUpCalls.filter((c) => c.caseId === caseId)).toEqual([]);

    // The rating given by phone is in the same satisfaction data.
    const stored = (await platform.caseStore.getCase(caseId))!;
    expect(stored.satisfaction).toMatchObject({ outcomeRating: 4, processRating: 3, via: 'phone', recordedBy: FRONT_DESK, stage: final.stage });
    expect(stored.lettersToSend).toBeUndefined();
    expect(stored.letters!.every((l) => l.status === 'sent' && l.sentBy === FRONT_DESK && l.delivery === 'post' && l.text === undefined)).toBe(true);

    // The audit trail verifies and records each letter sent and each call.
    const trail = await driver.assertAuditTrail(caseId);
    const count = (name: string) => trail.filter((a) => a === name).length;
    expect(count('letter.sent')).toBe(letters.length);
    expect(count('complainant.rated-by-phone')).toBe(calls);
    expect(count('follow-up.call-unanswered')).toBe(calls);
    expect(trail.filter((a) => a.startsWith('email.sent:') && /acknowledgement|response|closed|follow-up-stage/.test(a))).toEqual([]);
    // Every path runs at once from beforeAll: the first to be asserted waits for its whole lifecycle on a busy machine.
  }, 240_000);

  it('refuses to record a letter twice, and a stale version', async () => {
    const { final } = await outcomeOf(runs.get(PATHS[0]!.name));
    const again = await driver.act(final.caseId, FRONT_DESK, { type: 'record-letter-sent', letterKey: 'acknowledgement', delivery: 'by-hand' });
    expect(again.status).toBe(409);
    const stale = await platform.post(`/api/v1/cases/${final.caseId}/actions`, { type: 'note', text: 'stale' }, { ...(await driver.auth(FRONT_DESK)), 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    const printedAfter = await platform.get(`/api/v1/cases/${final.caseId}/letters/acknowledgement`, await driver.auth(FRONT_DESK));
    expect(printedAfter.status).toBe(410);
  });

  it("takes the supervisor's closing report on the closed case, readable through the API", async () => {
    const { final } = await outcomeOf(runs.get(PATHS[1]!.name));
    const report = { type: 'closing-report', recurrence: 'systemic', procedureDefect: 'yes', ruleNotFollowed: 'no', improvement: 'Add the part to the monthly checklist.' };
    const byFrontDesk = await driver.act(final.caseId, FRONT_DESK, report);
    expect(byFrontDesk.status).toBe(403);
    await driver.actOk(final.caseId, STAFF.csLead, report);
    const view = (await driver.getCase(final.caseId)) as CaseView & { closingReport?: Record<string, unknown> };
    expect(view.closingReport).toMatchObject({
      stage: 2,
      closureReason: 'satisfied',
      handling: { outcome: 'partly-upheld', escalationLevel: 1 },
      satisfaction: { outcomeRating: 4, processRating: 3, noResponse: false, byPhone: true },
      lessons: { recurrence: 'systemic', procedureDefect: true, ruleNotFollowed: false },
      by: STAFF.csLead,
    });
    expect((await driver.act(final.caseId, STAFF.csLead, report)).status).toBe(409);
  });
});
