/**
 * Intake throughput against the local runtime (infra/local/runtime.ts), and
 * its baseline: the same case-creation transaction issued straight to the
 * same DynamoDB Local, at the same concurrency levels.
 *
 * Raw and intake are measured under the same conditions, alternately, in
 * pairs (at least five per level): before each run the platform is settled
 * (`settle()`: stream consumers caught up, no workflow step busy), then the
 * table stream consumers are disabled (as `UpdateEventSourceMapping
 * Enabled=false` would in AWS), so neither run shares the machine with the
 * stream pollers, queued emails or workflow steps; the run order alternates
 * (raw first in even pairs, intake first in odd ones). Each pair gives a ratio
 * intake ÷ raw; the level reports the median ratio and its spread (min–max),
 * and the median rates and latencies. After each intake run the consumers are
 * enabled again and the level waits until the workflow of every complaint has
 * acknowledged it (the end-to-end rate).
 *
 * Then, for information, the same requests once more with everything running
 * at once on this machine's two cores.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { canonicalJson } from '../functions/domain/canonicalJson';
import type { AuditEvent } from '../functions/domain/auditTrail';
import type { IdempotencyRecord } from '../functions/domain/caseStore';
import { type ComplaintSubmission, complaintSubmissionSchema, type Language } from '../functions/domain/complaint';
import { type ComplaintCase, openCase } from '../functions/domain/complaintCase';
import { addWorkingDays } from '../functions/domain/deadlines';
import { type Estate, formatReference } from '../functions/domain/estate';
import { DEFAULT_RESPONSE_WORKING_DAYS, IDEMPOTENCY_WINDOW_SECONDS } from '../functions/domain/intake';
import { newTrackingToken } from '../functions/domain/trackingToken';
import { intakeRateLimits, type RateCharge } from '../functions/domain/rateLimit';
import { addressDigest } from '../functions/platform/rateLimit';
import { DynamoCaseStore } from '../functions/store/dynamoCaseStore';
import { getDocumentClient } from '../functions/platform/clients';
import { ensureCaseTable } from '../infra/local/caseTable';
import type { LocalPlatform } from '../infra/local/runtime';


/** The seeded demo estates (infra/local/demoGroup.ts); requests rotate over them. */
const ESTATES = ['EST01', 'EST02', 'SZ01', 'LDN01'] as const;
const LANGUAGES: Language[] = ['en', 'zh-Hant', 'zh-Hans'];
/** How long a level may take, after its last response, to acknowledge every complaint it received. */
const ACKNOWLEDGEMENT_WAIT_MS = 180_000;

export interface Level {
  concurrency: number;
  /** Requests per run (each pair has one raw and one intake run of this many). */
  requests: number;
  /** Raw/intake pairs, alternating which goes first; at least 5. */
  pairs: number;
}

