/**
 * A rating given by phone, recorded in the staff console (real browser, Debian's chromium): the complainant
 * rated our response on the follow-up call; the CS lead opens the case, records the two scores and a comment
 * from the "Record a rating given by phone" form; the case records them with the lead as the actor; the
 * department handler who answered the complaint is not offered the form; the complainant's tracking page
 * shows that their rating was received. Also: the case view's poll sends the ETag it holds and gets 304 while
 * nothing changed. axe-core finds no serious or critical violation on the case view (form open) or the
 * tracking page. Screenshots go to test/.screenshots (git-ignored).
 */
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CATALOGUES } from '../../functions/messages';
import { demoUsers } from '../../infra/local/demoGroup';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { CHROMIUM_LAUNCH_ARGS, CHROMIUM_SKIP_REASON, chromiumPath } from '../support/chromium';
import { signInWithDemoForm } from '../support/consoleSignIn';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { pageProblems, staffApiDriver } from '../support/staffApiDriver';

if (!chromiumPath) console.warn(`test/e2e/ratingByPhone.test.ts ${CHROMIUM_SKIP_REASON}`);

const SCREENSHOTS = join(import.meta.dirname, '..', '.screenshots');
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `rating-by-phone-${name}.png`), fullPage: true });
const en = CATALOGUES.en.console;

let platform: TestPlatform;
let browser: Browser;
let context: BrowserContext;
const tokens = new Map<string, string>();
const { getCase, until, act } = staffApiDriver(() => platform, tokens, 'cslead.est01');

describe.skipIf(!chromiumPath)(chromiumPath ? 'a rating given by phone, recorded in the console' : `a rating given by phone (${CHROMIUM_SKIP_REASON})`, () => {
  beforeAll(async () => {
    // Simulated time: no deadline or follow-up passes while the browser works.
    platform = await startTestPlatform({ timeScale: 'simulated' });
    for (const user of demoUsers) tokens.set(user.userId, await platform.issuer.mint(user));
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_LAUNCH_ARGS });
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    context.setDefaultTimeout(20_000);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
  });

  it('the CS lead records the scores the complainant gave on the phone; the tracking page shows the rating was received', async () => {
    const complaint = aComplaint({ description: 'The lift in Block A stops between floors and the alarm does not ring.' });
    const created = await platform.post('/api/v1/complaints', complaint, { 'idempotency-key': `e2e-rating-phone-${Date.now()}` });
    expect(created.status).toBe(201);
    const { id, reference } = (await created.json()) as { id: string; reference: string };
    await until(id, (c) => c.waitingFor === 'triage', 'waiting for triage');
    await act(id, 'cslead.est01', { type: 'triage', caseClass: 1, severity: 'serious', category: 'service-missing-or-not-working', departmentId: 'engineering' });
    await until(id, (c) => c.waitingFor === 'resolution', 'waiting for resolution');
    await act(id, 'engineering.est01', {
      type: 'respond', outcome: 'upheld', decision: 'The lift controller was replaced and the alarm repaired.', reasons: 'A faulty controller board.',
      rootCause: 'Controller board past its service life', accountability: 'Lift maintenance contractor',
    });
    const responded = await until(id, (c) => c.actionsForYou.includes('rating'), 'rating offered to the CS lead');
    expect(responded.status).toBe('responded');
    // The handler who answered the complaint does not record its rating (docs/CONSOLE.md, "Ratings given by phone").
    expect((await getCase(id, 'engineering.est01')).actionsForYou).not.toContain('rating');

    const page = await context.newPage();
    const problems = pageProblems(page);
    await signInWithDemoForm(page, platform.url, 'cslead.est01');
    await page.goto(`${platform.url}/staff?case=${id}`);
    await expect.poll(() => page.locator('#case-title').textContent()).toBe(reference);

    // The open case polls with the ETag it holds; nothing changed, so the answer is 304 with no body.
    const poll = await page.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${id}`) && r.request().method() === 'GET' && r.request().headers()['if-none-match'] !== undefined, { timeout: 30_000 });
    expect(poll.status()).toBe(304);
    expect(await page.locator('#case-title').textContent()).toBe(reference);

    const rating = page.locator('details[data-action="rating"]');
    await rating.locator('summary').click();
    expect(await rating.locator('summary').textContent()).toBe(en.actions.rating);
    // Without the outcome score the form says so beside the field and sends nothing.
    let posted = 0;
    page.on('request', (r) => {
      if (r.url().endsWith(`/api/v1/cases/${id}/actions`) && r.method() === 'POST') posted += 1;
    });
    await rating.locator('button[type="submit"]').click();
    await expect.poll(() => rating.locator('#action-rating-outcomeRating-error').isVisible()).toBe(true);
    expect(posted).toBe(0);
    // Scores as the complainant said them: outcome 4, handling 5 (radio ids: the first choice has the field's id).
    await rating.locator('#action-rating-outcomeRating-3').check();
    await rating.locator('#action-rating-processRating-4').check();
    await rating.locator('#action-rating-comment').fill('Happy the lift works again; would like faster updates next time.');
    await shot(page, 'form');
    await expectNoSeriousAxeViolations(page, 'the case view with the rating form open');
    const sent = page.waitForRequest((r) => r.url().endsWith(`/api/v1/cases/${id}/actions`) && r.method() === 'POST');
    await rating.locator('button[type="submit"]').click();
    expect((await sent).postDataJSON()).toEqual({ type: 'rating', outcomeRating: 4, processRating: 5, comment: 'Happy the lift works again; would like faster updates next time.' });
    expect((await sent).headers()['if-match']).toMatch(/^"\d+\.[A-Za-z0-9_-]{22}"$/);
    await expect.poll(() => page.locator('main .message').first().textContent()).toContain(en.actions.rating);

    const rated = await until(id, (c) => c.satisfaction?.outcomeRating === 4, 'rating recorded');
    expect(rated.satisfaction).toMatchObject({ outcomeRating: 4, processRating: 5 });
    expect(rated.timeline.filter((e) => e.actor.type === 'staff' && e.actor.id === 'cslead.est01').length).toBeGreaterThanOrEqual(2);
    await shot(page, 'recorded');
    expect(problems).toEqual([]);
    await page.close();

    // The complainant's tracking page (the link of their acknowledgement email) shows the rating was received.
    await platform.settle();
    const acknowledgement = await vi.waitFor(
      async () => {
        const found = (await platform.mailbox()).find((m) => m.destination.to.includes(complaint.email as string) && /\/track\//.test(m.body.text ?? ''));
        if (!found) throw new Error('no acknowledgement yet');
        return found;
      },
      { timeout: 20_000, interval: 50 },
    );
    const link = new URL(/(https?:\/\/\S+\/track\/\S+)/.exec(acknowledgement.body.text ?? '')![1]!);
    link.searchParams.set('lang', 'en');
    const tracking = await context.newPage();
    const trackingProblems = pageProblems(tracking);
    await tracking.goto(`${platform.url}${link.pathname}${link.search}`);
    await tracking.locator('#case').waitFor({ state: 'visible' });
    await expect.poll(() => tracking.locator('#case-timeline').textContent()).toContain('Thank you for your rating.');
    await shot(tracking, 'tracking');
    await expectNoSeriousAxeViolations(tracking, 'the tracking page after a rating by phone');
    expect(trackingProblems).toEqual([]);
    await tracking.close();
  }, 180_000);
});
