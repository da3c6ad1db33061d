/**
 * The local stand-in for API Gateway's JWT authorizer (infra/local/jwtAuthorizer.ts), against a key
 * made here and a JWKS on loopback. Every bad token of the corpus (test/support/tokenCorpus.ts) is
 * refused — by the authorizer with API Gateway's `www-authenticate`, or, where the authorizer lets
 * it through as API Gateway would (the claims do not name one role, an access token), by the staff
 * handler's claims check. A valid token's claims reach the handler rendered as API Gateway renders them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffIdentityFromClaims } from '../../../functions/platform/auth';
import { HttpError } from '../../../functions/platform/http';
import { apiGatewayClaims, type AuthorizerDecision, createJwtAuthorizer, type JwtAuthorizer, REFUSALS, renderClaim } from '../../../infra/local/jwtAuthorizer';
import { AUDIENCE, badTokens, baseClaims, ISSUER, MISSING, PASSES, startTokenIssuer, type TokenIssuer } from '../../support/tokenCorpus';

let issuer: TokenIssuer;
let authorizer: JwtAuthorizer;
const logged: Record<string, unknown>[] = [];

beforeAll(async () => {
  issuer = await startTokenIssuer();
  authorizer = createJwtAuthorizer({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: issuer.jwksUrl }, (entry) => logged.push(entry));
});
afterAll(() => issuer?.stop());

function allowed(decision: AuthorizerDecision): Extract<AuthorizerDecision, { allowed: true }> {
  if (!decision.allowed) throw new Error(`refused: ${decision.reason}`);
  return decision;
}

describe('a valid token', () => {
  it("passes the claims as API Gateway does: every value a string, lists as `[a b]`, no scopes", async () => {
    const token = await issuer.mint();
    const { authorizer: context } = allowed(await authorizer.authorize(`Bearer ${token}`));
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { iat: number; exp: number };
    expect(context).toEqual({
      jwt: {
        claims: {
          sub: 'user-123',
          iss: ISSUER,
          aud: AUDIENCE,
          iat: String(payload.iat),
          exp: String(payload.exp),
          token_use: 'id',
          'cognito:groups': '[cs-lead]',
          'custom:estates': 'EST01,EST02',
          'custom:department': 'customer-service',
        },
        scopes: null,
      },
    });
    expect(context.jwt.claims.exp).toMatch(/^\d{10}$/);
    expect(staffIdentityFromClaims(context.jwt.claims)).toEqual({ kind: 'staff', userId: 'user-123', role: 'cs-lead', estateIds: ['EST01', 'EST02'], departmentId: 'customer-service' });
  });

  it('renders an HQ token\'s groups as `[hq]`, which the handler reads as the role', async () => {
    const { authorizer: context } = allowed(await authorizer.authorize(`Bearer ${await issuer.mint({ claims: { ...baseClaims(), 'cognito:groups': ['hq'] } })}`));
    expect(context.jwt.claims['cognito:groups']).toBe('[hq]');
    expect(staffIdentityFromClaims(context.jwt.claims)).toMatchObject({ role: 'hq', estateIds: 'all' });
  });

  it('accepts the token alone or after a `Bearer` prefix in any case, as the identity source allows', async () => {
    const token = await issuer.mint();
    for (const authorization of [token, `Bearer ${token}`, `bearer ${token}`, `BEARER  ${token}`]) expect((await authorizer.authorize(authorization)).allowed, authorization.slice(0, 8)).toBe(true);
  });

  it('accepts an audience list that includes the app client, and client_id when there is no aud', async () => {
    const listed = allowed(await authorizer.authorize(`Bearer ${await issuer.mint({ audience: ['another-client', AUDIENCE] })}`));
    expect(listed.authorizer.jwt.claims.aud).toBe(`[another-client ${AUDIENCE}]`);
    const byClientId = allowed(await authorizer.authorize(`Bearer ${await issuer.mint({ audience: null, claims: { ...baseClaims(), client_id: AUDIENCE } })}`));
    expect(byClientId.authorizer.jwt.claims.client_id).toBe(AUDIENCE);
  });

  it('keeps the keys it fetched (API Gateway caches them)', async () => {
    await authorizer.authorize(`Bearer ${await issuer.mint()}`);
    const before = issuer.jwksRequests();
    for (let i = 0; i < 3; i++) await authorizer.authorize(`Bearer ${await issuer.mint()}`);
    expect(issuer.jwksRequests()).toBe(before);
  });
});

describe('every bad token is refused', () => {
  it.each(badTokens.map((t) => [t.label, t] as const))('%s', async (_label, bad) => {
    const decision = await authorizer.authorize(await bad.authorization(issuer));
    if (bad.authorizer === PASSES) {
      // API Gateway lets it through; the handler's claims check refuses it.
      const { authorizer: context } = allowed(decision);
      let refusal: unknown;
      try {
        staffIdentityFromClaims(context.jwt.claims);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(HttpError);
      expect(refusal).toMatchObject({ statusCode: 401, code: 'unauthorized' });
    } else if (bad.authorizer === MISSING) {
      expect(decision).toEqual({ allowed: false, wwwAuthenticate: 'Bearer', reason: 'missing' });
    } else {
      expect(decision).toEqual({ allowed: false, reason: bad.authorizer, wwwAuthenticate: `Bearer scope="" error="invalid_token" error_description="${bad.authorizer}"` });
    }
  });

  it('refuses a token against an issuer whose keys cannot be fetched, and logs why', async () => {
    const unreachable = createJwtAuthorizer({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: 'http://127.0.0.1:9/.well-known/jwks.json' }, (entry) => logged.push(entry));
    const decision = await unreachable.authorize(`Bearer ${await issuer.mint()}`);
    expect(decision).toMatchObject({ allowed: false, reason: REFUSALS.keysUnavailable });
    expect(logged.some((entry) => entry.level === 'ERROR' && entry.message === 'jwt authorizer could not verify a token')).toBe(true);
  });

  it('refuses a token once it expires, with no clock tolerance', async () => {
    const token = await issuer.mint({ expiresIn: Math.floor(Date.now() / 1000) + 60 });
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number };
    expect((await authorizer.authorize(token, new Date((exp - 1) * 1000))).allowed).toBe(true);
    expect(await authorizer.authorize(token, new Date(exp * 1000))).toMatchObject({ allowed: false, reason: REFUSALS.expired });
  });
});

describe('claim rendering', () => {
  it('renders values as API Gateway passes them to a v2 integration', () => {
    expect(renderClaim('EST01,EST02')).toBe('EST01,EST02');
    expect(renderClaim(['cs-lead', 'hq'])).toBe('[cs-lead hq]');
    expect(renderClaim([])).toBe('[]');
    expect(renderClaim(1767225600)).toBe('1767225600');
    expect(renderClaim(true)).toBe('true');
    expect(renderClaim({ b: 1, a: ['x'] })).toBe('map[a:[x] b:1]');
    expect(apiGatewayClaims({ 'cognito:groups': ['hq'], email_verified: false })).toEqual({ 'cognito:groups': '[hq]', email_verified: 'false' });
  });
});
