/**
 * The journey in a browser, from an empty start (`npm start -- --empty`): the administrator
 * signs in through the OpenID Connect code flow with PKCE (the console's session module, oauth4webapi,
 * against the local issuer's picker), the session survives a reload, the group is loaded (a 3-estate
 * CSV with one bad line refused by line number, then fixed) and a handler created on the administration
 * pages (axe on each; a half-filled form outlives the end of the session), the administrator signs out at the issuer, and the
 * handler signs in through the same flow and sees a complaint filed on their estate.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../functions/messages';
import { BOOTSTRAP_ADMIN } from '../../infra/local/demoGroup';
import { CHROMIUM_LAUNCH_ARGS, CHROMIUM_SKIP_REASON, chromiumPath } from '../support/chromium';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';

if (!chromiumPath) console.warn(`test/e2e/staffSignIn.test.ts ${CHROMIUM_SKIP_REASON}`);
const en = CATALOGUES.en.console;
const SIGN_OUT = new RegExp(`^(${Object.values(CATALOGUES).map((c) => c.console.shell.signOut).join('|')})$`);

let platform: TestPlatform;
/** The page's storage, as the console keeps it (typed here: the test's own type check has no DOM). */
type PageWindow = { localStorage: { length: number; key(i: number): string | null }; sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void; length: number; key(i: number): string | null } };
let browser: Browser;

const HEADER = 'estateId,name_zh-Hant,name_zh-Hans,name_en,jurisdiction,timeZone,homes,customerServiceEmail,managerEmail,department:engineering';
const line = (id: string, homes = '300') => `${id},${id}苑,${id}苑,${id} Court,HK,Asia/Hong_Kong,${homes},cs.${id}@group.example,manager.${id}@group.example,eng.${id}@group.example`;

