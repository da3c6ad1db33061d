/**
 * Staff identity end to end: tokens from the local issuer, verified by the
 * handlers against its JWKS, and estate isolation on case reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../infra/local/demoGroup';
import { aComplaint, startTestPlatform, type TestPlatform } from '../support/localPlatform';

let platform: TestPlatform;
let caseId: string;

const user = (userId: string) => demoUsers.find((u) => u.userId === userId)!;
const tokenFor = (userId: string, expiresInSeconds?: number) => platform.issuer.mint(user(userId), { expiresInSeconds });
const readCase = async (token?: string) => platform.get(`/api/v1/cases/${caseId}`, token ? { authorization: `Bearer ${token}` } : {});

beforeAll(async () => {
  platform = await startTestPlatform();
  caseId = ((await (await platform.post('/api/v1/complaints', aComplaint({ estateId: 'EST01' }))).json()) as { id: string }).id;
  await platform.settle();
});
afterAll(async () => platform?.stop());

describe('staff reading a case', () => {
  it.each(['cslead.est01', 'manager.est01', 'engineering.est01', 'frontline.est01', 'hq.director', 'compliance.auditor'])('lets %s read a case of their estate, with its timeline and version', async (userId) => {
    const response = await readCase(await tokenFor(userId));
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"2"');
    const body = (await response.json()) as Record<string, unknown> & { timeline: { action: string }[] };
    expect(body.timeline.map((e) => e.action)).toEqual(['complaint.received', 'complaint.acknowledged']);
    expect(body).not.toHaveProperty('trackingTokenHashes');
    expect(body).not.toHaveProperty('personalDataSalt');
  });

  it('answers staff of another estate exactly as for a case that does not exist', async () => {
    const otherEstate = await readCase(await tokenFor('cslead.est02'));
    const missing = await platform.get('/api/v1/cases/01ARZ3NDEKTSV4RRFFQ69G5FAV', { authorization: `Bearer ${await tokenFor('cslead.est02')}` });
    expect(otherEstate.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await otherEstate.json()).toEqual(await missing.json());
  });

  it('refuses an administrator, who configures the group but does not handle complaints', async () => {
    expect((await readCase(await tokenFor('admin'))).status).toBe(403);
  });

  it.each([
    ['no token', async () => undefined],
    ['a malformed header', async () => 'not-a-jwt'],
    ['a tampered token', async () => (await tokenFor('hq.director')).replace(/\.[^.]+\./, (m) => m.slice(0, -3) + 'AA.')],
    ['an expired token', async () => tokenFor('hq.director', -60)],
  ])('refuses %s with 401', async (_label, token) => {
    const response = await readCase(await token());
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('HQ choosing an estate deadline policy', () => {
  it('accepts a preset from HQ and refuses an unknown one field by field', async () => {
    const hq = { authorization: `Bearer ${await tokenFor('hq.director')}` };
    const chosen = await platform.post('/api/v1/estates/EST02/deadline-policy', { policyId: 'spso-model' }, hq);
    expect(chosen.status).toBe(200);
    expect(await chosen.json()).toEqual({ estateId: 'EST02', deadlinePolicyId: 'spso-model' });
    const unknown = await platform.post('/api/v1/estates/EST02/deadline-policy', { policyId: 'make-it-up' }, hq);
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { error: { fields: Record<string, string> } }).error.fields.policyId).toMatch(/seed-default/);
    const lead = await platform.post('/api/v1/estates/EST02/deadline-policy', { policyId: 'seed-default' }, { authorization: `Bearer ${await tokenFor('cslead.est02')}` });
    expect(lead.status).toBe(403);
    const missing = await platform.post('/api/v1/estates/NOPE/deadline-policy', { policyId: 'seed-default' }, hq);
    expect(missing.status).toBe(404);
  });
});
