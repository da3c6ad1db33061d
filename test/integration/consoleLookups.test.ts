/**
 * What the console looks up, on the local platform. The assignee picker: `GET /api/v1/estates/{estateId}/staff`
 * lists the estate's people who may take a case, and an assignment to anyone else is a field-level 422.
 * Staff search of `GET /api/v1/cases` on DynamoDB Local: by reference, by unit (however it is
 * typed) and by phone number (with or without the country code), through keyed digests written
 * at intake; within the caller's estates; gone after erasure; one search at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../infra/local/demoGroup';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';

let platform: TestPlatform;
const tokens = new Map<string, string>();
const token = async (userId: string) => {
  if (!tokens.has(userId)) tokens.set(userId, await platform.issuer.mint(demoUsers.find((u) => u.userId === userId)!));
  return tokens.get(userId)!;
};
const auth = async (userId: string) => ({ authorization: `Bearer ${await token(userId)}` });

interface Listed {
  cases: { caseId: string; reference: string; estateId: string; unit: string }[];
  nextCursor?: string;
  error?: { code: string; fields?: Record<string, string> };
}
async function search(userId: string, query: Record<string, string>): Promise<{ status: number; body: Listed }> {
  const response = await platform.get(`/api/v1/cases?${new URLSearchParams(query)}`, await auth(userId));
  return { status: response.status, body: (await response.json()) as Listed };
}

const filed: Record<string, { caseId: string; reference: string }> = {};
async function file(name: string, complaint: Record<string, unknown>) {
  const response = await platform.post('/api/v1/complaints', aComplaint({ channel: 'phone', ...complaint }), await auth(`cslead.${String(complaint.estateId ?? 'EST01').toLowerCase()}`));
  expect(response.status).toBe(201);
  const created = (await response.json()) as { id: string; reference: string };
  filed[name] = { caseId: created.id, reference: created.reference };
}

beforeAll(async () => {
  platform = await startTestPlatform();
  await file('liftA', { unit: 'Block A, 12/F, Flat 3', phone: '+852 9123 4567' });
  await file('noiseA', { unit: 'block a 12f flat 3', description: 'Noise from the flat above every night after midnight.' });
  await file('otherUnit', { unit: 'Block B, 3/F, Flat 1', phone: '9123 4567' });
  await file('otherEstate', { estateId: 'EST02', unit: 'Block A, 12/F, Flat 3', phone: '91234567' });
  await file('mainland', { estateId: 'SZ01', unit: '3栋 1201', phone: '+86 138 0013 8000', language: 'zh-Hans' });
}, 120_000);
afterAll(async () => platform?.stop());

const ids = (body: Listed) => body.cases.map((c) => c.caseId).sort();

describe('searching cases', () => {
  it('finds a case by its reference, typed in any case with spaces around it', async () => {
    const { status, body } = await search('cslead.est01', { reference: ` ${filed.liftA!.reference.toLowerCase()} ` });
    expect(status).toBe(200);
    expect(ids(body)).toEqual([filed.liftA!.caseId]);
    // Another estate's reference is not found (not refused: nothing is revealed).
    expect(ids((await search('cslead.est01', { reference: filed.otherEstate!.reference })).body)).toEqual([]);
    expect(ids((await search('hq.director', { reference: filed.otherEstate!.reference })).body)).toEqual([filed.otherEstate!.caseId]);
  });

  it('finds the cases of a unit however the unit is typed, in that estate only', async () => {
    const { status, body } = await search('cslead.est01', { estateId: 'EST01', unit: 'BLOCK A 12/F FLAT 3' });
    expect(status).toBe(200);
    expect(ids(body)).toEqual([filed.liftA!.caseId, filed.noiseA!.caseId].sort());
    // Without an estate, the caller's estates are searched (EST01 only for this lead).
    expect(ids((await search('cslead.est01', { unit: 'block a 12/f flat 3' })).body)).toEqual([filed.liftA!.caseId, filed.noiseA!.caseId].sort());
    // HQ serves the whole group: a unit means nothing without its estate.
    const hq = await search('hq.director', { unit: 'Block A 12/F Flat 3' });
    expect(hq.status).toBe(400);
    expect(hq.body.error?.fields?.unit).toMatch(/estate/);
    expect(ids((await search('hq.director', { estateId: 'EST02', unit: 'Block A 12/F Flat 3' })).body)).toEqual([filed.otherEstate!.caseId]);
  });

  it('finds the cases of a phone number with or without its country code, within the caller’s estates', async () => {
    expect(ids((await search('cslead.est01', { phone: '9123-4567' })).body)).toEqual([filed.liftA!.caseId, filed.otherUnit!.caseId].sort());
    expect(ids((await search('hq.director', { phone: '00852 9123 4567' })).body)).toEqual([filed.liftA!.caseId, filed.otherUnit!.caseId, filed.otherEstate!.caseId].sort());
    expect(ids((await search('cslead.sz01', { phone: '13800138000' })).body)).toEqual([filed.mainland!.caseId]);
    expect(ids((await search('cslead.est01', { phone: '9999 0000' })).body)).toEqual([]);
  });

  it('pages a search with the signed cursor, each case once', async () => {
    const first = await search('hq.director', { phone: '91234567', limit: '2' });
    expect(first.body.cases).toHaveLength(2);
    expect(first.body.nextCursor).toBeDefined();
    const second = await search('hq.director', { phone: '91234567', limit: '2', cursor: first.body.nextCursor! });
    expect(second.body.cases).toHaveLength(1);
    expect(second.body.nextCursor).toBeUndefined();
    expect(new Set([...ids(first.body), ...ids(second.body)]).size).toBe(3);
    // The cursor belongs to that search: another number is another query.
    expect((await search('hq.director', { phone: '13800138000', limit: '2', cursor: first.body.nextCursor! })).status).toBe(400);
  });

  it('combines a search with the other filters', async () => {
    expect(ids((await search('hq.director', { phone: '91234567', estateId: 'EST02' })).body)).toEqual([filed.otherEstate!.caseId]);
    expect(ids((await search('cslead.est01', { unit: 'Block A 12/F Flat 3', status: 'closed' })).body)).toEqual([]);
  });

  it('refuses two searches at once, and unreadable ones, naming the field', async () => {
    const both = await search('cslead.est01', { unit: 'A', phone: '91234567' });
    expect(both.status).toBe(400);
    expect(Object.keys(both.body.error?.fields ?? {}).sort()).toEqual(['phone', 'unit']);
    const badReference = await search('cslead.est01', { reference: 'EST01-26-1' });
    expect(badReference.status).toBe(422);
    expect(badReference.body.error?.fields?.reference).toMatch(/EST01-2026-000123/);
    const badUnit = await search('cslead.est01', { unit: ' / ' });
    expect(badUnit.status).toBe(400);
    expect(badUnit.body.error?.fields?.unit).toBeDefined();
  });

  it('stores no unit or number in the search indexes, and forgets the digests on erasure', async () => {
    const item = await platform.caseStore.getCase(filed.otherUnit!.caseId);
    expect(item?.lookupDigests?.phone).toBeDefined();
    expect(JSON.stringify(item?.lookupDigests)).not.toMatch(/9123|4567|block/i);
    const erased = await platform.post('/api/v1/privacy/erasure', { caseIds: [filed.otherUnit!.caseId], reference: 'DSR-2026-0001' }, await auth('admin'));
    expect(erased.status, await erased.clone().text()).toBeLessThan(300);
    expect(ids((await search('cslead.est01', { phone: '91234567' })).body)).toEqual([filed.liftA!.caseId]);
    expect((await platform.caseStore.getCase(filed.otherUnit!.caseId))?.lookupDigests).toBeUndefined();
  });
});

describe('picking an assignee', () => {
  async function assign(caseId: string, assigneeId: string, userId = 'cslead.est01') {
    const current = await platform.get(`/api/v1/cases/${caseId}`, await auth(userId));
    return platform.post(`/api/v1/cases/${caseId}/actions`, { type: 'assign', assigneeId }, { ...(await auth(userId)), 'if-match': current.headers.get('etag')! });
  }

  it('lists the people of an estate who may take a case: names, roles, departments, no email addresses', async () => {
    const response = await platform.get('/api/v1/estates/EST01/staff', await auth('cslead.est01'));
    expect(response.status).toBe(200);
    const { staff } = (await response.json()) as { staff: { userId: string; name: string; role: string; departmentId?: string }[] };
    const ids = staff.map((m) => m.userId);
    expect(ids).toEqual(expect.arrayContaining(['engineering.est01', 'security.est01', 'frontline.est01', 'cslead.est01', 'manager.est01']));
    // Another estate's people, compliance and administrators do not handle EST01's cases.
    expect(ids.some((id) => id.endsWith('.est02') || id === 'compliance.auditor' || id === 'admin')).toBe(false);
    expect(staff.find((m) => m.userId === 'engineering.est01')).toMatchObject({ role: 'department-handler', departmentId: 'engineering' });
    expect(JSON.stringify(staff)).not.toContain('@');
  });

  it('answers another estate as one that does not exist, and a handler (who may not assign) with 403', async () => {
    expect((await platform.get('/api/v1/estates/EST02/staff', await auth('cslead.est01'))).status).toBe(404);
    expect((await platform.get('/api/v1/estates/NOPE9/staff', await auth('hq.director'))).status).toBe(404);
    expect((await platform.get('/api/v1/estates/EST01/staff', await auth('engineering.est01'))).status).toBe(403);
  });

  it('refuses a made-up or out-of-estate assignee with a field-level 422, and takes one from the list', async () => {
    const madeUp = await assign(filed.noiseA!.caseId, 'nobody.est01');
    expect(madeUp.status).toBe(422);
    expect(((await madeUp.json()) as Listed).error?.fields?.assigneeId).toMatch(/not a member of staff/);
    const elsewhere = await assign(filed.noiseA!.caseId, 'engineering.est02');
    expect(elsewhere.status).toBe(422);
    expect(((await elsewhere.json()) as Listed).error?.fields?.assigneeId).toMatch(/does not serve this estate/);
    const fine = await assign(filed.noiseA!.caseId, 'engineering.est01');
    expect(fine.status, await fine.clone().text()).toBe(200);
  });
});
