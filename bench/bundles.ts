/**
 * Lambda bundles: builds every function of infra/catalog.ts with esbuild the
 * way the CDK stack does (infra/constructs/platformFunctions.ts), plus a
 * baseline handler that imports only the DynamoDB clients, then measures each
 * bundle's minified size and how long a fresh Node process takes to import it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildFailure, type Metafile } from 'esbuild';
import { httpRoutes, type LambdaFunctionName, type LambdaSpec, lambdaFunctions, streamingRoutes } from '../infra/catalog';
import { lifecycleFunctionNames } from '../workflows/complaintLifecycle';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BASELINE_NAME = 'baseline (DynamoDB clients only)';
const BASELINE_ENTRY = 'bench/baseline/dynamoDocumentClientOnly.ts';

/**
 * The bundling options of `PlatformFunctions` (infra/constructs/platformFunctions.ts), as the
 * NodejsFunction construct turns them into esbuild arguments. Mirrored rather than imported,
 * so the bench does not load aws-cdk-lib; keep the two in step.
 */
export const LAMBDA_BUNDLING = {
  /** NodejsFunction derives the target from the runtime: nodejs24.x → node24. */
  target: 'node24',
  /** NODE_OPTIONS of every function: source maps are read when the module loads. */
  nodeOptions: ['--enable-source-maps'],
  banner: "import { createRequire as __cjsCreateRequire } from 'node:module'; const require = __cjsCreateRequire(import.meta.url);",
} as const;

/**
 * What a function is for, read from the catalog (and the one state machine): whether someone waits on its cold start.
 * `http` (a route of the HTTP API or a function URL), `workflow-step` (a task of the lifecycle), `table-stream`
 * (a consumer of the case table's stream) are on the path of a person's request or of a case's progress, and are
 * held to the bundle budget; `batch` (scheduled, invoked asynchronously for a long job, or by an operator's hand) reports its figures
 * without a target (docs/decisions/sdk-clients-in-batch-functions.md).
 */
export type FunctionRole = 'http' | 'workflow-step' | 'table-stream' | 'batch';

export function functionRoles(name: LambdaFunctionName): FunctionRole[] {
  const spec: LambdaSpec = lambdaFunctions[name];
  const roles: FunctionRole[] = [];
  if ([...httpRoutes, ...streamingRoutes].some((route) => route.function === name)) roles.push('http');
  if (lifecycleFunctionNames().includes(name)) roles.push('workflow-step');
  if (spec.tableStream) roles.push('table-stream');
  if (spec.schedule || spec.asyncInvocation || spec.invokedByHand) roles.push('batch');
  return roles;
}

/** Held to the bundle budget: it serves a request, runs as a workflow step or consumes the stream (even if it is also scheduled). */
export function hasBundleBudget(name: LambdaFunctionName): boolean {
  const roles = functionRoles(name);
  if (roles.length === 0) throw new Error(`${name}: the catalog gives it no route, workflow state, stream or schedule; say what it is for`);
  return roles.some((role) => role !== 'batch');
}

export interface InputShare {
  /** An npm package, or a folder of this repository. */
  name: string;
  bytes: number;
}

export interface BundleMeasurement {
  name: string;
  entry: string;
  /** From the catalog; the baseline has none. */
  roles: FunctionRole[];
  /** Held to the size and load budget (see `hasBundleBudget`). */
  budgeted: boolean;
  /** Minified JavaScript, without the separate .map file. */
  bytes: number;
  gzipBytes: number;
  /** Median wall-clock time of `await import(bundle)` in a fresh `node` process: the figure judged. */
  loadMs: number;
  loadRunsMs: number[];
  /**
   * Median CPU time (user + system, all threads) of the same imports: less disturbed than
   * wall-clock time when other work shares the machine.
   */
  loadCpuMs: number;
  loadCpuRunsMs: number[];
  /** What the bundle is made of, biggest first (esbuild metafile, bytes in the output). */
  contributors: InputShare[];
}

export interface BundleBenchResult {
  target: string;
  nodeOptions: readonly string[];
  loadRuns: number;
  baseline: BundleMeasurement;
  handlers: BundleMeasurement[];
  /** Functions that could not be bundled or loaded (they are left out of `handlers`). */
  errors: string[];
}

interface Built {
  name: string;
  entry: string;
  file: string;
  bytes: number;
  gzipBytes: number;
  contributors: InputShare[];
}

async function bundle(name: string, entry: string, outDir: string): Promise<Built> {
  const outfile = join(outDir, name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, ''), 'index.mjs');
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [resolve(REPO_ROOT, entry)],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    platform: 'node',
    target: LAMBDA_BUNDLING.target,
    format: 'esm',
    mainFields: ['module', 'main'],
    external: [],
    banner: { js: LAMBDA_BUNDLING.banner },
    metafile: true,
    // Failures are reported with the run's errors; warnings are not the bench's business.
    logLevel: 'silent',
  });
  const code = readFileSync(outfile);
  return { name, entry, file: outfile, bytes: code.length, gzipBytes: gzipSync(code).length, contributors: contributors(result.metafile, outfile) };
}

function buildFailureText(reason: unknown): string {
  const first = (reason as Partial<BuildFailure>).errors?.[0];
  if (!first) return (reason as Error).message;
  return `${first.text}${first.location ? ` (${first.location.file}:${first.location.line})` : ''}`;
}

