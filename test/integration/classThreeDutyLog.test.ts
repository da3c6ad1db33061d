/**
 * Class 3 as seed 001 §5.1.2 C has it (issue 13): recorded in the duty log (《值班記錄表》), reported as a special
 * report to the relevant party, and its outcome published. Through the real API and workflow: routing writes the
 * log's first entry; staff add entries (append-only, each an audit event); the estate's duty log lists and exports
 * them (JSON, CSV); the outcome, once published, is on the case's public timeline and on the estate's notice page
 * (server-rendered, three languages, no script, no personal data; axe-clean where Chromium is installed).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_LAUNCH_ARGS, chromiumPath } from '../support/chromium';
import { lifecycleDriver } from '../support/lifecycleDriver';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { asActor } from '../support/simulatedTime';

let platform: TestPlatform;
const { auth, waitingFor, act, actOk, file, mailTo, subjects, assertAuditTrail, until } = lifecycleDriver(() => platform);

beforeAll(async () => {
  platform = await startTestPlatform({ timeScale: 'simulated' });
});
afterAll(async () => platform?.stop());
const simulated = (test: () => Promise<void>) => () => asActor(platform.clock, test);

const NAME = 'Lam Ka Yan';
const UNIT = 'Tower 2, 8/F, Flat C';
const DESCRIPTION = 'The streetlights on the public road outside the south gate have been off for a week; it is dark and unsafe at night.';

interface DutyLogEntries {
  estateId: string;
  entries: { reference: string; caseId: string; entryId: string; source: string; recordedBy: string; observed: string; actionTaken: string; observedAt: string }[];
}

describe('class 3: duty log, special report, published outcome', () => {
  it('routing writes the duty log, staff add to it, the estate lists and exports it; the outcome reaches the timeline and the notice page', simulated(async () => {
    const created = (await file({ name: NAME, unit: UNIT, description: DESCRIPTION })) as { id: string; reference: string; email: string; trackingUrl: string };
    await waitingFor(created.id, 'triage');
    await actOk(created.id, 'cslead.est01', {
      type: 'triage', caseClass: 3, severity: 'serious', category: 'service-missing-or-not-working', departmentId: 'customer-service',
      externalParty: { name: 'Highways Department', email: 'lighting@highways.example', impact: 'Dark road at the south gate used by residents at night' },
    });
    await waitingFor(created.id, 'resolution');
    await platform.settle();
    // The special report went to the relevant party.
    expect(subjects(await mailTo('lighting@highways.example')).some((s) => s.includes(created.reference))).toBe(true);

    // Routing's entry: the triage's assessment and the report sent, by the person who confirmed it.
    const headers = await auth('cslead.est01');
    let log = (await (await platform.get('/api/v1/estates/EST01/duty-log', headers)).json()) as DutyLogEntries;
    const ours = () => log.entries.filter((e) => e.caseId === created.id);
    expect(ours()).toEqual([expect.objectContaining({ entryId: 'DL1', source: 'routing', recordedBy: 'cslead.est01', reference: created.reference })]);
    expect(ours()[0]!.actionTaken).toContain('Highways Department');

    // A person adds what they observed and did; a formula-like text is kept as written in JSON, escaped in the CSV.
    const observedAt = new Date(platform.clock.now() - 3600_000).toISOString();
    await actOk(created.id, 'frontline.est01', { type: 'duty-log', observedAt, observed: '=HYPERLINK("x") Six lamps off between the gate and the bus stop.', actionTaken: 'Phoned the Highways Department hotline (ref. HW-77); put up a temporary lamp at the gate.' });
    // Not in the future, and only on a class-3 case.
    const future = await act(created.id, 'frontline.est01', { type: 'duty-log', observedAt: new Date(platform.clock.now() + 86_400_000).toISOString(), observed: 'x', actionTaken: 'y' });
    expect(future.status).toBe(422);
    expect(((await future.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('observedAt');
    log = (await (await platform.get('/api/v1/estates/EST01/duty-log', headers)).json()) as DutyLogEntries;
    // Listed by the time observed (the staff entry saw the lamps an hour before it was recorded, before receipt here).
    expect(ours().map((e) => [e.entryId, e.source]).sort()).toEqual([['DL1', 'routing'], ['DL2', 'staff']]);

    const csv = await platform.get('/api/v1/estates/EST01/duty-log?format=csv', headers);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="duty-log-EST01.csv"');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte-order mark spreadsheet programs need for UTF-8
    const rows = parse(new TextDecoder().decode(bytes), { columns: true }) as Record<string, string>[];
    const staffRow = rows.find((r) => r.caseId === created.id && r.entryId === 'DL2')!;
    expect(staffRow.observed!.startsWith("'=HYPERLINK")).toBe(true);
    expect(staffRow).toMatchObject({ reference: created.reference, recordedBy: 'frontline.est01', source: 'staff', observedAt });
    expect((await platform.get('/api/v1/estates/EST01/duty-log?format=xml', headers)).status).toBe(400);

    // No outcome to publish before the response; then the CS lead answers and publishes it for residents.
    expect((await waitingFor(created.id, 'resolution')).allowedActions).not.toContain('publish-outcome');
    await actOk(created.id, 'cslead.est01', {
      type: 'respond', outcome: 'not-upheld', decision: 'The Highways Department repaired the streetlights on Friday.', reasons: 'The road and its lighting are the Highways Department’s.', rootCause: 'Failed public streetlights', accountability: 'Highways Department',
    });
    await until(created.id, (c) => c.allowedActions.includes('publish-outcome'), 'publish-outcome offered');
    const empty = await act(created.id, 'cslead.est01', { type: 'publish-outcome', texts: {} });
    expect(empty.status).toBe(422);
    // A frontline member of staff may keep the duty log but not publish the outcome.
    expect((await act(created.id, 'frontline.est01', { type: 'publish-outcome', texts: { en: { title: 'x', summary: 'y' } } })).status).toBe(403);
    await actOk(created.id, 'cslead.est01', {
      type: 'publish-outcome',
      texts: {
        'zh-Hant': { title: '南閘外路燈已修復', summary: '路政署已於星期五修復南閘外公共道路的路燈。' },
        en: { title: 'Streetlights outside the south gate repaired', summary: 'The Highways Department repaired the streetlights on the public road outside the south gate on Friday.' },
      },
    });
    const again = await act(created.id, 'cslead.est01', { type: 'publish-outcome', texts: { en: { title: 'x', summary: 'y' } } });
    expect(again.status).toBe(409);

    // The case's public timeline says so.
    const token = new URL(created.trackingUrl).searchParams.get('token')!;
    const view = (await (await platform.get(`/api/v1/complaints/${created.id}?token=${token}`)).json()) as { timeline: { kind: string; message: string }[] };
    expect(view.timeline.map((e) => e.kind)).toContain('outcome-published');

    // The notice page, in each language: the notice (in the reader's language where written, else the first written),
    // nothing personal, no script.
    const page = async (lang: string) => {
      const response = await platform.get(`/estates/EST01/notices?lang=${lang}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      return response.text();
    };
    const en = await page('en');
    expect(en).toContain('Streetlights outside the south gate repaired');
    expect(en).toContain(created.reference);
    const hant = await page('zh-Hant');
    expect(hant).toContain('南閘外路燈已修復');
    expect(hant).toContain('通告');
    const hans = await page('zh-Hans');
    expect(hans).toContain('<article lang="zh-Hant">'); // no Simplified text was written: the Traditional one, marked
    for (const html of [en, hant, hans]) {
      for (const personal of [NAME, UNIT, DESCRIPTION, created.email, 'lighting@highways.example', 'HW-77']) expect(html).not.toContain(personal);
      expect(html).not.toMatch(/<script/i);
    }
    expect((await platform.get('/estates/NOSUCH/notices?lang=en')).status).toBe(404);

    const actions = await assertAuditTrail(created.id);
    expect(actions).toEqual(expect.arrayContaining(['case.routed:duty-log', 'case.duty-log-entry', 'case.outcome-published']));

    if (chromiumPath) {
      const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_LAUNCH_ARGS });
      try {
        const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
        for (const lang of ['en', 'zh-Hant', 'zh-Hans']) {
          const tab = await browser.newPage();
          await tab.goto(`${platform.url}/estates/EST01/notices?lang=${lang}`);
          await tab.evaluate(axeSource);
          const violations = await tab.evaluate<string[]>(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id + ' (' + v.impact + ')'))`);
          expect(violations, `axe on the notice page (${lang})`).toEqual([]);
          await tab.close();
        }
      } finally {
        await browser.close();
      }
    }
  }));

  it('a class-1 case has no duty log and publishes nothing on the notice page', simulated(async () => {
    const created = await file({ description: 'The lift in Block B stops between floors.' });
    await waitingFor(created.id, 'triage');
    await actOk(created.id, 'cslead.est01', { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'engineering' });
    const view = await waitingFor(created.id, 'resolution');
    expect(view.allowedActions).not.toContain('duty-log');
    const refused = await act(created.id, 'cslead.est01', { type: 'duty-log', observedAt: new Date(platform.clock.now()).toISOString(), observed: 'x', actionTaken: 'y' });
    expect(refused.status).toBe(409);
    const log = (await (await platform.get('/api/v1/estates/EST01/duty-log', await auth('cslead.est01'))).json()) as DutyLogEntries;
    expect(log.entries.some((e) => e.caseId === created.id)).toBe(false);
  }));
});