const SCREENSHOTS = join(import.meta.dirname, '..', '.screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `admin-${name}.png`), fullPage: true });
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core in the page (evaluated through the DevTools protocol: the page's CSP stays as it is); serious and critical findings fail. */
async function axe(page: Page, label: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<string[]>(`axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ') + ' — ' + v.help))`);
  expect(violations, `axe on ${label}`).toEqual([]);
}

/** The administration API with the token the console holds (to check what the pages did not write). */
async function adminApi(page: Page, method: string, path: string) {
  const token = await page.evaluate(() => (globalThis as unknown as PageWindow).sessionStorage.getItem('complaints.staffToken'));
  return fetch(`${platform.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
}

async function signInThroughIssuer(page: Page, userId: string) {
  await page.goto(`${platform.url}/staff`);
  await page.locator('#oidc-sign-in').click();
  // The local issuer's picker (Cognito's managed login in AWS).
  await page.waitForURL(/\/oauth2\/authorize/);
  expect(page.url()).not.toMatch(/token=|id_token/);
  await page.locator(`button[name="user_id"][value="${userId}"]`).click();
  // Signed in, in whichever language the console chose: a person who has not chosen one gets the language of the
  // estates they serve (Hong Kong → 繁體) before the browser's, so the handler of an HK estate reads 繁體.
  await page.getByRole('button', { name: SIGN_OUT }).waitFor();
  // The code left the address bar; no token is in it.
  expect(page.url()).toBe(`${platform.url}/staff`);
}

beforeAll(async () => {
  if (!chromiumPath) return;
  platform = await startTestPlatform({ empty: true });
  browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_LAUNCH_ARGS });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe.skipIf(!chromiumPath)('a new group, in the browser', () => {
  it('admin signs in, the session survives a reload, the group is loaded and a handler created on the admin pages, admin signs out at the issuer', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await signInThroughIssuer(page, BOOTSTRAP_ADMIN.userId).catch((error: Error) => {
      console.log(`DEBUG url=${page.url()} errors=${problems.join(' | ')}`);
      throw error;
    });
    // The session survives a reload: no new round trip to the issuer.
    await page.reload();
    await page.getByRole('button', { name: en.shell.signOut }).waitFor();
    expect(page.url()).toBe(`${platform.url}/staff`);
    const stored = await page.evaluate(() => {
      const w = globalThis as unknown as PageWindow;
      const keys = (storage: PageWindow['localStorage']) => Array.from({ length: storage.length }, (_, i) => storage.key(i) ?? '');
      return { local: keys(w.localStorage), session: keys(w.sessionStorage) };
    });
    expect(stored.local.filter((key) => key.startsWith('complaints.') && /token/i.test(key))).toEqual([]);
    expect(stored.session).toContain('complaints.refreshToken');

    // The administrator chooses English (kept in this browser): once the group's estates are all in Hong Kong, a person
    // who has not chosen would get 繁體 at the next sign-in.
    await page.locator('#console-language').selectOption('en');
    // The administration pages, from the navigation; axe on each.
    await page.getByRole('link', { name: en.admin.nav, exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: en.admin.homeTitle }).waitFor();
    await page.locator('#admin-overview').waitFor();
    await axe(page, 'administration home');
    await shot(page, 'home');

    // Estates: a 3-estate file with one bad line is refused with its line number and nothing is written.
    await page.locator('.admin-sections').getByRole('link', { name: en.admin.estatesTitle }).click();
    await page.locator('#import-form').waitFor();
    await page.getByText(en.admin.noEstates).waitFor();
    await axe(page, 'estates (empty)');
    await page.locator('#import-file').setInputFiles({ name: 'estates.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, line('NG01'), line('NG02', 'many'), line('NG03')].join('\n')) });
    await page.getByRole('button', { name: en.admin.importSubmit }).click();
    const problemRows = page.locator('#import-problems tbody tr');
    await problemRows.first().waitFor();
    expect(await problemRows.count()).toBe(1);
    expect((await problemRows.first().locator('td').allTextContents()).map((text) => text.trim())).toEqual(['3', 'homes', 'must be a whole number.']);
    await axe(page, 'estates (import refused)');
    // The problem comes as a code: each language says it from its catalogue (axe in each).
    for (const [choice, text] of [['zh-Hant', '必須是整數。'], ['zh-Hans', '必须是整数。']] as const) {
      await page.locator('#console-language').selectOption(choice);
      await expect.poll(async () => (await problemRows.first().locator('td').nth(2).textContent())?.trim()).toBe(text);
      await axe(page, `estates (import refused, ${choice})`);
    }
    await page.locator('#console-language').selectOption('en');
    await shot(page, 'import-refused');
    expect(await page.locator('#estate-list').count()).toBe(0);
    expect(((await (await adminApi(page, 'GET', '/api/v1/admin/estates')).json()) as { estates: unknown[] }).estates).toEqual([]);
    // Fixed, the same page imports it.
    await page.locator('#import-file').setInputFiles({ name: 'estates.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, line('NG01'), line('NG02'), line('NG03')].join('\n')) });
    await page.getByRole('button', { name: en.admin.importSubmit }).click();
    await page.locator('#import-summary').waitFor();
    expect(await page.locator('#import-summary').textContent()).toContain('3 created');
    await page.locator('#estate-list').getByRole('rowheader', { name: 'NG03' }).waitFor();
    await axe(page, 'estates (imported)');
    await shot(page, 'estates');

    // Staff: a half-filled form survives the end of the session (the token refused, sign-in again through the issuer).
    await page.locator('.admin-sections').getByRole('link', { name: en.admin.staffTitle }).click();
    const create = page.locator('#staff-create');
    await create.waitFor();
    await axe(page, 'staff');
    await create.getByLabel(en.admin.userId).fill('eng.ng02');
    await create.getByLabel(en.admin.staffName).fill('Engineering, NG02');
    await page.evaluate(() => (globalThis as unknown as PageWindow).sessionStorage.setItem('complaints.staffToken', 'not.a-valid.token'));
    await page.reload();
    await page.locator('#oidc-sign-in').click();
    await page.waitForURL(/\/oauth2\/authorize/);
    await page.locator(`button[name="user_id"][value="${BOOTSTRAP_ADMIN.userId}"]`).click();
    await create.waitFor();
    expect(page.url()).toBe(`${platform.url}/staff?view=admin-staff`);
    expect(await create.getByLabel(en.admin.userId).inputValue()).toBe('eng.ng02');
    expect(await create.getByLabel(en.admin.staffName).inputValue()).toBe('Engineering, NG02');
    // …and is finished, with the keyboard for the choices.
    await create.getByLabel(en.admin.staffEmail).fill('eng.ng02@group.example');
    await create.getByLabel(en.admin.role, { exact: true }).selectOption('department-handler');
    await page.locator('#staff-create-estates').fill('NG02');
    await page.locator('#staff-create-departmentId').focus();
    await page.locator('#staff-create-departmentId').selectOption('engineering');
    // Their emails in 简体 whatever the estate's language (issue 12).
    await create.getByLabel(en.adminStaffLanguage.label).selectOption('zh-Hans');
    await create.getByRole('button', { name: en.admin.createStaff }).press('Enter');
    await page.locator('#staff-notice').getByText('Engineering, NG02').waitFor();
    await page.locator('#staff-list').getByRole('rowheader', { name: 'Engineering, NG02' }).waitFor();
    const members = (await (await adminApi(page, 'GET', '/api/v1/admin/staff')).json()) as { staff: { userId: string; language?: string }[] };
    expect(members.staff.find((m) => m.userId === 'eng.ng02')?.language).toBe('zh-Hans');
    // The list says it, in the language's own name.
    expect(await page.locator('#staff-list tr', { has: page.getByRole('rowheader', { name: 'Engineering, NG02' }) }).locator('td[lang="zh-Hans"]').textContent()).toBe('简体中文');
    expect(await create.getByLabel(en.admin.userId).inputValue()).toBe('');
    await shot(page, 'staff');

    // Settings and policies: read, axe; the settings saved with If-Match.
    await page.locator('.admin-sections').getByRole('link', { name: en.admin.settingsTitle }).click();
    const followUp = page.locator('#settings-form').getByLabel(en.admin.followUpAfterDays);
    await followUp.waitFor();
    await axe(page, 'settings');
    await followUp.fill(String(Number(await followUp.inputValue()) + 1));
    // The outstanding actions' reminder cadence is a setting of the same form (default 3 working days).
    const reminderCadence = page.locator('#settings-form').getByLabel(en.adminReminders.everyWorkingDays);
    expect(await reminderCadence.inputValue()).toBe('3');
    await reminderCadence.fill('4');
    await page.getByRole('button', { name: en.admin.saveSettings }).click();
    await page.locator('#settings-notice').getByText(en.admin.settingsSaved).waitFor();
    expect(await platform.caseStore.groupSettings().then((s) => s.actionReminderEveryWorkingDays)).toBe(4);
    await shot(page, 'settings');
    await page.locator('.admin-sections').getByRole('link', { name: en.admin.policiesTitle }).click();
    await page.locator('#policy-list').waitFor();
    await axe(page, 'deadline policies');
    expect(await page.locator('#policy-define').count()).toBe(0); // HQ defines policies, not administrators

    // Sign-out ends the session here and at the issuer.
    await page.getByRole('button', { name: en.shell.signOut }).click();
    await page.waitForURL(`${platform.url}/staff`);
    await page.locator('#oidc-sign-in').waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).sessionStorage.getItem('complaints.refreshToken'))).toBeNull();
    // A deliberate sign-out keeps no one's typing.
    expect(await page.evaluate(() => Array.from({ length: (globalThis as unknown as PageWindow).sessionStorage.length }, (_, i) => (globalThis as unknown as PageWindow).sessionStorage.key(i)))).not.toContainEqual(expect.stringMatching(/^complaints\.draft\./));

  }, 240_000);

  // This sign-in once looked intermittent: the handler was signed in every time, but the test waited for an English
  // "Sign out" while the console (rightly) chose 繁體 for a person serving only a Hong Kong estate — whenever the
  // console page's estate list already held NG02 (estates are cached a minute per process, so it depended on timing).
  it("the handler signs in through the same flow and sees their estate's complaint", async () => {
    const filed = await platform.post('/api/v1/complaints', aComplaint({ estateId: 'NG02', description: 'The gate of the car park on level 2 does not close.' }));
    expect(filed.status).toBe(201);
    const { reference } = (await filed.json()) as { reference: string };

    const handlerPage = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    const handlerProblems: string[] = [];
    handlerPage.on('console', (message) => message.type() === 'error' && handlerProblems.push(message.text()));
    handlerPage.on('pageerror', (error) => handlerProblems.push(error.message));
    await signInThroughIssuer(handlerPage, 'eng.ng02').catch(async (error: Error) => {
      await handlerPage.screenshot({ path: '/tmp/handler-signin.png', fullPage: true });
      throw new Error(`${error.message}; at ${handlerPage.url()}; html: ${(await handlerPage.content()).slice(0, 1500)}; page errors: ${handlerProblems.join(' | ')}; text: ${(await handlerPage.textContent('body'))?.slice(0, 300)}`);
    });
    // The estate's language comes once its catalogue has (a fetch of its own after sign-in).
    await expect.poll(() => handlerPage.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe('zh-Hant');
    // The queue of the estate they serve lists it (not yet routed to any department).
    await handlerPage.goto(`${platform.url}/staff?view=queue&estate=NG02`);
    await handlerPage.getByText(reference).first().waitFor({ timeout: 30_000 });
  }, 240_000);

  it('compliance reads the admin ledger, verified, with who changed what (before → after)', async () => {
    const adminToken = await platform.issuer.mint(BOOTSTRAP_ADMIN);
    const created = await fetch(`${platform.url}/api/v1/admin/staff`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'compliance.group', email: 'compliance@group.example', name: 'Group compliance', role: 'compliance', estates: '*' }),
    });
    expect(created.status).toBe(201);
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await signInThroughIssuer(page, 'compliance.group');
    await page.locator('#console-language').selectOption('en');
    await page.getByRole('link', { name: en.admin.ledgerNav, exact: true }).click();
    const verification = page.locator('#ledger-verification');
    await verification.waitFor();
    expect(await verification.textContent()).toMatch(/^Verified: all \d+ entries are intact and in order\.$/);
    // The handler the administrator created on the staff page, and the import, newest first.
    const rows = page.locator('#ledger-entries tbody tr');
    const actions = await rows.locator('td:nth-child(4)').allTextContents();
    expect(actions.slice(0, 3)).toEqual(['staff.created', 'settings.changed', 'staff.created']);
    expect(actions).toContain('estates.imported');
    expect(await rows.nth(2).textContent()).toContain('role: — → department-handler');
    expect(await rows.nth(2).locator('td:nth-child(3)').textContent()).toBe(BOOTSTRAP_ADMIN.userId);
    await page.locator('#ledger-download').waitFor();
    await axe(page, 'admin ledger');
    await shot(page, 'ledger');
  }, 240_000);

  it('the console refreshes its tokens before they expire, once, and a refused refresh ends the session but keeps what was typed', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    // The page's clock is the test's: an hour passes in a moment, and no timer fires by itself.
    await page.clock.install();
    const tokenRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/oauth2/token')) tokenRequests.push(new URLSearchParams(request.postData() ?? '').get('grant_type') ?? '');
    });
    await signInThroughIssuer(page, BOOTSTRAP_ADMIN.userId);
    expect(tokenRequests).toEqual(['authorization_code']);
    const storage = () => page.evaluate(() => ({ id: (globalThis as unknown as PageWindow).sessionStorage.getItem('complaints.staffToken'), refresh: (globalThis as unknown as PageWindow).sessionStorage.getItem('complaints.refreshToken') }));
    const before = await storage();

    // Five minutes before the hour's ID token expires, one refresh; the tab stays signed in.
    await page.clock.fastForward('56:00');
    await expect.poll(() => tokenRequests).toEqual(['authorization_code', 'refresh_token']);
    // The issuer's clock did not move: the new token looks due at once, yet the console waits instead of looping.
    await page.clock.fastForward('00:20');
    expect(tokenRequests).toEqual(['authorization_code', 'refresh_token']);
    expect((await storage()).refresh).toBe(before.refresh);
    await page.getByRole('button', { name: SIGN_OUT }).waitFor();

    // Something typed, then the refresh token revoked elsewhere: the next refresh is refused and the session ends.
    await page.goto(`${platform.url}/staff?view=admin-estates`);
    await page.locator('#console-language').selectOption('en');
    await page.locator('#estate-form').getByLabel(en.admin.estateId).fill('NG09');
    const revoked = await fetch(`${platform.url}/oauth2/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: 'complaint-platform-local', token: before.refresh ?? '' }) });
    expect(revoked.status).toBe(200);
    await page.clock.fastForward('01:00');
    await page.locator('#oidc-sign-in').waitFor();
    await page.getByText(en.signIn.rejected).waitFor();
    expect(await storage()).toEqual({ id: null, refresh: null });
    // Signing in again brings back the page and what was typed.
    await page.locator('#oidc-sign-in').click();
    await page.locator(`button[name="user_id"][value="${BOOTSTRAP_ADMIN.userId}"]`).click();
    await page.locator('#estate-form').waitFor();
    expect(page.url()).toBe(`${platform.url}/staff?view=admin-estates`);
    expect(await page.locator('#estate-form').getByLabel(en.admin.estateId).inputValue()).toBe('NG09');
  }, 240_000);
});
