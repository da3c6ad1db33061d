/**
 * Staff token verification (functions/platform/auth.ts) against a key made
 * here and a JWKS served by a loopback server — the way handlers fetch
 * Cognito's. Every way a token can be wrong is a 401 with `WWW-Authenticate`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, type JWTPayload, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identify, requirePermission, requireStaff, staffIdentityFromClaims } from '../../../functions/platform/auth';
import { HttpError, type HttpEvent } from '../../../functions/platform/http';

const ISSUER = 'https://issuer.test.invalid';
const AUDIENCE = 'platform-client';
const KID = 'test-key-1';

let server: Server;
let privateKey: CryptoKey;
let publicKey: CryptoKey;
let otherPrivateKey: CryptoKey;
let jwksRequests = 0;

const baseClaims = (): JWTPayload => ({
  token_use: 'id',
  'cognito:groups': ['cs-lead'],
  'custom:estates': 'EST01,EST02',
  'custom:department': 'customer-service',
});

interface MintOptions {
  claims?: JWTPayload;
  issuer?: string;
  audience?: string | string[] | null;
  subject?: string | null;
  expiresIn?: string | number | null;
  notBefore?: string | number;
  kid?: string;
  key?: CryptoKey | Uint8Array;
  alg?: string;
}

async function mint(options: MintOptions = {}): Promise<string> {
  let jwt = new SignJWT(options.claims ?? baseClaims()).setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? KID }).setIssuedAt().setIssuer(options.issuer ?? ISSUER);
  if (options.audience !== null) jwt = jwt.setAudience(options.audience ?? AUDIENCE);
  if (options.subject !== null) jwt = jwt.setSubject(options.subject ?? 'user-123');
  if (options.expiresIn !== null) jwt = jwt.setExpirationTime(options.expiresIn ?? '10m');
  if (options.notBefore !== undefined) jwt = jwt.setNotBefore(options.notBefore);
  return jwt.sign(options.key ?? privateKey);
}

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function event(authorization?: string): HttpEvent {
  return { headers: authorization === undefined ? {} : { authorization }, requestContext: { requestId: 'req' } } as unknown as HttpEvent;
}

async function refusal(authorization: string | undefined): Promise<HttpError> {
  try {
    await requireStaff(event(authorization));
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return error as HttpError;
  }
  throw new Error('the token was accepted');
}

beforeAll(async () => {
  ({ privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true }));
  ({ privateKey: otherPrivateKey } = await generateKeyPair('RS256', { extractable: true }));
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] });
  server = createServer((request, response) => {
    jwksRequests++;
    if (request.url === '/.well-known/jwks.json') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(jwks);
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(process.env, { AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE, AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json` });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('a valid token', () => {
  it('gives the staff identity its claims describe', async () => {
    const identity = await identify(event(`Bearer ${await mint()}`));
    expect(identity).toEqual({ kind: 'staff', userId: 'user-123', role: 'cs-lead', estateIds: ['EST01', 'EST02'], departmentId: 'customer-service' });
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it('treats no Authorization header as anonymous, which staff routes refuse with 401', async () => {
    expect(await identify(event())).toEqual({ kind: 'anonymous' });
    const error = await refusal(undefined);
    expect(error.statusCode).toBe(401);
    expect(error.headers).toEqual({ 'www-authenticate': 'Bearer' });
  });

  it('maps group-wide roles to every estate whatever custom:estates says', async () => {
    for (const role of ['hq', 'compliance', 'admin']) {
      const identity = await identify(event(`Bearer ${await mint({ claims: { ...baseClaims(), 'cognito:groups': [role], 'custom:estates': 'EST01' } })}`));
      expect(identity).toMatchObject({ role, estateIds: 'all' });
    }
  });

  it('ignores Cognito groups that are not roles of the platform', async () => {
    const identity = await identify(event(`Bearer ${await mint({ claims: { ...baseClaims(), 'cognito:groups': ['everyone', 'estate-manager'] } })}`));
    expect(identity).toMatchObject({ role: 'estate-manager' });
  });

  it('gives an estate-bound user without estates none (every estate-scoped request is then a 404)', async () => {
    const identity = await identify(event(`Bearer ${await mint({ claims: { ...baseClaims(), 'custom:estates': ' , ' } })}`));
    expect(identity).toMatchObject({ estateIds: [] });
    expect(() => requirePermission(identity, 'case.read', { estateId: 'EST01', caseId: 'x' })).toThrow(expect.objectContaining({ statusCode: 404 }));
  });
});

describe('refused with 401', () => {
  const cases: [string, () => Promise<string | undefined>][] = [
    ['an expired token', async () => `Bearer ${await mint({ expiresIn: Math.floor(Date.now() / 1000) - 60 })}`],
    ['a token not valid yet', async () => `Bearer ${await mint({ notBefore: Math.floor(Date.now() / 1000) + 300 })}`],
    ['a token without an expiry', async () => `Bearer ${await mint({ expiresIn: null })}`],
    ['a token of another issuer', async () => `Bearer ${await mint({ issuer: 'https://cognito-idp.example.invalid/other-pool' })}`],
    ['a token for another audience', async () => `Bearer ${await mint({ audience: 'another-client' })}`],
    ['a token with no audience', async () => `Bearer ${await mint({ audience: null })}`],
    ['a token with no subject', async () => `Bearer ${await mint({ subject: null })}`],
    ['a token whose payload was changed (role raised to hq)', async () => {
      const [header, , signature] = (await mint()).split('.');
      const payload = { ...baseClaims(), 'cognito:groups': ['hq'], sub: 'user-123', iss: ISSUER, aud: AUDIENCE, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 };
      return `Bearer ${header}.${b64url(payload)}.${signature}`;
    }],
    ['a token whose signature was changed', async () => {
      const token = await mint();
      const signature = Buffer.from(token.split('.')[2]!, 'base64url');
      signature[0] = signature[0]! ^ 0xff;
      return `Bearer ${token.split('.').slice(0, 2).join('.')}.${signature.toString('base64url')}`;
    }],
    ['an unsigned token (alg: none)', async () => {
      const payload = { ...baseClaims(), sub: 'user-123', iss: ISSUER, aud: AUDIENCE, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 };
      return `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.`;
    }],
    ['an alg: none token with a dummy signature', async () => {
      const payload = { ...baseClaims(), sub: 'user-123', iss: ISSUER, aud: AUDIENCE, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 };
      return `Bearer ${b64url({ alg: 'none', kid: KID })}.${b64url(payload)}.${b64url('x')}`;
    }],
    ['an HS256 token signed with the public key as the secret', async () => {
      const pem = await exportSPKI(publicKey);
      return `Bearer ${await mint({ alg: 'HS256', key: new TextEncoder().encode(pem) })}`;
    }],
    ['an HS256 token signed with the public JWK as the secret', async () => {
      const jwk = JSON.stringify(await exportJWK(publicKey));
      return `Bearer ${await mint({ alg: 'HS256', key: new TextEncoder().encode(jwk) })}`;
    }],
    ['a token signed by another key under the same key id', async () => `Bearer ${await mint({ key: otherPrivateKey })}`],
    ['a token naming a key the issuer does not publish', async () => `Bearer ${await mint({ kid: 'unknown-key', key: otherPrivateKey })}`],
    ['an access token instead of an ID token', async () => `Bearer ${await mint({ claims: { ...baseClaims(), token_use: 'access' } })}`],
    ['a token without a role', async () => `Bearer ${await mint({ claims: { ...baseClaims(), 'cognito:groups': [] } })}`],
    ['a token without any groups claim', async () => {
      const { 'cognito:groups': _groups, ...claims } = baseClaims();
      return `Bearer ${await mint({ claims })}`;
    }],
    ['a token with two roles', async () => `Bearer ${await mint({ claims: { ...baseClaims(), 'cognito:groups': ['cs-lead', 'hq'] } })}`],
    ['a token whose groups claim is a string, not a list', async () => `Bearer ${await mint({ claims: { ...baseClaims(), 'cognito:groups': 'hq' } })}`],
    ['a token with only an unknown role', async () => `Bearer ${await mint({ claims: { ...baseClaims(), 'cognito:groups': ['superuser'] } })}`],
    ['a malformed header', async () => 'Bearer not-a-jwt'],
    ['an empty bearer', async () => 'Bearer '],
    ['Basic credentials', async () => `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['a token with a trailing space and a second token', async () => `Bearer ${await mint()} ${await mint()}`],
    ['a token whose segments are not base64url', async () => 'Bearer a+b/c.d+e/f.g+h/i'],
    ['garbage of the right shape', async () => `Bearer ${b64url('{')}.${b64url('}')}.${b64url('x')}`],
  ];

  it.each(cases)('%s', async (_label, authorization) => {
    const error = await refusal(await authorization());
    expect(error.statusCode).toBe(401);
    expect(error.code).toBe('unauthorized');
    expect(error.headers).toEqual({ 'www-authenticate': 'Bearer' });
  });

  it('tells the user an expired token has expired, and says nothing more about any other failure', async () => {
    expect((await refusal(`Bearer ${await mint({ expiresIn: Math.floor(Date.now() / 1000) - 60 })}`)).message).toMatch(/expired/);
    expect((await refusal(`Bearer ${await mint({ issuer: 'https://elsewhere.invalid' })}`)).message).toBe('the token is not valid');
    expect((await refusal(`Bearer ${await mint({ key: otherPrivateKey })}`)).message).toBe('the token is not valid');
  });
});

describe('claims mapping', () => {
  it('accepts tokens without token_use (the local issuer always sets it) but never an access token', () => {
    expect(staffIdentityFromClaims({ sub: 'u', 'cognito:groups': ['hq'] })).toMatchObject({ role: 'hq', estateIds: 'all' });
    expect(() => staffIdentityFromClaims({ sub: 'u', token_use: 'access', 'cognito:groups': ['hq'] })).toThrow(HttpError);
  });

  it('reads `*` as every estate and trims the list', () => {
    expect(staffIdentityFromClaims({ sub: 'u', 'cognito:groups': ['cs-lead'], 'custom:estates': '*' })).toMatchObject({ estateIds: 'all' });
    expect(staffIdentityFromClaims({ sub: 'u', 'cognito:groups': ['cs-lead'], 'custom:estates': ' EST01 ,SZ01,' })).toMatchObject({ estateIds: ['EST01', 'SZ01'] });
  });

  it('ignores an estates claim that is not a string', () => {
    expect(staffIdentityFromClaims({ sub: 'u', 'cognito:groups': ['cs-lead'], 'custom:estates': ['*'] })).toMatchObject({ estateIds: [] });
  });
});
