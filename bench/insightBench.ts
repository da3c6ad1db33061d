/**
 * `npm run bench:insight -- [--cases 20000] [--baseline-cases 1000] [--estates 3000] [--rounds 200]`
 *
 * The dashboard's pre-aggregated figures at scale, in one in-memory DynamoDB Local:
 *
 * 1. Two case tables with the same 3,000 estates: the baseline holds `--baseline-cases` (1,000), the subject `--cases`
 *    (each written as three versions: received, triaged, answered and rated; a year of receipt dates).
 *    A progress bar shows the seeding.
 * 2. Aggregation: the subject's change records are read from the table's stream (DynamoDB Streams API,
 *    every shard, as the event source mapping reads them) — the raw stream read rate — and then handed to
 *    the real `maintainAggregates` handler in batches of 100, one batch at a time as one shard's event
 *    source mapping does — the aggregation rate, in change records per second, next to the raw read rate.
 *    The rebuild's check then confirms that the incremental aggregates equal a recomputation.
 * 3. Dashboard latency: the dashboard's reads and figures (`readDashboard` of functions/api/dashboard.ts: the
 *    Queries of pre-aggregated items and the computation, without the HTTP hop) for one estate and for the
 *    whole group over 12 months, alternating baseline and subject request by request; p50/p95 of each and
 *    the subject ÷ baseline ratio of the medians. Target: ratio ≤ 1.5 and p95 < 100 ms.
 *
 * Results: bench/results/insight.json (committed) and a table on stdout.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { Presets, SingleBar } from 'cli-progress';
import type { ComplaintCase } from '../functions/domain/complaintCase';
import type { Estate } from '../functions/domain/estate';
import { countCaseVersion } from '../functions/domain/insight/aggregatePlan';
import { allEstateShardScopes, contributionOf, GROUP_SCOPE } from '../functions/domain/insight/caseContribution';
import { currentPeriod, previousPeriod } from '../functions/domain/insight/periods';
import { CAUSE_CATEGORIES, CHANNELS } from '../functions/domain/vocabulary';
import { DynamoAggregateStore } from '../functions/store/aggregateStore';
import { rebuildAggregates } from '../functions/store/aggregateRebuild';
import { caseIndexAttributes } from '../functions/store/indexKeys';
import { ensureCaseTable } from '../infra/local/caseTable';
import { startDynamoDbLocal } from '../infra/local/dynamodbLocal';
import { freePort } from '../infra/local/ports';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const log = (line: string) => process.stderr.write(`[bench:insight] ${line}\n`);
const TIME_ZONE = 'Asia/Hong_Kong';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`--${name} needs a positive whole number. Usage: npm run bench:insight -- [--cases N] [--baseline-cases N] [--estates N] [--rounds N]`);
    process.exit(2);
  }
  return value;
}

/** A small seeded generator: the same data every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function estatesOf(count: number): Estate[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `B${String(i).padStart(4, '0')}`;
    return {
      estateId: id, referencePrefix: id, homes: 200 + (i % 50) * 40,
      names: { en: `Estate ${id}`, 'zh-Hant': `屋苑 ${id}`, 'zh-Hans': `小区 ${id}` },
      jurisdiction: i % 10 === 0 ? 'CN' : 'HK', timeZone: i % 10 === 0 ? 'Asia/Shanghai' : 'Asia/Hong_Kong',
      departments: [], customerServiceEmail: `cs.${id}@bench.example`, managerEmail: `m.${id}@bench.example`,
    };
  });
}

/** The three versions of a case: received; triaged and acknowledged; answered and rated. */
function caseVersions(index: number, estates: Estate[], next: () => number, now: number): ComplaintCase[] {
  const estate = estates[Math.floor(next() * estates.length)]!;
  const received = new Date(now - Math.floor(next() * 360 * 86_400_000));
  const iso = (hours: number) => new Date(received.getTime() + hours * 3_600_000).toISOString();
  const caseId = `01BENCH${String(index).padStart(19, '0')}`;
  const base: ComplaintCase = {
    caseId, reference: `${estate.estateId}-B-${index}`, estateId: estate.estateId, unit: 'u', language: 'en',
    channel: CHANNELS[Math.floor(next() * CHANNELS.length)]!, receivedAt: received.toISOString(), status: 'received', stage: 1,
    responseDueBy: iso(24 * 7), complainant: { name: 'n' }, description: 'd', trackingTokenHashes: [], personalDataSalt: 's',
    version: 1, eventSeq: 1, headHash: 'h', createdAt: received.toISOString(), updatedAt: received.toISOString(),
  };
  const triaged: ComplaintCase = {
    ...base, version: 2, status: 'in-progress', acknowledgedAt: iso(3), caseClass: (1 + Math.floor(next() * 3)) as 1 | 2 | 3,
    severity: 'general', category: CAUSE_CATEGORIES[Math.floor(next() * CAUSE_CATEGORIES.length)]!, departmentId: next() < 0.5 ? 'engineering' : 'security',
    assigneeId: `handler.${estate.estateId}.${Math.floor(next() * 3)}`, updatedAt: iso(3),
  };
  const answeredAt = iso(24 * (1 + Math.floor(next() * 10)));
  const answered: ComplaintCase = {
    ...triaged, version: 3, status: 'closed', closedAt: answeredAt, updatedAt: answeredAt,
    response: { outcome: next() < 0.5 ? 'upheld' : 'not-upheld', decision: 'd', reasons: 'r', outstandingActions: [], rootCause: 'r', accountability: 'a', by: 'h', at: answeredAt, sentAt: answeredAt },
    satisfaction: { outcomeRating: 1 + Math.floor(next() * 5), processRating: 1 + Math.floor(next() * 5), answeredAt, stage: 1 },
  };
  return [base, triaged, answered];
}

