/**
 * `npm run bench`: Lambda bundle sizes and load times, then intake throughput
 * on the local runtime, each against its baseline (see docs/BENCHMARKS.md).
 *
 *   npm run bench                   print the tables, write bench/.out/results.json
 *   npm run bench -- --write-doc    also rewrite the results section of docs/BENCHMARKS.md
 *   npm run bench -- --quick        a smoke run with few requests (cannot be combined with --write-doc)
 *
 * Exit status: 0 when the run completed, whether or not targets were met
 * (they print PASS or MISS); 1 on an error (a non-2xx intake response, a
 * complaint never acknowledged, a bundle that fails to load); 2 on bad usage.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBundleBench } from './bundles';
import { type Level, runIntakeBench } from './intake';
import type { LifecycleBenchResult } from './lifecycle';
import { spawnSync } from 'node:child_process';
import { type BenchResults, describeMachine, formatText, judgeBundles, judgeIntake, loadAverageNow, TARGETS, writeDoc } from './report';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT_DIR = join(REPO_ROOT, 'bench', '.out');
const DOC_PATH = join(REPO_ROOT, 'docs', 'BENCHMARKS.md');

/** Sized so the whole bench stays within about five minutes on two cores at today's intake rates. */
const FULL = {
  levels: [
    { concurrency: 1, requests: 150 },
    { concurrency: 8, requests: 400 },
    { concurrency: 32, requests: 400 },
  ] satisfies Level[],
  warmup: { raw: 200, intake: 50 },
  // Fresh imports per bundle, round-robin; with 7 the median moved by about ±0.1× between runs on this machine.
  loadRuns: 11,
  lifecycle: { complaints: 40, concurrency: 8 },
};
const QUICK = {
  levels: FULL.levels.map((level) => ({ ...level, requests: 40 })),
  warmup: { raw: 20, intake: 10 },
  loadRuns: 3,
  lifecycle: { complaints: 8, concurrency: 4 },
};

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

function parseArgs(argv: string[]): { writeDoc: boolean; quick: boolean } {
  const known = new Set(['--write-doc', '--quick']);
  const unknown = argv.filter((arg) => !known.has(arg));
  const writeDoc = argv.includes('--write-doc');
  const quick = argv.includes('--quick');
  if (unknown.length > 0 || (writeDoc && quick)) {
    console.error(`${unknown.length > 0 ? `unknown option(s): ${unknown.join(' ')}` : '--quick figures are not for the doc'}. Usage: npm run bench [-- --write-doc | --quick]`);
    process.exit(2);
  }
  return { writeDoc, quick };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const plan = args.quick ? QUICK : FULL;
  const started = performance.now();
  const date = new Date().toISOString();
  const loadAverageAtStart = loadAverageNow();
  mkdirSync(OUT_DIR, { recursive: true });

  // Bundles first, while nothing else runs on the machine.
  const bundles = judgeBundles(await runBundleBench({ outDir: OUT_DIR, loadRuns: plan.loadRuns, log }));

  // Handler logs would flood the output. The logger reads LOG_LEVEL when its module
  // is first evaluated, so the runtime (which may import it) is loaded only once the level is set.
  process.env.LOG_LEVEL = 'SILENT';
  const { startLocalPlatform } = await import('../infra/local/runtime');
  const runtimeErrors: string[] = [];
  log('starting the local platform (DynamoDB Local in memory)');
  const platform = await startLocalPlatform({
    port: 0,
    mailboxPort: 0,
    dynamoDbPort: 0,
    stepFunctionsPort: 0,
    dataDir: undefined,
    timeScale: 1,
    // Every request comes from 127.0.0.1: the limits still count each one (their cost is part of
    // intake) but must never refuse one, since the bench measures capacity, not the limiter.
    intakeLimits: { perIp: 1_000_000_000, perEstate: 1_000_000_000 },
    // Routine runtime logs are dropped; its errors (a handler that threw, a failed execution) explain a failed run.
    log: (entry) => {
      if (entry.level === 'ERROR' && runtimeErrors.length < 10) runtimeErrors.push(`local runtime: ${JSON.stringify(entry)}`);
    },
  });
  let intake;
  try {
    intake = judgeIntake(await runIntakeBench(platform, { levels: plan.levels, warmup: plan.warmup, log }));
  } finally {
    log('stopping the local platform');
    await platform.stop();
  }

  // Full lifecycle in a process of its own, on simulated time (time jumps to the follow-up when every complaint waits for it).
  log('full lifecycle: starting a second local platform in its own process');
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bench', 'lifecycleRun.ts'), String(plan.lifecycle.complaints), String(plan.lifecycle.concurrency)], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 15 * 60 * 1000,
  });
  const measured = child.status === 0 ? (JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as LifecycleBenchResult) : undefined;
  const lifecycle = measured
    ? { ...measured, pass: measured.complaints > 0 && measured.transitions.max <= TARGETS.transitionsPerComplaint.max }
    : undefined;
  const lifecycleErrors = measured ? measured.errors : [`full-lifecycle bench process failed (exit ${child.status})`];

  const results: BenchResults = {
    date,
    machine: describeMachine(loadAverageAtStart),
    durationSeconds: (performance.now() - started) / 1000,
    targets: TARGETS,
    intake,
    bundles,
    ...(lifecycle ? { lifecycle } : {}),
    // The runtime's own error logs only matter when something failed; alone they are retried, recovered failures.
    errors: [...bundles.errors, ...intake.errors, ...lifecycleErrors, ...(intake.errors.length > 0 ? runtimeErrors : [])],
  };
  writeFileSync(join(OUT_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(formatText(results));
  console.log(`\nresults: ${join('bench', '.out', 'results.json')}`);

  if (results.errors.length > 0) {
    console.error(`\nbench FAILED: ${results.errors.length} error(s); docs/BENCHMARKS.md left as it was`);
    return 1;
  }
  if (args.writeDoc) {
    writeDoc(DOC_PATH, results);
    console.log(`docs/BENCHMARKS.md: results section rewritten`);
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
