/**
 * The annual self-assessments (Housing Ombudsman Code 2024, ISO 10002:2018) on the real emulators: the
 * figures are those of the period's cases (their aggregates), each figure's link lists exactly its
 * cases, what needs a person's statement is left blank, the XLSX reads back in each language, and only HQ,
 * compliance and an estate's manager may have it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintCase } from '../../functions/domain/complaintCase';
import type { Language } from '../../functions/domain/vocabulary';
import { translate } from '../../functions/messages';
import { rebuildAggregates } from '../../functions/store/aggregateRebuild';
import { demoUsers } from '../../infra/local/demoGroup';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { seedCase } from '../support/seedCases';

let platform: TestPlatform;
const tokens = new Map<string, string>();
async function get(userId: string, path: string) {
  if (!tokens.has(userId)) tokens.set(userId, await platform.issuer.mint(demoUsers.find((u) => u.userId === userId)!));
  return platform.get(path, { authorization: `Bearer ${tokens.get(userId)!}` });
}
async function getJson(userId: string, path: string) {
  const response = await get(userId, path);
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** Hong Kong time, March 2026. */
const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 2, day, hour - 8)).toISOString();
const answer = (sentAt: string) => ({ outcome: 'upheld' as const, decision: 'd', reasons: 'r', outstandingActions: [], rootCause: 'rc', accountability: 'a', by: 'engineering.est01', at: sentAt, sentAt });
const lessons = (recurrence: 'one-off' | 'systemic', procedureDefect: boolean) => ({
  stage: 1 as const, closureReason: 'satisfied' as const, cause: {}, handling: { outstandingActions: 0, escalationLevel: 0 as const },
  satisfaction: { noResponse: false, byPhone: false }, lessons: { recurrence, procedureDefect, ruleNotFollowed: false, ...(recurrence === 'systemic' || procedureDefect ? { improvement: 'check the rota weekly' } : {}) },
  by: 'cslead.est01', role: 'cs-lead', at: at(20),
});
const seeded: Record<string, ComplaintCase> = {};

beforeAll(async () => {
  // The aggregates are read across estates: a DynamoDB Local of its own keeps other files' bulk writes from stalling it (as insightAggregates.test.ts).
  platform = await startTestPlatform({ ownDynamoDb: true });
  const triaged = { caseClass: 1 as const, severity: 'general' as const, category: 'staff-attitude' as const, departmentId: 'security' };
  const seeds: Record<string, Parameters<typeof seedCase>[1]> = {
    // Acknowledged the next working day, answered by the deadline, closed with a systemic lesson and a procedure defect.
    systemic: { estateId: 'EST01', receivedAt: at(2), responseDueBy: at(13), changedAt: at(6), patch: { ...triaged, status: 'closed', closedAt: at(6), closureReason: 'satisfied', acknowledgedAt: at(3), response: answer(at(6)), closingReport: lessons('systemic', true) } },
    // Acknowledged after 8 working days, answered late, closed without a closing report.
    late: { estateId: 'EST01', receivedAt: at(2), responseDueBy: at(5), changedAt: at(16), patch: { ...triaged, status: 'closed', closedAt: at(16), closureReason: 'satisfied', acknowledgedAt: at(12), response: answer(at(16)) } },
    // Closed with a one-off lesson; never acknowledged (resolved another way).
    oneOff: { estateId: 'EST01', receivedAt: at(9), responseDueBy: at(20), changedAt: at(10), patch: { ...triaged, status: 'closed', closedAt: at(10), closureReason: 'satisfied', closingReport: lessons('one-off', false) } },
    // Not triaged yet.
    fresh: { estateId: 'EST01', receivedAt: at(25) },
    // Another estate, same month.
    elsewhere: { estateId: 'EST02', receivedAt: at(4) },
  };
  // The figures are the aggregates of these cases, computed by the rebuild (the same domain code the stream
  // consumer runs; insightAggregates.test.ts checks the consumer and the rebuild agree). The consumer is paused so
  // the rebuild alone writes them.
  platform.tableStreams.disable();
  for (const [name, seed] of Object.entries(seeds)) seeded[name] = await seedCase(platform.caseStore, seed);
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.dynamoDbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  await rebuildAggregates(doc, platform.tableName, { reportingTimeZone: 'Asia/Hong_Kong', write: true });
}, 300_000);

afterAll(async () => {
  await platform?.stop();
});

const item = (items: { id: string }[], id: string) => items.find((i) => i.id === id) as any;
const figure = (entry: any, measure: string) => entry.evidence.find((e: { measure: string }) => e.measure === measure);

