/**
 * The aggregates end to end on the real emulators: the stream consumer
 * `maintainAggregates` keeps them as cases are written, a redelivered old
 * record changes nothing, the rebuild agrees (and repairs a damaged bucket),
 * and `GET /api/v1/dashboard` reads them with drill-down links that list
 * exactly the counted cases, within each caller's estates.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintCase } from '../../functions/domain/complaintCase';
import { aggregateKeys } from '../../functions/store/aggregateStore';
import { rebuildAggregates } from '../../functions/store/aggregateRebuild';
import { demoUsers } from '../../infra/local/demoGroup';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { seedCase } from '../support/seedCases';

let platform: TestPlatform;
let doc: DynamoDBDocumentClient;
const tokens = new Map<string, string>();
async function token(userId: string) {
  if (!tokens.has(userId)) tokens.set(userId, await platform.issuer.mint(demoUsers.find((u) => u.userId === userId)!));
  return tokens.get(userId)!;
}
async function get(userId: string, path: string) {
  const response = await platform.get(path, { authorization: `Bearer ${await token(userId)}` });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}
async function allCases(userId: string, path: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const { status, body } = await get(userId, `${path}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(status).toBe(200);
    ids.push(...(body.cases as { caseId: string }[]).map((c) => c.caseId));
    cursor = body.nextCursor;
  } while (cursor);
  return ids.sort();
}
const check = () => rebuildAggregates(doc, platform.tableName, { reportingTimeZone: 'Asia/Hong_Kong', write: false });

const october: ComplaintCase[] = [];
const at = (day: number, hour = 3) => new Date(Date.UTC(2026, 9, day, hour)).toISOString();

beforeAll(async () => {
  // Listing across the group reads many partitions: a DynamoDB Local of its own keeps other files' bulk writes from stalling it.
  platform = await startTestPlatform({ ownDynamoDb: true });
  doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.dynamoDbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  // October 2026 (Hong Kong time): cases of three estates in several states.
  const seeds: Parameters<typeof seedCase>[1][] = [
    { estateId: 'EST01', receivedAt: at(5) },
    { estateId: 'EST01', receivedAt: at(6), patch: { status: 'in-progress', caseClass: 1, severity: 'general', category: 'staff-attitude', departmentId: 'security' } },
    { estateId: 'EST01', receivedAt: at(7), patch: { status: 'in-progress', caseClass: 1, severity: 'serious', category: 'staff-attitude', departmentId: 'security', assigneeId: 'security.est01' } },
    {
      estateId: 'EST01', receivedAt: at(12), changedAt: at(14),
      patch: {
        status: 'closed', caseClass: 2, severity: 'general', category: 'service-missing-or-not-working', departmentId: 'engineering', acknowledgedAt: at(12, 5),
        response: { outcome: 'upheld', decision: 'd', reasons: 'r', outstandingActions: [], rootCause: 'rc', accountability: 'a', by: 'engineering.est01', at: at(14), sentAt: at(14) },
        satisfaction: { outcomeRating: 5, processRating: 4, answeredAt: at(15), stage: 1 }, followUpAt: at(14),
      },
    },
    { estateId: 'EST02', receivedAt: at(20), patch: { status: 'in-progress', caseClass: 1, severity: 'general', category: 'staff-attitude', departmentId: 'security' } },
    { estateId: 'SZ01', receivedAt: at(21) },
  ];
  for (const seed of seeds) october.push(await seedCase(platform.caseStore, seed));
  // And one complaint through the API, whose workflow changes it again.
  const filed = await platform.post('/api/v1/complaints', aComplaint(), { 'idempotency-key': 'insight-aggregates-1' });
  expect(filed.status).toBe(201);
  await platform.settle();
  await platform.tableStreams.drained();
}, 120_000);

afterAll(async () => {
  doc?.destroy();
  await platform?.stop();
});

describe('aggregates maintained from the table stream', () => {
  it('agree with a recomputation from the cases', async () => {
    const result = await check();
    expect(result.cases).toBe(7);
    expect(result.differences).toEqual([]);
  }, 120_000);

  it('do not count a redelivered old record', async () => {
    const { handler } = await import('../../functions/streams/maintainAggregates');
    const old = october[3]!;
    const first = (await platform.caseStore.getCase(old.caseId))!;
    const stale = { ...first, version: 1, status: 'received' as const, response: undefined, satisfaction: undefined };
    const event: DynamoDBStreamEvent = {
      Records: [{ eventName: 'MODIFY', dynamodb: { SequenceNumber: '1', NewImage: marshall({ pk: `CASE#${old.caseId}`, sk: 'CASE', type: 'case', ...stale }, { removeUndefinedValues: true }) as never } }],
    };
    const result = await handler(event, { awsRequestId: 'redelivery' } as Context);
    expect(result).toEqual({ batchItemFailures: [] });
    expect((await check()).differences).toEqual([]);
  }, 120_000);

  it('are repaired by the rebuild when a bucket was damaged', async () => {
    await doc.send(new UpdateCommand({ TableName: platform.tableName, Key: aggregateKeys.bucket({ scope: 'EST01', slice: 'all', period: 'M2026-10' }), UpdateExpression: 'ADD #n :five', ExpressionAttributeNames: { '#n': 'n:cases' }, ExpressionAttributeValues: { ':five': 5 } }));
    const damaged = await check();
    expect(damaged.differences).toEqual([{ bucket: 'EST01|all|M2026-10', counter: 'cases', expected: 4, actual: 9 }]);
    const rebuilt = await rebuildAggregates(doc, platform.tableName, { reportingTimeZone: 'Asia/Hong_Kong', write: true });
    expect(rebuilt.written).toBe(1);
    expect((await check()).differences).toEqual([]);
  }, 120_000);
});

describe('GET /api/v1/dashboard', () => {
  it('gives HQ the group, with counts that drill down to exactly their cases', async () => {
    const { status, body } = await get('hq.director', '/api/v1/dashboard?granularity=month&from=2026-10&to=2026-10');
    expect(status).toBe(200);
    expect(body.filters).toMatchObject({ scope: 'group', from: '2026-10', to: '2026-10' });
    expect(body.totals.cases).toBe(6);
    expect(body.totals.byStatus).toMatchObject({ received: 2, 'in-progress': 3, closed: 1 });
    expect(body.totals.byCategory['staff-attitude']).toBe(3);
    expect(body.totals.outcomes.upheld).toBe(1);
    expect(body.totals.satisfaction.withHandling).toMatchObject({ count: 1, mean: 4 });
    expect(body.rankings.estates.byVolume[0]).toMatchObject({ id: 'EST01', total: 4 });
    expect(body.perThousandHomes).toMatchObject({ homes: 1200 + 860 + 2400 + 540, complaints: Math.round((6 / 5000) * 1000 * 100) / 100 });
    expect(body.regulator.CH01.stage1).toBe(6);
    // Drill-downs: the cases behind a bar are the cases counted in it.
    expect(await allCases('hq.director', body.links.byCategory['staff-attitude'])).toEqual(october.filter((c, i) => [1, 2, 4].includes(i)).map((c) => c.caseId).sort());
    expect(await allCases('hq.director', body.links.all)).toEqual(october.map((c) => c.caseId).sort());
    expect((await allCases('hq.director', body.links.byStatus['in-progress'])).length).toBe(3);
  });

  it('filters by estate group, class and category (one slice each)', async () => {
    const { body } = await get('hq.director', '/api/v1/dashboard?granularity=month&from=2026-10&to=2026-10&estateId=EST01,EST02&class=1&category=staff-attitude');
    expect(body.totals.cases).toBe(3);
    expect(await allCases('hq.director', body.links.all)).toEqual(october.filter((c, i) => [1, 2, 4].includes(i)).map((c) => c.caseId).sort());
    const weekly = await get('hq.director', '/api/v1/dashboard?granularity=week&from=2026-W40&to=2026-W44&estateId=EST01');
    expect(weekly.body.trend.map((t: { period: string; cases: number }) => [t.period, t.cases])).toEqual([['2026-W40', 0], ['2026-W41', 3], ['2026-W42', 1], ['2026-W43', 0], ['2026-W44', 0]]);
  });

  it("keeps estate staff to their estates and shows handlers' figures to managers only", async () => {
    const manager = await get('manager.est01', '/api/v1/dashboard?granularity=month&from=2026-10&to=2026-10');
    expect(manager.status).toBe(200);
    expect(manager.body.filters.estateIds).toEqual(['EST01']);
    expect(manager.body.totals.cases).toBe(4);
    expect(manager.body.totals.handlers).toHaveProperty(['security.est01']);
    const lead = await get('cslead.est01', '/api/v1/dashboard?granularity=month&from=2026-10&to=2026-10');
    expect(lead.body.totals.cases).toBe(4);
    expect(lead.body.totals).not.toHaveProperty('handlers');
    // A department's figure drills down (the performance page's link): the case list's `department` filter.
    expect(manager.body.totals.departments.security.cases).toBe(2);
    const received = new URL(manager.body.links.all, 'http://x').searchParams;
    expect(await allCases('manager.est01', `/api/v1/cases?${new URLSearchParams({ ...Object.fromEntries(received), department: 'security' }).toString()}`)).toEqual(october.filter((c, i) => [1, 2].includes(i)).map((c) => c.caseId).sort());
    const badDepartment = await get('manager.est01', '/api/v1/cases?department=not%20a%20department');
    expect(badDepartment.status).toBe(422);
    expect(badDepartment.body.error.fields).toHaveProperty('department');
    expect((await get('manager.est01', '/api/v1/dashboard?estateId=EST02')).status).toBe(404);
    expect((await get('manager.est01', '/api/v1/dashboard?estateId=EST01,EST02')).status).toBe(404);
    expect((await get('engineering.est01', '/api/v1/dashboard')).status).toBe(403);
  });

  it('refuses bad filters with field-level messages', async () => {
    const bad = await get('hq.director', '/api/v1/dashboard?granularity=week&from=2026-10');
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toHaveProperty('from');
    const reversed = await get('hq.director', '/api/v1/dashboard?from=2026-10&to=2026-01');
    expect(reversed.status).toBe(422);
    expect((await get('hq.director', '/api/v1/dashboard?category=nonsense')).body.error.fields).toHaveProperty('category');
  });
});

describe('GET /api/v1/early-warnings', () => {
  it('raises a spike of one cause at one estate, with the cases behind it, to HQ and that estate only', async () => {
    const spike: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const receivedAt = new Date(Date.now() - (i % 3) * 86_400_000 - 60_000).toISOString();
      spike.push((await seedCase(platform.caseStore, { estateId: 'EST02', receivedAt, patch: { status: 'in-progress', caseClass: 1, severity: 'general', category: 'poor-skill', departmentId: 'engineering' } })).caseId);
    }
    await platform.tableStreams.drained();
    const group = await get('hq.director', '/api/v1/early-warnings');
    expect(group.status).toBe(200);
    expect(group.body.warnings).toHaveLength(1);
    expect(group.body.warnings[0]).toMatchObject({ estateId: 'EST02', category: 'poor-skill', count: 7, expected: 0.5 });
    expect(await allCases('hq.director', `${group.body.warnings[0].cases}`)).toEqual(spike.sort());
    const own = await get('manager.est02', '/api/v1/early-warnings?estateId=EST02');
    expect(own.body.warnings.map((w: { category: string }) => w.category)).toEqual(['poor-skill']);
    expect((await get('manager.est01', '/api/v1/early-warnings')).body.warnings).toEqual([]);
    expect((await get('manager.est01', '/api/v1/early-warnings?estateId=EST02')).status).toBe(404);

    // The daily alert: to the estate manager, HQ in copy, with the cases behind it; once, however often it runs.
    const alerts = async () => (await platform.mailbox()).filter((m) => m.tags?.report === 'early-warning');
    expect(await platform.schedules.run('sendEarlyWarningAlerts', { catchUp: true })).toMatchObject({ warnings: 1, sent: 1 });
    const [alert, ...others] = await alerts();
    expect(others).toHaveLength(0);
    expect(alert!.destination).toMatchObject({ to: ['manager.est02@demo-group.example'], cc: ['hq.cs@demo-group.example'] });
    expect(alert!.tags).toMatchObject({ estate: 'EST02' });
    const spikeCases = await Promise.all(spike.map((caseId) => platform.caseStore.getCase(caseId)));
    for (const c of spikeCases) {
      expect(alert!.body.text).toContain(c!.reference);
      expect(alert!.body.html).toContain(`/staff?case=${c!.caseId}`);
    }
    expect(alert!.subject).toMatch(/預警|Early warning/);
    expect(JSON.stringify(alert)).not.toMatch(/Resident|Seeded complaint/);
    expect(await platform.schedules.run('sendEarlyWarningAlerts', { catchUp: true })).toMatchObject({ warnings: 1, sent: 0, alreadySent: 1 });
    expect(await alerts()).toHaveLength(1);
  }, 120_000);

  it('raises a spike in one building as that building\'s warning, filtered and drilled down to its cases, alerted once', async () => {
    // Six complaints of one cause in Tower 2 of EST01, two in Tower 1: the estate (eight) and Tower 2 warn, Tower 1 does not.
    const tower2: string[] = [];
    const tower1: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      const receivedAt = new Date(Date.now() - (i % 3) * 86_400_000 - 120_000).toISOString();
      const buildingId = i < 6 ? 'T2' : 'T1';
      const seeded = await seedCase(platform.caseStore, { estateId: 'EST01', receivedAt, patch: { status: 'in-progress', caseClass: 1, severity: 'general', category: 'service-standard-too-low', departmentId: 'cleaning', buildingId } });
      (buildingId === 'T2' ? tower2 : tower1).push(seeded.caseId);
    }
    await platform.tableStreams.drained();
    const mine = (warnings: { estateId: string; category: string; buildingId?: string; cases: string }[]) => warnings.filter((w) => w.estateId === 'EST01' && w.category === 'service-standard-too-low');
    const group = await get('hq.director', '/api/v1/early-warnings');
    expect(mine(group.body.warnings).map((w: { buildingId?: string }) => w.buildingId ?? 'estate').sort()).toEqual(['T2', 'estate']);
    const building = mine(group.body.warnings).find((w: { buildingId?: string }) => w.buildingId === 'T2');
    expect(building).toMatchObject({ buildingId: 'T2', buildingNames: { en: 'Tower 2', 'zh-Hant': '第二座', 'zh-Hans': '第二座' }, count: 6 });
    expect(await allCases('hq.director', building!.cases)).toEqual(tower2.sort());
    // The estate's own view gives the same, and the building filter only that building's.
    const own = await get('manager.est01', '/api/v1/early-warnings?estateId=EST01&buildingId=T2');
    expect(own.body.warnings.map((w: { buildingId?: string; count: number }) => [w.buildingId, w.count])).toEqual([['T2', 6]]);
    expect((await get('manager.est01', '/api/v1/early-warnings?buildingId=T2')).status).toBe(400);

    // The dashboard of the one estate counts per building, each count drilling down to exactly that building's cases.
    const since = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    const dashboard = await get('manager.est01', `/api/v1/dashboard?granularity=day&from=${since}&estateId=EST01`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.buildings.map((b: { buildingId: string; cases: number }) => [b.buildingId, b.cases])).toEqual([['T2', 6], ['T1', 2]]);
    expect(dashboard.body.buildings[0]).toMatchObject({ names: { en: 'Tower 2', 'zh-Hant': '第二座', 'zh-Hans': '第二座' } });
    expect(dashboard.body.buildings[0].trend.reduce((a: number, b: number) => a + b, 0)).toBe(6);
    expect(await allCases('manager.est01', dashboard.body.links.byBuilding.T2)).toEqual([...tower2].sort());
    expect(await allCases('manager.est01', dashboard.body.links.byBuilding.T1)).toEqual([...tower1].sort());
    // Building ids mean something only within their estate: several estates or the group give no per-building figures.
    const several = await get('hq.director', `/api/v1/dashboard?granularity=day&from=${since}&estateId=EST01,EST02`);
    expect(several.body.buildings).toEqual([]);
    expect((await get('hq.director', `/api/v1/dashboard?granularity=day&from=${since}`)).body.buildings).toEqual([]);

    const alerts = async () => (await platform.mailbox()).filter((m) => m.tags?.report === 'early-warning' && m.tags?.estate === 'EST01');
    expect(await platform.schedules.run('sendEarlyWarningAlerts', { catchUp: true })).toMatchObject({ sent: 2 });
    const sent = await alerts();
    expect(sent).toHaveLength(2);
    const buildingAlert = sent.find((m) => m.subject.includes('第二座'))!;
    expect(buildingAlert.tags?.alert).toMatch(/B.T2$/);
    for (const caseId of tower2) expect(buildingAlert.body.html).toContain(`/staff?case=${caseId}`);
    for (const caseId of tower1) expect(buildingAlert.body.html).not.toContain(`/staff?case=${caseId}`);
    expect(await platform.schedules.run('sendEarlyWarningAlerts', { catchUp: true })).toMatchObject({ sent: 0 });
    expect(await alerts()).toHaveLength(2);
  }, 120_000);
});