async function seed(doc: DynamoDBDocumentClient, tableName: string, estates: Estate[], cases: number, label: string): Promise<ComplaintCase[]> {
  for (let i = 0; i < estates.length; i += 25) {
    await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: estates.slice(i, i + 25).map((e) => ({ PutRequest: { Item: { pk: 'GROUP', sk: `ESTATE#${e.estateId}`, type: 'estate', ...e } } })) } }));
  }
  const next = random(label === 'baseline' ? 1 : 2);
  const now = Date.now();
  const latest: ComplaintCase[] = [];
  const bar = new SingleBar({ format: `seeding ${label} |{bar}| {value}/{total} cases  eta {eta}s`, hideCursor: true, stream: process.stderr }, Presets.shades_classic);
  bar.start(cases, 0);
  // Each version is its own write, so the stream carries all three (as the lifecycle's writes would).
  for (let i = 0; i < cases; i += 8) {
    const batch = Array.from({ length: Math.min(8, cases - i) }, (_, k) => caseVersions(i + k, estates, next, now));
    for (let v = 0; v < 3; v += 1) {
      await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: batch.map((versions) => ({ PutRequest: { Item: { pk: `CASE#${versions[v]!.caseId}`, sk: 'CASE', type: 'case', ...versions[v]!, ...caseIndexAttributes(versions[v]!) } } })) } }));
    }
    latest.push(...batch.map((versions) => versions[2]!));
    bar.update(Math.min(cases, i + 8));
  }
  bar.stop();
  return latest;
}

async function readStream(client: DynamoDBClient, streams: DynamoDBStreamsClient, tableName: string): Promise<_Record[]> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const streamArn = Table!.LatestStreamArn!;
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const records: _Record[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    let emptyPages = 0;
    while (iterator && emptyPages < 2) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      const got = page.Records ?? [];
      records.push(...got);
      emptyPages = got.length === 0 ? emptyPages + 1 : 0;
      iterator = page.NextShardIterator;
    }
  }
  return records;
}

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};
const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

