/**
 * The mail desk in a real browser (Debian's chromium, playwright-core) against the whole local platform:
 * HQ opens the console's set-aside email page, finds a message sent to no known estate (through the SMTP
 * listener), files it as a complaint on an estate and opens the case; the estate's CS lead refuses a
 * message with a dangerous attachment, in 繁體中文; the manager adds one to a case by typing its reference,
 * in 简体中文. axe-core finds no serious or critical violation in
 * either language.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { createTransport, type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../functions/domain/vocabulary';
import { CATALOGUES } from '../../functions/messages';
import { disguisedExecutable, messageWithAttachment, plainMessage } from '../fixtures/inboundMailCorpus';
import { CHROMIUM_LAUNCH_ARGS, CHROMIUM_SKIP_REASON, chromiumPath } from '../support/chromium';
import { signInWithDemoForm } from '../support/consoleSignIn';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { pageProblems } from '../support/staffApiDriver';

if (!chromiumPath) console.warn(`test/e2e/mailDesk.test.ts ${CHROMIUM_SKIP_REASON}`);

const SCREENSHOTS = join(import.meta.dirname, '..', '.screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let platform: TestPlatform;
let browser: Browser;
let context: BrowserContext;
let smtp: Transporter;

async function send(raw: Buffer, envelope: { from: string; to: string[] }): Promise<string> {
  const info = await smtp.sendMail({ envelope, raw });
  const id = /queued as (\S+)/.exec(info.response)?.[1];
  if (!id) throw new Error(`unexpected SMTP answer: ${info.response}`);
  await platform.settle();
  return id;
}

async function axe(page: Page, label: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<string[]>(`axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ') + ' — ' + v.help))`);
  expect(violations, `axe on ${label}`).toEqual([]);
}

async function signIn(page: Page, userId: string, language: Language) {
  await signInWithDemoForm(page, platform.url, userId, language);
}

describe.skipIf(!chromiumPath)(chromiumPath ? 'the mail desk in the console' : `the mail desk in the console (${CHROMIUM_SKIP_REASON})`, () => {
  beforeAll(async () => {
    platform = await startTestPlatform();
    smtp = createTransport({ host: '127.0.0.1', port: platform.ports.smtpPort, secure: false, ignoreTLS: true });
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_LAUNCH_ARGS });
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    context.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    smtp?.close();
    await context?.close();
    await browser?.close();
    await platform?.stop();
  });

  it('HQ files mail sent to no known estate as a complaint on an estate, from the navigation, axe clean', { timeout: 120_000 }, async () => {
    const domain = platform.inboundMail.domain;
    const from = `lost.${Math.random().toString(36).slice(2, 8)}@example.net`;
    const id = await send(plainMessage({ from, fromName: 'Kelly Lam', to: `nowhere@${domain}`, subject: 'Leaking pipe in the car park', body: 'A pipe has been leaking in car park level 2 for a week.' }), { from, to: [`nowhere@${domain}`] });
    const en = CATALOGUES.en.console.mailDesk;
    const page = await context.newPage();
    const problems = pageProblems(page);
    await signIn(page, 'hq.director', 'en');
    await page.locator('.staff-bar nav a', { hasText: en.nav }).click();
    const row = page.locator(`tr[data-message="${id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Leaking pipe in the car park');
    expect(await row.textContent()).toContain(en.reasons['unknown-address']);
    expect(await row.textContent()).not.toContain(from);
    await axe(page, 'mail desk (HQ, en)');
    await page.screenshot({ path: join(SCREENSHOTS, 'mail-desk-hq.png'), fullPage: true });

    await row.locator('select').selectOption('EST02');
    await row.locator('.mail-desk-file button').click();
    await expect.poll(() => page.locator('#mail-desk-notice').textContent(), { timeout: 15_000 }).toContain(en.filed);
    // The desk reloads its list after the notice shows; expect.poll's default 1 s is too short on a busy machine.
    await expect.poll(() => page.locator(`tr[data-message="${id}"]`).count(), { timeout: 15_000 }).toBe(0);
    await page.locator('#mail-desk-notice a').click();
    await page.locator('#case-title').waitFor();
    const caseId = new URL(page.url()).searchParams.get('case')!;
    expect((await platform.caseStore.getCase(caseId))).toMatchObject({ estateId: 'EST02', channel: 'email' });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the CS lead refuses a message with a dangerous attachment, in Traditional Chinese, axe clean', async () => {
    const domain = platform.inboundMail.domain;
    const from = `attach.${Math.random().toString(36).slice(2, 8)}@example.net`;
    const id = await send(
      messageWithAttachment({ from, to: `est01@${domain}`, subject: '損壞相片', body: '請看附件。', attachment: disguisedExecutable(), fileName: 'damage.jpg', declaredType: 'image/jpeg' }),
      { from, to: [`est01@${domain}`] },
    );
    const hant = CATALOGUES['zh-Hant'].console.mailDesk;
    const page = await context.newPage();
    const problems = pageProblems(page);
    await signIn(page, 'cslead.est01', 'zh-Hant');
    await page.locator('.staff-bar nav a', { hasText: hant.nav }).click();
    const row = page.locator(`tr[data-message="${id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(hant.reasons['file-dangerous']);
    await axe(page, 'mail desk (CS lead, zh-Hant)');
    await row.locator('.mail-desk-refuse input[type="checkbox"]').uncheck();
    await row.locator('.mail-desk-refuse button').click();
    await expect.poll(() => page.locator('#mail-desk-notice').textContent(), { timeout: 15_000 }).toContain(hant.refused);
    // The desk reloads its list after the notice shows; expect.poll's default 1 s is too short on a busy machine.
    await expect.poll(() => page.locator(`tr[data-message="${id}"]`).count(), { timeout: 15_000 }).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
  it('the manager adds a message to a case by typing its reference, in Simplified Chinese; an unknown reference is said so', async () => {
    const domain = platform.inboundMail.domain;
    const created = await platform.post('/api/v1/complaints', aComplaint({ estateId: 'EST01' }), { 'idempotency-key': `e2e-mail-desk-${Math.random().toString(36).slice(2)}` });
    expect(created.status).toBe(201);
    const complaint = (await platform.caseStore.getCase(((await created.json()) as { id: string }).id))!;
    const from = `reply.${Math.random().toString(36).slice(2, 8)}@example.net`;
    const id = await send(
      messageWithAttachment({ from, to: `est01@${domain}`, subject: '補充資料', body: '水渗到电梯大堂了。', attachment: disguisedExecutable(), fileName: 'lobby.jpg', declaredType: 'image/jpeg' }),
      { from, to: [`est01@${domain}`] },
    );
    const hans = CATALOGUES['zh-Hans'].console;
    const page = await context.newPage();
    const problems = pageProblems(page);
    await signIn(page, 'manager.est01', 'zh-Hans');
    await page.locator('.staff-bar nav a', { hasText: hans.mailDesk.nav }).click();
    const row = page.locator(`tr[data-message="${id}"]`);
    await row.waitFor();
    expect(await row.locator('.mail-desk-attach label').textContent()).toContain(hans.mailDeskByReference.reference);
    await axe(page, 'mail desk (manager, zh-Hans)');

    await row.locator('.mail-desk-attach input').fill('EST01-1999-000001');
    await row.locator('.mail-desk-attach button').click();
    await expect.poll(() => page.locator('#mail-desk-notice').textContent(), { timeout: 15_000 }).toContain(hans.mailDeskByReference.unknown.replace('{reference}', 'EST01-1999-000001'));

    await row.locator('.mail-desk-attach input').fill(complaint.reference.toLowerCase());
    await row.locator('.mail-desk-attach button').click();
    await expect.poll(() => page.locator('#mail-desk-notice').textContent(), { timeout: 15_000 }).toContain(hans.mailDesk.attached);
    await expect.poll(() => page.locator(`tr[data-message="${id}"]`).count(), { timeout: 15_000 }).toBe(0);
    expect((await platform.caseStore.getCase(complaint.caseId))!.residentAdditions?.map((a) => a.text)).toEqual(['水渗到电梯大堂了。']);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
