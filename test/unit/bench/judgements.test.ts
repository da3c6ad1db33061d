/** How bench runs are judged and priced (bench/report.ts, bench/intake.ts, bench/cost.ts): no rounding, no empty pass. */
import { describe, expect, it } from 'vitest';
import { costOfPaths, priceUnits, readPrices, unitsPerComplaint } from '../../../bench/cost';
import { type LatencySummary, median, medianSummary, type PairResult } from '../../../bench/intake';
import type { LifecycleBenchResult } from '../../../bench/lifecycle';
import { judgeIntake, judgeLifecycle } from '../../../bench/report';
import { resultsFileName } from '../../../bench/results';
import { type FunctionUsage, OUTSIDE } from '../../../infra/local/metering';

const run = (perSecond: number): LatencySummary => ({ count: 100, failed: 0, seconds: 100 / perSecond, perSecond, p50Ms: 10, p99Ms: 20, maxMs: 30 });
const once = { attempts: 100, conflicts: 0 };
const pair = (raw: number, intake: number): PairResult => ({ first: 'raw', raw: { ...run(raw), ...once }, intake: { ...run(intake), retried: 0, ...once }, ratio: intake / raw });

function level(pairs: PairResult[]) {
  const ratios = pairs.map((p) => p.ratio);
  return {
    concurrency: 8,
    pairs,
    raw: medianSummary(pairs.map((p) => p.raw)),
    intake: { ...medianSummary(pairs.map((p) => p.intake)), retried: 0 },
    ratio: median(ratios),
    ratioSpread: { min: Math.min(...ratios), max: Math.max(...ratios) },
    intakeWithWorkflows: { ...run(50), retried: 0 },
    endToEnd: { seconds: 1, acknowledged: 1, notAcknowledged: 0, perSecond: 1 },
  };
}

describe('the intake verdict', () => {
  it('is the median of the pairs, judged unrounded (0.797 misses 0.8)', () => {
    const justUnder = level([pair(100, 79.7), pair(100, 79.7), pair(100, 90), pair(100, 70), pair(100, 79.7)]);
    expect(justUnder.ratio).toBeCloseTo(0.797, 6);
    expect(judgeIntake({ warmup: { raw: 0, intake: 0 }, levels: [justUnder], errors: [] }).pass).toBe(false);
    const met = level([pair(100, 80), pair(100, 81), pair(100, 95), pair(100, 60), pair(100, 85)]);
    expect(judgeIntake({ warmup: { raw: 0, intake: 0 }, levels: [met], errors: [] }).pass).toBe(true);
  });

  it('needs at least five pairs', () => {
    const few = level([pair(100, 90), pair(100, 90), pair(100, 90), pair(100, 90)]);
    expect(judgeIntake({ warmup: { raw: 0, intake: 0 }, levels: [few], errors: [] }).pass).toBe(false);
  });

  it('reports median rates over the pairs, not the mean', () => {
    expect(medianSummary([run(10), run(100), run(20)]).perSecond).toBe(20);
  });
});

describe('the lifecycle verdict', () => {
  const lifecycle = (min: number, max: number, complaints = 10): LifecycleBenchResult => ({ complaints, concurrency: 4, timeScale: 1, seconds: 10, closedPerSecond: 0.4, transitions: { min, max, mean: (min + max) / 2 }, costPerThousandComplaintsUsd: 0, errors: [] });
  it('misses when a complaint had no transition counted, or none closed', () => {
    expect(judgeLifecycle(lifecycle(0, 0)).pass).toBe(false);
    expect(judgeLifecycle(lifecycle(0, 17)).pass).toBe(false);
    expect(judgeLifecycle(lifecycle(0, 0, 0)).pass).toBe(false);
    expect(judgeLifecycle(lifecycle(16, 17)).pass).toBe(true);
    expect(judgeLifecycle(lifecycle(16, 21)).pass).toBe(false);
  });
});

