/**
 * Targets, verdicts and presentation of a bench run: the table on stdout,
 * bench/.out/results.json, and the generated section of docs/BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import type { BundleBenchResult, BundleMeasurement } from './bundles';
import type { CostBenchResult } from './cost';
import type { IntakeBenchResult, LevelResult } from './intake';
import type { LifecycleBenchResult } from './lifecycle';
import { type PageBudgetResult, pageBudgetSummary, pageBudgetTable } from './pageBudget';
import type { Section, SectionSource } from './results';

export const TARGETS = {
  /** Intake rate ÷ raw case-creation transaction rate, at this concurrency. */
  intakeRatio: { atConcurrency: 8, min: 0.8 },
  /** Each handler's minified size and module-load time ÷ the DynamoDB-clients-only baseline. */
  bundleSizeRatio: { max: 1.3 },
  bundleLoadRatio: { max: 1.3 },
  /** State transitions of the common path (class 1, no claim, satisfied): the Step Functions cost driver. */
  transitionsPerComplaint: { max: 20 },
  /** Everything AWS bills for 1,000 complaints of the path mix, at list price (bench/cost.ts). */
  costPerThousandComplaints: { maxUsd: 0.8 },
  /** How many of a bundle's biggest inputs to list when it misses a target. */
  contributorsShown: 5,
} as const;

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  java: string;
  /** 1-minute load average when the bench started and when it ended: above the core count, other work competed. */
  loadAverage: { start: number; end: number };
}

export interface HandlerVerdict {
  name: string;
  sizeRatio: number;
  loadRatio: number;
  /** Held to the budget (it serves requests, runs as a workflow step or consumes the stream); batch functions are not. */
  budgeted: boolean;
  /** Within the budget; always true for a function without one (its figures are reported, not judged). */
  pass: boolean;
}

export interface BenchResults {
  date: string;
  machine: Machine;
  /** Said next to the figures: the machine was shared with other work while the bench ran. */
  sharedMachine: boolean;
  durationSeconds: number;
  targets: typeof TARGETS;
  /** The sections this run measured (`--only`); the others are absent. */
  sections: Section[];
  intake?: IntakeBenchResult & { targetLevel: LevelResult | undefined; pass: boolean };
  bundles?: BundleBenchResult & { verdicts: HandlerVerdict[] };
  lifecycle?: LifecycleBenchResult & { pass: boolean };
  cost?: CostBenchResult;
  /** The staff console's JavaScript per page, charts included, against the 60 KB gzip budget (bench/pageBudget.ts). */
  pages?: PageBudgetResult;
  errors: string[];
}

export const loadAverageNow = () => Math.round((loadavg()[0] ?? 0) * 100) / 100;

export function describeMachine(loadAverageAtStart: number): Machine {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    java: (java.stderr || java.stdout || '').split('\n')[0]?.trim() || 'unknown',
    loadAverage: { start: loadAverageAtStart, end: loadAverageNow() },
  };
}

/** Judged on the median pair ratio, unrounded: 0.797 misses a 0.8 target even though it prints as 0.80. */
export function judgeIntake(intake: IntakeBenchResult): NonNullable<BenchResults['intake']> {
  const targetLevel = intake.levels.find((level) => level.concurrency === TARGETS.intakeRatio.atConcurrency);
  return { ...intake, targetLevel, pass: targetLevel !== undefined && targetLevel.pairs.length >= 5 && targetLevel.ratio >= TARGETS.intakeRatio.min };
}

/** A run that counted no transitions for some complaint (or closed none) proves nothing: it misses. */
export function judgeLifecycle(lifecycle: LifecycleBenchResult): NonNullable<BenchResults['lifecycle']> {
  const counted = lifecycle.complaints > 0 && lifecycle.transitions.min > 0;
  return { ...lifecycle, pass: counted && lifecycle.transitions.max <= TARGETS.transitionsPerComplaint.max };
}

export function judgeBundles(bundles: BundleBenchResult): NonNullable<BenchResults['bundles']> {
  // Judged unrounded: a ratio of 1.304 misses a 1.3× target even though it prints as 1.30×.
  const verdicts = bundles.handlers.map((handler) => {
    const sizeRatio = handler.bytes / bundles.baseline.bytes;
    const loadRatio = handler.loadMs / bundles.baseline.loadMs;
    const within = sizeRatio <= TARGETS.bundleSizeRatio.max && loadRatio <= TARGETS.bundleLoadRatio.max;
    return { name: handler.name, sizeRatio, loadRatio, budgeted: handler.budgeted, pass: !handler.budgeted || within };
  });
  return { ...bundles, verdicts };
}

