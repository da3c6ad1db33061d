/**
 * In a real browser (Debian's chromium): a resident opens the tracking page,
 * sees their complaint as filed, adds information with a photo (posted
 * straight to the S3 emulator by presigned POST, across origins), sees it
 * listed; staff then see the photo on the case and download it by its
 * presigned link, without its GPS location. Then the case is answered with
 * compensation, and the resident accepts the offer on the tracking page with
 * one confirmed click; staff see the answer. axe-core (injected) finds no
 * serious or critical violation; screenshots go to test/.screenshots/ (git-ignored).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import piexif from 'piexifjs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../infra/local/demoGroup';
import { jpegWithLocation } from '../fixtures/inboundMailCorpus';
import { CHROMIUM_LAUNCH_ARGS, CHROMIUM_SKIP_REASON, chromiumPath } from '../support/chromium';
import { lifecycleDriver } from '../support/lifecycleDriver';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';

let platform: TestPlatform;
let browser: Browser;
const { waitingFor, actOk, until } = lifecycleDriver(() => platform);

const SCREENSHOTS = join(import.meta.dirname, '..', '.screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page (evaluated through the DevTools protocol, so the page's CSP stays as it is). */
async function axe(page: Page, label: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<string[]>(`axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ') + ' — ' + v.help))`);
  expect(violations, `axe on ${label}`).toEqual([]);
}

