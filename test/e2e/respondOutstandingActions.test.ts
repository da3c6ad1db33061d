/**
 * The respond form's outstanding actions in the staff console (real browser, Debian's chromium; issue 13): the CS
 * lead answers a case, adds two action rows (what, owner from the estate's staff picker, due date), removes a third,
 * and sends; the API gets them in row order and the case lists them for `complete-action`. A half-filled row is
 * refused beside the field, nothing sent. axe-core finds no serious or critical violation with the rows open.
 */
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../functions/messages';
import { demoUsers } from '../../infra/local/demoGroup';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { CHROMIUM_LAUNCH_ARGS, CHROMIUM_SKIP_REASON, chromiumPath } from '../support/chromium';
import { signInWithDemoForm } from '../support/consoleSignIn';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { pageProblems, staffApiDriver } from '../support/staffApiDriver';

if (!chromiumPath) console.warn(`test/e2e/respondOutstandingActions.test.ts ${CHROMIUM_SKIP_REASON}`);

const SCREENSHOTS = join(import.meta.dirname, '..', '.screenshots');
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `respond-actions-${name}.png`), fullPage: true });
const en = CATALOGUES.en.console;

let platform: TestPlatform;
let browser: Browser;
let context: BrowserContext;
const tokens = new Map<string, string>();
const { until, act } = staffApiDriver(() => platform, tokens, 'cslead.est01');

describe.skipIf(!chromiumPath)(chromiumPath ? 'outstanding actions on the respond form' : `outstanding actions on the respond form (${CHROMIUM_SKIP_REASON})`, () => {
  beforeAll(async () => {
    platform = await startTestPlatform({ timeScale: 'simulated' });
    for (const user of demoUsers) tokens.set(user.userId, await platform.issuer.mint(user));
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_LAUNCH_ARGS });
    context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Hong_Kong', viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    context.setDefaultTimeout(20_000);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
  });

  it('the CS lead responds with two actions, each with an owner from the picker and a due date', async () => {
    const created = await platform.post('/api/v1/complaints', aComplaint({ description: 'The corridor lights on 12/F of Block A have been out for a week.' }), { 'idempotency-key': `e2e-respond-actions-${Date.now()}` });
    expect(created.status).toBe(201);
    const { id, reference } = (await created.json()) as { id: string; reference: string };
    await until(id, (c) => c.waitingFor === 'triage', 'waiting for triage');
    await act(id, 'cslead.est01', { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'customer-service' });
    await until(id, (c) => c.actionsForYou.includes('respond'), 'respond offered to the CS lead');

    const page = await context.newPage();
    const problems = pageProblems(page);
    await signInWithDemoForm(page, platform.url, 'cslead.est01');
    await page.goto(`${platform.url}/staff?case=${id}`);
    await expect.poll(() => page.locator('#case-title').textContent()).toBe(reference);

    const respond = page.locator('details[data-action="respond"]');
    await respond.locator('summary').click();
    await respond.locator('#action-respond-outcome').selectOption('upheld');
    await respond.locator('#action-respond-decision').fill('The corridor lights were rewired.');
    await respond.locator('#action-respond-reasons').fill('A tripped circuit on 12/F.');
    await respond.locator('#action-respond-rootCause').fill('Water in the junction box');
    await respond.locator('#action-respond-accountability').fill('Electrical contractor');
    for (let i = 0; i < 3; i += 1) await respond.locator('#add-outstanding-action').click();
    await respond.locator('#remove-outstanding-action').click();
    expect(await respond.locator('[id^="action-respond-outstandingActions-2-"]').count()).toBe(0);
    await respond.locator('#action-respond-outstandingActions-0-action').fill('Seal the junction box against water');
    // The owner picker lists the estate's staff who may take cases (GET /api/v1/estates/{id}/staff).
    await expect.poll(() => respond.locator('#action-respond-outstandingActions-0-owner option[value="engineering.est01"]').count()).toBe(1);
    await respond.locator('#action-respond-outstandingActions-0-owner').selectOption('engineering.est01');
    await respond.locator('#action-respond-outstandingActions-0-dueBy').fill('2030-01-02T10:00');
    await respond.locator('#action-respond-outstandingActions-1-action').fill('Check the other floors of Block A');
    await respond.locator('#action-respond-outstandingActions-1-owner').selectOption('cslead.est01');

    // The second row has no due date: refused beside the field, nothing sent.
    let posted = 0;
    page.on('request', (r) => {
      if (r.url().endsWith(`/api/v1/cases/${id}/actions`) && r.method() === 'POST') posted += 1;
    });
    await respond.locator('button[type="submit"]').click();
    await expect.poll(() => respond.locator('#action-respond-outstandingActions-1-dueBy-error').isVisible()).toBe(true);
    expect(posted).toBe(0);
    await respond.locator('#action-respond-outstandingActions-1-dueBy').fill('2030-01-09T10:00');
    await shot(page, 'form');
    await expectNoSeriousAxeViolations(page, 'the case view with the respond form and its outstanding-action rows');

    const sent = page.waitForRequest((r) => r.url().endsWith(`/api/v1/cases/${id}/actions`) && r.method() === 'POST');
    await respond.locator('button[type="submit"]').click();
    expect((await sent).postDataJSON().outstandingActions).toEqual([
      { action: 'Seal the junction box against water', owner: 'engineering.est01', dueBy: '2030-01-02T02:00:00.000Z' },
      { action: 'Check the other floors of Block A', owner: 'cslead.est01', dueBy: '2030-01-09T02:00:00.000Z' },
    ]);
    await expect.poll(() => page.locator('main .message').first().textContent()).toContain(en.actions.respond);
    const responded = await until(id, (c) => c.actionsForYou.includes('complete-action'), 'complete-action offered');
    const listed = (responded as unknown as { response: { outstandingActions: { action: string; owner?: string }[] } }).response.outstandingActions;
    expect(listed.map((a) => [a.action, a.owner])).toEqual([
      ['Seal the junction box against water', 'engineering.est01'],
      ['Check the other floors of Block A', 'cslead.est01'],
    ]);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
