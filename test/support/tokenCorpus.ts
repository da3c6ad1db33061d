/**
 * Staff tokens, good and bad, signed by a key made here and published as a JWKS on a loopback server —
 * the way Cognito publishes its keys. Each layer that verifies tokens is tested with the same corpus:
 *   - API Gateway's JWT authorizer on staff routes, locally infra/local/jwtAuthorizer.ts
 *     (test/unit/local/jwtAuthorizer.test.ts); a token it lets through whose claims name no single
 *     role is then refused by the handler's claims check (functions/platform/auth.ts);
 *   - the handlers' own verification where no authorizer stands in front — public intake and the
 *     export's function URL — functions/platform/bearerToken.ts (test/unit/platform/bearerToken.test.ts).
 * Every bad token must be refused by both paths.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { REFUSALS } from '../../infra/local/jwtAuthorizer';

export const ISSUER = 'https://issuer.test.invalid';
export const AUDIENCE = 'platform-client';
export const KID = 'test-key-1';

export const baseClaims = (): JWTPayload => ({
  token_use: 'id',
  'cognito:groups': ['cs-lead'],
  'custom:estates': 'EST01,EST02',
  'custom:department': 'customer-service',
});

export interface MintOptions {
  claims?: JWTPayload;
  issuer?: string;
  audience?: string | string[] | null;
  subject?: string | null;
  /** Seconds since the epoch, or a jose time span ('10m'); null: no `exp`. */
  expiresIn?: string | number | null;
  notBefore?: string | number;
  /** Seconds since the epoch; default now. */
  issuedAt?: number;
  /** null: no `kid` in the header. */
  kid?: string | null;
  key?: CryptoKey | Uint8Array;
  alg?: string;
}

export interface TokenIssuer {
  jwksUrl: string;
  /** Requests the JWKS server has answered. */
  jwksRequests(): number;
  publicKey: CryptoKey;
  /** A key the issuer does not publish. */
  otherPrivateKey: CryptoKey;
  mint(options?: MintOptions): Promise<string>;
  stop(): Promise<void>;
}