export interface LatencySummary {
  count: number;
  /** Operations that ended in an error (each is also listed in the run's errors). */
  failed: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Transaction attempts of a run: every TransactWriteItems sent, and those cancelled by a conflict with another
 * transaction (createCase tries again after a short pause). Complaints of one address and estate share their
 * rate-limit count items, so concurrent transactions conflict; how often says how much of a rate is waiting.
 */
export interface TransactionAttempts {
  attempts: number;
  conflicts: number;
}

export interface PairResult {
  /** Which ran first in this pair. */
  first: 'raw' | 'intake';
  raw: LatencySummary & TransactionAttempts;
  intake: LatencySummary & { retried: number } & TransactionAttempts;
  /** intake.perSecond / raw.perSecond of this pair. */
  ratio: number;
}

export interface LevelResult {
  concurrency: number;
  /** Every pair, as measured. */
  pairs: PairResult[];
  /** `createCase`'s TransactWrite straight to DynamoDB Local: medians over the pairs (count and seconds summed). */
  raw: LatencySummary;
  /** POST /api/v1/complaints through the local HTTP API, stream consumers disabled: medians over the pairs. */
  intake: LatencySummary & { retried: number };
  /** Median of the pairs' intake ÷ raw: the figure judged, unrounded. */
  ratio: number;
  /** Smallest and largest pair ratio. */
  ratioSpread: { min: number; max: number };
  /** TransactWriteItems attempts and conflict cancellations over all pairs, per side (absent in results files before 2026-12-07 15:00 UTC). */
  transactions?: { raw: TransactionAttempts; intake: TransactionAttempts };
  /** The same requests again, with the stream consumers and workflows running alongside on the same machine. */
  intakeWithWorkflows: LatencySummary & { retried: number };
  /** From the first request until the workflow had acknowledged every complaint of the level. */
  endToEnd: { seconds: number; acknowledged: number; notAcknowledged: number; perSecond: number };
}

export interface IntakeBenchResult {
  warmup: { raw: number; intake: number };
  levels: LevelResult[];
  errors: string[];
}

/** A resident's submission, as test/support/localPlatform.ts `aComplaint()` builds it; unique per request. */
export function benchComplaint(tag: string, index: number) {
  return {
    estateId: ESTATES[index % ESTATES.length]!,
    unit: `Block ${String.fromCharCode(65 + (index % 6))}, ${1 + (index % 30)}/F, Flat ${1 + (index % 8)}`,
    name: 'Chan Tai Man',
    email: `resident.${tag}.${index}@example.com`,
    language: LANGUAGES[index % LANGUAGES.length]!,
    description: `The lift in Block A has been out of service for three days (${tag} #${index}).`,
  };
}

/** Runs `total` operations with `concurrency` workers in a closed loop; each worker starts its next one when the last ends. */
async function closedLoop(label: string, concurrency: number, total: number, operation: (index: number) => Promise<void>, errors: string[]): Promise<LatencySummary> {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const started = performance.now();
  const worker = async () => {
    for (let index = next++; index < total; index = next++) {
      const t0 = performance.now();
      try {
        await operation(index);
        latencies.push(performance.now() - t0);
      } catch (error) {
        failed++;
        if (errors.length < 20) errors.push(`${label} #${index}: ${describeError(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return summarize(latencies, seconds, failed);
}

/** fetch's own failure (no response at all), as opposed to an error thrown while reading one. */
function isConnectionFailure(error: unknown): boolean {
  return error instanceof TypeError && error.message === 'fetch failed';
}

/** The message of an error and of its causes: `fetch failed` alone says nothing. */
function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as { message?: string; code?: string; cause?: unknown } | undefined; e && parts.length < 4; e = e.cause as typeof e) {
    parts.push([e.code, e.message].filter(Boolean).join(' '));
  }
  return parts.join(' ← ');
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rates and latencies of several runs: medians of each figure; counts and time summed. */
export function medianSummary<T extends LatencySummary>(runs: readonly T[]): LatencySummary {
  return {
    count: runs.reduce((sum, r) => sum + r.count, 0),
    failed: runs.reduce((sum, r) => sum + r.failed, 0),
    seconds: runs.reduce((sum, r) => sum + r.seconds, 0),
    perSecond: median(runs.map((r) => r.perSecond)),
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    maxMs: Math.max(...runs.map((r) => r.maxMs)),
  };
}

function summarize(latencies: number[], seconds: number, failed: number): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  // Nearest rank: the smallest latency that at least p% of requests did not exceed.
  const percentile = (p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
  return {
    count: latencies.length + failed,
    failed,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    maxMs: sorted.at(-1) ?? NaN,
  };
}

/**
 * Counts TransactWriteItems calls and conflict cancellations through one client's middleware stack (a document
 * client shares its DynamoDB client's stack). Counting only: the requests are sent unchanged.
 */
class TransactionCounter {
  attempts = 0;
  conflicts = 0;

  attachTo(client: { middlewareStack: { add: (middleware: never, options: { step: 'initialize'; name: string }) => void } }): void {
    const counter = this;
    const middleware = (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      counter.attempts++;
      try {
        return await next(args);
      } catch (error) {
        const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
        if (reasons.some((reason) => reason.Code === 'TransactionConflict')) counter.conflicts++;
        throw error;
      }
    };
    client.middlewareStack.add(middleware as never, { step: 'initialize', name: 'benchTransactionCounter' });
  }

  /** Runs `run` and returns what it measured with the attempts made meanwhile. */
  async during<T extends object>(run: () => Promise<T>): Promise<T & TransactionAttempts> {
    const before = { attempts: this.attempts, conflicts: this.conflicts };
    const result = await run();
    return { ...result, attempts: this.attempts - before.attempts, conflicts: this.conflicts - before.conflicts };
  }
}

type CreateCaseInput = { complaintCase: ComplaintCase; firstEvent: AuditEvent; idempotency: IdempotencyRecord; rateCharges: RateCharge[] };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * What `receiveComplaint` hands to `createCase`, built the same way (openCase, tracking token,
 * idempotency record) but ahead of time, so the raw run times the DynamoDB transaction alone.
 */
function createCaseInput(submission: ComplaintSubmission, estate: Estate, sequence: number, idempotencyKey: string): CreateCaseInput {
  // The two counts an anonymous complaint takes (per address, per estate), as createComplaint charges them.
  const limits = intakeRateLimits(process.env);
  const rateCharges = [
    { rule: limits.perIp, subject: addressDigest('127.0.0.1') },
    { rule: limits.perEstate, subject: estate.estateId },
  ];
  const now = new Date();
  const nowIso = now.toISOString();
  const caseId = ulid(now.getTime());
  const { token, tokenHash } = newTrackingToken();
  const { complaintCase, firstEvent } = openCase(
    submission,
    { caseId, reference: formatReference(estate.referencePrefix, now.getUTCFullYear(), sequence), trackingTokenHash: tokenHash, personalDataSalt: randomBytes(16).toString('hex') },
    {
      now: nowIso,
      responseDueBy: addWorkingDays(nowIso, DEFAULT_RESPONSE_WORKING_DAYS, estate.jurisdiction, estate.timeZone),
      requestId: randomUUID(),
      actor: { type: 'resident' },
    },
  );
  const idempotency: IdempotencyRecord = {
    keyHash: sha256(`key:${idempotencyKey}`),
    requestHash: sha256(canonicalJson(submission)),
    caseId,
    trackingToken: token,
    expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_WINDOW_SECONDS,
  };
  return { complaintCase, firstEvent, idempotency, rateCharges };
}

export async function runIntakeBench(
  platform: LocalPlatform,
  options: { levels: Level[]; warmup: { raw: number; intake: number }; log: (line: string) => void },
): Promise<IntakeBenchResult> {
  const runTag = randomBytes(4).toString('hex');
  const errors: string[] = [];
  // The gateway listens on 127.0.0.1; `localhost` could first try ::1 on each new connection.
  const apiUrl = `${platform.url.replace('//localhost:', '//127.0.0.1:')}/api/v1/complaints`;

  const estates = new Map((await platform.caseStore.listEstates()).map((estate) => [estate.estateId, estate]));
  const missing = ESTATES.filter((id) => !estates.has(id));
  if (missing.length > 0) throw new Error(`the local platform has no estate ${missing.join(', ')}: is the demo group seeded?`);

  // The raw client is configured as the handlers' (functions/platform/clients.ts), on the same DynamoDB Local, and
  // writes to a table of the same design (stream included) that no consumer reads: raw cases start no workflow.
  const dynamo = new DynamoDBClient({ endpoint: platform.dynamoDbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const rawTable = `${platform.tableName}-raw`;
  await ensureCaseTable(dynamo, rawTable);
  const rawStore = new DynamoCaseStore(DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }), rawTable);
  // Attempts are counted on both paths: the raw client, and the client the in-process handlers share (clients.ts).
  const rawTransactions = new TransactionCounter();
  rawTransactions.attachTo(dynamo);
  const intakeTransactions = new TransactionCounter();
  intakeTransactions.attachTo(getDocumentClient());

  let rawSequence = 900_000;
  const rawRun = async (tag: string, concurrency: number, total: number) => {
    const inputs = Array.from({ length: total }, (_, i) => {
      const submission = complaintSubmissionSchema.parse(benchComplaint(`${runTag}-${tag}`, i));
      return createCaseInput(submission, estates.get(submission.estateId)!, rawSequence++, `bench-${runTag}-${tag}-${i}`);
    });
    return closedLoop(`raw createCase ${tag}`, concurrency, total, async (i) => {
      const outcome = await rawStore.createCase(inputs[i]!);
      if (!outcome.created) throw new Error('idempotency record already existed');
    }, errors);
  };

  /**
   * One complaint, as a careful client sends it. A connection that fails before any response came
   * back (a keep-alive connection the server closed as the request went out) is retried once with
   * the same Idempotency-Key, which is what the key is for; the retry is counted. Any response
   * other than 2xx is an error, and so is a replay answer to a first attempt.
   */
  const intakeRun = async (tag: string, concurrency: number, total: number, caseIds: string[]) => {
    let retried = 0;
    const summary = await closedLoop(`POST /api/v1/complaints ${tag}`, concurrency, total, async (i) => {
      const send = () =>
        // Global fetch (undici) keeps connections alive and reuses them across requests.
        fetch(apiUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${runTag}-${tag}-${i}` },
          body: JSON.stringify(benchComplaint(`${runTag}-${tag}`, i)),
        });
      let response: Response;
      let retry = false;
      try {
        response = await send();
      } catch (error) {
        if (!isConnectionFailure(error)) throw error;
        retried++;
        retry = true;
        response = await send();
      }
      const text = await response.text();
      if (response.status < 200 || response.status > 299) throw new Error(`HTTP ${response.status} ${text.slice(0, 300)}`);
      if (response.headers.get('idempotent-replayed') && !retry) throw new Error('answered as a replay');
      caseIds.push((JSON.parse(text) as { id: string }).id);
    }, errors);
    return { ...summary, retried };
  };

  const isAcknowledged = async (caseId: string) => (await platform.caseStore.getCase(caseId))?.acknowledgedAt !== undefined;

  /**
   * Resolves when every case of `caseIds` has been acknowledged, or when no workflow execution is
   * running any more, or after `ACKNOWLEDGEMENT_WAIT_MS`. Executions may outlive the acknowledgement
   * (they go on to wait for staff), so `idle()` alone would not do. Cases are acknowledged about in
   * the order they arrived: each pass reads from the oldest pending case and stops at the first that
   * is still pending, so waiting adds only a few reads to the load being measured.
   */
  const settleAcknowledgements = async (caseIds: string[]) => {
    const deadline = performance.now() + ACKNOWLEDGEMENT_WAIT_MS;
    let pending = 0;
    await platform.tableStreams.drained();
    while (pending < caseIds.length && platform.stepFunctions.runningCount() > 0 && performance.now() < deadline) {
      while (pending < caseIds.length && (await isAcknowledged(caseIds[pending]!))) pending++;
      if (pending < caseIds.length) await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
  };

  const countAcknowledged = async (caseIds: string[]) => {
    let acknowledged = 0;
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      for (let i = next++; i < caseIds.length; i = next++) if (await isAcknowledged(caseIds[i]!)) acknowledged++;
    }));
    return acknowledged;
  };

  try {
    // Warm-up, not reported: the JVM of DynamoDB Local compiles its hot paths, the handlers load.
    options.log(`warm-up: ${options.warmup.raw} raw transactions, ${options.warmup.intake} intake requests`);
    await rawRun('warmup-raw', 8, options.warmup.raw);
    const warmupCases: string[] = [];
    await intakeRun('warmup-intake', 8, options.warmup.intake, warmupCases);
    await settleAcknowledgements(warmupCases);

    const levels: LevelResult[] = [];
    for (const { concurrency, requests, pairs: pairCount } of options.levels) {
      if (pairCount < 5) throw new Error(`concurrency ${concurrency}: ${pairCount} pairs; at least 5 are needed for a median and its spread`);
      const pairs: PairResult[] = [];
      let acknowledgedTotal = 0;
      let endToEndSeconds = 0;
      let notAcknowledged = 0;
      for (let pair = 0; pair < pairCount; pair++) {
        const first = pair % 2 === 0 ? 'raw' : 'intake';
        options.log(`concurrency ${concurrency}, pair ${pair + 1}/${pairCount}: ${requests} raw transactions and ${requests} intake requests, ${first} first`);
        let raw: (LatencySummary & TransactionAttempts) | undefined;
        let intake: (LatencySummary & { retried: number } & TransactionAttempts) | undefined;
        const caseIds: string[] = [];
        // The same conditions for both: everything settled, then the stream consumers (and their pollers) off.
        const quietly = async <T>(run: () => Promise<T>): Promise<T> => {
          platform.tableStreams.enable();
          await platform.settle();
          platform.tableStreams.disable();
          return run();
        };
        for (const which of first === 'raw' ? (['raw', 'intake'] as const) : (['intake', 'raw'] as const)) {
          if (which === 'raw') raw = await quietly(() => rawTransactions.during(() => rawRun(`raw-c${concurrency}-p${pair}`, concurrency, requests)));
          else intake = await quietly(() => intakeTransactions.during(() => intakeRun(`intake-c${concurrency}-p${pair}`, concurrency, requests, caseIds)));
        }
        // The complaints' workflows start now; how long until every one is acknowledged.
        const started = performance.now();
        platform.tableStreams.enable();
        await settleAcknowledgements(caseIds);
        const acknowledged = await countAcknowledged(caseIds);
        acknowledgedTotal += acknowledged;
        notAcknowledged += caseIds.length - acknowledged;
        endToEndSeconds += intake!.seconds + (performance.now() - started) / 1000;
        pairs.push({ first, raw: raw!, intake: intake!, ratio: intake!.perSecond / raw!.perSecond });
      }
      if (notAcknowledged > 0) errors.push(`concurrency ${concurrency}: ${notAcknowledged} complaints were not acknowledged (within ${ACKNOWLEDGEMENT_WAIT_MS / 1000} s)`);
      options.log(`concurrency ${concurrency}: ${requests} intake requests with the workflows running`);
      platform.tableStreams.enable();
      await platform.settle();
      const concurrentIds: string[] = [];
      const intakeWithWorkflows = await intakeRun(`intake-running-c${concurrency}`, concurrency, requests, concurrentIds);
      await settleAcknowledgements(concurrentIds);
      const ratios = pairs.map((p) => p.ratio);
      levels.push({
        concurrency,
        pairs,
        raw: medianSummary(pairs.map((p) => p.raw)),
        intake: { ...medianSummary(pairs.map((p) => p.intake)), retried: pairs.reduce((sum, p) => sum + p.intake.retried, 0) },
        ratio: median(ratios),
        transactions: {
          raw: { attempts: pairs.reduce((sum, p) => sum + p.raw.attempts, 0), conflicts: pairs.reduce((sum, p) => sum + p.raw.conflicts, 0) },
          intake: { attempts: pairs.reduce((sum, p) => sum + p.intake.attempts, 0), conflicts: pairs.reduce((sum, p) => sum + p.intake.conflicts, 0) },
        },
        ratioSpread: { min: Math.min(...ratios), max: Math.max(...ratios) },
        intakeWithWorkflows,
        endToEnd: { seconds: endToEndSeconds, acknowledged: acknowledgedTotal, notAcknowledged, perSecond: acknowledgedTotal / endToEndSeconds },
      });
    }
    return { warmup: options.warmup, levels, errors };
  } finally {
    dynamo.destroy();
  }
}
