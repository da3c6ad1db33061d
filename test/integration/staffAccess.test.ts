/**
 * Staff identity end to end: tokens from the local issuer, verified on staff
 * routes by the gateway's stand-in for API Gateway's JWT authorizer against
 * the issuer's JWKS, the claims read by the handlers, and estate isolation on
 * case reads. A staff handler reached without the authorizer's claims refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRoutes } from '../../infra/catalog';
import { demoUsers } from '../../infra/local/demoGroup';
import { REFUSALS } from '../../infra/local/jwtAuthorizer';
import { LambdaHost } from '../../infra/local/lambdaHost';
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
    // The version, then a digest of the view (conditional GETs answer 304 on it).
    expect(response.headers.get('etag')).toMatch(/^"3\.[A-Za-z0-9_-]{22}"$/);
    const body = (await response.json()) as Record<string, unknown> & { timeline: { action: string }[] };
    expect(body.timeline.map((e) => e.action)).toEqual(['complaint.received', 'complaint.acknowledged', 'email.sent:acknowledgement']);
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

  const invalid = (description: string) => `Bearer scope="" error="invalid_token" error_description="${description}"`;
  it.each([
    ['no token', async () => undefined, 'Bearer'],
    ['a malformed header', async () => 'not-a-jwt', invalid(REFUSALS.malformed)],
    ['a tampered token', async () => (await tokenFor('hq.director')).replace(/\.[^.]+\./, (m) => m.slice(0, -3) + 'AA.'), invalid(REFUSALS.signature)],
    ['an expired token', async () => tokenFor('hq.director', -60), invalid(REFUSALS.expired)],
  ])("refuses %s with API Gateway's 401", async (_label, token, wwwAuthenticate) => {
    const response = await readCase(await token());
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(wwwAuthenticate);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
  });
});

describe('the routes no authorizer fronts verify the token in the handler', () => {
  const platformRefusal = async (response: Response) => {
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  };

  it('public intake files for staff with a valid token, and refuses a bad one rather than treat the caller as anonymous', async () => {
    const phone = aComplaint({ estateId: 'EST01', channel: 'phone' });
    const filed = await platform.post('/api/v1/complaints', phone, { authorization: `Bearer ${await tokenFor('frontline.est01')}` });
    expect(filed.status).toBe(201);
    for (const authorization of [`Bearer ${await tokenFor('frontline.est01', -60)}`, 'Bearer not-a-jwt', `Bearer ${(await tokenFor('hq.director')).slice(0, -4)}AAAA`]) {
      await platformRefusal(await platform.post('/api/v1/complaints', phone, { authorization }));
    }
  });

  it('the compliance export (a function URL in AWS) refuses a missing, expired or tampered token itself', async () => {
    // One estate, one day with no events: the point is who may start the export, not its content.
    const path = '/api/v1/audit/export?estateId=EST01&from=2020-01-01&to=2020-01-02&format=jsonl';
    await platformRefusal(await platform.get(path));
    await platformRefusal(await platform.get(path, { authorization: `Bearer ${await tokenFor('compliance.auditor', -60)}` }));
    await platformRefusal(await platform.get(path, { authorization: `Bearer ${(await tokenFor('compliance.auditor')).slice(0, -4)}AAAA` }));
    const allowed = await platform.get(path, { authorization: `Bearer ${await tokenFor('compliance.auditor')}` });
    expect(allowed.status).toBe(200);
    await allowed.arrayBuffer();
  });
});

describe('a staff handler reached without the authorizer', () => {
  // In AWS only API Gateway, behind the JWT authorizer, invokes these functions; if anything else
  // did, a token in the headers must not be taken for verified claims.
  const functions = [...new Set(httpRoutes.filter((r) => r.auth === 'staff').map((r) => r.function))];

  it.each(functions)('%s answers 401 without the authorizer context, whatever the headers carry', async (name) => {
    const route = httpRoutes.find((r) => r.function === name && r.auth === 'staff')!;
    const hq = await tokenFor('hq.director');
    const rawPath = route.path.replace('{id}', caseId).replace('{estateId}', 'EST01').replace('{jobId}', 'a'.repeat(32));
    const event = {
      version: '2.0',
      routeKey: `${route.method} ${route.path}`,
      rawPath,
      rawQueryString: '',
      headers: { authorization: `Bearer ${hq}`, 'content-type': 'application/json' },
      pathParameters: { id: caseId, estateId: 'EST01', jobId: 'a'.repeat(32) },
      requestContext: { requestId: `direct-${name}`, routeKey: `${route.method} ${route.path}`, http: { method: route.method, path: rawPath, sourceIp: '127.0.0.1' } },
      ...(route.method === 'POST' ? { body: '{}', isBase64Encoded: false } : {}),
    };
    const result = (await new LambdaHost().invoke(name, event)) as { statusCode: number; headers: Record<string, string>; body: string };
    expect(result.statusCode).toBe(401);
    expect(result.headers['www-authenticate']).toBe('Bearer');
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: 'unauthorized' } });
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
