/**
 * The all-in AWS cost per 1,000 complaints, measured on the local runtime
 * (docs/BENCHMARKS.md, "Cost per 1,000 complaints"). Complaints are driven
 * through the API as people would (one console load before each staff
 * action; the bench's own waiting reads go straight to the store and are not
 * counted), path by path: the common path and three others (an escalation, a
 * compensation review, a stage 2). The hosting layer's meter
 * (infra/local/metering.ts) counts, per function, what AWS would bill; this
 * module prices it with the list prices of bench/prices/us-east-1.json.
 *
 * Measured: DynamoDB read and write units (ReturnConsumedCapacity, table and
 * indexes), Lambda invocations and durations (GB-seconds at the catalog's
 * memory sizes, arm64), state transitions, SES messages, API Gateway requests,
 * S3 requests, the bytes of the functions' log lines. Modelled, and said so in
 * the result: KMS requests (DynamoDB asks KMS for the table key at most once
 * per caller principal per five minutes; each function has its own role, so at
 * low volume every invocation that touches the table may cost one request:
 * that upper bound is used), Lambda's own START/END/REPORT log lines, and
 * CloudWatch's per-event overhead.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { httpRoutes, type LambdaFunctionName, lambdaFunctions } from '../infra/catalog';
import { demoUsers } from '../infra/local/demoGroup';
import { type FunctionUsage, type Meter, type MeterReading, OUTSIDE } from '../infra/local/metering';
import type { LocalPlatform } from '../infra/local/runtime';

export const PRICES_FILE = 'bench/prices/us-east-1.json';

export interface Prices {
  region: string;
  recorded: string;
  note: string;
  dynamodb: { source: string; onDemandWriteRequestUnitPerMillion: number; onDemandReadRequestUnitPerMillion: number; streamsReadsByLambdaTriggersFree: boolean };
  lambda: { source: string; requestsPerMillion: number; gbSecond: number; architecture: string };
  stepFunctions: { source: string; standardStateTransitionsPerThousand: number };
  ses: { source: string; outboundEmailsPerThousand: number };
  apiGateway: { source: string; httpApiRequestsPerMillion: number };
  kms: { source: string; requestsPerTenThousand: number; customerManagedKeyPerMonth: number };
  s3: { source: string; putCopyPostListPerThousand: number; getSelectOtherPerThousand: number };
  cloudWatchLogs: { source: string; standardIngestionPerGb: number; bytesPerEventOverhead: number };
}

export function readPrices(): Prices {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../${PRICES_FILE}`, import.meta.url)), 'utf8')) as Prices;
}

/** Lambda's own lines per invocation (START, END, REPORT in the text format), about this many bytes together: modelled. */
const PLATFORM_LOG_EVENTS_PER_INVOCATION = 3;
const PLATFORM_LOG_BYTES_PER_INVOCATION = 270;

export type PathName = 'common' | 'escalation' | 'compensation' | 'stage2';
export const PATH_DESCRIPTIONS: Record<PathName, string> = {
  common: 'class 1, no claim, satisfied',
  escalation: 'class 1, nobody responds until the deadline passes and it escalates to the estate manager; then answered, satisfied',
  compensation: 'class 1 with a HKD 600 claim: response proposing it, the CS lead summarises it, the estate manager approves it, satisfied',
  stage2: 'class 1, dissatisfied: stage 2 opens, the estate manager takes it and answers, satisfied',
};
/** The mix the headline figure is for: most complaints take the common path. */
export const PATH_MIX: Record<PathName, number> = { common: 0.7, escalation: 0.1, compensation: 0.1, stage2: 0.1 };

/** Units one complaint consumed on average, by service. */
export interface UnitsPerComplaint {
  dynamodbReadUnits: number;
  dynamodbWriteUnits: number;
  /** Of which, index writes (already inside `dynamodbWriteUnits`). */
  dynamodbIndexWriteUnits: number;
  /** Stream reads of the local pollers (GetRecords calls): free when Lambda triggers read them. */
  streamGetRecordsCalls: number;
  lambdaInvocations: number;
  lambdaGbSeconds: number;
  stateTransitions: number;
  sesMessages: number;
  apiGatewayRequests: number;
  /** Modelled upper bound: invocations that called DynamoDB. */
  kmsRequests: number;
  s3PutRequests: number;
  s3GetRequests: number;
  logBytes: number;
}

