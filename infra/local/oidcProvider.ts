/**
 * The local issuer's OpenID Connect endpoints, at the paths Cognito's managed
 * login uses, so the console runs one sign-in code path (authorization code +
 * PKCE, oauth4webapi) against whichever issuer it is given:
 *
 *   GET  /.well-known/openid-configuration   discovery (issuer = LOCAL_ISSUER, endpoints on this server)
 *   GET  /.well-known/jwks.json              the signing key
 *   GET  /oauth2/authorize                   the demo-user picker (stands in for managed login; no password, no MFA)
 *   POST /oauth2/authorize                   the picked user: a one-time code, back to the redirect URI
 *   POST /oauth2/token                       code + PKCE verifier (S256 only) → ID, access and refresh tokens;
 *                                            refresh_token → fresh ID and access tokens (the user re-read: a
 *                                            disabled user or changed role shows at once)
 *   POST /oauth2/revoke                      revokes a refresh token
 *   GET  /logout                             ends the session at the issuer: the user's refresh tokens are
 *                                            revoked, then back to `logout_uri` (Cognito) / `post_logout_redirect_uri`
 *
 * One public client (LOCAL_AUDIENCE, no secret), whose redirect and logout URIs
 * must be on this server's own origin. Codes live 60 s and are single-use;
 * refresh tokens 12 h, in memory (a restart signs everyone out).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { jwtVerify, createLocalJWKSet } from 'jose';
import type { StaffDirectory, StaffMember } from '../../functions/domain/admin/staffDirectory';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, type LocalIssuer } from './localIssuer';

export const ID_TOKEN_SECONDS = 3600;
export const REFRESH_TOKEN_SECONDS = 12 * 3600;
const CODE_SECONDS = 60;

type Result = APIGatewayProxyStructuredResultV2;
export interface LocalRequest {
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

interface PendingCode {
  userId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string;
  expiresAt: number;
}
interface RefreshGrant {
  userId: string;
  expiresAt: number;
}

const html = (statusCode: number, body: string): Result => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The picker has no script and posts only to itself.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  },
  body,
});
const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): Result => ({ statusCode, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache', ...headers }, body: JSON.stringify(body) });
const redirect = (location: string): Result => ({ statusCode: 302, headers: { location, 'cache-control': 'no-store' } });
const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const digest = (value: string) => createHash('sha256').update(value).digest('base64url');
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\]):\d{1,5}$/;

export function createLocalOidcProvider(options: { issuer: LocalIssuer; directory: StaffDirectory; now?: () => number }) {
  const now = options.now ?? (() => Date.now());
  const codes = new Map<string, PendingCode>();
  const refreshGrants = new Map<string, RefreshGrant>();

  /** This server's origin as the browser reached it; only loopback hosts are trusted. */
  const originOf = (request: LocalRequest): string | undefined => {
    const host = String(request.headers.host ?? '');
    return LOOPBACK_HOST.test(host) ? `http://${host}` : undefined;
  };
  const sameOrigin = (uri: string | null, origin: string): uri is string => {
    if (!uri) return false;
    try {
      return new URL(uri).origin === origin;
    } catch {
      return false;
    }
  };

  const issueTokens = async (member: StaffMember, nonce?: string) => {
    const idToken = await options.issuer.mint(member, { expiresInSeconds: ID_TOKEN_SECONDS, ...(nonce ? { nonce } : {}) });
    const accessToken = await options.issuer.mintAccess(member, { expiresInSeconds: ID_TOKEN_SECONDS });
    return { id_token: idToken, access_token: accessToken, token_type: 'Bearer', expires_in: ID_TOKEN_SECONDS };
  };

  const authorizeParams = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method', 'nonce'] as const;

  /** Checks an authorization request; errors before the redirect URI is trusted are shown, never redirected. */
  const checkAuthorize = (params: URLSearchParams, origin: string): { error: Result } | { redirectUri: string } => {
    const redirectUri = params.get('redirect_uri');
    if (params.get('client_id') !== LOCAL_AUDIENCE) return { error: html(400, page('Unknown client', `<p>client_id must be ${escape(LOCAL_AUDIENCE)}.</p>`)) };
    if (!sameOrigin(redirectUri, origin)) return { error: html(400, page('Redirect URI not allowed', '<p>redirect_uri must be on this server.</p>')) };
    const fail = (error: string, description: string) => ({ error: redirect(withParams(redirectUri, { error, error_description: description, state: params.get('state') ?? undefined, iss: LOCAL_ISSUER })) });
    if (params.get('response_type') !== 'code') return fail('unsupported_response_type', 'only the authorization code flow is supported');
    if (!(params.get('scope') ?? '').split(' ').includes('openid')) return fail('invalid_scope', 'scope must include openid');
    if (params.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(params.get('code_challenge') ?? '')) return fail('invalid_request', 'PKCE with S256 is required');
    return { redirectUri };
  };

  const routes: Record<string, (body: string, request: LocalRequest) => Result | Promise<Result>> = {
    'GET /.well-known/openid-configuration': (_body, request) => {
      const origin = originOf(request);
      if (!origin) return json(400, { error: 'invalid_request' });
      return json(200, {
        issuer: LOCAL_ISSUER,
        authorization_endpoint: `${origin}/oauth2/authorize`,
        token_endpoint: `${origin}/oauth2/token`,
        revocation_endpoint: `${origin}/oauth2/revoke`,
        end_session_endpoint: `${origin}/logout`,
        jwks_uri: `${origin}/.well-known/jwks.json`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        code_challenge_methods_supported: ['S256'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['none'],
        scopes_supported: ['openid', 'email', 'profile'],
        authorization_response_iss_parameter_supported: true,
      });
    },
    'GET /oauth2/authorize': async (_body, request) => {
      const origin = originOf(request);
      if (!origin) return html(400, page('Bad request', '<p>Unknown host.</p>'));
      const checked = checkAuthorize(request.query, origin);
      if ('error' in checked) return checked.error;
      const staff = (await options.directory.list()).filter((m) => m.enabled).sort((a, b) => a.userId.localeCompare(b.userId));
      const hidden = authorizeParams.map((name) => (request.query.get(name) !== null ? `<input type="hidden" name="${name}" value="${escape(request.query.get(name)!)}">` : '')).join('');
      const choices = staff
        .map((m) => `<li><button type="submit" name="user_id" value="${escape(m.userId)}"><strong>${escape(m.name)}</strong> <span>${escape(m.userId)} · ${escape(m.role)} · ${escape(m.estates)}${m.departmentId ? ` · ${escape(m.departmentId)}` : ''}</span></button></li>`)
        .join('');
      return html(
        200,
        page(
          'Sign in (local) · 登入 · 登录',
          `<p>The local issuer stands in for Cognito's sign-in: choose who you are. 本機示範：請選擇使用者。本机演示：请选择用户。</p><form method="post" action="/oauth2/authorize">${hidden}<ul class="users">${choices}</ul></form>`,
        ),
      );
    },
    'POST /oauth2/authorize': async (body, request) => {
      const origin = originOf(request);
      if (!origin) return html(400, page('Bad request', '<p>Unknown host.</p>'));
      const form = new URLSearchParams(body);
      const checked = checkAuthorize(form, origin);
      if ('error' in checked) return checked.error;
      const member = await options.directory.get(form.get('user_id') ?? '');
      if (!member || !member.enabled) return html(400, page('Not a staff member', '<p>This user cannot sign in.</p>'));
      const code = randomBytes(32).toString('base64url');
      codes.set(code, { userId: member.userId, redirectUri: checked.redirectUri, codeChallenge: form.get('code_challenge')!, ...(form.get('nonce') ? { nonce: form.get('nonce')! } : {}), expiresAt: now() + CODE_SECONDS * 1000 });
      return redirect(withParams(checked.redirectUri, { code, state: form.get('state') ?? undefined, iss: LOCAL_ISSUER }));
    },
    'POST /oauth2/token': async (body) => {
      const form = new URLSearchParams(body);
      const invalidGrant = (description: string) => json(400, { error: 'invalid_grant', error_description: description });
      if (form.get('client_id') !== LOCAL_AUDIENCE) return json(401, { error: 'invalid_client', error_description: 'unknown client' });
      const grantType = form.get('grant_type');
      if (grantType === 'authorization_code') {
        const code = form.get('code') ?? '';
        const pending = codes.get(code);
        codes.delete(code); // single use, whatever happens next
        if (!pending || pending.expiresAt < now()) return invalidGrant('the code is unknown, used or expired');
        if (form.get('redirect_uri') !== pending.redirectUri) return invalidGrant('redirect_uri differs from the authorization request');
        const verifier = form.get('code_verifier') ?? '';
        if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || !equal(digest(verifier), pending.codeChallenge)) return invalidGrant('the PKCE code_verifier does not match');
        const member = await options.directory.get(pending.userId);
        if (!member?.enabled) return invalidGrant('the user is disabled');
        const refreshToken = randomBytes(32).toString('base64url');
        refreshGrants.set(digest(refreshToken), { userId: member.userId, expiresAt: now() + REFRESH_TOKEN_SECONDS * 1000 });
        return json(200, { ...(await issueTokens(member, pending.nonce)), refresh_token: refreshToken });
      }
      if (grantType === 'refresh_token') {
        const grant = refreshGrants.get(digest(form.get('refresh_token') ?? ''));
        if (!grant || grant.expiresAt < now()) return invalidGrant('the refresh token is unknown, revoked or expired');
        const member = await options.directory.get(grant.userId);
        if (!member?.enabled) {
          refreshGrants.delete(digest(form.get('refresh_token') ?? ''));
          return invalidGrant('the user is disabled');
        }
        // Like Cognito: the same refresh token stays valid until it expires or is revoked.
        return json(200, await issueTokens(member));
      }
      return json(400, { error: 'unsupported_grant_type' });
    },
    'POST /oauth2/revoke': (body) => {
      const form = new URLSearchParams(body);
      if (form.get('client_id') !== LOCAL_AUDIENCE) return json(401, { error: 'invalid_client' });
      refreshGrants.delete(digest(form.get('token') ?? ''));
      return json(200, {});
    },
    'GET /logout': async (_body, request) => {
      const origin = originOf(request);
      const target = request.query.get('logout_uri') ?? request.query.get('post_logout_redirect_uri');
      if (!origin || !sameOrigin(target, origin)) return html(400, page('Sign-out', '<p>logout_uri must be on this server.</p>'));
      const hint = request.query.get('id_token_hint');
      if (hint) {
        // Sign-out ends every refresh grant of the user the hint names (a valid token of ours, expired or not).
        const verified = await jwtVerify(hint, createLocalJWKSet(options.issuer.jwks), { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, currentDate: new Date(0) }).catch(() => undefined);
        const userId = verified?.payload.sub;
        if (userId) for (const [key, grant] of refreshGrants) if (grant.userId === userId) refreshGrants.delete(key);
      }
      return redirect(withParams(target, { state: request.query.get('state') ?? undefined }));
    },
  };
  return { routes, activeRefreshGrants: () => refreshGrants.size };
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function withParams(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}

function page(title: string, content: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}ul.users{list-style:none;padding:0}ul.users button{display:block;width:100%;text-align:left;padding:.6rem;margin:.3rem 0;border:1px solid #888;border-radius:.4rem;background:#fff;cursor:pointer}ul.users span{color:#444;font-size:.9em}</style></head><body><h1>${escape(title)}</h1>${content}</body></html>`;
}