/** Sums the output bytes of each input by npm package (or by folder, for this repository's own files). */
function contributors(metafile: Metafile, outfile: string): InputShare[] {
  const output = Object.entries(metafile.outputs).find(([path]) => resolve(REPO_ROOT, path) === outfile)?.[1];
  if (!output) return [];
  const totals = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const key = ownerOf(path);
    totals.set(key, (totals.get(key) ?? 0) + bytesInOutput);
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

function ownerOf(inputPath: string): string {
  const marker = 'node_modules/';
  const at = inputPath.lastIndexOf(marker);
  if (at >= 0) {
    const parts = inputPath.slice(at + marker.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? inputPath);
  }
  const path = relative(REPO_ROOT, resolve(REPO_ROOT, inputPath));
  return `${path.split('/').slice(0, -1).join('/') || '.'}/ (this repository)`;
}

/** The environment a function has in AWS, so module-level code runs as it would there. */
function lambdaLikeEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    CASE_TABLE_NAME: 'ComplaintCases',
    COMPLAINT_LIFECYCLE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:ComplaintLifecycle',
    SENDER_EMAIL: 'complaints@demo-group.example',
    PUBLIC_BASE_URL: 'https://complaints.example',
    SERVICE_NAME: 'complaint-platform',
    LOG_LEVEL: 'SILENT',
  };
  return env;
}

const LOAD_SCRIPT = [
  // What the Node.js runtime of Lambda defines before loading a handler (response streaming); a stand-in, not timed.
  'globalThis.awslambda ??= { streamifyResponse: (handler) => handler, HttpResponseStream: { from: (stream) => stream } };',
  'const cpuBefore = process.cpuUsage();',
  'const started = process.hrtime.bigint();',
  'await import(process.argv[1]);',
  'const ms = Number(process.hrtime.bigint() - started) / 1e6;',
  'const cpu = process.cpuUsage(cpuBefore);',
  'process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000 }));',
].join('\n');

interface ImportTiming {
  ms: number;
  cpuMs: number;
}

/** Wall-clock and CPU time of `await import(file)` in a new Node process (with the functions' NODE_OPTIONS as flags). */
function timeImport(file: string): Promise<ImportTiming> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...LAMBDA_BUNDLING.nodeOptions, '--input-type=module', '-e', LOAD_SCRIPT, pathToFileURL(file).href], {
      env: lambdaLikeEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`importing ${relative(REPO_ROOT, file)} failed (exit ${code}): ${stderr.trim().slice(0, 2000)}`));
      try {
        resolvePromise(JSON.parse(stdout) as ImportTiming);
      } catch {
        reject(new Error(`importing ${relative(REPO_ROOT, file)} printed no timing: ${stdout.slice(0, 500)} ${stderr.slice(0, 500)}`));
      }
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function runBundleBench(options: { outDir: string; loadRuns: number; log: (line: string) => void }): Promise<BundleBenchResult> {
  const bundlesDir = join(options.outDir, 'bundles');
  rmSync(bundlesDir, { recursive: true, force: true });
  mkdirSync(bundlesDir, { recursive: true });

  options.log(`bundling ${Object.keys(lambdaFunctions).length} functions and the baseline (esbuild, ${LAMBDA_BUNDLING.target}, minified ESM)`);
  const errors: string[] = [];
  const baselineBuilt = await bundle(BASELINE_NAME, BASELINE_ENTRY, bundlesDir);
  const settled = await Promise.allSettled(Object.entries(lambdaFunctions).map(([name, spec]) => bundle(name, spec.entry, bundlesDir)));
  const built = [baselineBuilt];
  for (const [i, outcome] of settled.entries()) {
    if (outcome.status === 'fulfilled') built.push(outcome.value);
    else errors.push(`bundling ${Object.keys(lambdaFunctions)[i]}: ${buildFailureText(outcome.reason)}`);
  }

  // One unmeasured import each (disk cache; a bundle that cannot load is reported here), then
  // round-robin runs so a slow moment of the machine falls on every bundle alike.
  options.log(`timing module load: ${options.loadRuns} fresh processes per bundle`);
  for (const b of [...built]) {
    try {
      await timeImport(b.file);
    } catch (error) {
      if (b === baselineBuilt) throw error;
      errors.push((error as Error).message);
      built.splice(built.indexOf(b), 1);
    }
  }
  const runs = new Map<string, ImportTiming[]>(built.map((b) => [b.name, []]));
  for (let round = 0; round < options.loadRuns; round++) {
    for (const b of built) runs.get(b.name)!.push(await timeImport(b.file));
  }

  const measured: BundleMeasurement[] = built.map((b) => {
    const timings = runs.get(b.name)!;
    const loadRunsMs = timings.map((t) => t.ms);
    const loadCpuRunsMs = timings.map((t) => t.cpuMs);
    const isBaseline = b === baselineBuilt;
    return {
      name: b.name,
      entry: b.entry,
      roles: isBaseline ? [] : functionRoles(b.name as LambdaFunctionName),
      budgeted: isBaseline ? false : hasBundleBudget(b.name as LambdaFunctionName),
      bytes: b.bytes,
      gzipBytes: b.gzipBytes,
      loadMs: median(loadRunsMs),
      loadRunsMs,
      loadCpuMs: median(loadCpuRunsMs),
      loadCpuRunsMs,
      contributors: b.contributors,
    };
  });
  const [baseline, ...handlers] = measured as [BundleMeasurement, ...BundleMeasurement[]];
  return { target: LAMBDA_BUNDLING.target, nodeOptions: LAMBDA_BUNDLING.nodeOptions, loadRuns: options.loadRuns, baseline, handlers, errors };
}