describe('pricing a metered run', () => {
  const usage = (over: Partial<FunctionUsage>): FunctionUsage => ({
    invocations: 0, durationMs: 0, billedMs: 0, logEvents: 0, logBytes: 0,
    dynamodb: { table: { read: 0, write: 0 }, indexes: {}, calls: 0, callsWithoutCapacity: 0 },
    calls: {},
    ...over,
  });
  const reading = {
    functions: {
      // 512 MB, an HTTP route: 2 requests of 100 ms, 10 WRU on the table and 20 on indexes, 2 log lines of 300 bytes.
      createComplaint: usage({ invocations: 2, durationMs: 199.2, billedMs: 200, logEvents: 2, logBytes: 600, dynamodb: { table: { read: 1, write: 10 }, indexes: { byEstateReceived: { read: 0, write: 20 } }, calls: 2, callsWithoutCapacity: 0 } }),
      // 256 MB, the outbox's sender: one SES message, no table reads counted here.
      sendQueuedEmails: usage({ invocations: 1, billedMs: 1000, calls: { 'SESv2.SendEmail': 1 } }),
      // The runtime's own machinery is never priced, except the stream reads it reports.
      [OUTSIDE]: usage({ dynamodb: { table: { read: 500, write: 500 }, indexes: {}, calls: 9, callsWithoutCapacity: 0 }, calls: { 'DynamoDBStreams.GetRecords': 40 } }),
    },
  };

  it('sums the functions per complaint, leaving the runtime out', () => {
    const units = unitsPerComplaint(reading, 30, 2, 26);
    expect(units).toMatchObject({ dynamodbReadUnits: 0.5, dynamodbWriteUnits: 15, dynamodbIndexWriteUnits: 10, streamGetRecordsCalls: 20, lambdaInvocations: 1.5, stateTransitions: 15, sesMessages: 0.5, apiGatewayRequests: 1, kmsRequests: 1 });
    expect(units.lambdaGbSeconds).toBeCloseTo((0.2 * 0.5 + 1 * 0.25) / 2, 10);
    // 600 B of lines + 3 × 270 B of Lambda's own lines, 2 + 9 events × 26 B, over two complaints.
    expect(units.logBytes).toBeCloseTo((600 + 810 + 11 * 26) / 2, 10);
  });

  it('prices each service from the price file, per 1,000 complaints', () => {
    const prices = readPrices();
    const services = priceUnits(unitsPerComplaint(reading, 30, 2, prices.cloudWatchLogs.bytesPerEventOverhead), prices);
    const byName = Object.fromEntries(services.map((s) => [s.service, s.usdPerThousandComplaints]));
    expect(byName['Step Functions (Standard)']).toBeCloseTo(15 * 0.025, 10);
    expect(byName.SES).toBeCloseTo(0.5 * 0.1, 10);
    expect(byName['DynamoDB (on demand)']).toBeCloseTo(1000 * ((0.5 * 0.125 + 15 * 0.625) / 1e6), 12);
    expect(services.map((s) => s.service)).toEqual(['DynamoDB (on demand)', 'Lambda (arm64)', 'Step Functions (Standard)', 'SES', 'API Gateway (HTTP API)', 'KMS (table CMK)', 'S3', 'CloudWatch Logs']);
  });

  it('misses the target when a path measured nothing', () => {
    const prices = readPrices();
    const services = priceUnits(unitsPerComplaint(reading, 30, 2, 26), prices);
    const path = { description: '', complaints: 2, seconds: 1, units: unitsPerComplaint(reading, 30, 2, 26), services, usdPerThousandComplaints: 0.1, dynamodbCallsWithoutCapacity: 0, functions: {} };
    const all = costOfPaths((['common', 'escalation', 'compensation', 'stage2'] as const).map((p) => ({ ...path, path: p })), prices, [], 1, 1);
    expect(all.mix.usdPerThousandComplaints).toBeGreaterThan(0);
    const empty = costOfPaths([{ ...path, path: 'common', complaints: 0 }], prices, [], 1, 1);
    expect(empty.pass).toBe(false);
  });
});

describe('results files', () => {
  it('are named by the run date, sortable and free of colons', () => {
    expect(resultsFileName('2026-12-07T12:03:04.567Z')).toBe('2026-12-07T12-03-04Z.json');
  });
});

describe('the doc generator reads the main bench results only', () => {
  it('skips the soak and insight files kept in the same folder', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { latestSections } = await import('../../../bench/results');
    const directory = mkdtempSync(join(tmpdir(), 'bench-results-'));
    writeFileSync(join(directory, 'insight.json'), JSON.stringify({ dashboard: {} }));
    writeFileSync(join(directory, 'soak-2026-12-07-quick.json'), JSON.stringify({ runs: [] }));
    writeFileSync(join(directory, '2026-12-07T14-43-40Z.json'), JSON.stringify({ errors: [], intake: { levels: [] } }));
    const found = latestSections(directory);
    expect(found.intake?.file).toMatch(/2026-12-07T14-43-40Z\.json$/);
    expect(Object.keys(found)).toEqual(['intake']);
  });
});
