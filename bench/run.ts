/**
 * `npm run bench`: Lambda bundle sizes and load times, intake throughput, the
 * full lifecycle and the cost per 1,000 complaints on the local runtime, each
 * against its baseline or target (see docs/BENCHMARKS.md).
 *
 *   npm run bench                          every section; writes bench/results/<date>.json (commit it)
 *   npm run bench -- --only intake,cost    some sections (bundles, intake, lifecycle, cost, pages)
 *   npm run bench -- --write-doc           also regenerate docs/BENCHMARKS.md's figures from bench/results/
 *   npm run bench -- --quick               a smoke run with few requests (bench/.out only, never the doc)
 *   npm run bench:doc                      regenerate the doc's figures from the committed results files only
 *   npm run bench:triage                   only the triage-quality section (bench/triage.ts), in a second
 *
 * Exit status: 0 when the run completed, whether or not targets were met
 * (they print PASS or MISS); 1 on an error (a non-2xx intake response, a
 * complaint never acknowledged, a bundle that fails to load); 2 on bad usage.
 */
import './quietLogs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchPlatform } from './benchPlatform';
import { runBundleBench } from './bundles';
import { buildBrowserAssets } from '../infra/browserBuild';
import { measurePageBudget } from './pageBudget';
import { type Level, runIntakeBench } from './intake';
import type { LifecycleBenchResult } from './lifecycle';
import { spawnSync } from 'node:child_process';
import type { CostBenchResult } from './cost';
import { type BenchResults, describeMachine, formatText, judgeBundles, judgeIntake, judgeLifecycle, loadAverageNow, TARGETS, writeDoc } from './report';
import { latestSections, type Section, SECTIONS, writeResultsFile } from './results';
import { formatTriage, runTriageBench, type TriageBenchResult, writeTriageDoc } from './triage';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT_DIR = join(REPO_ROOT, 'bench', '.out');
const DOC_PATH = join(REPO_ROOT, 'docs', 'BENCHMARKS.md');

/** Sized so the whole bench stays within about ten minutes on two cores. */
const FULL = {
  // Raw and intake alternate in pairs of this many requests each (at least 5 pairs).
  levels: [
    { concurrency: 1, requests: 40, pairs: 5 },
    { concurrency: 8, requests: 120, pairs: 7 },
    { concurrency: 32, requests: 120, pairs: 5 },
  ] satisfies Level[],
  warmup: { raw: 200, intake: 50 },
  // Fresh imports per bundle, round-robin; with 7 the median moved by about ±0.1× between runs on this machine.
  loadRuns: 11,
  lifecycle: { complaints: 24, concurrency: 8 },
  // Complaints on the common path, on each other path, and the concurrency.
  cost: { common: 12, others: 6, concurrency: 4 },
};
const QUICK = {
  levels: FULL.levels.map((level) => ({ ...level, requests: 20, pairs: 5 })),
  warmup: { raw: 20, intake: 10 },
  loadRuns: 3,
  lifecycle: { complaints: 8, concurrency: 4 },
  cost: { common: 2, others: 1, concurrency: 2 },
};

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

function parseArgs(argv: string[]): { writeDoc: boolean; quick: boolean; sections: Section[] } {
  const usage = 'Usage: npm run bench [-- --write-doc | --quick] [--only bundles,intake,lifecycle,cost,pages]';
  let sections: Section[] = [...SECTIONS];
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--write-doc' || arg === '--quick') continue;
    if (arg === '--only' || arg.startsWith('--only=')) {
      const list = arg === '--only' ? (argv[++i] ?? '') : arg.slice('--only='.length);
      sections = list.split(',').filter(Boolean) as Section[];
      const bad = sections.filter((name) => !SECTIONS.includes(name));
      if (bad.length > 0 || sections.length === 0) unknown.push(`--only ${list}`);
      continue;
    }
    unknown.push(arg);
  }
  const writeDoc = argv.includes('--write-doc');
  const quick = argv.includes('--quick');
  if (unknown.length > 0 || (writeDoc && quick)) {
    console.error(`${unknown.length > 0 ? `unknown option(s): ${unknown.join(' ')}` : '--quick figures are not for the doc'}. ${usage}`);
    process.exit(2);
  }
  return { writeDoc, quick, sections };
}

