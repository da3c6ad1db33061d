/**
 * The dashboard and performance pages in a real browser (Debian's chromium driven by playwright-core)
 * against the whole local platform, with cases seeded into October 2026 and the aggregates kept by
 * the table stream: HQ opens the dashboard, sees the group, filters to one estate, clicks a bar of
 * the cause chart and lands on the queue listing exactly that bar's cases; the page reads in 繁體;
 * the performance page shows handlers’ figures to HQ and not to a CS lead; per building (docs/BUILDINGS.md): the
 * one estate’s table and its drill-down, logging a complaint with its building, the estate form’s buildings. axe-core finds no serious
 * or critical violation; no script error or CSP refusal. Screenshots go to test/.screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintCase } from '../../functions/domain/complaintCase';
import { CATALOGUES } from '../../functions/messages';
import { CHROMIUM_LAUNCH_ARGS, CHROMIUM_SKIP_REASON, chromiumPath } from '../support/chromium';
import { signInWithDemoForm } from '../support/consoleSignIn';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { seedCase } from '../support/seedCases';
import { demoEstates } from '../../infra/local/demoGroup';

if (!chromiumPath) console.warn(`test/e2e/dashboard.test.ts ${CHROMIUM_SKIP_REASON}`);

const SCREENSHOTS = join(import.meta.dirname, '..', '.screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `dashboard-${name}.png`), fullPage: true });
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const en = CATALOGUES.en.console;

let platform: TestPlatform;
let browser: Browser;
let context: BrowserContext;
const seeded: ComplaintCase[] = [];
const at = (day: number, hour = 3) => new Date(Date.UTC(2026, 9, day, hour)).toISOString();

function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return problems;
}

async function axe(page: Page, label: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<string[]>(`axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ') + ' — ' + v.help))`);
  expect(violations, `axe on ${label}`).toEqual([]);
}

async function signIn(page: Page, userId: string) {
  await signInWithDemoForm(page, platform.url, userId);
}

const tileText = (page: Page, figure: string) => page.locator(`[data-figure="${figure}"] .tile-figure`).textContent();

describe.skipIf(!chromiumPath)(chromiumPath ? 'the dashboard in the console' : `the dashboard in the console (${CHROMIUM_SKIP_REASON})`, () => {
  beforeAll(async () => {
    platform = await startTestPlatform({ ownDynamoDb: true, scheduledTasks: false });
    const staffAttitude = { status: 'in-progress' as const, caseClass: 1 as const, severity: 'general' as const, category: 'staff-attitude' as const, departmentId: 'security' };
    const seeds: Parameters<typeof seedCase>[1][] = [
      { estateId: 'EST01', receivedAt: at(5) },
      // Two in Tower 2 and one in Tower 1 (the per-building table, docs/BUILDINGS.md).
      { estateId: 'EST01', receivedAt: at(6), patch: { ...staffAttitude, buildingId: 'T2' } },
      { estateId: 'EST01', receivedAt: at(7), patch: { ...staffAttitude, severity: 'serious', assigneeId: 'security.est01', buildingId: 'T2' } },
      { estateId: 'EST01', receivedAt: at(12), patch: { status: 'in-progress', caseClass: 2, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'engineering', buildingId: 'T1' } },
      { estateId: 'EST02', receivedAt: at(20), patch: staffAttitude },
      { estateId: 'EST02', receivedAt: at(21), patch: staffAttitude },
    ];
    for (const seed of seeds) seeded.push(await seedCase(platform.caseStore, seed));
    await platform.tableStreams.drained();
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_LAUNCH_ARGS });
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    context.setDefaultTimeout(20_000);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
  });

  it('one estate’s dashboard counts per building; a building’s count opens exactly its cases, and a case shows its building', async () => {
    const page = await context.newPage();
    const problems = watch(page);
    await signIn(page, 'hq.director');
    await page.goto(`${platform.url}/staff?view=dashboard&granularity=month&from=2026-10&to=2026-10&estateId=EST01`);
    await expect.poll(() => page.locator('[data-table="by-building"] tr[data-key="T2"] td').first().textContent()).toBe('2');
    expect(await page.locator('[data-table="by-building"] tr[data-key="T2"] th').textContent()).toBe('Tower 2');
    expect(await page.locator('[data-table="by-building"] tr[data-key="T1"] td').first().textContent()).toBe('1');
    await shot(page, 'by-building');
    await axe(page, 'the dashboard of one estate, by building');

    await page.locator('[data-table="by-building"] tr[data-key="T2"] a').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('queue');
    expect(new URL(page.url()).searchParams.get('building')).toBe('T2');
    const tower2 = seeded.filter((c) => c.buildingId === 'T2').map((c) => c.caseId).sort();
    await expect.poll(async () => (await page.locator('#case-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case')))).sort()).toEqual(tower2);
    expect(await page.locator('[data-drill-down]').textContent()).toContain('Tower 2');

    await page.goto(`${platform.url}/staff?case=${tower2[0]}`);
    await expect.poll(() => page.locator('[data-building="T2"]').textContent()).toBe(`Tower 2, ${demoEstates[0]!.names.en}`);
    await axe(page, 'a case naming its building');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('staff logging a complaint choose among the estate’s buildings; the case view then names it', async () => {
    const page = await context.newPage();
    const problems = watch(page);
    await signIn(page, 'cslead.est01');
    await page.goto(`${platform.url}/staff?view=log`);
    // One estate served: chosen already, its buildings offered (and nothing else).
    const building = page.locator('#log-form-buildingId');
    await building.waitFor();
    expect(await building.locator('option').evaluateAll((options) => options.map((o) => o.getAttribute('value')))).toEqual(['', 'T1', 'T2', 'T3', 'CLUB']);
    await building.selectOption('T2');
    await page.locator('#log-form-channel').selectOption('phone');
    await page.locator('#log-form-unit').fill('Flat 12A');
    await page.locator('#log-form-name').fill('Chan Tai Man');
    await page.locator('#log-form-phone').fill('+852 9123 4567');
    await page.locator('#log-form-description').fill('The lift of the tower stopped twice this week with people inside.');
    await axe(page, 'log a complaint, with its building');
    await page.locator('#log-form button[type="submit"]').click();
    const opened = page.locator('p.message[role="status"] a');
    await opened.waitFor();
    await opened.click();
    await expect.poll(() => page.locator('[data-building="T2"]').textContent()).toBe(`Tower 2, ${demoEstates[0]!.names.en}`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('an administrator gives an estate its buildings in the estate form; repeated ids are refused on the buildings choice', async () => {
    const page = await context.newPage();
    const problems = watch(page);
    await signIn(page, 'admin');
    await page.goto(`${platform.url}/staff?view=admin-estates`);
    const form = page.locator('#estate-form');
    await form.waitFor();
    await page.locator('#estate-form-estateId').fill('EST09');
    await page.locator('#estate-form-names-zh-Hant').fill('山景苑');
    await page.locator('#estate-form-names-zh-Hans').fill('山景苑');
    await page.locator('#estate-form-names-en').fill('Hill View Court');
    await page.locator('#estate-form-jurisdiction').selectOption('HK');
    await page.locator('#estate-form-homes').fill('800');
    await page.locator('#estate-form-customerServiceEmail').fill('cs.est09@demo-group.example');
    await page.locator('#estate-form-managerEmail').fill('manager.est09@demo-group.example');
    await page.locator('#estate-form-departments-0-departmentId').selectOption({ index: 1 });
    await page.locator('#estate-form-departments-0-email').fill('dept.est09@demo-group.example');
    // Replace (the stored list, none for a new estate) with two rows; the second repeats the first's id.
    await page.locator('#estate-form-buildingsMode-1').check();
    await page.locator('#estate-form-add-building').click();
    await page.locator('#estate-form-add-building').click();
    for (const [i, id, en] of [[0, 'N1', 'North Block'], [1, 'N1', 'South Block']] as const) {
      await page.locator(`#estate-form-buildings-${i}-buildingId`).fill(id);
      await page.locator(`#estate-form-buildings-${i}-names-zh-Hant`).fill(`${en}（繁）`);
      await page.locator(`#estate-form-buildings-${i}-names-zh-Hans`).fill(`${en}（简）`);
      await page.locator(`#estate-form-buildings-${i}-names-en`).fill(en);
    }
    await axe(page, 'the estate form with its buildings');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('#estate-form-buildingsMode-error').textContent()).toContain(CATALOGUES.en.console.adminProblems.buildingIdsRepeated);
    await page.locator('#estate-form-buildings-1-buildingId').fill('S1');
    await form.locator('button[type="submit"]').click();
    await expect
      .poll(async () => ((await (await platform.get('/api/v1/estates')).json()) as { estates: { estateId: string; buildings?: { buildingId: string; names: { en: string } }[] }[] }).estates.find((e) => e.estateId === 'EST09')?.buildings?.map((b) => `${b.buildingId}=${b.names.en}`))
      .toEqual(['N1=North Block', 'S1=South Block']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('HQ opens the dashboard, filters to one estate and drills down from a bar to exactly its cases', async () => {
    const page = await context.newPage();
    const problems = watch(page);
    await signIn(page, 'hq.director');
    await page.locator('.staff-bar nav a', { hasText: en.dashboard.nav }).click();
    await page.locator('#dashboard-title').waitFor();
    await page.locator('#dash-from').fill('2026-10');
    await page.locator('#dash-to').fill('2026-10');
    await page.locator('form.filters button[type="submit"]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe('2026-10');
    // The whole group: six complaints, four of them about staff attitude.
    await expect.poll(() => tileText(page, 'cases')).toBe('6');
    await expect.poll(() => page.locator('[data-table="by-category"] tr[data-key="staff-attitude"] td').first().textContent()).toBe('4');
    await page.locator('[data-chart="by-category"] canvas').first().waitFor();
    // Early warnings look at the last 7 days of platform time (December): the October cases raise none.
    await page.locator('[data-warnings-none]').waitFor();
    // Periods are written in the reader's words (October 2026 as a month, not 2026-10).
    expect(await page.locator('[data-table="trend"] tr[data-key="2026-10"] th').textContent()).toBe('Oct 2026');
    await shot(page, 'hq-group');
    await axe(page, 'the dashboard, group');

    await page.locator('#dash-estate').selectOption('EST01');
    await page.locator('form.filters button[type="submit"]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('estateId')).toBe('EST01');
    await expect.poll(() => tileText(page, 'cases')).toBe('4');
    await expect.poll(() => page.locator('[data-table="by-category"] tr[data-key="staff-attitude"] td').first().textContent()).toBe('2');
    await shot(page, 'hq-est01');

    // Click the staff-attitude bar: the chart's x axis is the bar index, each bar a slot of equal width.
    const keys = await page.locator('[data-table="by-category"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    const index = keys.indexOf('staff-attitude');
    expect(index).toBeGreaterThanOrEqual(0);
    const over = page.locator('[data-chart="by-category"] .u-over');
    const box = (await over.boundingBox())!;
    await over.click({ position: { x: ((index + 0.5) / keys.length) * box.width, y: box.height - 5 } });
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('queue');
    const query = new URL(page.url()).searchParams;
    expect(query.get('category')).toBe('staff-attitude');
    expect(query.get('estateId')).toBe('EST01');
    const expected = seeded.filter((c) => c.estateId === 'EST01' && c.category === 'staff-attitude').map((c) => c.caseId).sort();
    await expect.poll(async () => (await page.locator('#case-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case')))).sort()).toEqual(expected);
    expect(await page.locator('[data-drill-down]').textContent()).toContain(CATALOGUES.en.categories['staff-attitude']);
    await shot(page, 'drill-down-queue');
    await axe(page, 'the queue of a bar');

    // The same dashboard in 繁體中文, its charts' labels included (drawn from the catalogue).
    await page.goBack();
    await page.locator('#console-language').selectOption('zh-Hant');
    await expect.poll(() => page.locator('#dashboard-title').textContent()).toBe(CATALOGUES['zh-Hant'].console.dashboard.title);
    await expect.poll(() => page.locator('[data-table="by-category"] tr[data-key="staff-attitude"] th').textContent()).toBe(CATALOGUES['zh-Hant'].categories['staff-attitude']);
    await shot(page, 'hq-est01-zh-Hant');
    await axe(page, 'the dashboard in 繁體');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows handlers’ figures to HQ, and only departments to a CS lead', async () => {
    const page = await context.newPage();
    const problems = watch(page);
    await signIn(page, 'hq.director');
    await page.goto(`${platform.url}/staff?view=performance&from=2026-10&to=2026-10&estateId=EST01`);
    await page.locator('#performance-title').waitFor();
    await expect.poll(() => page.locator('[data-table="handlers"] tr[data-key="security.est01"] td').first().textContent()).toBe('1');
    await expect.poll(() => page.locator('[data-table="departments"] tr[data-key="security"] td').first().textContent()).toBe('2');
    await shot(page, 'performance-hq');
    await axe(page, 'performance, HQ');
    // The handler's count opens their cases.
    await page.locator('[data-table="handlers"] tr[data-key="security.est01"] a').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('assignee')).toBe('security.est01');
    await expect.poll(() => page.locator('#case-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case')))).toEqual([seeded[2]!.caseId]);
    // A department's count opens its cases too.
    await page.goBack();
    await page.locator('[data-table="departments"] tr[data-key="security"] a').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('department')).toBe('security');
    const security = seeded.filter((c) => c.estateId === 'EST01' && c.departmentId === 'security').map((c) => c.caseId).sort();
    await expect.poll(async () => (await page.locator('#case-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case')))).sort()).toEqual(security);
    await page.close();

    const lead = await context.newPage();
    problems.push(...watch(lead));
    await signIn(lead, 'cslead.est01');
    await lead.goto(`${platform.url}/staff?view=performance&from=2026-10&to=2026-10`);
    await expect.poll(() => lead.locator('[data-table="departments"] tr[data-key="security"] td').first().textContent()).toBe('2');
    await lead.locator('[data-handlers-hidden]').waitFor();
    expect(await lead.locator('[data-table="handlers"]').count()).toBe(0);
    await axe(lead, 'performance, CS lead');
    expect(problems).toEqual([]);
    await lead.close();
  }, 120_000);
});
