/**
 * Staff and resident together in a real browser (Debian's chromium driven by
 * playwright-core) against the whole local platform: a resident files a
 * complaint through the API; the estate's customer-service lead signs in to
 * the staff console through the demo picker, opens the case and triages it
 * (after a version conflict the console reloads and says so); the department
 * handler signs in and responds (an incomplete response is refused field by
 * field); the follow-up email's rating link opens the confirmation page,
 * which records nothing until the resident confirms a 5, and then thanks them.
 * Also: the estate manager's compensation decision with the live C ≥ A + B
 * check, and sign-in where the demo picker does not exist.
 *
 * Time runs 100,000× faster; the group's follow-up comes 1 day after the
 * response. Skipped only when chromium is not installed and CI is not set.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../infra/local/demoGroup';
import type { MailboxEmail } from '../../infra/local/mailbox';
import { CHROMIUM_LAUNCH_ARGS, CHROMIUM_SKIP_REASON, chromiumPath } from '../support/chromium';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';

if (!chromiumPath) console.warn(`test/e2e/staffConsole.test.ts ${CHROMIUM_SKIP_REASON}`);

const screenshot = (name: string) => join(tmpdir(), `staff-${name}.png`);

let platform: TestPlatform;
let browser: Browser;
const tokens = new Map<string, string>();

/** Browser-side problems that would otherwise pass silently: CSP refusals, script errors. Expected 4xx answers are not problems. */
function watchForPageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return problems;
}

interface CaseView {
  caseId: string;
  reference: string;
  status: string;
  version: number;
  waitingFor: string | null;
  closureReason?: string;
  satisfaction?: { outcomeRating?: number; processRating?: number };
  timeline: { action: string; actor: { type: string; id?: string } }[];
}

async function getCase(caseId: string, userId = 'cslead.est01'): Promise<CaseView & { etag: string }> {
  const response = await platform.get(`/api/v1/cases/${caseId}`, { authorization: `Bearer ${tokens.get(userId)}` });
  expect(response.status).toBe(200);
  return { ...((await response.json()) as CaseView), etag: response.headers.get('etag')! };
}

