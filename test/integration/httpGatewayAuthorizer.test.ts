/**
 * The local HTTP gateway standing in for the HTTP API's JWT authorizer (infra/local/httpGateway.ts,
 * infra/local/jwtAuthorizer.ts), over HTTP, with a stand-in Lambda host that records what it is
 * asked to run. On every `auth: 'staff'` route of `httpRoutes`: a refused token gets API Gateway's
 * `401 {"message":"Unauthorized"}` with its `www-authenticate`, and no function runs; an accepted
 * one reaches the function with the claims in `requestContext.authorizer.jwt.claims` as API Gateway
 * renders them. Public routes and the streaming export (its own function URL in AWS) have no
 * authorizer. The issuer is the local one, its JWKS served by the gateway, as `npm start` does.
 */
import type { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { staffIdentityFromClaims } from '../../functions/platform/auth';
import { type HttpRoute, httpRoutes, streamingRoutes } from '../../infra/catalog';
import { demoUsers } from '../../infra/local/demoGroup';
import { startHttpGateway } from '../../infra/local/httpGateway';
import { createJwtAuthorizer, REFUSALS } from '../../infra/local/jwtAuthorizer';
import { createLocalIssuer, LOCAL_AUDIENCE, LOCAL_ISSUER, type LocalIssuer } from '../../infra/local/localIssuer';
import { freePort } from '../../infra/local/ports';

interface Invocation {
  name: string;
  event: { routeKey: string; headers: Record<string, string>; requestContext: Record<string, unknown> };
}

let gateway: { url: string; stop(): Promise<void> };
let issuer: LocalIssuer;
const invocations: Invocation[] = [];
const logs: Record<string, unknown>[] = [];

const user = (userId: string) => demoUsers.find((u) => u.userId === userId)!;
const staffRoutes = httpRoutes.filter((r) => r.auth === 'staff');
const concretePath = (route: HttpRoute) => route.path.replace(/\{\w+\}/g, (m) => (m === '{estateId}' ? 'EST01' : '01ARZ3NDEKTSV4RRFFQ69G5FAV'));

function call(route: HttpRoute, authorization?: string): Promise<Response> {
  const headers: Record<string, string> = { ...(authorization === undefined ? {} : { authorization }), ...(route.method === 'POST' ? { 'content-type': 'application/json' } : {}) };
  return fetch(`${gateway.url}${concretePath(route)}`, { method: route.method, headers, ...(route.method === 'POST' ? { body: '{}' } : {}) });
}

beforeAll(async () => {
  issuer = await createLocalIssuer(undefined);
  const jwks = JSON.stringify(issuer.jwks);
  const port = await freePort();
  gateway = await startHttpGateway({
    port,
    lambdas: {
      async invoke(name: string, event: unknown) {
        invocations.push({ name, event: event as Invocation['event'] });
        return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
      },
      async invokeStreaming(name: string, event: unknown, stream: Writable) {
        invocations.push({ name, event: event as Invocation['event'] });
        stream.end('{"ok":true}');
      },
    },
    jwtAuthorizer: createJwtAuthorizer({ issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json` }, (entry) => logs.push(entry)),
    localOnlyRoutes: { 'GET /.well-known/jwks.json': () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: jwks }) },
    log: (entry) => logs.push(entry),
  });
});
afterAll(async () => gateway?.stop());
beforeEach(() => {
  invocations.length = 0;
});

describe("a staff route with a valid token", () => {
  it.each(staffRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))("%s reaches its function with the authorizer's claims as strings", async (_key, route) => {
    const token = await issuer.mint(user('hq.director'));
    const response = await call(route, `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(invocations).toHaveLength(1);
    const [{ name, event }] = invocations as [Invocation];
    expect(name).toBe(route.function);
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(event.requestContext.authorizer).toEqual({
      jwt: {
        claims: {
          sub: 'hq.director',
          iss: LOCAL_ISSUER,
          aud: LOCAL_AUDIENCE,
          iat: String(payload.iat),
          exp: String(payload.exp),
          token_use: 'id',
          'cognito:groups': '[hq]',
          'cognito:username': 'hq.director',
          'custom:estates': '*',
          email: payload.email,
          name: payload.name,
        },
        scopes: null,
      },
    });
    // The header still reaches the function, as in AWS; the handler does not use it.
    expect(event.headers.authorization).toBe(`Bearer ${token}`);
  });

  it('passes an estate-bound user whose handler reads their estates and department from the rendered claims', async () => {
    await call(staffRoutes[0]!, `Bearer ${await issuer.mint(user('engineering.est01'))}`);
    const claims = (invocations[0]!.event.requestContext.authorizer as { jwt: { claims: Record<string, string> } }).jwt.claims;
    expect(claims['cognito:groups']).toBe('[department-handler]');
    expect(staffIdentityFromClaims(claims)).toMatchObject({ userId: 'engineering.est01', role: 'department-handler', estateIds: ['EST01'], departmentId: 'engineering' });
  });
});

describe('a staff route without a valid token', () => {
  const refusals: [string, () => Promise<string | undefined>, string][] = [
    ['no Authorization header', async () => undefined, 'Bearer'],
    ['an expired token', async () => `Bearer ${await issuer.mint(user('hq.director'), { expiresInSeconds: -60 })}`, `Bearer scope="" error="invalid_token" error_description="${REFUSALS.expired}"`],
    ['a token whose role was raised to hq', async () => {
      const [header, payload, signature] = (await issuer.mint(user('cslead.est01'))).split('.') as [string, string, string];
      const raised = { ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), 'cognito:groups': ['hq'] };
      return `Bearer ${header}.${Buffer.from(JSON.stringify(raised)).toString('base64url')}.${signature}`;
    }, `Bearer scope="" error="invalid_token" error_description="${REFUSALS.signature}"`],
    ['not a JWT', async () => 'Bearer not-a-jwt', `Bearer scope="" error="invalid_token" error_description="${REFUSALS.malformed}"`],
  ];

  it.each(refusals)("gets API Gateway's 401 for %s, and no function runs", async (_label, authorization, wwwAuthenticate) => {
    for (const route of staffRoutes) {
      const response = await call(route, await authorization());
      expect(response.status, route.path).toBe(401);
      expect(await response.text(), route.path).toBe('{"message":"Unauthorized"}');
      expect(response.headers.get('www-authenticate'), route.path).toBe(wwwAuthenticate);
      expect(response.headers.get('content-type'), route.path).toBe('application/json');
      // API Gateway adds none of the platform's headers to its own answers.
      expect(response.headers.get('x-content-type-options'), route.path).toBeNull();
    }
    expect(invocations).toEqual([]);
    expect(logs.filter((l) => l.authorizer === 'refused').length).toBeGreaterThanOrEqual(staffRoutes.length);
  });
});

describe('routes without the authorizer', () => {
  it('invoke public functions without a token, and without an authorizer context even when one is sent', async () => {
    for (const route of httpRoutes.filter((r) => r.auth === 'public')) {
      invocations.length = 0;
      const response = await call(route, `Bearer ${await issuer.mint(user('hq.director'))}`);
      expect(response.status, route.path).toBe(200);
      expect(invocations.map((i) => i.name), route.path).toEqual([route.function]);
      expect(invocations[0]!.event.requestContext.authorizer, route.path).toBeUndefined();
      expect((await call(route)).status, route.path).toBe(200);
    }
  });

  it('leave the streaming export to its function, which verifies the token itself (its function URL has no authorizer)', async () => {
    for (const route of streamingRoutes) {
      const response = await call(route);
      expect(response.status, route.path).toBe(200);
      await response.arrayBuffer();
      expect(invocations.map((i) => i.name)).toContain(route.function);
      expect(invocations.at(-1)!.event.requestContext.authorizer).toBeUndefined();
    }
  });
});
