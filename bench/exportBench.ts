/**
 * `npm run bench:export -- [--sizes 25000,50000,100000] [--quick] [--keep-files]`
 *
 * The compliance export under load: for each size, the audit trail is grown
 * to that many events (`bench/seedLargeDataset.ts`, in a child process, into
 * one in-memory DynamoDB Local), then the whole group's trail is exported
 * through the local HTTP API exactly as a compliance user would (curl, in its
 * own process, writes the file), and verified (`npm run audit -- verify`).
 *
 * Then the same period as an export job (`POST /api/v1/audit/exports`, polled
 * until done): locally the job function runs in this process too and uploads
 * the file to the S3 emulator (in this process as well) by multipart upload;
 * the file is downloaded through its presigned link and verified.
 *
 * Measured in this process, which hosts the export handler and the job: events
 * per second, and peak RSS above the baseline taken just before each export
 * (after a warm-up export and a GC). Target: under 150 MB above baseline,
 * whatever the size.
 * Results: bench/.out/export-results.json and a table on stdout.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoUsers } from '../infra/local/demoGroup';
import { startDynamoDbLocal } from '../infra/local/dynamodbLocal';
import { freePort } from '../infra/local/ports';
import { startLocalPlatform } from '../infra/local/runtime';
import { verifyExportFile } from '../scripts/audit/verifyExportFile';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT_DIR = join(REPO_ROOT, 'bench', '.out');
const TABLE = 'ExportBench';
const TARGET_MB = 150;
const log = (line: string) => process.stderr.write(`[bench:export] ${line}\n`);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function run(command: string, args: string[], options: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/** Peak RSS and heap of this process while `work` runs, above a baseline taken after a GC. */
async function measuringMemory<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; baseline: number; peak: number; heapPeak: number; heapBaseline: number }> {
  gc();
  await new Promise((r) => setTimeout(r, 200));
  gc();
  const baseline = process.memoryUsage().rss;
  const heapBaseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  let heapPeak = heapBaseline;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    heapPeak = Math.max(heapPeak, usage.heapUsed);
  }, 10);
  const started = performance.now();
  try {
    const value = await work();
    return { value, seconds: (performance.now() - started) / 1000, baseline, peak: Math.max(peak, process.memoryUsage().rss), heapPeak, heapBaseline };
  } finally {
    clearInterval(sampler);
  }
}

interface JobView {
  jobId: string;
  status: string;
  failure?: { code: string; message: string };
  download?: { file: { url: string } };
}

/** Asks for an export job of the period and waits for it to end; answers the finished job. */
async function runExportJob(baseUrl: string, token: string, from: string, to: string): Promise<JobView> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  // A key of its own: the same request without one would be taken as a retry of the previous size's job.
  const created = await fetch(`${baseUrl}/api/v1/audit/exports`, { method: 'POST', headers: { ...headers, 'idempotency-key': `bench-export-${Date.now()}` }, body: JSON.stringify({ from, to, format: 'jsonl' }) });
  if (!created.ok) throw new Error(`POST /api/v1/audit/exports answered ${created.status}: ${await created.text()}`);
  const { jobId } = (await created.json()) as JobView;
  let job: JobView;
  do {
    await new Promise((r) => setTimeout(r, 250));
    const read = await fetch(`${baseUrl}/api/v1/audit/exports/${jobId}`, { headers });
    job = (await read.json()) as JobView;
  } while (job.status === 'queued' || job.status === 'running');
  if (job.status !== 'done' || !job.download) throw new Error(`export job ${job.jobId} ended ${job.status}: ${JSON.stringify(job.failure)}`);
  return job;
}

function gc() {
  (globalThis as { gc?: () => void }).gc?.();
}

