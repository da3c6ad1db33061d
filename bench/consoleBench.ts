/**
 * `npm run bench:console`: the staff console's budgets (issue #12), each next to the resident
 * pages measured in the same run (docs/CONSOLE.md):
 *   - each console page's JavaScript with its charts, gzip (bench/pageBudget.ts): budget 60 KB;
 *   - each page's first load, gzip (the HTML as served, plus that JavaScript): budget 150 KB;
 *     the resident complaint form's first load (its HTML and its built module, gzip) is the baseline;
 *   - the queue of 50 cases rendered in Chromium: from the list's response to the 50th row in the
 *     page (median of several loads), budget 200 ms; baseline: the same 50 rows written into the
 *     same page as one HTML string, in the same run.
 * Writes bench/console-results.json (committed).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildBrowserAssets } from '../infra/browserBuild';
import { writeConsoleDoc } from './consoleDoc';
import { measurePageBudget } from './pageBudget';
import { startDynamoDbLocal } from '../infra/local/dynamodbLocal';
import { demoUsers } from '../infra/local/demoGroup';
import { freePort } from '../infra/local/ports';
import { startLocalPlatform } from '../infra/local/runtime';
import { CHROMIUM_LAUNCH_ARGS, chromiumPath } from '../test/support/chromium';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const KB = 1024;
const BUDGET = { pageJsGzip: 60 * KB, firstLoadGzip: 150 * KB, queueRenderMs: 200 };
const log = (line: string) => process.stderr.write(`[bench:console] ${line}\n`);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-console-'));
  const build = buildBrowserAssets(outDir);
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  process.env.LOG_LEVEL = 'SILENT';
  const platform = await startLocalPlatform({ port: 0, mailboxPort: 0, dynamoDbPort: 0, stepFunctionsPort: 0, externalDynamoDbEndpoint: dynamo.endpoint, tableName: `ConsoleBench_${Date.now()}`, timeScale: 1, scheduledTasks: false, intakeLimits: { perIp: 1_000_000, perEstate: 1_000_000 }, log: () => undefined });
  try {
    const consoleHtml = await (await fetch(`${platform.url}/staff`)).text();
    const formHtml = await (await fetch(`${platform.url}/?lang=en`)).text();
    const htmlGzip = gzipSync(consoleHtml).length;
    // The form's behaviour is a built entry (no inline script since issue #12): its module and static imports count.
    const formEntry = build.manifest.entries.complaintForm!;
    const baselineFirstLoad = gzipSync(formHtml).length + [formEntry.file, ...formEntry.imports].reduce((sum, file) => sum + build.manifest.files[file]!.gzipBytes, 0);
    // Each page's JavaScript with its charts, as `npm run bench -- --only pages` measures it (bench/pageBudget.ts).
    const pageResults = measurePageBudget(build).pages.map((p) => {
      const firstLoadGzip = htmlGzip + p.completeGzip;
      return { page: p.page, files: p.files, jsGzip: p.jsGzip, chartChunksGzip: p.chartChunksGzip, jsWithChartsGzip: p.completeGzip, firstLoadGzip, jsWithinBudget: p.withinBudget, firstLoadWithinBudget: firstLoadGzip <= BUDGET.firstLoadGzip, firstLoadVsResidentForm: Number((firstLoadGzip / baselineFirstLoad).toFixed(2)) };
    });
    for (const r of pageResults) log(`${r.page}: JS ${(r.jsGzip / KB).toFixed(1)} KB gzip (${r.files} files)${r.chartChunksGzip ? ` + ${(r.chartChunksGzip / KB).toFixed(1)} KB of charts after it shows` : ''}, first load ${(r.firstLoadGzip / KB).toFixed(1)} KB gzip = ${r.firstLoadVsResidentForm}× the complaint form's ${(baselineFirstLoad / KB).toFixed(1)} KB`);

    log('filing 50 complaints for the queue');
    for (let i = 0; i < 50; i += 1) {
      const response = await fetch(`${platform.url}/api/v1/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `bench-console-${i}-${Date.now()}` },
        signal: AbortSignal.timeout(60_000),
        body: JSON.stringify({ estateId: 'EST01', unit: `Block C, ${(i % 30) + 1}/F, Flat ${(i % 8) + 1}`, name: 'Bench Resident', email: `bench.${i}@example.com`, language: 'en', description: `Bench complaint number ${i}: the corridor lights on this floor keep flickering at night.` }),
      });
      if (response.status !== 201) throw new Error(`complaint ${i}: ${response.status}`);
      if ((i + 1) % 10 === 0) log(`${i + 1} filed`);
    }
    const token = await platform.issuer.mint(demoUsers.find((u) => u.userId === 'cslead.est01')!);
    const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_LAUNCH_ARGS });
    const render: number[] = [];
    const baseline: number[] = [];
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      await page.goto(`${platform.url}/staff`);
      await page.evaluate(`sessionStorage.setItem('complaints.staffToken', ${JSON.stringify(token)}); localStorage.setItem('complaints.staffLanguage', 'en')`);
      for (let run = 0; run < 7; run += 1) {
        // Subject: the console's queue, from the list's response to its 50th row.
        await page.goto(`${platform.url}/staff`);
        await page.locator('.staff-bar').waitFor();
        await page.evaluate(`window.__rows = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (document.querySelectorAll('#case-table tbody tr').length >= 50) { observer.disconnect(); resolve(performance.now()); }
          });
          observer.observe(document.body, { childList: true, subtree: true });
        }); undefined`);
        await page.locator('.staff-bar nav a[href="/staff?view=queue"]').click();
        const rowsAt = await page.evaluate<number>('window.__rows');
        const responseEnd = await page.evaluate<number>(`Math.max(...performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/cases?') && e.name.includes('limit=50')).map((e) => e.responseEnd))`);
        render.push(rowsAt - responseEnd);
        // Baseline: the same 50 rows as one HTML string written into the page.
        baseline.push(await page.evaluate<number>(`(() => {
          const rows = document.querySelector('#case-table tbody').innerHTML;
          const start = performance.now();
          const table = document.createElement('table');
          table.innerHTML = '<tbody>' + rows + '</tbody>';
          document.body.appendChild(table);
          void table.offsetHeight;
          const took = performance.now() - start;
          table.remove();
          return took;
        })()`));
      }
    } finally {
      await browser.close();
    }
    const queue = { medianMs: Number(median(render).toFixed(1)), runsMs: render.map((v) => Number(v.toFixed(1))), baselineMedianMs: Number(median(baseline).toFixed(2)), withinBudget: median(render) < BUDGET.queueRenderMs };
    log(`queue of 50 rendered: median ${queue.medianMs} ms (runs ${queue.runsMs.join(', ')}); the same rows as one HTML string: ${queue.baselineMedianMs} ms`);
    const results = { measuredAt: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, budgets: BUDGET, consoleHtmlGzip: htmlGzip, residentFormFirstLoadGzip: baselineFirstLoad, pages: pageResults, queueOf50: queue };
    mkdirSync(join(REPO_ROOT, 'bench'), { recursive: true });
    writeFileSync(join(REPO_ROOT, 'bench', 'console-results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeConsoleDoc(join(REPO_ROOT, 'docs', 'CONSOLE.md'), join(REPO_ROOT, 'bench', 'console-results.json'));
    const misses = [...pageResults.filter((r) => !r.jsWithinBudget || !r.firstLoadWithinBudget).map((r) => r.page), ...(queue.withinBudget ? [] : ['queue render'])];
    log(misses.length === 0 ? 'every console budget is met' : `MISS: ${misses.join(', ')}`);
  } finally {
    await platform.stop();
    await dynamo.stop();
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
