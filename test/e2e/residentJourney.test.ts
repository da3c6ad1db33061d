/**
 * A resident's journey in a real browser (Debian's chromium driven by
 * playwright-core) against the whole local platform: file a complaint in
 * Traditional Chinese through the web form, read the acknowledgement email,
 * follow its private link and see the case's status and timeline. Also: an
 * empty form is refused field by field and stores nothing.
 *
 * Skipped only when chromium is not installed and CI is not set; under CI a
 * missing chromium fails the run.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { CHROMIUM_LAUNCH_ARGS, CHROMIUM_SKIP_REASON, chromiumPath } from '../support/chromium';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';

if (!chromiumPath) console.warn(`test/e2e/residentJourney.test.ts ${CHROMIUM_SKIP_REASON}`);

const screenshot = (name: string) => join(tmpdir(), `resident-${name}.png`);

let platform: TestPlatform;
let browser: Browser;
let dynamo: DynamoDBClient;

/** Browser-side problems that would otherwise pass silently: CSP refusals, script errors. */
function watchForPageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return problems;
}

/** Id of the element that has the keyboard focus (evaluated in the page). */
const focusedId = (page: Page) => page.evaluate<string | undefined>('document.activeElement ? document.activeElement.id : undefined');

async function storedCaseItems(): Promise<number> {
  let count = 0;
  let startKey: Record<string, never> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({
        TableName: platform.tableName,
        FilterExpression: 'begins_with(pk, :case) OR begins_with(pk, :key)',
        ExpressionAttributeValues: { ':case': { S: 'CASE#' }, ':key': { S: 'IDEMPOTENCY#' } },
        Select: 'COUNT',
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey as typeof startKey;
  } while (startKey);
  return count;
}

describe.skipIf(!chromiumPath)(chromiumPath ? 'a resident in the browser' : `a resident in the browser (${CHROMIUM_SKIP_REASON})`, () => {
  let context: BrowserContext;

  beforeAll(async () => {
    platform = await startTestPlatform();
    dynamo = new DynamoDBClient({ endpoint: platform.dynamoDbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_LAUNCH_ARGS });
    // An English-speaking browser on a phone-sized screen: the resident switches the page to Traditional Chinese.
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 412, height: 915 }, deviceScaleFactor: 1, hasTouch: true });
    context.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    dynamo?.destroy();
    await platform?.stop();
  });

  it('refuses an empty form field by field, in the page language, and stores nothing', async () => {
    const page = await context.newPage();
    const problems = watchForPageErrors(page);
    await page.goto(`${platform.url}/?lang=en`);
    const before = await storedCaseItems();

    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/complaints') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Send complaint' }).click();
    expect((await refused).status()).toBe(422);

    const summary = page.locator('#error-summary');
    await summary.waitFor({ state: 'visible' });
    expect(await focusedId(page)).toBe('error-summary');
    const expected: Record<string, string> = {
      estateId: 'Choose your estate.',
      unit: 'Enter your block, floor and flat.',
      name: 'Enter your name.',
      email: 'Enter your email address, so we can send you the reference and our reply.',
      description: 'Tell us what happened.',
    };
    for (const [inputId, message] of Object.entries(expected)) {
      const error = page.locator(`#${inputId}-error`);
      expect(await error.isVisible(), inputId).toBe(true);
      expect(await error.textContent()).toBe(message);
      // The message sits in the field's own block, and the control announces it.
      expect(await page.locator(`#field-${inputId} #${inputId}-error`).count()).toBe(1);
      expect(await page.locator(`#${inputId}`).getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator(`#${inputId}`).getAttribute('aria-describedby')).toContain(`${inputId}-error`);
    }
    expect(await page.locator('#phone-error').isVisible()).toBe(false);
    expect(await summary.locator('li').count()).toBe(Object.keys(expected).length);
    await page.screenshot({ path: screenshot('errors'), fullPage: true });
    await expectNoSeriousAxeViolations(page, 'the complaint form showing its field errors');

    // The summary's links take the keyboard to the field at fault.
    await summary.getByRole('link', { name: 'Enter your name.' }).click();
    expect(await focusedId(page)).toBe('name');

    expect(await storedCaseItems()).toBe(before);
    await platform.settle();
    expect(await platform.mailbox()).toHaveLength(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('files a complaint in Traditional Chinese, gets the acknowledgement email and follows it to the tracking page', async () => {
    const email = `chan.${Date.now()}@example.com`;
    const page = await context.newPage();
    const problems = watchForPageErrors(page);
    const response = await page.goto(`${platform.url}/`);

    // Served with a per-response CSP nonce and the headers that keep the private link private.
    const headers = response!.headers();
    expect(headers['content-security-policy']).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // The language switcher: English browser, the resident prefers Traditional Chinese.
    await page.getByRole('link', { name: '繁體' }).click();
    await page.waitForURL(/\?lang=zh-Hant$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('提出投訴');
    expect(await page.locator('.procedure').textContent()).toContain('5 個工作天內回覆您');

    await page.getByLabel('屋苑').selectOption({ label: '海景花園' });
    await page.getByLabel('座數、樓層及單位').fill('A座 12樓 3室');
    await page.getByLabel('姓名', { exact: true }).fill('陳大文');
    await page.getByLabel('電郵地址').fill(email);
    await page.getByLabel('電話號碼').fill('+852 2345 6789');
    expect(await page.getByLabel('回覆語言').inputValue()).toBe('zh-Hant');
    await page.getByLabel('發生了甚麼事？').fill('A座升降機已停用三天，長者住戶無法上落，管理處未有任何通知。');
    // The compensation claim is revealed by its checkbox, with the estate's currency preselected.
    expect(await page.locator('#claim-fields').isVisible()).toBe(false);
    await page.getByLabel('我要求賠償').check();
    expect(await page.locator('#claim-fields').isVisible()).toBe(true);
    expect(await page.getByLabel('貨幣').inputValue()).toBe('HKD');
    await page.getByLabel('金額', { exact: true }).fill('1,200.50');
    await page.getByLabel('要求此金額的原因').fill('需要額外聘請搬運工人。');
    await page.screenshot({ path: screenshot('form'), fullPage: true });
    await expectNoSeriousAxeViolations(page, 'the filled-in complaint form in 繁體');

    const posted = page.waitForRequest((r) => r.url().endsWith('/api/v1/complaints') && r.method() === 'POST');
    await page.getByRole('button', { name: '提交投訴' }).click();
    const request = await posted;
    expect(request.headers()['idempotency-key']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(request.postDataJSON()).toMatchObject({
      estateId: 'EST01',
      language: 'zh-Hant',
      channel: 'web',
      phone: '+852 2345 6789',
      compensationClaim: { amount: 1200.5, currency: 'HKD', reason: '需要額外聘請搬運工人。' },
    });
    // "Someone is in danger right now" is sent only when ticked.
    expect(request.postDataJSON()).not.toHaveProperty('dangerNow');

    const success = page.locator('#success');
    await success.waitFor({ state: 'visible' });
    const reference = (await page.locator('#success-reference').textContent())!;
    expect(reference).toMatch(/^EST01-\d{4}-\d{6}$/);
    expect(await success.textContent()).toContain('謝謝您，我們已收到您的投訴。');
    expect(await page.locator('#complaint-form').isVisible()).toBe(false);
    expect(await page.locator('#success-link').getAttribute('href')).toMatch(/^\/track\/[0-9A-Z]{26}\?token=/);
    await page.screenshot({ path: screenshot('submitted'), fullPage: true });
    await expectNoSeriousAxeViolations(page, 'the complaint form after filing');
    expect(problems).toEqual([]);

    // The acknowledgement email carries the reference and the private link.
    await platform.settle();
    const mails = (await platform.mailbox()).filter((m) => m.destination.to.includes(email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`我們已收到您的投訴 ${reference}`);
    const link = /(https?:\/\/\S+\/track\/\S+)/.exec(mails[0]!.body.text ?? '')?.[1];
    expect(link).toBeDefined();

    // The browser is English, but the page follows the language the complaint was filed in.
    const tracking = await context.newPage();
    const trackingProblems = watchForPageErrors(tracking);
    const trackingResponse = await tracking.goto(link!);
    expect(trackingResponse!.headers()['referrer-policy']).toBe('no-referrer');
    await tracking.locator('#case').waitFor({ state: 'visible' });
    expect(await tracking.locator('html').getAttribute('lang')).toBe('zh-Hant');
    expect(await tracking.locator('#case-reference').textContent()).toBe(reference);
    expect(await tracking.locator('#case-estate').textContent()).toBe('海景花園');
    expect(await tracking.locator('#case-status').textContent()).toBe('已確認');
    expect(await tracking.locator('#case-due time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await tracking.locator('#case-due').textContent())!.length).toBeGreaterThan(4);
    const entries = await tracking.locator('#case-timeline li span').allTextContents();
    expect(entries).toEqual([`已收到並記錄您的投訴，編號 ${reference}。`, '確認通知已以電郵發送給您。']);
    await tracking.screenshot({ path: screenshot('tracking'), fullPage: true });

    // The switcher keeps the private link working in another language.
    await tracking.getByRole('link', { name: 'English' }).click();
    await tracking.waitForURL(/[?&]lang=en$/);
    await tracking.locator('#case').waitFor({ state: 'visible' });
    expect(await tracking.locator('html').getAttribute('lang')).toBe('en');
    expect(await tracking.locator('#case-status').textContent()).toBe('Acknowledged');
    expect(await tracking.locator('#case-timeline li span').allTextContents()).toEqual([
      `Complaint received and recorded as ${reference}.`,
      'Acknowledgement sent to you by email.',
    ]);
    expect(trackingProblems).toEqual([]);
    await tracking.close();
    await page.close();
  }, 60_000);

  it('shows a friendly message for a link whose token is wrong', async () => {
    const page = await context.newPage();
    const problems = watchForPageErrors(page);
    const created = await platform.post('/api/v1/complaints', {
      estateId: 'EST02',
      unit: 'Tower 2, 3/F, Flat B',
      name: 'Wong Siu Ming',
      email: 'wong@example.com',
      language: 'en',
      description: 'The corridor lights on the third floor have been off all week.',
    }, { 'idempotency-key': 'e2e-wrong-token-1' });
    const { id } = (await created.json()) as { id: string };

    await page.goto(`${platform.url}/track/${id}?token=not-the-right-token&lang=en`);
    await page.locator('#not-found').waitFor({ state: 'visible' });
    expect(await page.locator('#not-found').textContent()).toContain('We could not find this complaint');
    expect(await page.locator('#case').isVisible()).toBe(false);
    await page.screenshot({ path: screenshot('not-found'), fullPage: true });

    // A link with no token at all is answered by the page itself, as a 404.
    const bare = await page.goto(`${platform.url}/track/${id}`);
    expect(bare!.status()).toBe(404);
    expect(await page.locator('#not-found').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await platform.settle();
    await page.close();
  });
});