export async function startTokenIssuer(): Promise<TokenIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const { privateKey: otherPrivateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] });
  let requests = 0;
  const server: Server = createServer((request, response) => {
    requests++;
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
  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    jwksRequests: () => requests,
    publicKey,
    otherPrivateKey,
    async mint(options = {}) {
      const header = { alg: options.alg ?? 'RS256', ...(options.kid === null ? {} : { kid: options.kid ?? KID }) };
      let jwt = new SignJWT(options.claims ?? baseClaims()).setProtectedHeader(header).setIssuedAt(options.issuedAt).setIssuer(options.issuer ?? ISSUER);
      if (options.audience !== null) jwt = jwt.setAudience(options.audience ?? AUDIENCE);
      if (options.subject !== null) jwt = jwt.setSubject(options.subject ?? 'user-123');
      if (options.expiresIn !== null) jwt = jwt.setExpirationTime(options.expiresIn ?? '10m');
      if (options.notBefore !== undefined) jwt = jwt.setNotBefore(options.notBefore);
      return jwt.sign(options.key ?? privateKey);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);
/** Claims of a token that would be valid, for hand-made tokens. */
const validPayload = () => ({ ...baseClaims(), sub: 'user-123', iss: ISSUER, aud: AUDIENCE, iat: nowSeconds(), exp: nowSeconds() + 600 });

export interface BadToken {
  label: string;
  /** The Authorization header to send (undefined: none). */
  authorization: (issuer: TokenIssuer) => Promise<string | undefined>;
  /**
   * What API Gateway's JWT authorizer does with it: refuses it (the `error_description` of its
   * `www-authenticate`, or `missing` when no token is sent), or `passes` it to the handler, whose
   * claims check then refuses it with a 401.
   */
  authorizer: string;
}

export const PASSES = 'passes';
export const MISSING = 'missing';

export const badTokens: readonly BadToken[] = [
  { label: 'no Authorization header', authorization: async () => undefined, authorizer: MISSING },
  { label: 'an expired token', authorization: async (i) => `Bearer ${await i.mint({ expiresIn: nowSeconds() - 60 })}`, authorizer: REFUSALS.expired },
  { label: 'a token not valid yet', authorization: async (i) => `Bearer ${await i.mint({ notBefore: nowSeconds() + 300 })}`, authorizer: REFUSALS.notYetValid },
  { label: 'a token issued in the future', authorization: async (i) => `Bearer ${await i.mint({ issuedAt: nowSeconds() + 300 })}`, authorizer: REFUSALS.issuedInFuture },
  { label: 'a token without an expiry', authorization: async (i) => `Bearer ${await i.mint({ expiresIn: null })}`, authorizer: REFUSALS.noExpiry },
  { label: 'a token whose expiry is a string', authorization: async (i) => `Bearer ${await i.mint({ expiresIn: null, claims: { ...baseClaims(), exp: String(nowSeconds() + 600) } as unknown as JWTPayload })}`, authorizer: REFUSALS.noExpiry },
  { label: 'a token of another issuer', authorization: async (i) => `Bearer ${await i.mint({ issuer: 'https://cognito-idp.example.invalid/other-pool' })}`, authorizer: REFUSALS.issuer },
  { label: 'a token for another audience', authorization: async (i) => `Bearer ${await i.mint({ audience: 'another-client' })}`, authorizer: REFUSALS.audience },
  { label: 'a token with no audience and no client_id', authorization: async (i) => `Bearer ${await i.mint({ audience: null })}`, authorizer: REFUSALS.audience },
  {
    label: 'a token for another audience whose client_id is right (aud wins)',
    authorization: async (i) => `Bearer ${await i.mint({ audience: 'another-client', claims: { ...baseClaims(), client_id: AUDIENCE } })}`,
    authorizer: REFUSALS.audience,
  },
  {
    label: 'an access token (client_id, no aud), which the authorizer accepts and the handler does not',
    authorization: async (i) => `Bearer ${await i.mint({ audience: null, claims: { ...baseClaims(), token_use: 'access', client_id: AUDIENCE } })}`,
    authorizer: PASSES,
  },
  { label: 'an access token instead of an ID token', authorization: async (i) => `Bearer ${await i.mint({ claims: { ...baseClaims(), token_use: 'access' } })}`, authorizer: PASSES },
  { label: 'a token with no subject', authorization: async (i) => `Bearer ${await i.mint({ subject: null })}`, authorizer: PASSES },
  {
    label: 'a token whose payload was changed (role raised to hq)',
    authorization: async (i) => {
      const [header, , signature] = (await i.mint()).split('.');
      return `Bearer ${header}.${b64url({ ...validPayload(), 'cognito:groups': ['hq'] })}.${signature}`;
    },
    authorizer: REFUSALS.signature,
  },
  {
    label: 'a token whose signature was changed',
    authorization: async (i) => {
      const token = await i.mint();
      const signature = Buffer.from(token.split('.')[2]!, 'base64url');
      signature[0] = signature[0]! ^ 0xff;
      return `Bearer ${token.split('.').slice(0, 2).join('.')}.${signature.toString('base64url')}`;
    },
    authorizer: REFUSALS.signature,
  },
  { label: 'an unsigned token (alg: none)', authorization: async () => `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(validPayload())}.`, authorizer: REFUSALS.algorithm },
  { label: 'an alg: none token with a key id and a dummy signature', authorization: async () => `Bearer ${b64url({ alg: 'none', kid: KID })}.${b64url(validPayload())}.${b64url('x')}`, authorizer: REFUSALS.algorithm },
  {
    label: 'an HS256 token signed with the public key as the secret',
    authorization: async (i) => `Bearer ${await i.mint({ alg: 'HS256', key: new TextEncoder().encode(await exportSPKI(i.publicKey)) })}`,
    authorizer: REFUSALS.algorithm,
  },
  {
    label: 'an HS256 token signed with the public JWK as the secret',
    authorization: async (i) => `Bearer ${await i.mint({ alg: 'HS256', key: new TextEncoder().encode(JSON.stringify(await exportJWK(i.publicKey))) })}`,
    authorizer: REFUSALS.algorithm,
  },
  { label: 'a token signed by another key under the same key id', authorization: async (i) => `Bearer ${await i.mint({ key: i.otherPrivateKey })}`, authorizer: REFUSALS.signature },
  { label: 'a token naming a key the issuer does not publish', authorization: async (i) => `Bearer ${await i.mint({ kid: 'unknown-key', key: i.otherPrivateKey })}`, authorizer: REFUSALS.unknownKey },
  { label: 'a token naming no key', authorization: async (i) => `Bearer ${await i.mint({ kid: null })}`, authorizer: REFUSALS.noKeyId },
  { label: 'a token without a role', authorization: async (i) => `Bearer ${await i.mint({ claims: { ...baseClaims(), 'cognito:groups': [] } })}`, authorizer: PASSES },
  {
    label: 'a token without any groups claim',
    authorization: async (i) => {
      const { 'cognito:groups': _groups, ...claims } = baseClaims();
      return `Bearer ${await i.mint({ claims })}`;
    },
    authorizer: PASSES,
  },
  { label: 'a token with two roles', authorization: async (i) => `Bearer ${await i.mint({ claims: { ...baseClaims(), 'cognito:groups': ['cs-lead', 'hq'] } })}`, authorizer: PASSES },
  { label: 'a token whose groups claim is a string, not a list', authorization: async (i) => `Bearer ${await i.mint({ claims: { ...baseClaims(), 'cognito:groups': 'hq' } })}`, authorizer: PASSES },
  { label: 'a token whose groups claim is an object', authorization: async (i) => `Bearer ${await i.mint({ claims: { ...baseClaims(), 'cognito:groups': { hq: true } } })}`, authorizer: PASSES },
  { label: 'a token with only an unknown role', authorization: async (i) => `Bearer ${await i.mint({ claims: { ...baseClaims(), 'cognito:groups': ['superuser'] } })}`, authorizer: PASSES },
  { label: 'a malformed header', authorization: async () => 'Bearer not-a-jwt', authorizer: REFUSALS.malformed },
  { label: 'an empty bearer', authorization: async () => 'Bearer ', authorizer: REFUSALS.malformed },
  { label: 'Basic credentials', authorization: async () => `Basic ${Buffer.from('admin:admin').toString('base64')}`, authorizer: REFUSALS.malformed },
  { label: 'a token with a trailing space and a second token', authorization: async (i) => `Bearer ${await i.mint()} ${await i.mint()}`, authorizer: REFUSALS.malformed },
  { label: 'a token whose segments are not base64url', authorization: async () => 'Bearer a+b/c.d+e/f.g+h/i', authorizer: REFUSALS.malformed },
  { label: 'garbage of the right shape', authorization: async () => `Bearer ${b64url('{')}.${b64url('}')}.${b64url('x')}`, authorizer: REFUSALS.malformed },
];