export interface ServiceCost {
  service: string;
  /** What was priced, per complaint. */
  units: string;
  usdPerThousandComplaints: number;
  /** `measured`, or `modelled` with why. */
  basis: string;
}

export interface PathCost {
  path: PathName;
  description: string;
  complaints: number;
  seconds: number;
  units: UnitsPerComplaint;
  services: ServiceCost[];
  usdPerThousandComplaints: number;
  /** DynamoDB calls whose answer carried no consumed capacity (would make the figure low). */
  dynamodbCallsWithoutCapacity: number;
  /** Per function, per complaint: where the Lambda and DynamoDB figures come from. */
  functions: Record<string, { invocations: number; meanMs: number; memoryMb: number; writeUnits: number; readUnits: number }>;
}

export interface CostBenchResult {
  prices: { file: string; region: string; recorded: string };
  timeScale: number;
  concurrency: number;
  paths: PathCost[];
  mix: { weights: Record<PathName, number>; services: ServiceCost[]; usdPerThousandComplaints: number };
  target: { maxUsdPerThousand: number };
  pass: boolean;
  /** The biggest service of the mix, and what would cut it. */
  dominant: { service: string; share: number; cut: string };
  /** Monthly costs that do not grow with complaints (not in the per-complaint figure). */
  fixed: string[];
  errors: string[];
}

export const COST_TARGET_USD_PER_THOUSAND = 0.8;

const HTTP_FUNCTIONS = new Set<string>(httpRoutes.map((route) => route.function));
const memoryMbOf = (name: string) => lambdaFunctions[name as LambdaFunctionName]?.memoryMb;

/** Sums the usage of the functions (never the runtime's own machinery) and divides by the complaints. */
export function unitsPerComplaint(reading: MeterReading, transitions: number, complaints: number, eventOverheadBytes: number): UnitsPerComplaint {
  const units: UnitsPerComplaint = {
    dynamodbReadUnits: 0,
    dynamodbWriteUnits: 0,
    dynamodbIndexWriteUnits: 0,
    streamGetRecordsCalls: reading.functions[OUTSIDE]?.calls['DynamoDBStreams.GetRecords'] ?? 0,
    lambdaInvocations: 0,
    lambdaGbSeconds: 0,
    stateTransitions: transitions,
    sesMessages: 0,
    apiGatewayRequests: 0,
    kmsRequests: 0,
    s3PutRequests: 0,
    s3GetRequests: 0,
    logBytes: 0,
  };
  for (const [name, usage] of Object.entries(reading.functions) as [string, FunctionUsage][]) {
    if (name === OUTSIDE) continue;
    const memoryMb = memoryMbOf(name);
    if (memoryMb === undefined) throw new Error(`metered function ${name} is not in the catalog`);
    const indexes = Object.values(usage.dynamodb.indexes);
    units.dynamodbReadUnits += usage.dynamodb.table.read + indexes.reduce((sum, i) => sum + i.read, 0);
    const indexWrites = indexes.reduce((sum, i) => sum + i.write, 0);
    units.dynamodbWriteUnits += usage.dynamodb.table.write + indexWrites;
    units.dynamodbIndexWriteUnits += indexWrites;
    units.lambdaInvocations += usage.invocations;
    units.lambdaGbSeconds += (usage.billedMs / 1000) * (memoryMb / 1024);
    units.sesMessages += usage.calls['SESv2.SendEmail'] ?? 0;
    if (HTTP_FUNCTIONS.has(name)) units.apiGatewayRequests += usage.invocations;
    // Modelled: each invocation that reached the table may need the table key from KMS (see the module comment).
    if (usage.dynamodb.calls > 0) units.kmsRequests += usage.invocations;
    for (const [call, count] of Object.entries(usage.calls)) {
      if (!call.startsWith('S3.')) continue;
      if (/^S3\.(GetObject|HeadObject)$/.test(call)) units.s3GetRequests += count;
      else units.s3PutRequests += count;
    }
    // The function's own lines as measured, Lambda's lines as modelled, and CloudWatch's overhead on every event.
    const events = usage.logEvents + PLATFORM_LOG_EVENTS_PER_INVOCATION * usage.invocations;
    units.logBytes += usage.logBytes + PLATFORM_LOG_BYTES_PER_INVOCATION * usage.invocations + events * eventOverheadBytes;
  }
  const per = complaints > 0 ? complaints : NaN;
  return Object.fromEntries(Object.entries(units).map(([key, value]) => [key, value / per])) as unknown as UnitsPerComplaint;
}

