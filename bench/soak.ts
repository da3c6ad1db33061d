/**
 * `npm run soak`: the reliability suite (issue 17, docs/RELIABILITY.md). Runs
 * `npm start` as a user does, in its own process group on loopback ports and
 * its own data folders, and checks that stopping, crashing and restarting never
 * lose a case, never email a complainant twice and never leave an email in doubt:
 *
 *   load      N complaints at concurrency C, with R same-key retries (half at the same
 *             moment as the first attempt), workflows running; intake throughput and p99
 *   group-kill   kill -9 of the whole process group with K cases in flight, then restart
 *   runtime-kill kill -9 of the runtime alone with K cases in flight, then restart
 *   ctrl-c    five Ctrl-C (SIGINT to the group) restarts while emails are being sent
 *   faults    20% of mail sends refused, 10% of task invocations failing, DynamoDB
 *             throttling a share of writes (injected in the hosting layer: LOCAL_FAULTS)
 *
 * Bounded: every wait has a deadline, every count is fixed. Flags scale it down:
 *   --quick (100 complaints, 20 retries, 20 in flight, concurrency 20, 2 restarts)
 *   --complaints N --concurrency C --retries R --in-flight K --restarts M --only a,b
 * Writes bench/results/soak-<date>-<run>.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../infra/local/dynamodbLocal';
import {
  aResidentComplaint,
  duplicateEmails,
  errorLines,
  errorLinesOfStop,
  inspectStoredState,
  type PlatformPorts,
  type PlatformProcess,
  readReceivedMail,
  startPlatformProcess,
  type StoredState,
} from '../infra/local/platformProcess';
import { freePort } from '../infra/local/ports';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const quick = flag('quick');
const settings = {
  complaints: option('complaints', quick ? 100 : 1000),
  concurrency: option('concurrency', quick ? 20 : 50),
  retries: option('retries', quick ? 20 : 200),
  inFlight: option('in-flight', quick ? 20 : 100),
  restarts: option('restarts', quick ? 2 : 5),
  perRestart: option('per-restart', 15),
  faultComplaints: option('fault-complaints', quick ? 40 : 200),
};
const only = (() => {
  const at = argv.indexOf('--only');
  return at >= 0 ? new Set(argv[at + 1]!.split(',')) : undefined;
})();
const runName = `${quick ? 'quick' : argv.some((a) => a.startsWith('--') && a !== '--only') ? 'custom' : 'full'}${only ? `-${[...only].join('+')}` : ''}`;

/** Waits are bounded; these are generous for a loaded 2-core machine. */
const SETTLE_MS = Number(process.env.SOAK_SETTLE_MS ?? 300_000);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const env = {
  TIME_SCALE: '60',
  INTAKE_LIMIT_PER_IP: '100000000',
  INTAKE_LIMIT_PER_ESTATE: '100000000',
  LOG_LEVEL: 'WARN',
  // Refused emails come back within seconds rather than the production 30 s and up (the soak is bounded in time).
  EMAIL_OUTBOX: JSON.stringify({ retryBaseSeconds: 1, retryMaxSeconds: 5 }),
};

const say = (message: string) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${message}`);
const folders: string[] = [];
const running = new Set<PlatformProcess>();

async function newPorts(): Promise<PlatformPorts> {
  return { PORT: await freePort(), MAILBOX_PORT: await freePort(), DYNAMODB_PORT: await freePort(), STEPFUNCTIONS_PORT: await freePort(), S3_PORT: await freePort() };
}

async function start(dataDir: string, ports: PlatformPorts, extraEnv: Record<string, string> = {}): Promise<PlatformProcess> {
  const began = Date.now();
  const platform = await startPlatformProcess({ dataDir, ports, env: { ...env, ...extraEnv } });
  running.add(platform);
  void platform.exited.then(() => running.delete(platform));
  say(`platform up in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  return platform;
}

