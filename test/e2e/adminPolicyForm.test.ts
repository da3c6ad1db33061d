/**
 * The custom deadline policy form in a real browser (functions/web/browser/pages/admin/policies.tsx):
 * HQ starts from a preset's copy, inserts a stage after the first (a copy of its rules, named here),
 * removes another in the middle, changes who approves an extension and what its notice states, and
 * defines the policy; the API then holds exactly that policy. axe finds no serious or critical problem.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEADLINE_POLICY_PRESETS } from '../../functions/domain/deadlinePolicy';
import type { DeadlinePolicy } from '../../functions/domain/deadlinePolicySchema';
import { demoUsers } from '../../infra/local/demoGroup';
import { CHROMIUM_LAUNCH_ARGS, CHROMIUM_SKIP_REASON, chromiumPath } from '../support/chromium';
import { signInWithDemoForm } from '../support/consoleSignIn';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { pageProblems } from '../support/staffApiDriver';

vi.setConfig({ testTimeout: 120_000 });
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let platform: TestPlatform;
let browser: Browser;
let context: BrowserContext;

async function axe(page: Page): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<string[]>(`axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.help))`);
  expect(violations).toEqual([]);
}

describe.skipIf(!chromiumPath)(chromiumPath ? 'the custom deadline policy form' : `the custom deadline policy form (${CHROMIUM_SKIP_REASON})`, () => {
  beforeAll(async () => {
    platform = await startTestPlatform({ scheduledTasks: false });
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_LAUNCH_ARGS });
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(20_000);
  }, 180_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
  });

  it('HQ edits the stages, the extension approver and notice of a copy, and defines it', async () => {
    const preset = DEADLINE_POLICY_PRESETS['seed-default']!;
    expect(preset.stages.length).toBe(2);
    const page = await context.newPage();
    const problems = pageProblems(page);
    await signInWithDemoForm(page, platform.url, 'hq.director');
    await page.goto(`${platform.url}/staff?view=admin-policies`);
    await page.locator('#policy-start').selectOption(preset.id);
    const field = (name: string) => page.locator(`#policy-define-${name.replace(/[^A-Za-z0-9]+/g, '-')}`);
    await field('id').waitFor({ state: 'visible' });

    // Typed before the insertion: kept through it.
    await field('id').fill('three-stage');
    await page.locator('#policy-insert-stage-1').click();
    await expect.poll(() => field('stages.2.id').inputValue()).toBe(preset.stages[1]!.id);
    expect(await field('id').inputValue()).toBe('three-stage');
    expect(await field('stages.1.tiers.critical.respondWithinWorkingDays').inputValue()).toBe(String(preset.stages[0]!.tiers.critical.respondWithinWorkingDays));
    await field('stages.1.id').fill('mediation');
    await field('stages.1.title').fill('Mediation');
    // Another inserted after it, then removed again from the middle.
    await page.locator('#policy-insert-stage-2').click();
    await field('stages.3.id').waitFor({ state: 'visible' });
    await page.locator('#policy-remove-stage-3').click();
    await expect.poll(() => field('stages.3.id').count()).toBe(0);
    expect(await field('stages.1.id').inputValue()).toBe('mediation');
    expect(await field('stages.2.id').inputValue()).toBe(preset.stages[1]!.id);

    await field('stages.0.tiers.general.extensionApprovedBy').selectOption('hq');
    await field('stages.0.tiers.general.extensionNotice.includesOmbudsmanContact').selectOption('yes');
    await field('stages.0.tiers.general.extensionNotice.statesMeasuresTaken').selectOption('no');
    await axe(page);
    await page.locator('#policy-define button[type="submit"]').click();

    const hq = await platform.issuer.mint(demoUsers.find((u) => u.userId === 'hq.director')!);
    const defined = await vi.waitFor(
      async () => {
        const response = await platform.get('/api/v1/admin/deadline-policies', { authorization: `Bearer ${hq}` });
        const found = ((await response.json()) as { custom: DeadlinePolicy[] }).custom.find((p) => p.id === 'three-stage');
        if (!found) throw new Error('not defined yet');
        return found;
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(defined.stages.map((s) => [s.id, s.title])).toEqual([[preset.stages[0]!.id, preset.stages[0]!.title], ['mediation', 'Mediation'], [preset.stages[1]!.id, preset.stages[1]!.title]]);
    expect(defined.stages[1]!.tiers).toEqual(preset.stages[0]!.tiers);
    expect(defined.stages[0]!.tiers.general).toEqual({
      ...preset.stages[0]!.tiers.general,
      extensionApprovedBy: 'hq',
      extensionNotice: { ...preset.stages[0]!.tiers.general.extensionNotice, includesOmbudsmanContact: true, statesMeasuresTaken: false },
    });
    expect(problems).toEqual([]);
  });
});