export function priceUnits(units: UnitsPerComplaint, prices: Prices): ServiceCost[] {
  const thousand = 1000;
  const fmt = (value: number, digits = 2) => value.toFixed(digits);
  return [
    {
      service: 'DynamoDB (on demand)',
      units: `${fmt(units.dynamodbReadUnits, 1)} RRU, ${fmt(units.dynamodbWriteUnits, 1)} WRU (of which ${fmt(units.dynamodbIndexWriteUnits, 1)} index writes); ${fmt(units.streamGetRecordsCalls, 1)} stream GetRecords (free for Lambda triggers)`,
      usdPerThousandComplaints: thousand * ((units.dynamodbReadUnits * prices.dynamodb.onDemandReadRequestUnitPerMillion + units.dynamodbWriteUnits * prices.dynamodb.onDemandWriteRequestUnitPerMillion) / 1e6),
      basis: 'measured (ReturnConsumedCapacity from DynamoDB Local, table and indexes)',
    },
    {
      service: `Lambda (${prices.lambda.architecture})`,
      units: `${fmt(units.lambdaInvocations, 1)} invocations, ${fmt(units.lambdaGbSeconds, 3)} GB-s`,
      usdPerThousandComplaints: thousand * ((units.lambdaInvocations * prices.lambda.requestsPerMillion) / 1e6 + units.lambdaGbSeconds * prices.lambda.gbSecond),
      basis: 'measured (in-process durations at the catalog memory sizes, rounded up per ms)',
    },
    {
      service: 'Step Functions (Standard)',
      units: `${fmt(units.stateTransitions, 1)} state transitions`,
      usdPerThousandComplaints: thousand * ((units.stateTransitions * prices.stepFunctions.standardStateTransitionsPerThousand) / 1000),
      basis: 'measured (states entered)',
    },
    {
      service: 'SES',
      units: `${fmt(units.sesMessages, 1)} messages`,
      usdPerThousandComplaints: thousand * ((units.sesMessages * prices.ses.outboundEmailsPerThousand) / 1000),
      basis: 'measured (SendEmail calls)',
    },
    {
      service: 'API Gateway (HTTP API)',
      units: `${fmt(units.apiGatewayRequests, 1)} requests`,
      usdPerThousandComplaints: thousand * ((units.apiGatewayRequests * prices.apiGateway.httpApiRequestsPerMillion) / 1e6),
      basis: 'measured (requests to routed functions: intake, one console load and one action per staff step, the rating)',
    },
    {
      service: 'KMS (table CMK)',
      units: `${fmt(units.kmsRequests, 1)} requests (upper bound)`,
      usdPerThousandComplaints: thousand * ((units.kmsRequests * prices.kms.requestsPerTenThousand) / 10_000),
      basis: 'modelled: one Decrypt per invocation that called DynamoDB (the table key is cached per principal for 5 minutes; at higher volume fewer)',
    },
    {
      service: 'S3',
      units: `${fmt(units.s3PutRequests, 2)} PUT/POST, ${fmt(units.s3GetRequests, 2)} GET`,
      usdPerThousandComplaints: thousand * ((units.s3PutRequests * prices.s3.putCopyPostListPerThousand + units.s3GetRequests * prices.s3.getSelectOtherPerThousand) / 1000),
      basis: 'measured (S3 client calls; none on a complaint\'s path: exports and anchors are batch)',
    },
    {
      service: 'CloudWatch Logs',
      units: `${fmt(units.logBytes / 1024, 1)} KiB ingested`,
      usdPerThousandComplaints: thousand * ((units.logBytes / 2 ** 30) * prices.cloudWatchLogs.standardIngestionPerGb),
      basis: `measured log lines at LOG_LEVEL=INFO, plus modelled START/END/REPORT lines (${PLATFORM_LOG_BYTES_PER_INVOCATION} B per invocation) and ${prices.cloudWatchLogs.bytesPerEventOverhead} B per event`,
    },
  ];
}