async function main() {
  const args = process.argv.slice(2);
  const sizesIndex = args.indexOf('--sizes');
  const sizes = (sizesIndex === -1 ? (args.includes('--quick') ? '2000,4000' : '25000,50000,100000') : args[sizesIndex + 1]!).split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0) || sizes.some((n, i) => i > 0 && n <= sizes[i - 1]!)) {
    console.error('--sizes must be increasing positive whole numbers, e.g. 25000,50000,100000');
    process.exit(2);
  }
  if (!(globalThis as { gc?: unknown }).gc) log('note: run with --expose-gc (the npm script does) for a steadier baseline');
  mkdirSync(OUT_DIR, { recursive: true });

  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  process.env.LOG_LEVEL = 'SILENT';
  const platform = await startLocalPlatform({ port: 0, mailboxPort: 0, dynamoDbPort: 0, stepFunctionsPort: 0, externalDynamoDbEndpoint: dynamo.endpoint, tableName: TABLE, timeScale: 1, scheduledTasks: false, log: () => undefined });
  const token = await platform.issuer.mint(demoUsers.find((u) => u.userId === 'compliance.auditor')!);
  const from = new Date(Date.now() - 400 * 86400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10);
  const exportUrl = `${platform.url}/api/v1/audit/export?from=${from}&to=${to}&format=jsonl`;
  const results: Record<string, unknown>[] = [];
  const jobResults: Record<string, unknown>[] = [];
  try {
    let seeded = 0;
    for (const size of sizes) {
      log(`growing the trail from ${seeded} to ${size} events`);
      await run('npx', ['tsx', 'bench/seedLargeDataset.ts', '--endpoint', dynamo.endpoint, '--table', TABLE, '--events', String(size - seeded), '--months', '12']);
      seeded = size;

      // Warm-up: a small export loads the handler and fills the SDK's connection pool.
      const file = join(OUT_DIR, `export-${size}.jsonl`);
      await run('curl', ['-sS', '-f', '-o', join(OUT_DIR, 'export-warmup.jsonl'), '-H', `authorization: Bearer ${token}`, `${platform.url}/api/v1/audit/export?from=${to}&to=${to.replace(/-\d\d$/, '-28')}&estateId=EST01`], { quiet: true }).catch(() => undefined);
      const streamed = await measuringMemory(() => run('curl', ['-sS', '-f', '-o', file, '-H', `authorization: Bearer ${token}`, exportUrl], { quiet: true }));
      const { seconds, baseline, peak, heapPeak, heapBaseline } = streamed;
      gc();
      const heapAfter = process.memoryUsage().heapUsed;

      const verifyStarted = performance.now();
      const verification = await verifyExportFile(file);
      const verifySeconds = (performance.now() - verifyStarted) / 1000;
      const result = {
        events: verification.count,
        bytes: statSync(file).size,
        exportSeconds: Math.round(seconds * 10) / 10,
        eventsPerSecond: Math.round(verification.count / seconds),
        baselineRssMb: mb(baseline),
        peakRssMb: mb(peak),
        peakAboveBaselineMb: mb(peak - baseline),
        heapPeakAboveBaselineMb: mb(heapPeak - heapBaseline),
        heapRetainedAfterGcMb: mb(heapAfter - heapBaseline),
        withinTarget: mb(peak - baseline) < TARGET_MB,
        verified: verification.problems.length === 0,
        verifyEventsPerSecond: Math.round(verification.count / verifySeconds),
      };
      if (!args.includes('--keep-files')) rmSync(file, { force: true });
      if (!result.verified) log(`verification found ${verification.problems.length} problem(s), first: ${JSON.stringify(verification.problems[0])}`);
      log(`${result.events} events, ${mb(result.bytes)} MB in ${result.exportSeconds} s: ${result.eventsPerSecond} events/s, peak RSS +${result.peakAboveBaselineMb} MB (baseline ${result.baselineRssMb} MB), heap peak +${result.heapPeakAboveBaselineMb} MB, retained after GC ${result.heapRetainedAfterGcMb} MB`);
      results.push(result);

      // The same period as an export job, into S3 (the emulator) by multipart upload.
      const jobRun = await measuringMemory(() => runExportJob(platform.url, token, from, to));
      const jobFile = join(OUT_DIR, `export-job-${size}.jsonl`);
      await run('curl', ['-sS', '-f', '-o', jobFile, jobRun.value.download!.file.url], { quiet: true });
      const jobVerification = await verifyExportFile(jobFile);
      const jobResult = {
        events: jobVerification.count,
        bytes: statSync(jobFile).size,
        exportSeconds: Math.round(jobRun.seconds * 10) / 10,
        eventsPerSecond: Math.round(jobVerification.count / jobRun.seconds),
        baselineRssMb: mb(jobRun.baseline),
        peakRssMb: mb(jobRun.peak),
        peakAboveBaselineMb: mb(jobRun.peak - jobRun.baseline),
        heapPeakAboveBaselineMb: mb(jobRun.heapPeak - jobRun.heapBaseline),
        withinTarget: mb(jobRun.peak - jobRun.baseline) < TARGET_MB,
        verified: jobVerification.problems.length === 0,
      };
      if (!args.includes('--keep-files')) rmSync(jobFile, { force: true });
      if (!jobResult.verified) log(`job file: verification found ${jobVerification.problems.length} problem(s), first: ${JSON.stringify(jobVerification.problems[0])}`);
      log(`export job: ${jobResult.events} events, ${mb(jobResult.bytes)} MB in ${jobResult.exportSeconds} s: ${jobResult.eventsPerSecond} events/s, peak RSS +${jobResult.peakAboveBaselineMb} MB, heap peak +${jobResult.heapPeakAboveBaselineMb} MB`);
      jobResults.push(jobResult);
    }
  } finally {
    await platform.stop();
    await dynamo.stop();
  }
  const report = { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, targetMbAboveBaseline: TARGET_MB, results, jobResults };
  writeFileSync(join(OUT_DIR, 'export-results.json'), JSON.stringify(report, null, 2));
  console.log('\n| events | file | export time | events/s | peak RSS above baseline | verified (events/s) |');
  console.log('|---:|---:|---:|---:|---:|---|');
  for (const r of results as { events: number; bytes: number; exportSeconds: number; eventsPerSecond: number; peakAboveBaselineMb: number; verified: boolean; verifyEventsPerSecond: number }[]) {
    console.log(`| ${r.events.toLocaleString('en')} | ${mb(r.bytes)} MB | ${r.exportSeconds} s | ${r.eventsPerSecond.toLocaleString('en')} | ${r.peakAboveBaselineMb} MB | ${r.verified ? 'yes' : 'NO'} (${r.verifyEventsPerSecond.toLocaleString('en')}) |`);
  }
  console.log('\nExport jobs (multipart upload to the S3 emulator, downloaded through the presigned link):\n');
  console.log('| events | file | job time | events/s | peak RSS above baseline | verified |');
  console.log('|---:|---:|---:|---:|---:|---|');
  for (const r of jobResults as { events: number; bytes: number; exportSeconds: number; eventsPerSecond: number; peakAboveBaselineMb: number; verified: boolean }[]) {
    console.log(`| ${r.events.toLocaleString('en')} | ${mb(r.bytes)} MB | ${r.exportSeconds} s | ${r.eventsPerSecond.toLocaleString('en')} | ${r.peakAboveBaselineMb} MB | ${r.verified ? 'yes' : 'NO'} |`);
  }
  const ok = [...results, ...jobResults].every((r) => r.withinTarget && r.verified);
  console.log(`\n${ok ? 'PASS' : 'MISS'}: peak RSS above baseline ${ok ? 'stays under' : 'does not stay under'} ${TARGET_MB} MB at every size, every export and export job verifies.`);
}

main().catch((error: Error) => {
  console.error(`bench:export failed: ${error.message}`);
  process.exit(1);
});