/** Runs a bench module in a process of its own (a fresh local platform, handlers with fresh clients); its last stdout line is its JSON result. */
function childResult<T>(script: string, args: (string | number)[]): T | undefined {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bench', script), ...args.map(String)], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 20 * 60 * 1000,
  });
  return child.status === 0 ? (JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as T) : undefined;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const plan = args.quick ? QUICK : FULL;
  const started = performance.now();
  const date = new Date().toISOString();
  const loadAverageAtStart = loadAverageNow();
  mkdirSync(OUT_DIR, { recursive: true });

  const has = (section: Section) => args.sections.includes(section);
  const errors: string[] = [];

  // Bundles first, while nothing else of the bench runs on the machine.
  const bundles = has('bundles') ? judgeBundles(await runBundleBench({ outDir: OUT_DIR, loadRuns: plan.loadRuns, log })) : undefined;
  if (bundles) errors.push(...bundles.errors);

  // The console pages' JavaScript: one browser build, measured from its metafile (a few seconds, nothing running).
  const pages = has('pages') ? measurePageBudget(buildBrowserAssets(join(OUT_DIR, 'browser-assets'))) : undefined;

  let intake: BenchResults['intake'];
  if (has('intake')) {
    // Handler logs are off (bench/quietLogs.ts, imported first).
    log('starting the local platform (DynamoDB Local in memory)');
    // Real time. Every request comes from 127.0.0.1: the raised intake limits count each one (their cost is part of intake).
    const { platform, runtimeErrors } = await startBenchPlatform({ timeScale: 1 });
    try {
      intake = judgeIntake(await runIntakeBench(platform, { levels: plan.levels, warmup: plan.warmup, log }));
    } finally {
      log('stopping the local platform');
      await platform.stop();
    }
    errors.push(...intake.errors, ...(intake.errors.length > 0 ? runtimeErrors : []));
  }

  let lifecycle: BenchResults['lifecycle'];
  if (has('lifecycle')) {
    // Full lifecycle in a process of its own, on simulated time (time jumps to the follow-up when every complaint waits for it).
    log('full lifecycle: starting a local platform in its own process');
    const measured = childResult<LifecycleBenchResult>('lifecycleRun.ts', [plan.lifecycle.complaints, plan.lifecycle.concurrency]);
    lifecycle = measured ? judgeLifecycle(measured) : undefined;
    errors.push(...(measured ? measured.errors : ['full-lifecycle bench process failed']));
  }

  let cost: CostBenchResult | undefined;
  if (has('cost')) {
    log('cost per 1,000 complaints: starting a metered local platform in its own process');
    cost = childResult<CostBenchResult>('costRun.ts', [plan.cost.common, plan.cost.others, plan.cost.concurrency]);
    errors.push(...(cost ? cost.errors : ['cost bench process failed']));
  }

  const results: BenchResults & { triage: TriageBenchResult } = {
    date,
    machine: describeMachine(loadAverageAtStart),
    // This repository's bench runs on a machine shared by several engineers; a quiet rerun sets BENCH_QUIET_MACHINE=1.
    sharedMachine: process.env.BENCH_QUIET_MACHINE !== '1',
    durationSeconds: (performance.now() - started) / 1000,
    targets: TARGETS,
    sections: args.sections,
    ...(intake ? { intake } : {}),
    ...(bundles ? { bundles } : {}),
    ...(lifecycle ? { lifecycle } : {}),
    ...(cost ? { cost } : {}),
    ...(pages ? { pages } : {}),
    // Triage quality (pure, a second, every run): precision and recall of the rules' proposals on the labelled corpus.
    triage: runTriageBench(),
    errors,
  };
  writeFileSync(join(OUT_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(formatText(results));
  console.log(`\n${formatTriage(results.triage)}`);
  console.log(`\nresults: ${join('bench', '.out', 'results.json')}`);

  if (results.errors.length > 0) {
    console.error(`\nbench FAILED: ${results.errors.length} error(s); no results file written, docs/BENCHMARKS.md left as it was`);
    return 1;
  }
  if (!args.quick) console.log(`results file (commit it): ${writeResultsFile(results)}`);
  if (args.writeDoc) {
    writeDoc(DOC_PATH, latestSections());
    writeTriageDoc(results.triage);
    console.log('docs/BENCHMARKS.md: figures regenerated from bench/results/');
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('bench FAILED:', error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