const total = (services: ServiceCost[]) => services.reduce((sum, s) => sum + s.usdPerThousandComplaints, 0);

/** What would cut the biggest share, by service. */
const CUTS: Record<string, string> = {
  'DynamoDB (on demand)': 'fewer or smaller writes per step: index writes follow every case update (project fewer attributes into the GSIs, or keep volatile fields out of indexed items); provisioned capacity at steady volume',
  'Lambda (arm64)': 'fewer invocations per complaint (merge adjacent workflow steps) and shorter durations (smaller memory for I/O-bound steps)',
  'Step Functions (Standard)': 'fewer states on the common path, or an Express workflow for the short synchronous stretches',
  SES: 'fewer emails per complaint: the acknowledgement and the response are what the standard asks for; the department\'s routing notice could be a console queue and the closing notice could ride on the follow-up\'s confirmation page (5 → 3 on the common path)',
  'API Gateway (HTTP API)': 'fewer console loads per action (the console already reuses the case view)',
  'KMS (table CMK)': 'an AWS-owned key for the table (no per-request KMS charge), if the compliance rules allow it',
  S3: 'none on the complaint path',
  'CloudWatch Logs': 'WARN as the production log level for the chatty steps, or shorter log lines',
};

export function costOfPaths(paths: PathCost[], prices: Prices, errors: string[], timeScale: number, concurrency: number): CostBenchResult {
  const byPath = new Map(paths.map((p) => [p.path, p]));
  const services = paths[0]?.services.map((service, i) => ({
    ...service,
    units: `mix of the paths (${Object.entries(PATH_MIX).map(([p, w]) => `${Math.round(w * 100)}% ${p}`).join(', ')})`,
    usdPerThousandComplaints: (Object.entries(PATH_MIX) as [PathName, number][]).reduce((sum, [path, weight]) => sum + weight * (byPath.get(path)?.services[i]?.usdPerThousandComplaints ?? NaN), 0),
  })) ?? [];
  const usd = total(services);
  const biggest = [...services].sort((a, b) => b.usdPerThousandComplaints - a.usdPerThousandComplaints)[0];
  return {
    prices: { file: PRICES_FILE, region: prices.region, recorded: prices.recorded },
    timeScale,
    concurrency,
    paths,
    mix: { weights: PATH_MIX, services, usdPerThousandComplaints: usd },
    target: { maxUsdPerThousand: COST_TARGET_USD_PER_THOUSAND },
    pass: Number.isFinite(usd) && paths.length === Object.keys(PATH_MIX).length && paths.every((p) => p.complaints > 0 && p.dynamodbCallsWithoutCapacity === 0) && usd <= COST_TARGET_USD_PER_THOUSAND,
    dominant: { service: biggest?.service ?? 'none', share: biggest ? biggest.usdPerThousandComplaints / usd : NaN, cut: CUTS[biggest?.service ?? ''] ?? '' },
    fixed: [
      `the table's customer-managed KMS key: $${prices.kms.customerManagedKeyPerMonth.toFixed(2)} a month`,
      'scheduled functions (email outbox sweep every minute, daily anchor and purge): about 44,700 invocations a month whatever the volume; not metered here (the cost run turns schedules off)',
      'DynamoDB storage, point-in-time recovery, S3 storage of exports and anchors: by data kept, not by complaint',
    ],
    errors,
  };
}

