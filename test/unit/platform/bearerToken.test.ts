/**
 * The handlers' own token verification (functions/platform/bearerToken.ts), used only where no JWT
 * authorizer stands in front: public intake (an optional staff token) and the compliance export's
 * function URL. Against a key made here and a JWKS served on loopback, the way handlers fetch
 * Cognito's: every bad token of the corpus (test/support/tokenCorpus.ts) is a 401 with
 * `WWW-Authenticate: Bearer`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identify, requireStaffBearer } from '../../../functions/platform/bearerToken';
import { HttpError, type HttpEvent } from '../../../functions/platform/http';
import { AUDIENCE, badTokens, baseClaims, ISSUER, startTokenIssuer, type TokenIssuer } from '../../support/tokenCorpus';

let issuer: TokenIssuer;

function event(authorization?: string): HttpEvent {
  return { headers: authorization === undefined ? {} : { authorization }, requestContext: { requestId: 'req' } } as unknown as HttpEvent;
}

async function refusal(authorization: string | undefined): Promise<HttpError> {
  try {
    await requireStaffBearer(event(authorization));
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return error as HttpError;
  }
  throw new Error('the token was accepted');
}

beforeAll(async () => {
  issuer = await startTokenIssuer();
  Object.assign(process.env, { AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE, AUTH_JWKS_URL: issuer.jwksUrl });
});
afterAll(() => issuer?.stop());

describe('a valid token', () => {
  it('gives the staff identity its claims describe, with keys from the JWKS', async () => {
    const identity = await identify(event(`Bearer ${await issuer.mint()}`));
    expect(identity).toEqual({ kind: 'staff', userId: 'user-123', role: 'cs-lead', estateIds: ['EST01', 'EST02'], departmentId: 'customer-service' });
    expect(issuer.jwksRequests()).toBeGreaterThan(0);
  });

  it('is accepted when its audience is one of several', async () => {
    expect(await requireStaffBearer(event(`Bearer ${await issuer.mint({ audience: ['another-client', AUDIENCE] })}`))).toMatchObject({ role: 'cs-lead' });
  });

  it('maps group-wide roles to every estate', async () => {
    const identity = await identify(event(`Bearer ${await issuer.mint({ claims: { ...baseClaims(), 'cognito:groups': ['compliance'], 'custom:estates': 'EST01' } })}`));
    expect(identity).toMatchObject({ role: 'compliance', estateIds: 'all' });
  });
});

describe('no token', () => {
  it('is an anonymous caller for public intake, and a 401 where staff are required', async () => {
    expect(await identify(event())).toEqual({ kind: 'anonymous' });
    const error = await refusal(undefined);
    expect(error.statusCode).toBe(401);
    expect(error.headers).toEqual({ 'www-authenticate': 'Bearer' });
  });
});

describe('refused with 401', () => {
  it.each(badTokens.map((t) => [t.label, t] as const))('%s', async (_label, bad) => {
    const error = await refusal(await bad.authorization(issuer));
    expect(error.statusCode).toBe(401);
    expect(error.code).toBe('unauthorized');
    expect(error.headers).toEqual({ 'www-authenticate': 'Bearer' });
  });

  it('makes public intake refuse a bad token rather than treat the caller as anonymous', async () => {
    for (const bad of badTokens) {
      const authorization = await bad.authorization(issuer);
      if (authorization === undefined) continue;
      await expect(identify(event(authorization)), bad.label).rejects.toMatchObject({ statusCode: 401 });
    }
  });

  it('tells the user an expired token has expired, and says nothing more about any other failure', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await refusal(`Bearer ${await issuer.mint({ expiresIn: now - 60 })}`)).message).toMatch(/expired/);
    expect((await refusal(`Bearer ${await issuer.mint({ issuer: 'https://elsewhere.invalid' })}`)).message).toBe('the token is not valid');
    expect((await refusal(`Bearer ${await issuer.mint({ key: issuer.otherPrivateKey })}`)).message).toBe('the token is not valid');
  });
});
