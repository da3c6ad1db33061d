/**
 * The staff console in a real browser (Debian's chromium driven by playwright-core) against the
 * whole local platform, one scenario per role of issue #12: a link from a staff email opens the case
 * after sign-in (and survives a reload); the CS lead triages from the queue's count (after an edit
 * clash the console reloads and keeps what was typed); a department handler finds a case by its unit
 * and answers it in 简体中文; the estate manager decides a compensation with the C ≥ A + B check; HQ
 * opens a critical case from its home; compliance exports, follows the job, downloads the file,
 * verifies it, then uploads a tampered copy and sees the line that fails. axe-core (injected) finds
 * no serious or critical violation on any page, for any role, in any language; one flow is done
 * with the keyboard alone. Screenshots go to test/.screenshots/ (git-ignored).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StaffRole } from '../../functions/domain/access/identity';
import { LANGUAGES, type Language } from '../../functions/domain/vocabulary';
import { CATALOGUES } from '../../functions/messages';
import { demoUsers } from '../../infra/local/demoGroup';
import { CHROMIUM_LAUNCH_ARGS, CHROMIUM_SKIP_REASON, chromiumPath } from '../support/chromium';
import { chooseConsoleLanguage, signInWithDemoForm } from '../support/consoleSignIn';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { pageProblems, staffApiDriver } from '../support/staffApiDriver';

if (!chromiumPath) console.warn(`test/e2e/consoleRoles.test.ts ${CHROMIUM_SKIP_REASON}`);

const SCREENSHOTS = join(import.meta.dirname, '..', '.screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `console-${name}.png`), fullPage: true });
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const en = CATALOGUES.en.console;
const hans = CATALOGUES['zh-Hans'].console;

let platform: TestPlatform;
let browser: Browser;
let context: BrowserContext;
const tokens = new Map<string, string>();

const { getCase, until, act } = staffApiDriver(() => platform, tokens, 'hq.director');

async function fileComplaint(overrides: Record<string, unknown> = {}): Promise<{ id: string; reference: string; unit: string }> {
  const complaint = aComplaint(overrides);
  const created = await platform.post('/api/v1/complaints', complaint, { 'idempotency-key': `e2e-console-${Math.random().toString(36).slice(2)}` });
  expect(created.status).toBe(201);
  const body = (await created.json()) as { id: string; reference: string };
  await until(body.id, (c) => c.waitingFor === 'triage', 'waiting for triage');
  return { ...body, unit: complaint.unit as string };
}

/** Script errors and CSP refusals fail the test; expected 4xx answers do not. */
const watch = pageProblems;

/** Runs axe-core in the page (evaluated through the DevTools protocol, so the page's CSP stays as it is). */
async function axe(page: Page, label: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<string[]>(`axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ') + ' — ' + v.help))`);
  expect(violations, `axe on ${label}`).toEqual([]);
}

/** Signs in through the local demo picker, then reads in `language` (the choice is kept in localStorage, shared by the tests' pages). */
async function signIn(page: Page, userId: string, language: Language = 'en') {
  await signInWithDemoForm(page, platform.url, userId, language);
}

