/**
 * In a real browser (Debian's chromium): a resident opens the tracking page,
 * sees their complaint as filed, adds information with a photo (posted
 * straight to the S3 emulator by presigned POST, across origins), sees it
 * listed; staff then see the photo on the case and download it by its
 * presigned link, without its GPS location.
 *
 * Not covered: accepting a compensation offer (not built yet, docs/EMAIL_INTAKE.md).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import piexif from 'piexifjs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../infra/local/demoGroup';
import { jpegWithLocation } from '../fixtures/inboundMailCorpus';
import { CHROMIUM_LAUNCH_ARGS, CHROMIUM_SKIP_REASON, chromiumPath } from '../support/chromium';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';

let platform: TestPlatform;
let browser: Browser;

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
    const created = (await (await platform.post('/api/v1/complaints', aComplaint({ description }))).json()) as { id: string; trackingUrl: string };
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
    expect(problems).toEqual([]);
    await context.close();

    // Staff: the case carries the file and the resident's text; the link downloads the photo without its location.
    const staff = `Bearer ${await platform.issuer.mint(demoUsers.find((u) => u.userId === 'cslead.est01')!)}`;
    const view = (await (await platform.get(`/api/v1/cases/${created.id}`, { authorization: staff })).json()) as { files: { fileId: string; name: string; source: string }[]; residentAdditions: { text: string }[] };
    expect(view.files).toEqual([expect.objectContaining({ source: 'tracking-page', name: photoPath.split('/').pop() })]);
    expect(view.residentAdditions[0]!.text).toBe('It got worse overnight; here is a photo.');
    const link = (await (await platform.get(`/api/v1/cases/${created.id}/files/${view.files[0]!.fileId}`, { authorization: staff })).json()) as { url: string };
    const bytes = Buffer.from(await (await fetch(link.url)).arrayBuffer());
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(Object.keys(piexif.load(bytes.toString('binary')).GPS ?? {})).toEqual([]);
  });
});
