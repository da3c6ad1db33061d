/**
 * The local issuer's OpenID Connect endpoints, driven by oauth4webapi — the client library the console
 * uses — exactly as a browser would: discovery, the authorization request with PKCE (S256), the
 * picker, the code exchange, refresh, revocation and sign-out at the issuer. Tokens from the flow open
 * the staff API; a wrong verifier, a reused code, another redirect URI, a disabled user, an expired
 * token and another issuer's token do not.
 */
import * as oauth from 'oauth4webapi';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN } from '../../infra/local/demoGroup';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../infra/local/localIssuer';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';

let platform: TestPlatform;
let as: oauth.AuthorizationServer;
const client: oauth.Client = { client_id: LOCAL_AUDIENCE };
const insecure = { [oauth.allowInsecureRequests]: true } as const;
let redirectUri: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  redirectUri = `${platform.url}/staff`;
  // The issuer identifier is LOCAL_ISSUER; its metadata is served by the local platform (docs/ACCESS.md).
  const response = await fetch(`${platform.url}/.well-known/openid-configuration`);
  as = await oauth.processDiscoveryResponse(new URL(LOCAL_ISSUER), response);
}, 120_000);
afterAll(async () => platform?.stop());

/** The authorization request, the picker's choice, and the redirect back: the callback URL. */
async function authorize(userId: string, overrides: Record<string, string> = {}) {
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const url = new URL(as.authorization_endpoint!);
  const params = { client_id: LOCAL_AUDIENCE, redirect_uri: redirectUri, response_type: 'code', scope: 'openid email profile', state, nonce, code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier), code_challenge_method: 'S256', ...overrides };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const pickerPage = await fetch(url, { redirect: 'manual' });
  const picker = await pickerPage.text();
  const form = new URLSearchParams(params);
  form.set('user_id', userId);
  const chosen = await fetch(as.authorization_endpoint!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form, redirect: 'manual' });
  return { picker, pickerStatus: pickerPage.status, status: chosen.status, location: chosen.headers.get('location'), codeVerifier, state, nonce };
}

async function signIn(userId: string) {
  const step = await authorize(userId);
  const callback = oauth.validateAuthResponse(as, client, new URL(step.location!), step.state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), callback, redirectUri, step.codeVerifier, insecure);
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: step.nonce, requireIdToken: true });
  return { tokens, step, callback };
}

describe('the OpenID Connect endpoints', () => {
  it('publish the code flow with PKCE S256 only, at the paths Cognito uses', () => {
    expect(as.issuer).toBe(LOCAL_ISSUER);
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
    expect(as.response_types_supported).toEqual(['code']);
    expect(new URL(as.token_endpoint!).pathname).toBe('/oauth2/token');
    expect(new URL(as.end_session_endpoint!).pathname).toBe('/logout');
  });

  it('sign a demo user in: picker, code, PKCE exchange; the ID token opens the staff API', async () => {
    const { tokens, step } = await signIn('cslead.est01');
    expect(step.pickerStatus).toBe(200);
    expect(step.picker).toContain('cslead.est01');
    expect(step.picker).not.toMatch(/<script/i);
    const claims = oauth.getValidatedIdTokenClaims(tokens)!;
    expect(claims).toMatchObject({ iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, sub: 'cslead.est01', nonce: step.nonce, 'cognito:groups': ['cs-lead'] });
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.expires_in).toBe(3600);
    const cases = await platform.get('/api/v1/cases?estateId=EST01', { authorization: `Bearer ${tokens.id_token}` });
    expect(cases.status).toBe(200);
    // The access token is Cognito's kind (token_use: access): staff routes want the ID token.
    expect((await platform.get('/api/v1/cases?estateId=EST01', { authorization: `Bearer ${tokens.access_token}` })).status).toBe(401);
  });

  it('refreshes, and revocation or sign-out at the issuer ends the refresh token', async () => {
    const { tokens } = await signIn('manager.est01');
    const refreshed = await oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, insecure));
    expect(oauth.getValidatedIdTokenClaims(refreshed)!.sub).toBe('manager.est01');
    const revoked = await oauth.revocationRequest(as, client, oauth.None(), tokens.refresh_token!, insecure);
    await oauth.processRevocationResponse(revoked);
    await expect(oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, insecure))).rejects.toThrow();

    const second = await signIn('manager.est01');
    const logout = new URL(as.end_session_endpoint!);
    logout.searchParams.set('client_id', LOCAL_AUDIENCE);
    logout.searchParams.set('logout_uri', `${platform.url}/staff?signed-out=1`);
    logout.searchParams.set('id_token_hint', second.tokens.id_token!);
    const out = await fetch(logout, { redirect: 'manual' });
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe(`${platform.url}/staff?signed-out=1`);
    await expect(oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, oauth.None(), second.tokens.refresh_token!, insecure))).rejects.toThrow();
    // A logout target elsewhere is refused (no open redirect).
    logout.searchParams.set('logout_uri', 'https://attacker.example/');
    expect((await fetch(logout, { redirect: 'manual' })).status).toBe(400);
  });

  it('refuses a wrong verifier, a reused code and another redirect URI', async () => {
    const step = await authorize('hq.director');
    const callback = oauth.validateAuthResponse(as, client, new URL(step.location!), step.state);
    const wrong = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), callback, redirectUri, oauth.generateRandomCodeVerifier(), insecure);
    await expect(oauth.processAuthorizationCodeResponse(as, client, wrong)).rejects.toThrow();
    // The code was spent by the failed attempt: the right verifier no longer helps.
    const reused = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), callback, redirectUri, step.codeVerifier, insecure);
    await expect(oauth.processAuthorizationCodeResponse(as, client, reused)).rejects.toThrow();
    const elsewhere = await authorize('hq.director', { redirect_uri: 'https://attacker.example/callback' });
    expect(elsewhere.pickerStatus).toBe(400);
    expect(elsewhere.location).toBeNull();
    const plain = await authorize('hq.director', { code_challenge_method: 'plain' });
    expect(new URL(plain.location!).searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses to refresh for a user an administrator disabled', async () => {
    const admin = await platform.issuer.mint(BOOTSTRAP_ADMIN);
    const { tokens } = await signIn('frontline.est02');
    const disabled = await platform.post('/api/v1/admin/staff/frontline.est02', { enabled: false }, { authorization: `Bearer ${admin}` });
    expect(disabled.status).toBe(200);
    await expect(oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, insecure))).rejects.toThrow();
    expect((await authorize('frontline.est02')).status).toBe(400);
  });

  it('leaves the staff API closed to expired tokens and to another issuer', async () => {
    const expired = await platform.issuer.mint({ userId: 'hq.director', name: 'HQ', email: 'hq@x.example', role: 'hq', estates: '*' }, { expiresInSeconds: -60 });
    expect((await platform.get('/api/v1/cases', { authorization: `Bearer ${expired}` })).status).toBe(401);
    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await new SignJWT({ token_use: 'id', 'cognito:groups': ['hq'], 'custom:estates': '*' })
      .setProtectedHeader({ alg: 'RS256', kid: 'local-1' })
      .setSubject('hq.director')
      .setIssuer('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other')
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await platform.get('/api/v1/cases', { authorization: `Bearer ${foreign}` })).status).toBe(401);
  });
});