// ---- the driver --------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runCostBench(
  platform: LocalPlatform,
  meter: Meter,
  options: { complaints: Record<PathName, number>; concurrency: number; timeScale: number; transitions: Map<string, number>; log: (line: string) => void },
): Promise<CostBenchResult> {
  const prices = readPrices();
  const errors: string[] = [];
  const tokens = new Map<string, string>();
  const bearer = async (userId: string) => {
    if (!tokens.has(userId)) tokens.set(userId, await platform.issuer.mint(demoUsers.find((u) => u.userId === userId)!));
    return `Bearer ${tokens.get(userId)}`;
  };
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${platform.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  /** The bench waits by reading the store directly (outside any function: not metered), as no person would poll. */
  const until = async (caseId: string, what: string, done: (c: { status: string; stage: number; escalationLevel: number; waitingFor: string | undefined }) => boolean) => {
    const deadline = performance.now() + 300_000;
    while (performance.now() < deadline) {
      const [found, wait] = await Promise.all([platform.caseStore.getCase(caseId), platform.caseStore.getWait(caseId)]);
      const waitingFor = wait && !wait.pendingSignal ? wait.waitingFor : undefined;
      if (found && done({ status: found.status, stage: found.stage ?? 1, escalationLevel: found.escalationLevel ?? 0, waitingFor })) return;
      await sleep(50);
    }
    throw new Error(`case ${caseId} never reached: ${what}`);
  };

  /** A person at the console: loads the case (one request), acts on it; reloads and acts again on a conflict. */
  const act = async (caseId: string, userId: string, waitFor: string, action: Record<string, unknown>, path = 'actions') => {
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      await until(caseId, `waiting for ${waitFor}`, (c) => c.waitingFor === waitFor);
      const authorization = await bearer(userId);
      const view = await call('GET', `/api/v1/cases/${caseId}`, undefined, { authorization });
      await view.arrayBuffer();
      const response = await call('POST', `/api/v1/cases/${caseId}/${path}`, action, { authorization, 'if-match': view.headers.get('etag') ?? '' });
      if (response.status === 200) return void (await response.arrayBuffer());
      if (response.status !== 409) throw new Error(`${String(action.type ?? action.decision)}: ${response.status} ${await response.text()}`);
      await sleep(50);
    }
    throw new Error(`${String(action.type ?? action.decision)}: kept conflicting`);
  };

  const triage = { type: 'triage', caseClass: 1, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'engineering' };
  const respond = (extra: Record<string, unknown> = {}) => ({ type: 'respond', outcome: 'upheld', decision: 'Light replaced.', reasons: 'Tube worn out.', rootCause: 'Wear', accountability: 'Engineering', ...extra });

  async function oneComplaint(path: PathName, n: number): Promise<string> {
    const created = await call('POST', '/api/v1/complaints', {
      estateId: 'EST01',
      unit: `Block A, ${n % 30}/F`,
      name: `Cost bench resident ${n}`,
      email: `cost.${path}.${n}@example.com`,
      language: 'en',
      description: `Cost bench complaint ${n}: the corridor light outside the flat is not working.`,
      ...(path === 'compensation' ? { compensationClaim: { amount: 600, currency: 'HKD', reason: 'Bought a lamp while the light was out' } } : {}),
    }, { 'idempotency-key': `bench-cost-${path}-${n}-${Date.now()}` });
    if (created.status !== 201) throw new Error(`intake: ${created.status} ${await created.text()}`);
    const { id, trackingUrl } = (await created.json()) as { id: string; trackingUrl: string };
    const token = new URL(trackingUrl).searchParams.get('token')!;
    const rate = async (stage: number, outcomeRating: number, processRating: number) => {
      await until(id, `stage ${stage} follow-up`, (c) => c.stage === stage && c.waitingFor === 'feedback');
      const rated = await call('POST', `/api/v1/complaints/${id}/feedback?token=${token}`, { outcomeRating, processRating });
      if (rated.status !== 200) throw new Error(`rating: ${rated.status} ${await rated.text()}`);
      await rated.arrayBuffer();
    };
    await act(id, 'cslead.est01', 'triage', triage);
    if (path === 'escalation') await until(id, 'escalated', (c) => c.escalationLevel >= 1);
    await act(id, 'cslead.est01', 'resolution', path === 'compensation' ? respond({ compensationProposal: { amount: 600, note: 'Receipt provided' } }) : respond());
    if (path === 'compensation') {
      // The CS lead's summary to the manager first (seed 001 §5.6.3), then the manager's decision.
      await act(id, 'cslead.est01', 'compensation-summary', { type: 'compensation-summary', recommendation: 'approve', reasons: 'Receipt provided for the whole amount' });
      await act(id, 'manager.est01', 'compensation-decision', { decision: 'approve', reasons: 'Receipt provided for the whole amount' }, 'compensation');
    }
    if (path === 'stage2') {
      await rate(1, 1, 2);
      await until(id, 'stage 2 open', (c) => c.stage === 2 && c.waitingFor === 'resolution');
      await act(id, 'manager.est01', 'resolution', { type: 'assign', assigneeId: 'manager.est01' });
      await act(id, 'manager.est01', 'resolution', respond({ outcome: 'partly-upheld', decision: 'Lights on the floor checked and replaced.' }));
      await rate(2, 5, 5);
    } else {
      await rate(1, 5, 5);
    }
    await until(id, 'closed', (c) => c.status === 'closed');
    return id;
  }

  // Warm-up, not metered: every handler of the common path loaded and its clients made once (a warm container).
  options.log('cost: warm-up (2 complaints on the common path, not metered)');
  for (const n of [0, 1]) await oneComplaint('common', 1_000_000 + n);
  await platform.settle();

  const paths: PathCost[] = [];
  for (const path of Object.keys(PATH_MIX) as PathName[]) {
    const count = options.complaints[path];
    options.log(`cost: ${count} complaints on the ${path} path (${PATH_DESCRIPTIONS[path]}) at concurrency ${options.concurrency}`);
    await platform.settle();
    meter.reset();
    const started = performance.now();
    const ids: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        for (let n = next++; n < count; n = next++) {
          try {
            ids.push(await oneComplaint(path, n));
          } catch (error) {
            errors.push(`${path} complaint ${n}: ${(error as Error).message}`);
          }
        }
      }),
    );
    // Emails queued by the last steps, the executions' last states.
    await platform.settle();
    const reading = meter.read();
    const seconds = (performance.now() - started) / 1000;
    let transitions = 0;
    for (const id of ids) {
      const counted = [...options.transitions].filter(([execution]) => execution === id || execution.startsWith(`${id}-`)).reduce((sum, [, n]) => sum + n, 0);
      if (counted === 0) errors.push(`${path}: no state transitions counted for ${id}`);
      transitions += counted;
    }
    const units = unitsPerComplaint(reading, transitions, ids.length, prices.cloudWatchLogs.bytesPerEventOverhead);
    const services = priceUnits(units, prices);
    const withoutCapacity = Object.values(reading.functions).reduce((sum, usage) => sum + usage.dynamodb.callsWithoutCapacity, 0);
    if (withoutCapacity > 0) errors.push(`${path}: ${withoutCapacity} DynamoDB calls reported no consumed capacity`);
    const functions = Object.fromEntries(
      Object.entries(reading.functions)
        .filter(([name]) => name !== OUTSIDE)
        .map(([name, usage]) => {
          const indexes = Object.values(usage.dynamodb.indexes);
          return [name, {
            invocations: usage.invocations / ids.length,
            meanMs: usage.durationMs / Math.max(1, usage.invocations),
            memoryMb: memoryMbOf(name) ?? NaN,
            writeUnits: (usage.dynamodb.table.write + indexes.reduce((sum, i) => sum + i.write, 0)) / ids.length,
            readUnits: (usage.dynamodb.table.read + indexes.reduce((sum, i) => sum + i.read, 0)) / ids.length,
          }];
        }),
    );
    paths.push({ path, description: PATH_DESCRIPTIONS[path], complaints: ids.length, seconds, units, services, usdPerThousandComplaints: total(services), dynamodbCallsWithoutCapacity: withoutCapacity, functions });
  }
  return costOfPaths(paths, prices, errors, options.timeScale, options.concurrency);
}