/** Polls the staff API until the case satisfies `condition` (the workflow runs in the background). */
async function until(caseId: string, condition: (c: CaseView) => boolean, what: string): Promise<CaseView & { etag: string }> {
  let last: (CaseView & { etag: string }) | undefined;
  for (let i = 0; i < 400; i += 1) {
    last = await getCase(caseId);
    if (condition(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`case ${caseId} never reached: ${what}; last status ${last?.status}, waiting for ${last?.waitingFor}, actions ${last?.timeline.map((e) => e.action).join(' > ')}`);
}

/** Acts through the API like a person at the console: on a version conflict, reload and try again. */
async function actOk(caseId: string, userId: string, action: Record<string, unknown>) {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const current = await getCase(caseId, userId);
    const response = await platform.post(`/api/v1/cases/${caseId}/actions`, action, { authorization: `Bearer ${tokens.get(userId)}`, 'if-match': current.etag });
    if (response.status === 200) return;
    const body = (await response.json()) as { error: { code: string } };
    if (body.error.code !== 'version_conflict' && body.error.code !== 'action_not_allowed') throw new Error(`${String(action.type)}: ${response.status} ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${String(action.type)} by ${userId} kept conflicting`);
}

async function signInAsDemoUser(page: Page, userId: string) {
  await page.goto(`${platform.url}/staff`);
  await page.locator('#demo').waitFor({ state: 'visible' });
  await page.getByLabel('Demo user', { exact: true }).selectOption(userId);
  await page.getByRole('button', { name: 'Sign in as this user' }).click();
  await page.locator('#list').waitFor({ state: 'visible' });
  const name = demoUsers.find((u) => u.userId === userId)!.name;
  expect(await page.locator('#who').textContent()).toContain(name);
}

async function openFromList(page: Page, reference: string) {
  const link = page.getByRole('link', { name: reference, exact: true });
  await link.waitFor({ state: 'visible' });
  await link.click();
  await page.locator('#case-body').waitFor({ state: 'visible' });
  expect(await page.locator('#case-title').textContent()).toBe(reference);
}

const CONFLICT = 'This case changed while you were working on it';

/**
 * Submits an action form like a person at the console: at this time scale the workflow's own deadline
 * steps also move the case on, so a version conflict (the console reloads and says so) means: submit again.
 */
async function submitUntilDone(page: Page, section: ReturnType<Page['locator']>, button: string, done: string) {
  const message = page.locator('#action-message');
  for (let attempt = 0; attempt < 5; attempt += 1) {
    // While the workflow runs an automated step the form is hidden; the console looks again until it is open.
    await section.getByRole('button', { name: button }).click({ timeout: 30_000 }).catch(async (error: Error) => {
      await page.screenshot({ path: screenshot(`stuck-${button.replace(/\W+/g, '-')}`), fullPage: true });
      const state = await page.evaluate<string>("['action-message','busy','no-actions','not-for-role','detail-status','case-facts'].map(function (id) { var e = document.getElementById(id); return id + '=' + (e.hidden ? '(hidden)' : e.textContent); }).join(' | ')");
      throw new Error(`${error.message}\npage: ${state}`);
    });
    await expect.poll(async () => {
      const text = (await message.isVisible()) ? ((await message.textContent()) ?? '') : '';
      return text === done || text.startsWith(CONFLICT);
    }, { timeout: 20_000 }).toBe(true);
    if ((await message.textContent()) === done) return;
  }
  throw new Error(`${button}: still conflicting after 5 attempts`);
}

async function followUpEmail(address: string): Promise<MailboxEmail> {
  for (let i = 0; i < 400; i += 1) {
    const found = (await platform.mailbox()).find((m) => m.destination.to.includes(address) && (m.body.text ?? '').includes('/feedback/'));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no follow-up email to ${address}`);
}

describe.skipIf(!chromiumPath)(chromiumPath ? 'the staff console in the browser' : `the staff console in the browser (${CHROMIUM_SKIP_REASON})`, () => {
  let context: BrowserContext;

  beforeAll(async () => {
    process.env.GROUP_SETTINGS = JSON.stringify({ followUpAfterDays: 1, feedbackWindowDays: 10 });
    // Simulated time: no deadline passes while the browser works; the test moves time to the follow-up itself.
    platform = await startTestPlatform({ timeScale: 'simulated' });
    for (const user of demoUsers) tokens.set(user.userId, await platform.issuer.mint(user));
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_LAUNCH_ARGS });
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    context.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
  });

  it('a complaint from filing to a confirmed rating: triage and response in the console, rating from the follow-up email', async () => {
    // The resident files through the API.
    const complaint = aComplaint({ description: 'The lift in Block A is broken and has been out of service since Monday.' });
    const created = await platform.post('/api/v1/complaints', complaint, { 'idempotency-key': `e2e-staff-${Date.now()}` });
    expect(created.status).toBe(201);
    const { id, reference } = (await created.json()) as { id: string; reference: string };
    await until(id, (c) => c.waitingFor === 'triage', 'waiting for triage');

    // The customer-service lead signs in through the demo picker and opens the case from the list.
    const page = await context.newPage();
    const problems = watchForPageErrors(page);
    const response = await page.goto(`${platform.url}/staff`);
    expect(response!.headers()['content-security-policy']).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(await page.locator('#signin').isVisible()).toBe(true);
    await page.screenshot({ path: screenshot('sign-in'), fullPage: true });
    await signInAsDemoUser(page, 'cslead.est01');
    // The token lives in this tab's sessionStorage; there are no cookies.
    expect(await page.evaluate<string | null>("sessionStorage.getItem('complaints.staffToken')")).toMatch(/^ey/);
    expect(await context.cookies()).toEqual([]);
    await page.screenshot({ path: screenshot('list'), fullPage: true });
    await openFromList(page, reference);

    const facts = page.locator('#case-facts');
    expect(await facts.textContent()).toContain('Triage (initial assessment)');
    expect(await page.locator('#complainant-facts').textContent()).toContain(complaint.email as string);
    expect(await page.locator('#case-description').textContent()).toBe(complaint.description);
    expect(await page.locator('#proposed').isVisible()).toBe(true);
    expect((await page.locator('#proposed-reasons li').count())).toBeGreaterThan(0);
    expect(await page.locator('#timeline-rows tr').count()).toBeGreaterThanOrEqual(2);

    // Exactly the actions the case allows: triage is open (pre-filled from the proposal), respond is not.
    const triage = page.locator('details[data-action="triage"]');
    expect(await triage.isVisible()).toBe(true);
    expect(await triage.getAttribute('open')).not.toBeNull();
    expect(await page.locator('details[data-action="respond"]').isVisible()).toBe(false);
    expect(await page.locator('details[data-action="mark-invalid"]').isVisible()).toBe(true);
    expect(await page.locator('#compensation').isVisible()).toBe(false);
    expect(await triage.getByLabel('Class').inputValue()).toBe('1');
    expect(await triage.getByLabel('Department').inputValue()).toBe('engineering');
    expect(await triage.locator('[data-group="externalParty"]').isVisible()).toBe(false);
    await page.screenshot({ path: screenshot('case-triage'), fullPage: true });

    // Someone else writes first: the console's version is stale, so it reloads and says so.
    let noted = 0;
    for (let i = 0; i < 5 && noted !== 200; i += 1) {
      const before = await getCase(id);
      const note = await platform.post(`/api/v1/cases/${id}/actions`, { type: 'note', text: 'Called the resident back.' }, { authorization: `Bearer ${tokens.get('manager.est01')}`, 'if-match': before.etag });
      noted = note.status;
    }
    expect(noted).toBe(200);
    await triage.getByLabel('Severity').selectOption('serious');
    await triage.getByRole('button', { name: 'Confirm triage' }).click();
    const message = page.locator('#action-message');
    await expect.poll(() => message.textContent()).toContain(CONFLICT);
    expect(await triage.getByLabel('Severity').inputValue()).toBe('serious');
    expect(await page.locator('#timeline-rows').textContent()).toContain('case.note');

    await submitUntilDone(page, triage, 'Confirm triage', 'Triage recorded; the case is being routed.');
    const triaged = await until(id, (c) => c.waitingFor === 'resolution', 'waiting for resolution');
    expect(triaged).toMatchObject({ status: 'in-progress' });
    expect(triaged.timeline.find((e) => e.action === 'case.triaged')?.actor).toMatchObject({ type: 'staff', id: 'cslead.est01' });
    await expect.poll(() => page.locator('#case-facts').textContent()).toContain('Investigation and response');
    expect(await triage.isVisible()).toBe(false);
    await page.screenshot({ path: screenshot('case-triaged'), fullPage: true });

    // The department handler signs in and responds.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#signin').waitFor({ state: 'visible' });
    expect(await page.evaluate<string | null>("sessionStorage.getItem('complaints.staffToken')")).toBeNull();
    await signInAsDemoUser(page, 'engineering.est01');
    await openFromList(page, reference);
    const respond = page.locator('details[data-action="respond"]');
    expect(await respond.getAttribute('open')).not.toBeNull();
    expect(await page.locator('details[data-action]:visible').first().getAttribute('data-action')).toBe('respond');
    expect(await page.locator('details[data-action="triage"]').isVisible()).toBe(false);
    // The handler's role may not mark a complaint invalid: the console does not offer it, and says so.
    expect(await page.locator('details[data-action="mark-invalid"]').isVisible()).toBe(false);
    expect(await page.locator('#not-for-role').textContent()).toContain('mark-invalid');

    // An incomplete response is refused field by field, beside each field.
    await respond.getByLabel('Decision').fill('The lift motor was replaced on Wednesday.');
    await respond.getByRole('button', { name: 'Send response' }).click();
    const summary = respond.locator('[data-summary]');
    await summary.waitFor({ state: 'visible' });
    expect(await respond.locator('#action-respond-reasons-error').textContent()).toBe('Reasons: is required');
    expect(await respond.locator('#action-respond-reasons').getAttribute('aria-invalid')).toBe('true');
    expect(await respond.locator('#action-respond-decision-error').isVisible()).toBe(false);
    await page.screenshot({ path: screenshot('respond-errors'), fullPage: true });

    await respond.getByLabel('Outcome').selectOption('upheld');
    await respond.getByLabel('Reasons').fill('The motor had worn out; the maintenance contractor missed it at the last inspection.');
    await respond.getByLabel('Remedy').fill('We have added a monthly check of the motor.');
    await respond.getByRole('button', { name: 'Add an outstanding action' }).click();
    await respond.locator('[data-item-field="action"]').fill('Contractor to re-inspect all lifts');
    await respond.locator('[data-item-field="dueBy"]').fill('2099-06-30T17:00');
    await respond.getByLabel('Root cause').fill('Worn lift motor not caught by inspection');
    await respond.getByLabel('Accountability').fill('Lift maintenance contractor');
    await submitUntilDone(page, respond, 'Send response', 'Response recorded; it will be emailed to the complainant.');
    const responded = await getCase(id);
    expect(responded.timeline.find((e) => e.action === 'case.response-decided')?.actor).toMatchObject({ type: 'staff', id: 'engineering.est01' });
    await page.screenshot({ path: screenshot('responded'), fullPage: true });
    expect(problems).toEqual([]);

    // The follow-up email arrives; its rating link opens the confirmation page, which records nothing by itself.
    // The follow-up comes a day after the response: let that day pass on the platform's clock.
    await platform.settle();
    await platform.clock.advanceBy(25 * 3_600_000);
    await until(id, (c) => c.waitingFor === 'feedback', 'waiting for feedback');
    const email = await followUpEmail(complaint.email as string);
    const links = [...(email.body.text ?? '').matchAll(/(https?:\/\/\S+\/feedback\/\S+)/g)].map((m) => m[1]!);
    const link = links.find((l) => l.includes('aspect=outcome') && l.includes('rating=5'));
    expect(link).toBeDefined();

    const resident = await context.newPage();
    const residentProblems = watchForPageErrors(resident);
    // Once we have responded, the tracking page links to the rating page (no rating pre-selected).
    const tracking = new URL(link!);
    tracking.pathname = tracking.pathname.replace('/feedback/', '/track/');
    tracking.search = `?token=${encodeURIComponent(tracking.searchParams.get('token')!)}&lang=en`;
    await resident.goto(tracking.href);
    await resident.locator('#case').waitFor({ state: 'visible' });
    const rateLink = resident.getByRole('link', { name: 'Rate our response, or ask for a review' });
    expect(await rateLink.isVisible()).toBe(true);
    expect(await rateLink.getAttribute('href')).toBe(`/feedback/${id}${tracking.search}`);
    const opened = await resident.goto(link!);
    expect(opened!.status()).toBe(200);
    expect(opened!.headers()['referrer-policy']).toBe('no-referrer');
    await resident.locator('#feedback-form').waitFor({ state: 'visible' });
    expect(await resident.locator('#case-reference').textContent()).toBe(reference);
    expect(await resident.locator('#outcome-5').isChecked()).toBe(true);
    expect(await resident.locator('input[name="process"]:checked').count()).toBe(0);
    expect(await resident.locator('#reopen-note').textContent()).toContain('1 or 2');
    expect(await resident.locator('#stage2').isVisible()).toBe(true);
    await resident.screenshot({ path: screenshot('feedback'), fullPage: true });
    const untouched = await getCase(id);
    expect(untouched.satisfaction).toBeUndefined();
    expect(untouched.waitingFor).toBe('feedback');

    await resident.getByRole('group', { name: '2. How satisfied are you with how we handled your complaint?' }).getByLabel('4 – Satisfied').check();
    const posted = resident.waitForRequest((r) => r.url().includes(`/api/v1/complaints/${id}/feedback?token=`) && r.method() === 'POST');
    await resident.getByRole('button', { name: 'Confirm my answer' }).click();
    expect((await posted).postDataJSON()).toEqual({ outcomeRating: 5, processRating: 4 });
    await resident.locator('#thanks').waitFor({ state: 'visible' });
    expect(await resident.locator('#thanks').textContent()).toContain('Thank you. We have recorded your answer.');
    expect(await resident.locator('#feedback-form').isVisible()).toBe(false);
    await resident.screenshot({ path: screenshot('feedback-thanks'), fullPage: true });
    // A stage-2 review is a separate, deliberate step: the button only opens a confirmation.
    await resident.getByRole('button', { name: 'Ask for a stage 2 review' }).click();
    expect(await resident.locator('#stage2-confirm').isVisible()).toBe(true);
    expect(await resident.locator('#stage2-start').getAttribute('aria-expanded')).toBe('true');
    await resident.getByRole('button', { name: 'Cancel' }).click();
    expect(await resident.locator('#stage2-confirm').isVisible()).toBe(false);

    const closed = await until(id, (c) => c.status === 'closed', 'closed');
    expect(closed.closureReason).toBe('satisfied');
    expect(closed.satisfaction).toMatchObject({ outcomeRating: 5, processRating: 4 });

    // The same link again: the page says the answer is already recorded.
    await resident.goto(link!);
    await resident.locator('#feedback-form').waitFor({ state: 'visible' });
    await resident.getByRole('button', { name: 'Confirm my answer' }).click();
    await resident.locator('#already').waitFor({ state: 'visible' });
    expect(residentProblems).toEqual([]);
    await resident.close();
    await page.close();
  }, 120_000);

  it('the estate manager decides a compensation claim, with the live C ≥ A + B check', async () => {
    const complaint = aComplaint({
      description: 'Water seepage through a crack in the bedroom ceiling again, damaging my furniture.',
      compensationClaim: { amount: 800, currency: 'HKD', reason: 'Damaged wardrobe' },
    });
    const created = await platform.post('/api/v1/complaints', complaint, { 'idempotency-key': `e2e-staff-claim-${Date.now()}` });
    expect(created.status).toBe(201);
    const { id, reference } = (await created.json()) as { id: string; reference: string };
    await until(id, (c) => c.waitingFor === 'triage', 'waiting for triage');
    await actOk(id, 'cslead.est01', { type: 'triage', caseClass: 2, severity: 'serious', category: 'service-standard-too-low', departmentId: 'customer-service' });
    await until(id, (c) => c.waitingFor === 'resolution', 'waiting for resolution');
    await actOk(id, 'cslead.est01', {
      type: 'respond', outcome: 'partly-upheld', decision: 'The developer will repair the ceiling under warranty.', reasons: 'The crack is a building defect.',
      rootCause: 'Building defect', accountability: 'Developer (warranty)', compensationProposal: { amount: 800, note: 'Cost of the wardrobe' },
    });
    await until(id, (c) => c.waitingFor === 'compensation-decision', 'waiting for the compensation decision');

    const page = await context.newPage();
    const problems = watchForPageErrors(page);
    await signInAsDemoUser(page, 'manager.est01');
    await page.goto(`${platform.url}/staff#/cases/${id}`);
    await page.locator('#compensation').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.locator('#case-title').textContent()).toBe(reference);
    expect(await page.locator('#compensation-facts').textContent()).toContain('HKD 800.00 — Damaged wardrobe');
    const form = page.locator('#compensation-form');
    expect(await form.getByLabel('Amount granted').isVisible()).toBe(false);
    await form.getByLabel('Amend the amount').check();
    expect(await form.getByLabel('Amount granted').isVisible()).toBe(true);
    await form.getByLabel('Amount granted').fill('650');
    await form.getByLabel('Reasons').fill('Receipt provided for the wardrobe; depreciation applied.');
    const check = page.locator('#vr-check');
    expect(await check.textContent()).toBe('Enter A, B and C to check C ≥ A + B.');
    await form.getByLabel('A – value of the original service').fill('500');
    await form.getByLabel('B – what complaining cost the complainant').fill('200');
    await form.getByLabel('C – value of the second service offered').fill('650');
    expect(await check.textContent()).toBe('A + B = 700.00, C = 650.00. C is below A + B: short by 50.00.');
    await form.getByLabel('C – value of the second service offered').fill('700');
    expect(await check.textContent()).toBe('A + B = 700.00, C = 700.00. C ≥ A + B: the rule is met.');
    await page.screenshot({ path: screenshot('compensation'), fullPage: true });

    await submitUntilDone(page, page.locator('#compensation'), 'Record decision', 'Decision recorded.');
    const decided = (await getCase(id)) as CaseView & { compensation?: { decision?: { outcome: string; amount: number; by: string }; valueRecovery?: unknown } };
    expect(decided.compensation?.decision).toMatchObject({ outcome: 'amended', amount: 650, by: 'manager.est01' });
    expect(decided.compensation?.valueRecovery).toEqual({ originalServiceValueA: 500, complainingCostB: 200, proposedC: 700 });
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('hides the demo picker where GET /local/demo-users does not exist, and keeps a pasted token to this tab', async () => {
    const page = await context.newPage();
    const problems = watchForPageErrors(page);
    await page.route('**/local/demo-users', (route) => route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":{"code":"not_found","message":"not found"}}' }));
    const demoAnswer = page.waitForResponse((r) => r.url().endsWith('/local/demo-users'));
    await page.goto(`${platform.url}/staff`);
    await page.locator('#signin').waitFor({ state: 'visible' });
    expect((await demoAnswer).status()).toBe(404);
    expect(await page.locator('#demo').isVisible()).toBe(false);

    await page.getByLabel('Bearer token').fill('not a token');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    expect(await page.locator('#token-error').textContent()).toContain('does not look like a token');

    await page.getByLabel('Bearer token').fill(tokens.get('hq.director')!);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('#list').waitFor({ state: 'visible' });
    expect(await page.locator('#who').textContent()).toContain('Group customer-service director');
    await expect.poll(() => page.locator('#case-rows tr').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: screenshot('hq-list'), fullPage: true });

    // An expired or foreign token is refused by the API: the console signs out and says why.
    await page.evaluate("sessionStorage.setItem('complaints.staffToken', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl')");
    await page.reload();
    await page.locator('#signin').waitFor({ state: 'visible' });
    expect(await page.locator('#flash').textContent()).toContain('was not accepted');
    expect(problems).toEqual([]);
    await page.close();
  });
});