describe.skipIf(!chromiumPath)(chromiumPath ? 'the staff console, role by role' : `the staff console, role by role (${CHROMIUM_SKIP_REASON})`, () => {
  beforeAll(async () => {
    platform = await startTestPlatform({ timeScale: 1 });
    for (const user of demoUsers) tokens.set(user.userId, await platform.issuer.mint(user));
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_LAUNCH_ARGS });
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, acceptDownloads: true });
    context.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
  });

  it('a link from a staff email opens the case after sign-in, and survives a reload', async () => {
    const { id, reference } = await fileComplaint();
    await act(id, 'cslead.est01', { type: 'triage', caseClass: 1, severity: 'serious', category: 'service-missing-or-not-working', departmentId: 'engineering' });
    const link = await vi.waitFor(
      async () => {
        const email = (await platform.mailbox()).find((m) => m.destination.to.includes('engineering.est01@demo-group.example') && (m.body.text ?? '').includes(`/staff?case=${id}`));
        const found = email ? /(https?:\/\/\S+\/staff\?case=\S+)/.exec(email.body.text ?? '')?.[1] : undefined;
        if (!found) throw new Error('no staff email with a link to the case yet');
        return found;
      },
      { timeout: 20_000, interval: 50 },
    );
    const page = await context.newPage();
    const problems = watch(page);
    const url = new URL(link);
    const response = await page.goto(`${platform.url}${url.pathname}${url.search}`);
    expect(response!.headers()['content-security-policy']).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    await page.locator('#demo-user').waitFor({ state: 'visible' });
    expect(await page.locator('main').textContent()).toContain(id);
    await shot(page, 'email-link-sign-in');
    await page.locator('#demo-user').selectOption('engineering.est01');
    await page.locator('#demo-form button[type="submit"]').click();
    await expect.poll(() => page.locator('#case-title').textContent()).toBe(reference);
    expect(new URL(page.url()).search).toBe(`?case=${id}`);
    // No cookies: the token lives in this tab's sessionStorage only.
    expect(await context.cookies()).toEqual([]);
    await page.reload();
    await expect.poll(() => page.locator('#case-title').textContent()).toBe(reference);
    await shot(page, 'email-link-case');
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('the CS lead triages from the queue’s count; an edit clash reloads the case and keeps what was typed', async () => {
    const { id, reference } = await fileComplaint({ description: 'Rubbish has not been collected from the Block B bin room since Friday.' });
    const waiting = await getCase(id);
    const page = await context.newPage();
    const problems = watch(page);
    await signIn(page, 'cslead.est01');
    await page.locator('[data-figure="to-triage"] .tile-figure').filter({ hasNotText: '…' }).waitFor();
    await shot(page, 'cslead-home');
    await page.locator('.staff-bar nav a', { hasText: en.shell.queue }).click();
    const count = page.locator(`.counts a[data-status="${waiting.status}"]`);
    await count.waitFor();
    expect(await count.textContent()).toMatch(/\d/);
    await count.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe(waiting.status);
    const row = page.locator(`tr[data-case="${id}"]`);
    await row.waitFor();
    await shot(page, 'cslead-queue');
    await row.getByRole('link', { name: reference }).click();
    await expect.poll(() => page.locator('#case-title').textContent()).toBe(reference);

    const triage = page.locator('details[data-action="triage"]');
    await triage.locator('summary').click();
    // Only what this person may do now: triage is offered, a response is not (the case waits for triage).
    expect(await page.locator('details[data-action="respond"]').count()).toBe(0);
    expect(await triage.locator('#action-triage-caseClass').inputValue()).not.toBe('');
    await triage.locator('#action-triage-severity').selectOption('serious');
    await triage.locator('#action-triage-departmentId').selectOption('cleaning');
    // Someone else writes first: the console's version is stale.
    await act(id, 'manager.est01', { type: 'note', text: 'Called the resident back.' });
    await triage.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('main p.message.error').first().textContent()).toContain(en.validation.conflict.slice(0, 30));
    expect(await triage.locator('#action-triage-severity').inputValue()).toBe('serious');
    expect(await page.locator('#timeline-rows').textContent()).toContain(en.events.case_note);
    await triage.locator('button[type="submit"]').click();
    const triaged = await until(id, (c) => c.timeline.some((e) => e.action === 'case.triaged'), 'triaged');
    expect(triaged.timeline.find((e) => e.action === 'case.triaged')?.actor).toMatchObject({ type: 'staff', id: 'cslead.est01' });
    await shot(page, 'cslead-triaged');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('a department handler finds a case by its unit and answers it in 简体中文', async () => {
    const unit = `Tower 9, 31/F, Flat ${Math.floor(Math.random() * 90) + 10}`;
    const { id, reference } = await fileComplaint({ unit, description: 'The corridor light outside my flat has been flickering for a week.' });
    await act(id, 'cslead.est01', { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'engineering' });
    await until(id, (c) => c.waitingFor === 'resolution', 'waiting for resolution');
    const page = await context.newPage();
    const problems = watch(page);
    await signIn(page, 'engineering.est01', 'zh-Hans');
    expect(await page.locator('.staff-bar nav').textContent()).toContain(hans.shell.queue);
    await page.locator('.staff-bar nav a', { hasText: hans.shell.queue }).click();
    // The server searches every case the handler may see, by the unit however it is typed (a keyed digest, not the text).
    await page.locator('#filter-by').selectOption('unit');
    await page.locator('#filter-term').fill(unit.toLowerCase().replace(/,/g, ''));
    await page.locator('form.filters button[type="submit"]').click();
    const row = page.locator(`tr[data-case="${id}"]`);
    await row.waitFor();
    expect(await page.locator('#case-table tbody tr').count()).toBe(1);
    expect(await row.textContent()).toContain(CATALOGUES['zh-Hans'].statuses['in-progress']);
    await shot(page, 'handler-queue-zh-Hans');
    await row.getByRole('link', { name: reference }).click();
    await expect.poll(() => page.locator('#case-title').textContent()).toBe(reference);
    expect(await page.locator('#timeline-rows').textContent()).toContain(hans.events.case_triaged);
    // The handler may respond on their department's case, but not triage or mark it invalid.
    expect(await page.locator('details[data-action="mark-invalid"]').count()).toBe(0);
    const respond = page.locator('details[data-action="respond"]');
    await respond.locator('summary').click();
    await respond.locator('#action-respond-decision').fill('已更换走廊灯管。');
    await respond.locator('button[type="submit"]').click();
    await expect.poll(() => respond.locator('#action-respond-reasons-error').textContent()).toBe('理由：请填写。');
    expect(await respond.locator('#action-respond-reasons').getAttribute('aria-invalid')).toBe('true');
    expect(await respond.locator('.summary').textContent()).toContain(hans.validation.summary);
    await shot(page, 'handler-respond-errors-zh-Hans');
    await respond.locator('#action-respond-outcome').selectOption('upheld');
    await respond.locator('#action-respond-reasons').fill('灯管老化，已于周三更换。');
    await respond.locator('#action-respond-rootCause').fill('灯管到期未更换');
    await respond.locator('#action-respond-accountability').fill('工程部巡检');
    await respond.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('main .message').first().textContent()).toContain('完成：答复投诉人');
    const responded = await until(id, (c) => c.timeline.some((e) => e.action === 'case.response-decided'), 'responded');
    expect(responded.timeline.find((e) => e.action === 'case.response-decided')?.actor).toMatchObject({ type: 'staff', id: 'engineering.est01' });
    await shot(page, 'handler-responded-zh-Hans');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('the CS lead assigns a case from the picker of the estate’s staff (no ids typed)', async () => {
    const { id, reference } = await fileComplaint({ description: 'The car park barrier does not open for residents in the evening.' });
    await act(id, 'cslead.est01', { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'security' });
    await until(id, (c) => c.waitingFor === 'resolution', 'waiting for resolution');
    const page = await context.newPage();
    const problems = watch(page);
    await signIn(page, 'cslead.est01');
    await page.goto(`${platform.url}/staff?case=${id}`);
    await expect.poll(() => page.locator('#case-title').textContent()).toBe(reference);
    const assign = page.locator('details[data-action="assign"]');
    await assign.locator('summary').click();
    const picker = assign.locator('#action-assign-assigneeId');
    await expect.poll(() => picker.evaluate((el) => el.tagName)).toBe('SELECT');
    const offered = await picker.locator('option').evaluateAll((options) => options.map((o) => o.getAttribute('value') ?? '').filter(Boolean));
    expect(offered).toContain('security.est01');
    expect(offered.some((value) => value.endsWith('.est02') || value === 'compliance.auditor' || value === 'admin')).toBe(false);
    await picker.selectOption('security.est01');
    await shot(page, 'cslead-assign-picker');
    await assign.locator('button[type="submit"]').click();
    const assigned = await until(id, (c) => c.timeline.some((e) => e.action === 'case.assigned'), 'assigned');
    expect(assigned.timeline.find((e) => e.action === 'case.assigned')?.actor).toMatchObject({ type: 'staff', id: 'cslead.est01' });
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('the estate manager decides a compensation from the home’s figure, with the C ≥ A + B check in plain words', async () => {
    const { id, reference } = await fileComplaint({
      description: 'Water seepage through a crack in the bedroom ceiling again, damaging my furniture.',
      compensationClaim: { amount: 800, currency: 'HKD', reason: 'Damaged wardrobe' },
    });
    await act(id, 'cslead.est01', { type: 'triage', caseClass: 2, severity: 'serious', category: 'service-standard-too-low', departmentId: 'customer-service' });
    await until(id, (c) => c.waitingFor === 'resolution', 'waiting for resolution');
    await act(id, 'cslead.est01', {
      type: 'respond', outcome: 'partly-upheld', decision: 'The developer will repair the ceiling under warranty.', reasons: 'The crack is a building defect.',
      rootCause: 'Building defect', accountability: 'Developer (warranty)', compensationProposal: { amount: 800, note: 'Cost of the wardrobe' },
    });
    // The CS lead's written summary to the manager comes first (seed 001 §5.6.3), on the case page's form.
    await until(id, (c) => c.waitingFor === 'compensation-summary', 'waiting for the compensation summary');
    const page = await context.newPage();
    const problems = watch(page);
    await signIn(page, 'cslead.est01');
    await page.goto(`${platform.url}/staff?case=${id}`);
    const summaryAction = page.locator('details[data-action="compensation-summary"]');
    await summaryAction.locator('summary').click();
    await summaryAction.locator('label', { hasText: en.roleWork.recommendAmend }).click();
    await summaryAction.locator('#action-compensation-summary-amount').fill('700');
    await summaryAction.locator('#action-compensation-summary-reasons').fill('The wardrobe can be partly repaired: repair plus a second service.');
    await summaryAction.locator('button[type="submit"]').click();
    await until(id, (c) => c.waitingFor === 'compensation-decision', 'waiting for the compensation decision');
    await page.evaluate('sessionStorage.clear()');
    await signIn(page, 'manager.est01');
    const figure = page.locator('[data-figure="compensation"]');
    await figure.locator('.tile-figure').filter({ hasNotText: '…' }).waitFor();
    expect(await figure.textContent()).toMatch(/[1-9]/);
    await shot(page, 'manager-home');
    await figure.locator('a').click();
    await page.locator(`tr[data-case="${id}"]`).getByRole('link', { name: reference }).click();
    const compensation = page.locator('#compensation');
    await compensation.waitFor();
    // The manager decides with the CS lead's summary in view.
    expect(await page.locator('#compensation-summary').textContent()).toContain('The wardrobe can be partly repaired');
    expect(await compensation.textContent()).not.toContain('Seed');
    expect(await compensation.textContent()).toContain(en.valueRecovery.explain);
    await compensation.locator('label', { hasText: en.fields.amend }).click();
    await compensation.locator('#compensation-form-amount').fill('700');
    await compensation.locator('#compensation-form-reasons').fill('The wardrobe is partly repairable; we pay the repair and a second service.');
    await compensation.locator('#compensation-form-valueRecovery-originalServiceValueA').fill('500');
    await compensation.locator('#compensation-form-valueRecovery-complainingCostB').fill('200');
    await compensation.locator('#compensation-form-valueRecovery-proposedC').fill('600');
    await expect.poll(() => page.locator('#vr-check').textContent()).toContain('short');
    await compensation.locator('#compensation-form-valueRecovery-proposedC').fill('750');
    await expect.poll(() => page.locator('#vr-check').textContent()).toContain('covers');
    await shot(page, 'manager-compensation');
    await compensation.locator('button[type="submit"]').click();
    await until(id, (c) => c.timeline.some((e) => e.action === 'compensation.decided'), 'compensation decided');
    await expect.poll(() => page.locator('main .message').first().textContent()).toContain(en.actions.compensation);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('HQ opens a critical case from its home', async () => {
    const { id, reference } = await fileComplaint({ estateId: 'EST02', description: 'A security guard shouted at my elderly mother in the lobby and pushed her.' });
    await act(id, 'cslead.est02', { type: 'triage', caseClass: 1, severity: 'critical', category: 'staff-attitude', departmentId: 'security' });
    const page = await context.newPage();
    const problems = watch(page);
    await signIn(page, 'hq.director');
    const figure = page.locator('[data-figure="critical"]');
    await figure.locator('.tile-figure').filter({ hasNotText: '…' }).waitFor();
    await shot(page, 'hq-home');
    await figure.locator('a').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('severity')).toBe('critical');
    await page.locator(`tr[data-case="${id}"]`).getByRole('link', { name: reference }).click();
    await expect.poll(() => page.locator('#case-title').textContent()).toBe(reference);
    await shot(page, 'hq-critical-case');
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('compliance runs an export, follows it, downloads and verifies it, then finds where a tampered copy fails', async () => {
    const page = await context.newPage();
    const problems = watch(page);
    await signIn(page, 'compliance.auditor');
    await page.locator('.staff-bar nav a', { hasText: en.shell.compliance }).click();
    await page.locator('#export-form-estateId').selectOption('EST01');
    await page.locator('#export-form button[type="submit"]').click();
    const job = page.locator('#export-job');
    await job.waitFor();
    await expect.poll(() => job.textContent(), { timeout: 60_000 }).toContain(en.compliance.jobStates.done);
    expect(await job.textContent()).toMatch(/The export is ready: \d+ events/);
    await shot(page, 'compliance-export-done');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-download').click()]);
    const file = join(tmpdir(), `console-export-${Date.now()}.jsonl`);
    await download.saveAs(file);
    const text = readFileSync(file, 'utf8');
    expect(text.trim().split('\n').length).toBeGreaterThan(1);

    await page.locator('#verify-file').setInputFiles(file);
    await page.locator('#verify-form button[type="submit"]').click();
    await expect.poll(() => page.locator('#verify-result').textContent()).toContain('The file is intact');
    await shot(page, 'compliance-verified');

    // One byte of the second event changed: the check names that line.
    const lines = text.split('\n');
    lines[1] = lines[1]!.replace(/"at":"(\d)/, (_m, d: string) => `"at":"${d === '1' ? '2' : '1'}`);
    const tampered = join(tmpdir(), `console-export-tampered-${Date.now()}.jsonl`);
    writeFileSync(tampered, lines.join('\n'));
    await page.locator('#verify-file').setInputFiles(tampered);
    await page.locator('#verify-form button[type="submit"]').click();
    await expect.poll(() => page.locator('#verify-result').textContent()).toContain('has been altered');
    expect(await page.locator('#verify-result').textContent()).toContain('line 2: hash-mismatch');
    await shot(page, 'compliance-tampered');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('works with the keyboard alone: to the queue, into a case, an internal note written and saved', async () => {
    const { id, reference } = await fileComplaint();
    const page = await context.newPage();
    const problems = watch(page);
    await signIn(page, 'cslead.est01');
    const tabTo = async (description: string, test: string) => {
      for (let i = 0; i < 120; i += 1) {
        await page.keyboard.press('Tab');
        if (await page.evaluate<boolean>(`(() => { const el = document.activeElement; return !!el && (${test}); })()`)) return;
      }
      throw new Error(`Tab never reached ${description}`);
    };
    await tabTo('the Cases link', `el.tagName === 'A' && el.textContent === ${JSON.stringify(en.shell.queue)}`);
    await page.keyboard.press('Enter');
    await page.locator(`tr[data-case="${id}"]`).waitFor();
    await tabTo('the case link', `el.tagName === 'A' && el.textContent === ${JSON.stringify(reference)}`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#case-title').textContent()).toBe(reference);
    await tabTo('the note action', `el.tagName === 'SUMMARY' && el.textContent === ${JSON.stringify(en.actions.note)}`);
    await page.keyboard.press('Enter');
    await tabTo('the note field', `el.id === 'action-note-text'`);
    await page.keyboard.type('Spoke to the resident by phone; the bins will be collected today.');
    await tabTo('the save button', `el.tagName === 'BUTTON' && el.closest('#action-note') !== null`);
    await page.keyboard.press('Enter');
    await until(id, (c) => c.timeline.some((e) => e.action === 'case.note'), 'noted');
    await expect.poll(() => page.locator('main .message').first().textContent()).toContain(en.actions.note);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('axe finds no serious or critical violation on any page, for any role, in any language', async () => {
    const { id } = await fileComplaint();
    const ROLE_USERS: Record<StaffRole, string> = {
      'frontline-staff': 'frontline.est01',
      'information-officer': 'infodesk.est01',
      supervisor: 'foreman.est01',
      'department-handler': 'engineering.est01',
      'cs-lead': 'cslead.est01',
      'assistant-manager': 'assistant.est01',
      'estate-manager': 'manager.est01',
      hq: 'hq.director',
      compliance: 'compliance.auditor',
      admin: 'admin',
    };
    const page = await context.newPage();
    const problems = watch(page);
    for (const language of LANGUAGES) {
      await page.goto(`${platform.url}/staff`);
      await page.evaluate(`localStorage.setItem('complaints.staffLanguage', ${JSON.stringify(language)})`);
      await page.reload();
      await page.locator('#demo-user').waitFor();
      await expect.poll(() => page.evaluate<string>('document.documentElement.lang')).toBe(language);
      await axe(page, `sign-in (${language})`);
    }
    for (const [role, userId] of Object.entries(ROLE_USERS)) {
      await page.evaluate('sessionStorage.clear()');
      await signIn(page, userId);
      const links = await page.evaluate<string[]>("[...document.querySelectorAll('.staff-bar nav a')].map((a) => a.getAttribute('href'))");
      const paths = [...links, ...(role === 'admin' ? [] : [`/staff?case=${id}`])];
      for (const language of LANGUAGES) {
        await chooseConsoleLanguage(page, language);
        for (const path of paths) {
          await page.goto(`${platform.url}${path}`);
          await page.locator('#console-root h1').first().waitFor();
          await page.waitForLoadState('networkidle');
          await axe(page, `${path} as ${role} in ${language}`);
          if (language === 'zh-Hant') await shot(page, `axe-${role}-${path.replace(/\W+/g, '-')}`);
        }
      }
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 600_000);
});
