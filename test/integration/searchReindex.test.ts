/**
 * Re-indexing for staff search on DynamoDB Local (functions/store/searchReindex.ts, the code of the
 * `reindexCaseSearch` function and `npm run reindex-search`): a case stored before the digests existed, a
 * unit corrected after intake and a case missing its reference key are not found by search; after a run they
 * are, by the corrected unit and not the old one; an erased case stays unfindable; a second run writes
 * nothing; a run stopped part-way resumes where it stopped; a check writes nothing.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../infra/local/demoGroup';
import { reindexCaseSearch } from '../../functions/store/searchReindex';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';

const KEY = 'search-reindex-test-key-0123456789-abcdefghij';
let platform: TestPlatform;
let doc: DynamoDBDocumentClient;
let lead: string;

const ids: Record<string, { caseId: string; reference: string }> = {};
async function file(name: string, unit: string, phone: string) {
  const response = await platform.post('/api/v1/complaints', aComplaint({ channel: 'phone', unit, phone, description: `Complaint ${name}: the corridor light is broken.` }), { authorization: `Bearer ${lead}` });
  expect(response.status).toBe(201);
  const created = (await response.json()) as { id: string; reference: string };
  ids[name] = { caseId: created.id, reference: created.reference };
}
async function found(query: Record<string, string>): Promise<string[]> {
  const response = await platform.get(`/api/v1/cases?${new URLSearchParams(query)}`, { authorization: `Bearer ${lead}` });
  expect(response.status).toBe(200);
  return ((await response.json()) as { cases: { caseId: string }[] }).cases.map((c) => c.caseId).sort();
}
const key = (name: string) => ({ pk: `CASE#${ids[name]!.caseId}`, sk: 'CASE' });
const item = async (name: string) => (await doc.send(new GetCommand({ TableName: platform.tableName, Key: key(name) }))).Item!;
const run = (options: Partial<Parameters<typeof reindexCaseSearch>[2]> = {}) => reindexCaseSearch(doc, platform.tableName, { key: KEY, write: true, ...options });

beforeAll(async () => {
  process.env.CASE_LOOKUP_KEY = KEY;
  platform = await startTestPlatform();
  lead = await platform.issuer.mint(demoUsers.find((u) => u.userId === 'cslead.est01')!);
  doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.dynamoDbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
  await file('old', 'Block C, 5/F, Flat 2', '+852 6111 2222');
  await file('corrected', 'Block D 1/F Flat 1', '6333 4444');
  await file('noReference', 'Block E 2/F Flat 9', '6555 6666');
  await file('erased', 'Block F 3/F Flat 4', '6777 8888');
  await platform.settle();
  // As stored before the digests existed: no digests, no unit or phone index keys.
  await doc.send(new UpdateCommand({ TableName: platform.tableName, Key: key('old'), UpdateExpression: 'REMOVE lookupDigests, gsi10pk, gsi10sk, gsi11pk, gsi11sk' }));
  // A unit corrected after intake (the digests still name the unit as first typed).
  await doc.send(new UpdateCommand({ TableName: platform.tableName, Key: key('corrected'), UpdateExpression: 'SET #unit = :unit', ExpressionAttributeNames: { '#unit': 'unit' }, ExpressionAttributeValues: { ':unit': 'Block D 11/F Flat 1' } }));
  // Stored before the reference index existed.
  await doc.send(new UpdateCommand({ TableName: platform.tableName, Key: key('noReference'), UpdateExpression: 'REMOVE gsi9pk, gsi9sk' }));
  const erasure = await platform.post('/api/v1/privacy/erasure', { caseIds: [ids.erased!.caseId], reference: 'DSR-2026-001' }, { authorization: `Bearer ${await platform.issuer.mint(demoUsers.find((u) => u.userId === 'admin')!)}` });
  ids.erasedStatus = { caseId: String(erasure.status), reference: '' };
}, 120_000);
afterAll(async () => {
  delete process.env.CASE_LOOKUP_KEY;
  doc?.destroy();
  await platform?.stop();
});

describe('re-indexing staff search', () => {
  it('finds, after a run, the cases search missed, by the unit as corrected; then has nothing left to write', async () => {
    expect(await found({ estateId: 'EST01', unit: 'block c 5f flat 2' })).toEqual([]);
    expect(await found({ phone: '61112222' })).toEqual([]);
    expect(await found({ estateId: 'EST01', unit: 'Block D 11/F Flat 1' })).toEqual([]);
    expect(await found({ reference: ids.noReference!.reference })).toEqual([]);

    const versionBefore = (await item('old')).version as number;
    // A check counts and writes nothing.
    const check = await run({ write: false });
    expect(check.stale).toBeGreaterThanOrEqual(3);
    expect(check.written).toBe(0);
    expect(await found({ estateId: 'EST01', unit: 'block c 5f flat 2' })).toEqual([]);

    // Stopped after its first page (one case a page), then resumed until done.
    let pages = 0;
    const first = await run({ pageSize: 1, outOfTime: () => pages++ >= 1 });
    expect(first.resumeFrom).toBeDefined();
    let total = first;
    let resumeFrom = first.resumeFrom;
    while (resumeFrom) {
      const next = await run({ pageSize: 1, resumeFrom });
      total = { ...next, cases: total.cases + next.cases, stale: total.stale + next.stale, written: total.written + next.written, conflicts: total.conflicts + next.conflicts };
      resumeFrom = next.resumeFrom;
    }
    expect(total.written).toBe(check.stale);
    expect(total.conflicts).toBe(0);

    expect(await found({ estateId: 'EST01', unit: 'block c 5f flat 2' })).toEqual([ids.old!.caseId]);
    expect(await found({ phone: '+852 6111 2222' })).toEqual([ids.old!.caseId]);
    expect(await found({ estateId: 'EST01', unit: 'Block D 11/F Flat 1' })).toEqual([ids.corrected!.caseId]);
    expect(await found({ estateId: 'EST01', unit: 'Block D 1/F Flat 1' })).toEqual([]);
    expect(await found({ reference: ids.noReference!.reference })).toEqual([ids.noReference!.caseId]);

    // Nothing else of the case changed: no new version, no event.
    const old = await item('old');
    expect(old.version).toBe(versionBefore);
    expect(old.lookupDigests).toEqual({ unit: expect.any(String), phone: expect.any(String) });

    const again = await run();
    expect(again).toMatchObject({ stale: 0, written: 0, conflicts: 0 });
    expect(again.resumeFrom).toBeUndefined();
  });

  it('leaves an erased case unfindable', async () => {
    expect(ids.erasedStatus!.caseId).toBe('200');
    const erased = await item('erased');
    expect(erased.lookupDigests).toBeUndefined();
    expect(erased.gsi10pk).toBeUndefined();
    expect(erased.gsi11pk).toBeUndefined();
    expect(await found({ phone: '6777 8888' })).toEqual([]);
  });

  it('does not bump the version of a case it re-indexes (staff If-Match stays valid)', async () => {
    const before = await item('corrected');
    await doc.send(new UpdateCommand({ TableName: platform.tableName, Key: key('corrected'), UpdateExpression: 'REMOVE gsi11pk, gsi11sk' }));
    expect((await run()).written).toBe(1);
    const after = await item('corrected');
    expect(after.version).toBe(before.version);
    expect(after.gsi11pk).toBe(before.gsi11pk);
  });
});