// ---- formatting -------------------------------------------------------------

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const ratio = (value: number) => `${value.toFixed(2)}×`;
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');

interface Table {
  head: string[];
  rows: string[][];
  /** Columns aligned left; the others are numbers, aligned right. */
  left: number[];
}

function textTable({ head, rows, left }: Table): string {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, c) => (left.includes(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function markdownTable({ head, rows, left }: Table): string {
  const align = head.map((_, c) => (left.includes(c) ? ':---' : '---:'));
  return [head, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** Attempts per complaint on each side, with the conflict cancellations that caused the extra ones. */
function transactionAttempts(level: NonNullable<BenchResults['intake']>['levels'][number]): string {
  const t = level.transactions;
  if (!t) return '—';
  const complaints = (side: 'raw' | 'intake') => level.pairs.reduce((sum, p) => sum + p[side].count, 0);
  const per = (side: 'raw' | 'intake') => `${(t[side].attempts / complaints(side)).toFixed(2)} (${t[side].conflicts})`;
  return `${per('raw')} / ${per('intake')}`;
}

function intakeTable(intake: NonNullable<BenchResults['intake']>): Table {
  return {
    head: ['concurrency', 'pairs × requests', 'retried', 'intake/s (median)', 'p50 ms', 'p99 ms', 'raw tx/s (median)', 'raw p50 ms', 'raw p99 ms', 'intake ÷ raw (median of pairs)', 'spread (min–max)', 'transaction attempts per complaint: raw / intake (conflicts)', 'target', 'acknowledged/s (end to end)', 'intake/s with workflows running', 'p50 ms', 'p99 ms', '÷ raw'],
    left: [],
    rows: intake.levels.map((level) => [
      String(level.concurrency),
      `${level.pairs.length} × ${level.pairs[0]?.intake.count ?? 0}`,
      String(level.intake.retried),
      fixed(level.intake.perSecond, 1),
      fixed(level.intake.p50Ms, 1),
      fixed(level.intake.p99Ms, 1),
      fixed(level.raw.perSecond, 1),
      fixed(level.raw.p50Ms, 1),
      fixed(level.raw.p99Ms, 1),
      level.ratio.toFixed(3),
      `${level.ratioSpread.min.toFixed(2)}–${level.ratioSpread.max.toFixed(2)}`,
      transactionAttempts(level),
      level.concurrency === TARGETS.intakeRatio.atConcurrency ? `≥ ${TARGETS.intakeRatio.min}: ${verdict(level.ratio >= TARGETS.intakeRatio.min)}` : '',
      fixed(level.endToEnd.perSecond, 1),
      fixed(level.intakeWithWorkflows.perSecond, 1),
      fixed(level.intakeWithWorkflows.p50Ms, 1),
      fixed(level.intakeWithWorkflows.p99Ms, 1),
      (level.intakeWithWorkflows.perSecond / level.raw.perSecond).toFixed(2),
    ]),
  };
}

function lifecycleTable(l: NonNullable<BenchResults['lifecycle']>): Table {
  return {
    head: ['complaints', 'seconds', 'closed/s', 'transitions per complaint (mean, min–max)', '$ of transitions per 1,000 complaints'],
    left: [],
    rows: [[String(l.complaints), fixed(l.seconds, 1), fixed(l.closedPerSecond, 2), `${l.transitions.mean.toFixed(1)} (${l.transitions.min}–${l.transitions.max})`, `$${l.costPerThousandComplaintsUsd.toFixed(3)}`]],
  };
}

const usd = (value: number) => `$${value.toFixed(3)}`;

function costTable(c: CostBenchResult): Table {
  const services = c.mix.services.map((s) => s.service);
  return {
    head: ['service', ...c.paths.map((p) => `${p.path} (${p.complaints})`), `mix`, 'basis'],
    left: [0, c.paths.length + 2],
    rows: [
      ...services.map((service, i) => [service, ...c.paths.map((p) => usd(p.services[i]!.usdPerThousandComplaints)), usd(c.mix.services[i]!.usdPerThousandComplaints), c.mix.services[i]!.basis]),
      ['**all in**', ...c.paths.map((p) => usd(p.usdPerThousandComplaints)), `**${usd(c.mix.usdPerThousandComplaints)}**`, ''],
    ],
  };
}

function costUnitsTable(c: CostBenchResult): Table {
  return {
    head: ['path', 'what', ...c.paths[0]!.services.map((s) => s.service)],
    left: [0, 1],
    rows: c.paths.map((p) => [p.path, p.description, ...p.services.map((s) => s.units)]),
  };
}

function bundleTable(bundles: NonNullable<BenchResults['bundles']>): Table {
  const row = (b: BundleMeasurement, v?: HandlerVerdict) => [
    b.name,
    kb(b.bytes),
    v ? ratio(v.sizeRatio) : '1.00×',
    kb(b.gzipBytes),
    fixed(b.loadMs, 1),
    v ? ratio(v.loadRatio) : '1.00×',
    fixed(b.loadCpuMs, 1),
    ratio(b.loadCpuMs / bundles.baseline.loadCpuMs),
    v ? (v.budgeted ? verdict(v.pass) : 'no target (batch)') : '',
  ];
  return {
    head: ['function', 'minified KiB', 'size ÷ base', 'gzip KiB', 'load ms', 'load ÷ base', 'load CPU ms', 'CPU ÷ base', `size, load ≤ ${TARGETS.bundleSizeRatio.max}× (request path)`],
    left: [0],
    rows: [row(bundles.baseline), ...bundles.handlers.map((b, i) => row(b, bundles.verdicts[i]))],
  };
}

/** The biggest inputs of each handler that missed its target. */
function overTarget(bundles: NonNullable<BenchResults['bundles']>): { name: string; reason: string; contributors: BundleMeasurement['contributors'] }[] {
  return bundles.verdicts
    .filter((v) => !v.pass)
    .map((v) => {
      const handler = bundles.handlers.find((h) => h.name === v.name)!;
      const reasons = [
        v.sizeRatio > TARGETS.bundleSizeRatio.max ? `size ${ratio(v.sizeRatio)}` : '',
        v.loadRatio > TARGETS.bundleLoadRatio.max ? `load ${ratio(v.loadRatio)}` : '',
      ].filter(Boolean);
      return { name: v.name, reason: reasons.join(', '), contributors: handler.contributors.slice(0, TARGETS.contributorsShown) };
    });
}

/** Inputs a handler bundles that the baseline does not (or bundles more of), biggest first. */
export function additions(handler: BundleMeasurement, baseline: BundleMeasurement): BundleMeasurement['contributors'] {
  const base = new Map(baseline.contributors.map((c) => [c.name, c.bytes]));
  return handler.contributors
    .map((c) => ({ name: c.name, bytes: c.bytes - (base.get(c.name) ?? 0) }))
    .filter((c) => c.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

function machineLine(r: BenchResults): string {
  const m = r.machine;
  return `${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, ${m.java}; load average ${m.loadAverage.start} at start, ${m.loadAverage.end} at end`;
}

const SHARED_MACHINE_NOTE =
  'The machine was shared with other engineers\' builds and tests during this run (see the load average, far above the two cores), so rates, durations and load times are noisier than on a quiet machine: alternating subject and baseline cancels slow drifts but not bursts of other work, and a wide spread marks a run disturbed that way. Sizes, units and counts do not depend on it. The lead may rerun on a quiet machine (`BENCH_QUIET_MACHINE=1 npm run bench -- --write-doc`).';


export function formatText(r: BenchResults): string {
  const out: string[] = [];
  out.push(`Bench ${r.date} — ${machineLine(r)} — ${fixed(r.durationSeconds)} s — sections: ${r.sections.join(', ')}`);
  if (r.intake) {
    out.push('');
    out.push('Intake: POST /api/v1/complaints on the local runtime vs createCase TransactWrite straight to DynamoDB Local, alternating in pairs, both settled and with the stream pollers off');
    out.push(textTable(intakeTable(r.intake)));
    out.push(`Intake ÷ raw at concurrency ${TARGETS.intakeRatio.atConcurrency} (median of pairs, unrounded ${r.intake.targetLevel?.ratio ?? NaN}): target ≥ ${TARGETS.intakeRatio.min} — ${verdict(r.intake.pass)}`);
  }
  if (r.bundles) {
    out.push('');
    out.push(`Lambda bundles (${r.bundles.handlers.length} handlers of infra/catalog.ts; esbuild ${r.bundles.target}, minified ESM, as the CDK stack; load = wall-clock await import() in a fresh node ${r.bundles.nodeOptions.join(' ')}, median of ${r.bundles.loadRuns}; load CPU for information)`);
    out.push(textTable(bundleTable(r.bundles)));
    for (const miss of overTarget(r.bundles)) {
      const handler = r.bundles.handlers.find((h) => h.name === miss.name)!;
      out.push(`  over target: ${miss.name} (${miss.reason}); + base: ${additions(handler, r.bundles.baseline).slice(0, TARGETS.contributorsShown).map((c) => `${c.name} +${kb(c.bytes)}`).join(', ')}`);
    }
  }
  if (r.lifecycle) {
    const l = r.lifecycle;
    out.push('');
    out.push(`Full lifecycle (common path), ${l.complaints} complaints at concurrency ${l.concurrency}, ${l.timeScale === 'simulated' ? 'on simulated time' : `waits ${l.timeScale}× faster`}:`);
    out.push(textTable(lifecycleTable(l)));
    out.push(`Transitions ≤ ${TARGETS.transitionsPerComplaint.max} (and counted for every complaint): ${verdict(l.pass)}`);
  }
  if (r.cost) {
    out.push('');
    out.push(`Cost per 1,000 complaints at list price (${r.cost.prices.file}, ${r.cost.prices.region}, recorded ${r.cost.prices.recorded}):`);
    out.push(textTable(costTable(r.cost)));
    out.push(`All in, mix: $${r.cost.mix.usdPerThousandComplaints.toFixed(3)} — target ≤ $${TARGETS.costPerThousandComplaints.maxUsd}: ${verdict(r.cost.pass)}; biggest: ${r.cost.dominant.service} (${(r.cost.dominant.share * 100).toFixed(0)}%)`);
  }
  if (r.pages) {
    out.push('');
    out.push(`Console pages' JavaScript (${pageBudgetSummary(r.pages)}):`);
    out.push(textTable(pageBudgetTable(r.pages)));
    out.push(`Every page with its charts within ${(r.pages.budgetGzip / 1024).toFixed(0)} KB gzip: ${verdict(r.pages.pass)}`);
  }
  if (r.errors.length > 0) {
    out.push('');
    out.push(`ERRORS (${r.errors.length}):`);
    for (const e of r.errors) out.push(`  ${e}`);
  }
  return out.join('\n');
}

export const DOC_START = '<!-- bench:results:start (generated from bench/results/*.json by `npm run bench:doc`; edits inside are overwritten) -->';
export const DOC_END = '<!-- bench:results:end -->';
const OLD_DOC_START = '<!-- bench:results:start (generated by `npm run bench -- --write-doc`; edits inside are overwritten) -->';

function runLine(source: SectionSource): string {
  const r = source.results;
  return `From [\`${source.file}\`](../${source.file}) (run of ${r.date}, ${fixed(r.durationSeconds)} s; ${machineLine(r)}).${r.sharedMachine ? ` ${SHARED_MACHINE_NOTE}` : ''}`;
}

export function formatMarkdown(sources: Partial<Record<Section, SectionSource>>): string {
  const out: string[] = [];
  out.push('## Latest figures');
  out.push('');
  out.push('Each section comes from the newest committed results file that has it; the file and its run are named under each heading.');
  const intakeSource = sources.intake;
  if (intakeSource?.results.intake) {
    const intake = intakeSource.results.intake;
    out.push('');
    out.push('### Intake');
    out.push('');
    out.push(runLine(intakeSource));
    out.push('');
    out.push(
      `POST /api/v1/complaints on the local runtime, closed loop, after a warm-up of ${intake.warmup.raw} raw transactions and ${intake.warmup.intake} requests. ` +
        '"raw" is the transaction intake sends, `createCase` (idempotency record, case, first audit event, per-address and per-estate rate counts), sent straight to the same DynamoDB Local (a table of the same design and stream). ' +
        'Raw and intake run under the same conditions: before each run the platform is settled (stream consumers caught up, no workflow step busy) and the stream consumers and their pollers are then switched off (as `UpdateEventSourceMapping Enabled=false` would); they alternate in pairs, raw first in one pair and intake first in the next. ' +
        'Each pair gives a ratio; the table shows the median over the pairs and their spread, and the median rates and latencies. ' +
        '"acknowledged/s" runs from the intake requests until the workflow of every complaint had acknowledged it. "intake/s with workflows running" sends the requests once more with everything running at once on the same cores (for information). ' +
        'The intake rate limits stay on (they are part of the work) but are raised so that they never refuse a request. "retried": connections that failed before any response and were sent again with the same Idempotency-Key.',
    );
    out.push('');
    out.push(markdownTable(intakeTable(intake)));
    out.push('');
    out.push(`Target: intake ÷ raw ≥ ${TARGETS.intakeRatio.min} at concurrency ${TARGETS.intakeRatio.atConcurrency}, median of at least 5 pairs, judged unrounded — **${verdict(intake.pass)}**.`);
  }
  const bundleSource = sources.bundles;
  if (bundleSource?.results.bundles) {
    const bundles = bundleSource.results.bundles;
    out.push('');
    out.push('### Lambda bundles');
    out.push('');
    out.push(runLine(bundleSource));
    out.push('');
    out.push(
      `Each of the ${bundles.handlers.length} handlers of \`infra/catalog.ts\` (as it stood at the run) bundled as the CDK stack does (esbuild, ${bundles.target}, minified ESM, nothing external). ` +
        `Load is the wall-clock time of \`await import()\` of the bundle in a fresh \`node ${bundles.nodeOptions.join(' ')}\`, median of ${bundles.loadRuns} runs; ` +
        'load CPU (user + system time of the same imports) is for information. The baseline imports only `DynamoDBClient` and `DynamoDBDocumentClient` (bench/baseline/dynamoDocumentClientOnly.ts).',
    );
    out.push('');
    out.push(markdownTable(bundleTable(bundles)));
    out.push('');
    const budgeted = bundles.verdicts.filter((v) => v.budgeted);
    out.push(
      `Target: each function that serves HTTP requests, runs as a workflow step or consumes the table stream (${budgeted.length} here) ≤ ${TARGETS.bundleSizeRatio.max}× the baseline in size and in load time, judged unrounded; ` +
        `batch functions (scheduled, or invoked asynchronously for a long job; ${bundles.verdicts.length - budgeted.length} here, classified from \`infra/catalog.ts\`) report their figures without a target ([decisions/sdk-clients-in-batch-functions.md](decisions/sdk-clients-in-batch-functions.md)). ` +
        `Within target: ${budgeted.filter((v) => v.pass).length} of ${budgeted.length}.`,
    );
    const misses = overTarget(bundles);
    if (misses.length > 0) {
      out.push('');
      out.push('Over target, with their biggest inputs and what they bundle beyond the baseline (KiB of minified output, from the esbuild metafile):');
      out.push('');
      out.push(
        markdownTable({
          head: ['function', 'over', `top ${TARGETS.contributorsShown} inputs`, 'beyond the baseline'],
          left: [0, 1, 2, 3],
          rows: misses.map((miss) => {
            const handler = bundles.handlers.find((h) => h.name === miss.name)!;
            return [miss.name, miss.reason, miss.contributors.map((c) => `${c.name} ${kb(c.bytes)}`).join(', '), additions(handler, bundles.baseline).slice(0, TARGETS.contributorsShown).map((c) => `${c.name} +${kb(c.bytes)}`).join(', ')];
          }),
        }),
      );
    }
  }
  const lifecycleSource = sources.lifecycle;
  if (lifecycleSource?.results.lifecycle) {
    const l = lifecycleSource.results.lifecycle;
    out.push('');
    out.push('### Full lifecycle');
    out.push('');
    out.push(runLine(lifecycleSource));
    out.push('');
    out.push(
      `The common path (class 1, no claim, satisfied) driven through the API as people would: intake, triage, response, rating after the follow-up, closing. ` +
        `${l.complaints} complaints at concurrency ${l.concurrency}, ${l.timeScale === 'simulated' ? 'on simulated time (each complaint an actor on the clock; time jumps to the follow-up when every complaint waits for it)' : `waits and deadlines ${l.timeScale}× faster`} (follow-up 0.01 day after the response).`,
    );
    out.push('');
    out.push(markdownTable(lifecycleTable(l)));
    out.push('');
    out.push(`Target: ≤ ${TARGETS.transitionsPerComplaint.max} transitions on the common path, counted for every complaint — **${verdict(l.pass)}**.`);
  }
  const pagesSource = sources.pages;
  if (pagesSource?.results.pages) {
    const pages = pagesSource.results.pages;
    out.push('');
    out.push("### Console pages' JavaScript");
    out.push('');
    out.push(runLine(pagesSource));
    out.push('');
    out.push(
      `Each staff console page as the browser loads it (bench/pageBudget.ts): the console's entry and its static imports, the page's chunk with its own, the reader's catalogue and the page's part of it; then what the page loads once it shows (the chart library of the dashboard and the performance page). ${pageBudgetSummary(pages)}.`,
    );
    out.push('');
    out.push(markdownTable(pageBudgetTable(pages)));
    out.push('');
    out.push(`Target: each page, charts included, ≤ ${(pages.budgetGzip / 1024).toFixed(0)} KB gzip — **${verdict(pages.pass)}**. First loads with the HTML and the queue's render time: \`npm run bench:console\` (docs/CONSOLE.md).`);
  }
  const costSource = sources.cost;
  if (costSource?.results.cost) {
    const c = costSource.results.cost;
    out.push('');
    out.push('### Cost per 1,000 complaints');
    out.push('');
    out.push(runLine(costSource));
    out.push('');
    out.push(
      `Every paid unit of each path, metered in the local runtime's hosting layer (\`infra/local/metering.ts\`: one SDK middleware on every client, the Lambda host, stdout) and priced at list price from \`${c.prices.file}\` (${c.prices.region}, recorded ${c.prices.recorded}). ` +
        `Waits ${c.timeScale}× faster, concurrency ${c.concurrency}; staff load the case once before each action; the bench's own waiting reads are not counted. The mix weighs the paths ${Object.entries(c.mix.weights).map(([p, w]) => `${p} ${Math.round(w * 100)}%`).join(', ')}.`,
    );
    out.push('');
    out.push(markdownTable(costTable(c)));
    out.push('');
    out.push('Units per complaint:');
    out.push('');
    out.push(markdownTable(costUnitsTable(c)));
    out.push('');
    out.push(`Target: ≤ $${TARGETS.costPerThousandComplaints.maxUsd.toFixed(2)} per 1,000 complaints of the mix, all in — **${verdict(c.pass)}** ($${c.mix.usdPerThousandComplaints.toFixed(3)}).`);
    out.push(`The biggest share: ${c.dominant.service}, ${(c.dominant.share * 100).toFixed(0)}% of the mix; what would cut it: ${c.dominant.cut}.`);
    const ranked = [...c.mix.services].sort((a, b) => b.usdPerThousandComplaints - a.usdPerThousandComplaints);
    const topTwo = ranked.slice(0, 2);
    const topTwoUsd = topTwo.reduce((sum, s) => sum + s.usdPerThousandComplaints, 0);
    out.push(
      `The two biggest, ${topTwo.map((s) => s.service).join(' and ')}, come to $${topTwoUsd.toFixed(3)} together, ${topTwoUsd > TARGETS.costPerThousandComplaints.maxUsd ? 'already above' : 'within'} the target on their own; ` +
        `the services in order: ${ranked.map((s) => `${s.service} $${s.usdPerThousandComplaints.toFixed(3)}`).join(', ')}.`,
    );
    out.push('');
    out.push(`Not per complaint (monthly, whatever the volume): ${c.fixed.join('; ')}.`);
  }
  return out.join('\n');
}

const DOC_PREAMBLE = `# Benchmarks

\`npm run bench\` measures bundles, intake, the full lifecycle and the cost per 1,000 complaints, writes
\`bench/results/<date>.json\` and prints PASS or MISS against each target. \`npm run bench:doc\`
regenerates the figures below from the committed results files.

`;

/** Replaces the generated section of docs/BENCHMARKS.md (creating the file if needed), keeping the rest. */
export function writeDoc(path: string, sources: Partial<Record<Section, SectionSource>>): void {
  const section = `${DOC_START}\n${formatMarkdown(sources)}\n${DOC_END}`;
  let current = existsSync(path) ? readFileSync(path, 'utf8') : DOC_PREAMBLE;
  current = current.replace(OLD_DOC_START, DOC_START);
  const start = current.indexOf(DOC_START);
  const end = current.indexOf(DOC_END);
  const next = start >= 0 && end > start ? current.slice(0, start) + section + current.slice(end + DOC_END.length) : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next);
}
