/**
 * The resident's rating in a real browser (Debian's chromium driven by
 * playwright-core) against the whole local platform: a resident files a
 * complaint; staff triage and respond (through the API); the follow-up email's
 * rating link opens the confirmation page, which records nothing until the
 * resident confirms a 5, and then thanks them. Also: the staff console's
 * sign-in where the demo picker does not exist (a pasted token; a refused one
 * signs out). The console's role flows are in consoleRoles.test.ts.
 *
 * Time runs 100,000× faster; the group's follow-up comes 1 day after the
 * response. Skipped only when chromium is not installed and CI is not set.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoUsers } from '../../infra/local/demoGroup';
import type { MailboxEmail } from '../../infra/local/mailbox';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { CHROMIUM_LAUNCH_ARGS, CHROMIUM_SKIP_REASON, chromiumPath } from '../support/chromium';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { pageProblems, staffApiDriver } from '../support/staffApiDriver';

if (!chromiumPath) console.warn(`test/e2e/residentRating.test.ts ${CHROMIUM_SKIP_REASON}`);

const screenshot = (name: string) => join(tmpdir(), `staff-${name}.png`);

let platform: TestPlatform;
let browser: Browser;
const tokens = new Map<string, string>();

/** Browser-side problems that would otherwise pass silently: CSP refusals, script errors. Expected 4xx answers are not problems. */
const watchForPageErrors = pageProblems;

const { getCase, until, act: actOk } = staffApiDriver(() => platform, tokens, 'cslead.est01');

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
  return vi.waitFor(
    async () => {
      const found = (await platform.mailbox()).find((m) => m.destination.to.includes(address) && (m.body.text ?? '').includes('/feedback/'));
      if (!found) throw new Error(`no follow-up email to ${address} yet`);
      return found;
    },
    { timeout: 20_000, interval: 50 },
  );
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

    // Triage and response through the API (the console's own flows are in consoleRoles.test.ts).
    await actOk(id, 'cslead.est01', { type: 'triage', caseClass: 1, severity: 'serious', category: 'service-missing-or-not-working', departmentId: 'engineering' });
    await until(id, (c) => c.waitingFor === 'resolution', 'waiting for resolution');
    await actOk(id, 'engineering.est01', {
      type: 'respond', outcome: 'upheld', decision: 'The lift motor was replaced on Wednesday.', reasons: 'The motor had worn out.',
      rootCause: 'Worn lift motor not caught by inspection', accountability: 'Lift maintenance contractor',
    });

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
    await expectNoSeriousAxeViolations(resident, 'the feedback page');
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
    await expectNoSeriousAxeViolations(resident, 'the feedback page after confirming');
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
  }, 120_000);

  it('hides the demo picker where GET /local/demo-users does not exist, and keeps a pasted token to this tab', async () => {
    const page = await context.newPage();
    const problems = watchForPageErrors(page);
    await page.route('**/local/demo-users', (route) => route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":{"code":"not_found","message":"not found"}}' }));
    const demoAnswer = page.waitForResponse((r) => r.url().endsWith('/local/demo-users'));
    await page.goto(`${platform.url}/staff`);
    await page.locator('#token-form').waitFor({ state: 'visible' });
    expect((await demoAnswer).status()).toBe(404);
    expect(await page.locator('#demo-form').isVisible()).toBe(false);

    await page.getByLabel('Bearer token').fill('not a token');
    await page.locator('#token-form').getByRole('button', { name: 'Sign in', exact: true }).click();
    expect(await page.locator('#token-error').textContent()).toContain('does not look like a token');

    await page.getByLabel('Bearer token').fill(tokens.get('hq.director')!);
    await page.locator('#token-form').getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('.staff-bar').waitFor({ state: 'visible' });
    expect(await page.locator('.staff-bar .who').textContent()).toContain('Group customer-service director');
    expect(await page.evaluate<string | null>("sessionStorage.getItem('complaints.staffToken')")).toMatch(/^ey/);
    await page.screenshot({ path: screenshot('hq-list'), fullPage: true });

    // An expired or foreign token is refused by the API: the console signs out and says why.
    await page.evaluate("sessionStorage.setItem('complaints.staffToken', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl')");
    await page.reload();
    await page.locator('#token-form').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('main .message').textContent()).toContain('was not accepted');
    expect(problems).toEqual([]);
    await page.close();
  });
});