describe.skipIf(!chromiumPath)(chromiumPath ? 'a resident adds a photo on the tracking page' : `tracking page additions (${CHROMIUM_SKIP_REASON})`, () => {
  beforeAll(async () => {
    platform = await startTestPlatform();
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_LAUNCH_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('uploads the photo from the page, shows it to the resident, and staff see and download it', async () => {
    const description = 'Water is dripping from the ceiling of the lift lobby on 12/F.';
    const created = (await (await platform.post('/api/v1/complaints', aComplaint({ description, compensationClaim: { amount: 500, currency: 'HKD', reason: 'Ruined rug' } }))).json()) as { id: string; trackingUrl: string };
    await platform.settle();
    const photoPath = join(tmpdir(), `lobby-${Date.now()}.jpg`);
    writeFileSync(photoPath, jpegWithLocation());

    const context = await browser.newContext({ locale: 'en-GB' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    await page.goto(created.trackingUrl);
    await page.locator('#case').waitFor({ state: 'visible' });
    expect(await page.locator('#complaint-text').textContent()).toBe(description);

    await page.locator('#add-text').fill('It got worse overnight; here is a photo.');
    await page.locator('#add-files').setInputFiles(photoPath);
    await page.locator('#add-send').click();
    await page.locator('#add-status', { hasText: 'We have added this to your complaint' }).waitFor();
    await page.locator('#additions-list > li', { hasText: 'It got worse overnight' }).waitFor();
    expect(await page.locator('#additions-list > li').textContent()).toContain(photoPath.split('/').pop()!);
    await axe(page, 'tracking page with an addition');
    expect(problems).toEqual([]);

    // Staff: the case carries the file and the resident's text; the link downloads the photo without its location.
    const staff = `Bearer ${await platform.issuer.mint(demoUsers.find((u) => u.userId === 'cslead.est01')!)}`;
    const view = (await (await platform.get(`/api/v1/cases/${created.id}`, { authorization: staff })).json()) as { files: { fileId: string; name: string; source: string }[]; residentAdditions: { text: string }[] };
    expect(view.files).toEqual([expect.objectContaining({ source: 'tracking-page', name: photoPath.split('/').pop() })]);
    expect(view.residentAdditions[0]!.text).toBe('It got worse overnight; here is a photo.');
    const link = (await (await platform.get(`/api/v1/cases/${created.id}/files/${view.files[0]!.fileId}`, { authorization: staff })).json()) as { url: string };
    const bytes = Buffer.from(await (await fetch(link.url)).arrayBuffer());
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(Object.keys(piexif.load(bytes.toString('binary')).GPS ?? {})).toEqual([]);

    // The case is answered with compensation (the estate manager amends the amount).
    await waitingFor(created.id, 'triage');
    await actOk(created.id, 'cslead.est01', { type: 'triage', caseClass: 2, severity: 'general', category: 'service-standard-too-low', departmentId: 'customer-service' });
    await waitingFor(created.id, 'resolution');
    await actOk(created.id, 'cslead.est01', {
      type: 'respond', outcome: 'upheld', decision: 'The leaking pipe above the lobby was replaced.', reasons: 'A joint had corroded.',
      rootCause: 'Corroded pipe joint', accountability: 'Plumbing contractor', compensationProposal: { amount: 500, note: 'Rug cleaning' },
    });
    await waitingFor(created.id, 'compensation-summary');
    await actOk(created.id, 'cslead.est01', { type: 'compensation-summary', recommendation: 'amend', amount: 450, reasons: 'The cleaning receipt shows 450.' });
    await waitingFor(created.id, 'compensation-decision', 'manager.est01');
    await actOk(created.id, 'manager.est01', { decision: 'amend', amount: 450, reasons: 'Cleaning receipt shows 450' }, 'compensation');
    await until(created.id, (c) => c.status === 'responded', 'responded');

    // The resident accepts it: a click chooses, a second click confirms; nothing is sent before.
    await page.reload();
    await page.locator('#compensation-choice').waitFor({ state: 'visible' });
    expect(await page.locator('#compensation-text').textContent()).toContain('450');
    expect(await page.locator('#withdraw').isHidden()).toBe(true);
    await page.locator('#compensation-accept').click();
    await page.locator('#compensation-confirm').waitFor({ state: 'visible' });
    expect(await page.locator('#compensation-confirm-text').textContent()).toContain('you accept');
    expect((await platform.caseStore.getCase(created.id))!.compensation?.residentAnswer).toBeUndefined();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'tracking-compensation-confirm.png'), fullPage: true });
    await axe(page, 'tracking page asking to confirm the compensation answer');
    await page.locator('#compensation-confirm-yes').click();
    await page.locator('#compensation-answer', { hasText: 'You accepted the compensation offered' }).waitFor();
    expect(await page.locator('#compensation-choice').isHidden()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'tracking-compensation-accepted.png'), fullPage: true });
    await axe(page, 'tracking page after accepting');
    expect(problems).toEqual([]);
    await context.close();

    // Staff see the answer on the case.
    const answered = (await (await platform.get(`/api/v1/cases/${created.id}`, { authorization: staff })).json()) as { compensation: { residentAnswer?: { answer: string; amount: number } } };
    expect(answered.compensation.residentAnswer).toMatchObject({ answer: 'accepted', amount: 450 });
  }, 180_000);

  it('takes photos on the web form: too many are refused before filing; chosen ones go straight to storage once the complaint is filed', async () => {
    const photoPath = join(tmpdir(), `gate-${Date.now()}.jpg`);
    writeFileSync(photoPath, jpegWithLocation());
    const context = await browser.newContext({ locale: 'en-GB' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await page.goto(`${platform.url}/?lang=en`);
    await page.locator('#estateId').selectOption('EST01');
    await page.locator('#unit').fill('Block B 3/F Flat 1');
    await page.locator('#name').fill('Lee Siu Ling');
    await page.locator('#email').fill(`lee.${Date.now()}@example.com`);
    await page.locator('#description').fill('The car park gate hit my car as I drove through; photo attached.');
    await page.locator('#complaint-files').setInputFiles(Array.from({ length: 6 }, () => photoPath));
    await page.locator('#submit').click();
    await page.locator('#complaint-files-error', { hasText: 'at most 5 files' }).waitFor();
    expect(await page.locator('#success').isHidden()).toBe(true);
    await page.locator('#complaint-files').setInputFiles(photoPath);
    await axe(page, 'complaint form with a photo chosen');
    await page.locator('#submit').click();
    await page.locator('#success-files', { hasText: 'were added to the complaint' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'form-photo-filed.png'), fullPage: true });
    const reference = (await page.locator('#success-reference').textContent())!;
    expect(problems).toEqual([]);
    await context.close();

    const staff = `Bearer ${await platform.issuer.mint(demoUsers.find((u) => u.userId === 'cslead.est01')!)}`;
    const list = (await (await platform.get(`/api/v1/cases?estateId=EST01`, { authorization: staff })).json()) as { cases: { caseId: string; reference: string }[] };
    const caseId = list.cases.find((c) => c.reference === reference)!.caseId;
    const view = (await (await platform.get(`/api/v1/cases/${caseId}`, { authorization: staff })).json()) as { files: { source: string; name: string }[]; timeline: { action: string }[] };
    expect(view.files).toEqual([expect.objectContaining({ source: 'web-form', name: photoPath.split('/').pop() })]);
    expect(view.timeline.map((e) => e.action)).toContain('case.files-attached');
  }, 120_000);
});