describe('GET /api/v1/reports/self-assessment', () => {
  it("gives the Housing Ombudsman Code's provisions with the period's figures and the gaps they show", async () => {
    const { status, body } = await getJson('hq.director', '/api/v1/reports/self-assessment?estateId=EST01&from=2026-03&to=2026-03');
    expect(status).toBe(200);
    expect(body).toMatchObject({ period: { from: '2026-03', to: '2026-03' }, scope: 'estates', estateIds: ['EST01'] });
    const code = body.housingOmbudsman as any[];
    const ack = item(code, '6.2');
    expect(figure(ack, 'received')).toMatchObject({ value: 4 });
    // Acknowledged: 2 (next working day, and 8 working days later): one within 5.
    expect(figure(ack, 'acknowledgedWithin5')).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(ack.gaps).toContainEqual({ gap: 'acknowledgedAfter5', count: 1 });
    const stage1 = item(code, '6.3');
    expect(figure(stage1, 'stage1ByDeadline')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(stage1.gaps).toEqual([{ gap: 'stage1Late', count: 1 }]);
    const learning = item(code, '9.1');
    expect(figure(learning, 'closingReports')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(figure(learning, 'lessonsSystemic')).toMatchObject({ value: 1 });
    expect(figure(learning, 'lessonsProcedureDefect')).toMatchObject({ value: 1 });
    expect(learning.gaps).toEqual([{ gap: 'closedWithoutReport', count: 1 }]);
    // CH01 per 1,000 homes of EST01 (1,200 homes): 4 complaints → 3.33.
    expect(figure(item(code, '8.1'), 'CH01stage1')).toMatchObject({ value: 3.33, numerator: 4, denominator: 1200 });
    // What only people can say is left blank and marked so.
    for (const id of ['§1', '§2', '§3', '§4', '§5', '8.2', '§9']) expect(item(code, id)).toMatchObject({ kind: 'statement', evidence: [] });
    expect(body.policies).toEqual([expect.objectContaining({ policyId: 'seed-default', estates: 1 })]);
  });

  it('gives the ISO 10002 clauses of operation and of maintenance and improvement, with evidence and gaps', async () => {
    const { body } = await getJson('manager.est01', '/api/v1/reports/self-assessment?from=2026-03&to=2026-03');
    expect(body.estateIds).toEqual(['EST01']);
    const iso = body.iso10002 as any[];
    expect(iso.map((i) => i.id)).toEqual(['7.2', '7.3', '7.4', '7.5', '7.6', '7.7', '7.8', '7.9', '8.1', '8.2', '8.3', '8.4', '8.5', '8.6', '8.7']);
    expect(figure(item(iso, '7.5'), 'triaged')).toMatchObject({ numerator: 3, denominator: 4 });
    expect(item(iso, '7.5').gaps).toEqual([{ gap: 'untriaged', count: 1 }]);
    expect(figure(item(iso, '7.9'), 'closed')).toMatchObject({ numerator: 3, denominator: 4 });
    expect(item(iso, '8.6')).toMatchObject({ kind: 'statement' });
  });

  it("links each figure to exactly its cases", async () => {
    const { body } = await getJson('hq.director', '/api/v1/reports/self-assessment?estateId=EST01&from=2026-03&to=2026-03');
    const closed = figure(item(body.iso10002, '7.9'), 'closed');
    const list = await getJson('hq.director', `${closed.casesLink}&limit=100`);
    expect(list.status).toBe(200);
    expect((list.body.cases as { caseId: string }[]).map((c) => c.caseId).sort()).toEqual([seeded.systemic!.caseId, seeded.late!.caseId, seeded.oneOff!.caseId].sort());
  });

  it('covers the whole group for HQ without an estate', async () => {
    const { body } = await getJson('compliance.auditor', '/api/v1/reports/self-assessment?from=2026-03&to=2026-03');
    expect(body.scope).toBe('group');
    expect(figure(item(body.housingOmbudsman, '6.2'), 'received')).toMatchObject({ value: 5 });
  });

  it.each<Language>(['en', 'zh-Hant', 'zh-Hans'])('gives an XLSX in %s that reads back, with the blanks marked', async (language) => {
    const res = await get('hq.director', `/api/v1/reports/self-assessment?estateId=EST01&from=2026-03&to=2026-03&format=xlsx&language=${language}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const t = translate(language);
    const sheets = await readXlsxFile(Buffer.from(await res.arrayBuffer()));
    expect(sheets.map((s) => s.sheet)).toEqual([t('selfAssessment.summary'), t('selfAssessment.sheetCode'), t('selfAssessment.sheetIso')]);
    const code = sheets[1]!.data;
    expect(code[0]).toEqual([t('selfAssessment.provision'), t('selfAssessment.evidence'), t('selfAssessment.figure'), t('selfAssessment.gapsFound'), t('selfAssessment.controlsHeading'), t('selfAssessment.comply'), t('selfAssessment.commentary')]);
    const row = (label: string) => code.find((r) => r[0] === label)!;
    expect(row(t('selfAssessment.items.s3'))[1]).toBe(t('selfAssessment.toComplete'));
    const ack = row(t('selfAssessment.items.p6_2'));
    expect(ack[1]).toBe(t('selfAssessment.measures.received'));
    expect(ack[2]).toBe('4');
    expect(ack[3]).toContain(t('selfAssessment.gaps.acknowledgedAfter5', { count: 1 }));
    // Comply and commentary are the people's to fill in.
    expect(ack[5]).toBeNull();
    expect(ack[6]).toBeNull();
    expect(sheets[2]!.data.some((r) => r[0] === t('selfAssessment.items.c8_6') && r[1] === t('selfAssessment.toComplete'))).toBe(true);
  });

  it('refuses bad periods with a field message, and other estates and roles', async () => {
    const bad = await getJson('hq.director', '/api/v1/reports/self-assessment?from=2026-13');
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toHaveProperty('from');
    const tooLong = await getJson('hq.director', '/api/v1/reports/self-assessment?from=2023-01&to=2026-01');
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.fields).toHaveProperty('to');
    expect((await getJson('manager.est01', '/api/v1/reports/self-assessment?estateId=EST02')).status).toBe(404);
    expect((await getJson('cslead.est01', '/api/v1/reports/self-assessment?estateId=EST01')).status).toBe(403);
  });
});