/** Ctrl-C to the group; the ERROR lines logged by the stop itself, and those of the whole run before it. */
async function stopInOrder(platform: PlatformProcess): Promise<{ errorLines: string[]; errorLinesBeforeStop: number; stoppedCleanly: boolean }> {
  platform.signalGroup('SIGINT');
  await platform.exited;
  const ofStop = errorLinesOfStop(platform.output());
  return { errorLines: ofStop, errorLinesBeforeStop: errorLines(platform.output()).length - ofStop.length, stoppedCleanly: platform.output().includes('Stopped.') };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = SETTLE_MS): Promise<{ value: T; ms: number; timedOut: boolean }> {
  const began = Date.now();
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return { value, ms: Date.now() - began, timedOut: false };
    if (Date.now() - began > ms) return { value: value ?? (await read()), ms: Date.now() - began, timedOut: true };
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The case table with the platform down (DynamoDB Local alone on the folder: no recovery pass runs). */
async function storedWhileStopped(dataDir: string): Promise<StoredState> {
  const dynamo = await startDynamoDbLocal({ port: await freePort(), dataDir });
  try {
    return await inspectStoredState(dynamo.endpoint);
  } finally {
    await dynamo.stop();
  }
}

interface Submission {
  key: string;
  n: number;
}
interface Answer {
  status: number;
  id?: string;
  ms: number;
}

async function submit(platform: PlatformProcess, submission: Submission, retryServerErrors = false): Promise<Answer> {
  for (let attempt = 1; ; attempt += 1) {
    const began = performance.now();
    let status = 0;
    let id: string | undefined;
    try {
      const response = await fetch(`${platform.url}/api/v1/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': submission.key },
        body: JSON.stringify(aResidentComplaint(submission.n)),
        signal: AbortSignal.timeout(60_000),
      });
      status = response.status;
      id = ((await response.json()) as { id?: string }).id;
    } catch {
      status = 0;
    }
    const ms = performance.now() - began;
    // A client that got a 5xx (or no answer) sends the same request again with the same key, as the API asks.
    if (retryServerErrors && (status >= 500 || status === 0) && attempt < 8) {
      await new Promise((r) => setTimeout(r, 200 * attempt));
      continue;
    }
    return { status, ms, ...(id ? { id } : {}) };
  }
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const round = (n: number) => Math.round(n * 10) / 10;

async function emailFigures(platform: PlatformProcess) {
  const received = await readReceivedMail(platform.mailboxUrl);
  return { received: received.length, acknowledgementsReceived: received.filter((e) => e.tags?.notification === 'acknowledgement').length, duplicates: duplicateEmails(received) };
}

/** The settled state: every case acknowledged once (sent and received), nothing sending, nothing with a person. */
const settledFor = (cases: number) => (s: StoredState) => s.cases >= cases && s.acknowledgementsSent >= cases && s.sending.length === 0;

function verdict(figures: { casesLost: number; emailedTwice: number; inDoubtAfterOrderlyStop?: number; notInExpectedState: number; errorLinesOnOrderlyStop?: number; timedOut: boolean }) {
  return (
    figures.casesLost === 0 &&
    figures.emailedTwice === 0 &&
    (figures.inDoubtAfterOrderlyStop ?? 0) === 0 &&
    figures.notInExpectedState === 0 &&
    (figures.errorLinesOnOrderlyStop ?? 0) === 0 &&
    !figures.timedOut
  );
}

/** Every case acknowledged and resting on triage (`acknowledged`); nothing else is expected within the soak's time. */
const notInExpectedState = (s: StoredState) => s.cases - (s.casesByStatus.acknowledged ?? 0);

function folder(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `complaints-soak-${name}-`));
  folders.push(dir);
  return dir;
}

// ---------------------------------------------------------------------------

async function loadWithRetries() {
  say(`load: ${settings.complaints} complaints at concurrency ${settings.concurrency}, ${settings.retries} same-key retries`);
  const dataDir = folder('load');
  const platform = await start(dataDir, await newPorts());
  const submissions: Submission[] = Array.from({ length: settings.complaints }, (_, i) => ({ key: `soak-load-${i + 1}`, n: i + 1 }));
  const retried = new Set(submissions.filter((_, i) => i % Math.max(1, Math.floor(settings.complaints / Math.max(1, settings.retries))) === 0).slice(0, settings.retries).map((s) => s.key));
  const originals = new Map<string, Answer>();
  const retryAnswers: { key: string; answer: Answer; concurrent: boolean }[] = [];
  let retryIndex = 0;
  const began = performance.now();
  await pool(submissions, settings.concurrency, async (submission) => {
    const isRetried = retried.has(submission.key);
    const concurrent = isRetried && retryIndex++ % 2 === 0;
    // Half the retries go at the same moment as the first attempt, half after it was answered.
    const [first, parallel] = await Promise.all([submit(platform, submission), concurrent ? submit(platform, submission) : Promise.resolve(undefined)]);
    originals.set(submission.key, first);
    if (parallel) retryAnswers.push({ key: submission.key, answer: parallel, concurrent: true });
    else if (isRetried) retryAnswers.push({ key: submission.key, answer: await submit(platform, submission), concurrent: false });
  });
  const intakeSeconds = (performance.now() - began) / 1000;
  const requests = settings.complaints + retryAnswers.length;
  const latencies = [...originals.values(), ...retryAnswers.map((r) => r.answer)].map((a) => a.ms);
  const created = [...originals.values()].filter((a) => a.status === 201).length;
  const retriesWithOriginal = retryAnswers.filter((r) => r.answer.id !== undefined && r.answer.id === originals.get(r.key)?.id).length;
  const serverErrors = [...originals.values(), ...retryAnswers.map((r) => r.answer)].filter((a) => a.status >= 500 || a.status === 0).length;
  say(`load: intake done in ${intakeSeconds.toFixed(1)} s; waiting for every acknowledgement`);
  const settled = await until(() => inspectStoredState(platform.dynamoDbEndpoint), settledFor(settings.complaints));
  const emails = await emailFigures(platform);
  const stop = await stopInOrder(platform);
  const afterStop = await storedWhileStopped(dataDir);
  const figures = {
    complaints: settings.complaints,
    concurrency: settings.concurrency,
    retries: retryAnswers.length,
    concurrentRetries: retryAnswers.filter((r) => r.concurrent).length,
    intake: {
      requests,
      seconds: round(intakeSeconds),
      requestsPerSecond: round(requests / intakeSeconds),
      p50Ms: Math.round(percentile(latencies, 50)),
      p99Ms: Math.round(percentile(latencies, 99)),
      maxMs: Math.round(Math.max(...latencies)),
    },
    created,
    retriesAnsweredWithOriginal: retriesWithOriginal,
    responsesAtLeast500: serverErrors,
    casesStored: settled.value.cases,
    casesLost: settings.complaints - settled.value.cases,
    acknowledgementsSent: settled.value.acknowledgementsSent,
    acknowledgementsReceived: emails.acknowledgementsReceived,
    emailedTwice: emails.duplicates.length,
    lastAcknowledgementAfterSeconds: round((settled.ms + intakeSeconds * 1000) / 1000),
    notInExpectedState: notInExpectedState(settled.value),
    casesByStatus: settled.value.casesByStatus,
    inDoubtAfterOrderlyStop: afterStop.sending.length,
    errorLinesOnOrderlyStop: stop.errorLines.length,
    errorLinesDuringLoad: stop.errorLinesBeforeStop,
    timedOut: settled.timedOut,
  };
  return { ...figures, passed: verdict(figures) && retriesWithOriginal === retryAnswers.length && serverErrors === 0 && created === settings.complaints };
}

async function killWithCasesInFlight(kind: 'group-kill' | 'runtime-kill') {
  say(`${kind}: kill -9 of ${kind === 'group-kill' ? 'the whole process group' : 'the runtime alone'} with ${settings.inFlight} cases in flight`);
  const dataDir = folder(kind);
  const ports = await newPorts();
  const first = await start(dataDir, ports);
  const submissions: Submission[] = Array.from({ length: settings.inFlight }, (_, i) => ({ key: `soak-${kind}-${i + 1}`, n: 10_000 + i }));
  // A complaint answered 5xx (the machine too busy to answer within the function's timeout) is sent again, same key, as a client does.
  const answers = await Promise.all(submissions.map((s) => submit(first, s, true)));
  const created = answers.filter((a) => a.status === 201).length;
  // Killed while the acknowledgements are going out: some sent, some being sent, the rest still on their way.
  await until(async () => (await emailFigures(first)).acknowledgementsReceived, (count) => count >= 1, 60_000);
  const atKill = await inspectStoredState(first.dynamoDbEndpoint);
  const javaPid = first.dynamoDbPid();
  if (kind === 'group-kill') first.signalGroup('SIGKILL');
  else process.kill(first.runtimePid()!, 'SIGKILL');
  await first.exited;
  const restartBegan = Date.now();
  const second = await start(dataDir, ports);
  const restartSeconds = (Date.now() - restartBegan) / 1000;
  const settled = await until(() => inspectStoredState(second.dynamoDbEndpoint), settledFor(created));
  const emails = await emailFigures(second);
  const recoveryLine = second.output().split('\n').find((line) => line.includes('interrupted emails resolved by the mailbox receipt check'));
  const resolvedByReceiptCheck = recoveryLine ? Number((JSON.parse(recoveryLine) as { resolved?: number }).resolved ?? 0) : 0;
  const stop = await stopInOrder(second);
  const afterStop = await storedWhileStopped(dataDir);
  const figures = {
    casesInFlight: settings.inFlight,
    created,
    acknowledgedBeforeKill: atKill.acknowledgementsSent,
    emailsSendingAtKill: atKill.sending.length,
    resolvedByReceiptCheckAtRestart: resolvedByReceiptCheck,
    dynamoDbLocalPidBeforeKill: javaPid,
    restartSeconds: round(restartSeconds),
    casesLost: created - settled.value.cases,
    acknowledgementsSent: settled.value.acknowledgementsSent,
    acknowledgementsReceived: emails.acknowledgementsReceived,
    emailedTwice: emails.duplicates.length,
    casesWithEmailAttention: settled.value.casesWithEmailAttention,
    notInExpectedState: notInExpectedState(settled.value),
    settledSecondsAfterRestart: round(settled.ms / 1000),
    inDoubtAfterOrderlyStop: afterStop.sending.length,
    errorLinesOnOrderlyStop: stop.errorLines.length,
    timedOut: settled.timedOut,
  };
  return { ...figures, passed: verdict(figures) && figures.casesWithEmailAttention === 0 && created === settings.inFlight };
}

async function ctrlCRestarts() {
  say(`ctrl-c: ${settings.restarts} Ctrl-C restarts, ${settings.perRestart} complaints each, stopped while their emails are being sent`);
  const dataDir = folder('ctrl-c');
  const ports = await newPorts();
  const cycles: { errorLines: number; stoppedCleanly: boolean; sendingAfterStop: number; acknowledgedAtStop: number }[] = [];
  let n = 20_000;
  for (let cycle = 0; cycle < settings.restarts; cycle += 1) {
    const platform = await start(dataDir, ports);
    const before = (await emailFigures(platform)).acknowledgementsReceived;
    await Promise.all(Array.from({ length: settings.perRestart }, () => submit(platform, { key: `soak-ctrl-c-${n}`, n: n++ }, true)));
    // Stop while acknowledgements are going out: after the first of this cycle's has arrived.
    await until(async () => (await emailFigures(platform)).acknowledgementsReceived, (count) => count > before, 60_000);
    const stop = await stopInOrder(platform);
    const after = await storedWhileStopped(dataDir);
    cycles.push({ errorLines: stop.errorLines.length, stoppedCleanly: stop.stoppedCleanly, sendingAfterStop: after.sending.length, acknowledgedAtStop: after.acknowledgementsSent });
    if (stop.errorLines.length > 0) say(`ctrl-c: ERROR lines on stop: ${stop.errorLines.slice(0, 3).join(' | ')}`);
  }
  const total = settings.restarts * settings.perRestart;
  const last = await start(dataDir, ports);
  const settled = await until(() => inspectStoredState(last.dynamoDbEndpoint), settledFor(total));
  const emails = await emailFigures(last);
  const stop = await stopInOrder(last);
  const figures = {
    restarts: settings.restarts,
    complaints: total,
    cycles,
    casesLost: total - settled.value.cases,
    acknowledgementsSent: settled.value.acknowledgementsSent,
    acknowledgementsReceived: emails.acknowledgementsReceived,
    emailedTwice: emails.duplicates.length,
    casesWithEmailAttention: settled.value.casesWithEmailAttention,
    inDoubtAfterOrderlyStop: cycles.reduce((sum, c) => sum + c.sendingAfterStop, 0),
    errorLinesOnOrderlyStop: cycles.reduce((sum, c) => sum + c.errorLines, 0) + stop.errorLines.length,
    notInExpectedState: notInExpectedState(settled.value),
    timedOut: settled.timedOut,
  };
  return { ...figures, passed: verdict(figures) && figures.casesWithEmailAttention === 0 && cycles.every((c) => c.stoppedCleanly) };
}

async function injectedFaults() {
  const faults = { mailRefusalRate: 0.2, taskFailureRate: 0.1, dynamoThrottleRate: 0.05 };
  say(`faults: ${settings.faultComplaints} complaints with ${JSON.stringify(faults)}`);
  const dataDir = folder('faults');
  const ports = await newPorts();
  const platform = await start(dataDir, ports, { LOCAL_FAULTS: JSON.stringify(faults) });
  const submissions: Submission[] = Array.from({ length: settings.faultComplaints }, (_, i) => ({ key: `soak-faults-${i + 1}`, n: 30_000 + i }));
  const answers: Answer[] = [];
  await pool(submissions, Math.min(settings.concurrency, 20), async (s) => {
    answers.push(await submit(platform, s, true));
  });
  // Settled: every case acknowledged, or its failure parked where a person sees it (a parked case, an email with a person).
  const settled = await until(
    () => inspectStoredState(platform.dynamoDbEndpoint),
    (s) => s.cases >= answers.filter((a) => a.status === 201).length && s.sending.length === 0 && s.acknowledgementsSent + s.parkedCases + s.casesWithEmailAttention >= s.cases && (s.notificationsByStatus.queued ?? 0) === 0,
  );
  const emails = await emailFigures(platform);
  const stop = await stopInOrder(platform);
  const reportLine = platform.output().split('\n').find((line) => line.includes('"faults injected in this run"'));
  const counts = reportLine ? (JSON.parse(reportLine) as Record<string, unknown>) : {};
  const afterStop = await storedWhileStopped(dataDir);
  const created = answers.filter((a) => a.status === 201).length;
  const figures = {
    faults,
    complaints: settings.faultComplaints,
    created,
    refusedToClientAfterRetries: answers.filter((a) => a.status >= 500 || a.status === 0).length,
    injected: { mailRefusals: counts.mailRefusals, taskFailures: counts.taskFailures, dynamoThrottles: counts.dynamoThrottles },
    casesLost: created - settled.value.cases,
    acknowledgementsSent: settled.value.acknowledgementsSent,
    parkedCases: settled.value.parkedCases,
    casesWithEmailAttention: settled.value.casesWithEmailAttention,
    failedExecutions: settled.value.failedExecutions,
    notificationsByStatus: settled.value.notificationsByStatus,
    emailedTwice: emails.duplicates.length,
    // A case not acknowledged must be parked or flagged: visible, and recoverable by a person (resume-workflow, settle-emails).
    notInExpectedState: Math.max(0, settled.value.cases - settled.value.acknowledgementsSent - settled.value.parkedCases - settled.value.casesWithEmailAttention),
    inDoubtAfterOrderlyStop: afterStop.sending.length,
    errorLinesOnOrderlyStop: stop.errorLines.length,
    errorLinesDuringRun: stop.errorLinesBeforeStop,
    timedOut: settled.timedOut,
  };
  return { ...figures, passed: verdict(figures) && figures.failedExecutions === 0 && created === settings.faultComplaints };
}

// ---------------------------------------------------------------------------

async function main() {
  const began = new Date();
  const scenarios: [string, () => Promise<Record<string, unknown> & { passed: boolean }>][] = [
    ['load', loadWithRetries],
    ['group-kill', () => killWithCasesInFlight('group-kill')],
    ['runtime-kill', () => killWithCasesInFlight('runtime-kill')],
    ['ctrl-c', ctrlCRestarts],
    ['faults', injectedFaults],
  ];
  const results: Record<string, unknown> = {};
  for (const [name, scenario] of scenarios) {
    if (only && !only.has(name)) continue;
    const scenarioBegan = Date.now();
    try {
      results[name] = { ...(await scenario()), seconds: Math.round((Date.now() - scenarioBegan) / 1000) };
    } catch (error) {
      results[name] = { passed: false, error: (error as Error).message.slice(0, 2000), seconds: Math.round((Date.now() - scenarioBegan) / 1000) };
    }
    for (const platform of running) platform.signalGroup('SIGKILL');
    say(`${name}: ${(results[name] as { passed: boolean }).passed ? 'passed' : 'FAILED'} ${JSON.stringify(results[name]).slice(0, 600)}`);
  }
  const report = {
    run: `soak-${began.toISOString().slice(0, 10)}-${runName}`,
    startedAt: began.toISOString(),
    finishedAt: new Date().toISOString(),
    settings,
    machine: { cpus: cpus().length, loadAverageAtEnd: loadavg().map(round), note: 'shared by about eight engineers running tests at the same time: timings are of a loaded machine' },
    results,
    passed: Object.values(results).every((r) => (r as { passed: boolean }).passed),
  };
  mkdirSync('bench/results', { recursive: true });
  const file = join('bench/results', `${report.run}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  say(`written ${file}: ${report.passed ? 'all passed' : 'SOME FAILED'}`);
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  process.exit(report.passed ? 0 : 1);
}

process.on('SIGINT', () => {
  for (const platform of running) platform.signalGroup('SIGKILL');
  process.exit(130);
});

main().catch((error: Error) => {
  console.error(error);
  for (const platform of running) platform.signalGroup('SIGKILL');
  process.exit(1);
});