async function main() {
  const cases = flag('cases', 20_000);
  const estateCount = flag('estates', 3_000);
  const rounds = flag('rounds', 200);
  const baselineCases = flag('baseline-cases', 1_000);
  process.env.LOG_LEVEL = 'SILENT';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials });
  const streams = new DynamoDBStreamsClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  // The handler under test reads the subject table through the SDK's standard settings.
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
  process.env.CASE_TABLE_NAME = 'InsightSubject';
  process.env.PUBLIC_BASE_URL = 'http://127.0.0.1';
  try {
    const estates = estatesOf(estateCount);
    await ensureCaseTable(client, 'InsightBaseline');
    await ensureCaseTable(client, 'InsightSubject');
    const startedSeeding = performance.now();
    const baselineLatest = await seed(doc, 'InsightBaseline', estates, baselineCases, 'baseline');
    await seed(doc, 'InsightSubject', estates, cases, 'subject');
    log(`seeded ${baselineCases} + ${cases} cases (3 versions each) over ${estateCount} estates in ${round((performance.now() - startedSeeding) / 1000, 1)} s`);

    // The baseline's aggregates: its latest versions counted directly (what the consumer would end with).
    const baselineStore = new DynamoAggregateStore(doc, 'InsightBaseline');
    const estateById = new Map(estates.map((e) => [e.estateId, e]));
    for (const c of baselineLatest) await countCaseVersion(baselineStore, c.caseId, c.version, contributionOf(c, { estate: estateById.get(c.estateId)!, reportingTimeZone: TIME_ZONE }));

    // Raw stream read rate, then the aggregation rate over the same records.
    const readStarted = performance.now();
    const records = await readStream(client, streams, 'InsightSubject');
    const readSeconds = (performance.now() - readStarted) / 1000;
    const caseRecords = records.filter((r) => r.dynamodb?.NewImage?.type?.S === 'case');
    log(`read ${records.length} stream records (${caseRecords.length} of cases) in ${round(readSeconds)} s`);
    const { handler } = await import('../functions/streams/maintainAggregates');
    const bar = new SingleBar({ format: 'aggregating |{bar}| {value}/{total} records  eta {eta}s', hideCursor: true, stream: process.stderr }, Presets.shades_classic);
    bar.start(caseRecords.length, 0);
    const aggregateStarted = performance.now();
    for (let i = 0; i < caseRecords.length; i += 100) {
      const result = await handler({ Records: caseRecords.slice(i, i + 100) } as unknown as DynamoDBStreamEvent, { awsRequestId: `bench-${i}` } as Context);
      if (result && result.batchItemFailures.length > 0) throw new Error(`aggregation failed at record ${i}`);
      bar.update(Math.min(caseRecords.length, i + 100));
    }
    const aggregateSeconds = (performance.now() - aggregateStarted) / 1000;
    bar.stop();
    const check = await rebuildAggregates(doc, 'InsightSubject', { reportingTimeZone: TIME_ZONE, write: false });
    if (check.differences.length > 0) throw new Error(`incremental aggregates differ from a recomputation in ${check.differences.length} counters`);
    log(`aggregated ${caseRecords.length} records in ${round(aggregateSeconds)} s; the rebuild check agrees (${check.cases} cases, ${check.buckets} buckets)`);

    // Dashboard latency, alternating baseline and subject.
    const { readDashboard } = await import('../functions/api/dashboard');
    const subjectStore = new DynamoAggregateStore(doc, 'InsightSubject');
    const to = currentPeriod(new Date().toISOString(), TIME_ZONE, 'month');
    const periods = [to];
    while (periods.length < 12) periods.unshift(previousPeriod(periods[0]!));
    const homes = Object.fromEntries(estates.map((e) => [e.estateId, e.homes]));
    const allIds = estates.map((e) => e.estateId);
    const views = {
      estate: { scopes: [estates[1]!.estateId], estateIds: [estates[1]!.estateId] },
      group: { scopes: [GROUP_SCOPE, ...allEstateShardScopes()], estateIds: allIds },
    };
    const latency: Record<string, { baseline: number[]; subject: number[] }> = { estate: { baseline: [], subject: [] }, group: { baseline: [], subject: [] } };
    for (let r = 0; r < rounds + 10; r += 1) {
      for (const [view, scope] of Object.entries(views)) {
        for (const [which, store] of (r % 2 === 0 ? [['baseline', baselineStore], ['subject', subjectStore]] : [['subject', subjectStore], ['baseline', baselineStore]]) as [string, DynamoAggregateStore][]) {
          const started = performance.now();
          await readDashboard(store, { ...scope, slice: 'all', periods, homes, showHandlers: true });
          if (r >= 10) latency[view]![which as 'baseline' | 'subject'].push(performance.now() - started);
        }
      }
    }
    const summary = Object.fromEntries(
      Object.entries(latency).map(([view, { baseline, subject }]) => {
        const b50 = percentile(baseline, 0.5);
        const s50 = percentile(subject, 0.5);
        const s95 = percentile(subject, 0.95);
        const ratio = s50 / b50;
        return [view, { baselineP50Ms: round(b50), baselineP95Ms: round(percentile(baseline, 0.95)), subjectP50Ms: round(s50), subjectP95Ms: round(s95), ratioP50: round(ratio), pass: ratio <= 1.5 && s95 < 100 }];
      }),
    );
    const results = {
      date: new Date().toISOString(),
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      estates: estateCount,
      baselineCases,
      subjectCases: cases,
      streamRecords: caseRecords.length,
      rawStreamReadPerSecond: round(records.length / readSeconds, 0),
      aggregationRecordsPerSecond: round(caseRecords.length / aggregateSeconds, 0),
      aggregationOverRawRead: round(caseRecords.length / aggregateSeconds / (records.length / readSeconds), 3),
      rebuildCheck: { cases: check.cases, buckets: check.buckets, differences: check.differences.length },
      dashboardLatency: summary,
      rounds,
    };
    mkdirSync(join(REPO_ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(REPO_ROOT, 'bench', 'results', 'insight.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(JSON.stringify(results, null, 2));
  } finally {
    client.destroy();
    streams.destroy();
    await dynamo.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
