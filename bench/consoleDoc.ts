/**
 * docs/CONSOLE.md's budgets table, generated from bench/console-results.json (written by `npm run bench:console`)
 * between the `console:budgets` markers: no figure there is typed by hand. `npm run bench:console` rewrites it after
 * each run; `npm run bench:doc` rewrites it from the committed file.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface PageResult {
  page: string;
  jsGzip: number;
  chartChunksGzip: number;
  jsWithChartsGzip: number;
  firstLoadGzip: number;
  jsWithinBudget: boolean;
  firstLoadWithinBudget: boolean;
  firstLoadVsResidentForm: number;
}

export interface ConsoleBenchResults {
  measuredAt: string;
  machine: { cpus: number; node: string };
  budgets: { pageJsGzip: number; firstLoadGzip: number; queueRenderMs: number };
  residentFormFirstLoadGzip: number;
  pages: PageResult[];
  queueOf50: { medianMs: number; runsMs: number[]; baselineMedianMs: number; withinBudget: boolean };
}

const START = '<!-- console:budgets:start (generated from bench/console-results.json; edits inside are overwritten) -->';
const END = '<!-- console:budgets:end -->';
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function renderConsoleBudgets(results: ConsoleBenchResults): string {
  const at = results.measuredAt.replace('T', ' ').slice(0, 16);
  const rows = results.pages.map((p) => {
    const inAll = p.jsWithinBudget ? kb(p.jsWithChartsGzip) : `**${kb(p.jsWithChartsGzip)} (over)**`;
    const firstLoad = p.firstLoadWithinBudget ? kb(p.firstLoadGzip) : `**${kb(p.firstLoadGzip)} (over)**`;
    return `| ${p.page} | ${kb(p.jsGzip)} | ${p.chartChunksGzip > 0 ? kb(p.chartChunksGzip) : '—'} | ${inAll} | ${firstLoad} | ${p.firstLoadVsResidentForm.toFixed(2)}× |`;
  });
  const queue = results.queueOf50;
  const runs = [...queue.runsMs].sort((a, b) => a - b);
  return [
    `Run of ${at} UTC (${results.machine.cpus} cores, Node ${results.machine.node}). Budgets: ${kb(results.budgets.pageJsGzip)} gzip of JavaScript per page, charts included; ${kb(results.budgets.firstLoadGzip)} gzip first load; 50-case queue under ${results.budgets.queueRenderMs} ms.`,
    '',
    `| page | JavaScript before it shows (gzip) | charts after it shows | in all | first load with the HTML | × the complaint form's first load (${kb(results.residentFormFirstLoadGzip)}) |`,
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `Queue of 50 cases, from the list's response to the 50th row: median ${queue.medianMs} ms of ${runs.length} loads (${runs[0]}–${runs[runs.length - 1]} ms)${queue.withinBudget ? '' : ' — over budget'}; the same rows written as one HTML string: ${queue.baselineMedianMs} ms.`,
  ].join('\n');
}

/** Replaces the text between the markers; throws if the document has none (the table would silently go stale). */
export function writeConsoleDoc(docPath: string, resultsPath: string): void {
  const results = JSON.parse(readFileSync(resultsPath, 'utf8')) as ConsoleBenchResults;
  const doc = readFileSync(docPath, 'utf8');
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${docPath} has no ${START} … ${END} markers`);
  writeFileSync(docPath, `${doc.slice(0, start + START.length)}\n${renderConsoleBudgets(results)}\n${doc.slice(end)}`);
}
