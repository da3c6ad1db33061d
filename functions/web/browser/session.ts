/**
 * Sign-in state of the staff console: the ONE module that acquires, stores and drops the bearer
 * token. Everything else asks `getToken()` / `currentStaff()` and listens with `onSessionChange`.
 * Swapping how staff sign in (e.g. OIDC authorization code + PKCE) means replacing this module's
 * insides, not its callers.
 *
 * Today: the token is pasted, or issued for a demo user by the local platform
 * (`POST /local/demo-token`, 404 in AWS). It is kept in sessionStorage (this tab only, gone when it
 * closes) and sent only in the Authorization header of the console's own fetch calls: no cookies,
 * so no CSRF surface.
 */
import type * as oauth from 'oauth4webapi';
import type * as OAuthProtocolModule from './oauthProtocol';
import type { StaffRole } from '../../domain/access/identity';
import type { ConsoleEstate, ConsoleSignIn } from './pageData';
import { dropAllDrafts } from './ui/drafts';

type OAuthProtocol = typeof OAuthProtocolModule;

const TOKEN_KEY = 'complaints.staffToken';

export interface StaffSession {
  userId: string;
  name: string;
  role: StaffRole | null;
  /** Estates served: ids, or 'all'. */
  estates: readonly string[] | 'all';
  departmentId: string | null;
  /** Seconds since the epoch when the token expires, if it says. */
  expiresAt: number | null;
}

export type SignOutReason = 'signed-out' | 'rejected' | 'expired';
type Listener = (session: StaffSession | null, reason?: SignOutReason) => void;

let token: string | null = readStored();
const listeners = new Set<Listener>();
/** Why a stored token was dropped when the console started (expired, or not a staff token): the sign-in page says so. */
let droppedAtStart: SignOutReason | undefined;

function readStored(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function store(value: string | null): void {
  try {
    if (value) window.sessionStorage.setItem(TOKEN_KEY, value);
    else window.sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Private mode: the token lives in memory for this page only.
  }
}

function decodeClaims(jwt: string): Record<string, unknown> {
  try {
    let part = (jwt.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
    while (part.length % 4) part += '=';
    const bytes = Uint8Array.from(window.atob(part), (ch) => ch.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** What the token says about the person (for display and defaults only: the API decides). */
function sessionOf(jwt: string): StaffSession {
  const claims = decodeClaims(jwt);
  const groups = claims['cognito:groups'];
  const estates = typeof claims['custom:estates'] === 'string' ? claims['custom:estates'] : '';
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const userId = str(claims['cognito:username']) || str(claims.sub);
  return {
    userId,
    name: str(claims.name) || userId,
    role: Array.isArray(groups) && groups.length === 1 ? (groups[0] as StaffRole) : null,
    estates: estates === '*' ? 'all' : estates.split(',').map((e) => e.trim()).filter(Boolean),
    departmentId: str(claims['custom:department']) || null,
    expiresAt: typeof claims.exp === 'number' ? claims.exp : null,
  };
}

export const TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

// A stored token that has expired, or names no staff role, is dropped before anything uses it.
if (token) {
  const stored = sessionOf(token);
  if (stored.role === null || (stored.expiresAt !== null && stored.expiresAt * 1000 <= Date.now())) {
    droppedAtStart = stored.role === null ? 'rejected' : 'expired';
    token = null;
    store(null);
  }
}

export function startupSignOutReason(): SignOutReason | undefined {
  return droppedAtStart;
}

/** The bearer token for API calls, or null when signed out. */
export function getToken(): string | null {
  return token;
}

export function currentStaff(): StaffSession | null {
  return token ? sessionOf(token) : null;
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(reason?: SignOutReason): void {
  const session = currentStaff();
  for (const listener of listeners) listener(session, reason);
}

/** Signs in with a token the person pasted (already checked for shape). */
export function signInWithToken(value: string): void {
  token = value.trim().replace(/^Bearer\s+/i, '');
  store(token);
  emit();
}

export function signOut(reason: SignOutReason = 'signed-out'): void {
  token = null;
  store(null);
  // A session that ended by itself (expired, refused) keeps the half-filled forms for the next sign-in.
  if (reason === 'signed-out') dropAllDrafts();
  emit(reason);
}

export interface DemoUser {
  userId: string;
  name: string;
  role: StaffRole;
  estates: string;
}

/** The local platform's demo users; an empty list in AWS (the route answers 404 there). */
export async function demoUsers(): Promise<DemoUser[]> {
  try {
    const response = await fetch('/local/demo-users', { headers: { accept: 'application/json' }, credentials: 'omit', cache: 'no-store' });
    if (response.status !== 200) return [];
    const body = (await response.json()) as { users?: DemoUser[] };
    return Array.isArray(body.users) ? body.users : [];
  } catch {
    return [];
  }
}

/** Signs in as a demo user of the local platform. */
export async function signInAsDemoUser(userId: string): Promise<boolean> {
  try {
    const response = await fetch('/local/demo-token', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ userId }),
      credentials: 'omit',
      cache: 'no-store',
    });
    const body = (await response.json()) as { token?: string };
    if (response.status !== 200 || !body.token) return false;
    signInWithToken(body.token);
    return true;
  } catch {
    return false;
  }
}

// --- OpenID Connect: authorization code + PKCE (docs/ACCESS.md, "How the console keeps tokens") ---------
// The flow's protocol is oauth4webapi's; this module only keeps its state. Everything lives in
// sessionStorage (this tab): the pending request (verifier, state, nonce, where to return) until the
// issuer sends the browser back, then the tokens. No token ever goes into a URL.
// oauth4webapi is loaded with import() when the protocol is needed (signing in, the return from the issuer,
// a refresh, signing out): a tab that resumes a fresh session never fetches it, and it is not part of any
// page's JavaScript (about 6 KB gzip of the 60 KB page budget, docs/CONSOLE.md).
let oauthModule: Promise<OAuthProtocol> | undefined;
const loadOAuth = () => (oauthModule ??= import('./oauthProtocol'));


const PENDING_KEY = 'complaints.signInRequest';
const REFRESH_KEY = 'complaints.refreshToken';
/** Refresh this long before the ID token expires. */
const REFRESH_AHEAD_SECONDS = 300;
const MIN_REFRESH_PAUSE_MS = 30_000;

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let signInConfig: ConsoleSignIn | undefined;

const isLoopback = (url: string) => /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//.test(url);

/** The discovery URL; a path (the local issuer) is on this page's own origin. */
const discoveryUrl = (config: ConsoleSignIn) => new URL(config.discoveryUrl, window.location.origin).toString();

async function authorizationServer(config: ConsoleSignIn): Promise<oauth.AuthorizationServer> {
  const [lib, response] = await Promise.all([loadOAuth(), fetch(discoveryUrl(config), { credentials: 'omit', cache: 'no-store' })]);
  return lib.processDiscoveryResponse(new URL(config.issuer), response);
}
const httpOptions = (lib: OAuthProtocol, config: ConsoleSignIn) => (isLoopback(discoveryUrl(config)) ? { [lib.allowInsecureRequests]: true } : {});
const clientOf = (config: ConsoleSignIn): oauth.Client => ({ client_id: config.clientId });
const redirectUri = () => `${window.location.origin}/staff`;

function session(key: string, value?: string | null): string | null {
  try {
    if (value === undefined) return window.sessionStorage.getItem(key);
    if (value === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, value);
  } catch {
    // Private mode: nothing survives a reload.
  }
  return null;
}

/** Starts signing in: the browser goes to the issuer and comes back to /staff with a one-time code. */
export async function startSignIn(config: ConsoleSignIn): Promise<void> {
  const as = await authorizationServer(config);
  const lib = await loadOAuth();
  const codeVerifier = lib.generateRandomCodeVerifier();
  const state = lib.generateRandomState();
  const nonce = lib.generateRandomNonce();
  // Where the person was (a case opened from an email link): restored after signing in.
  const returnTo = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  session(PENDING_KEY, JSON.stringify({ codeVerifier, state, nonce, returnTo }));
  const url = new URL(as.authorization_endpoint!);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', 'openid email profile');
  url.searchParams.set('state', state);
  url.searchParams.set('nonce', nonce);
  url.searchParams.set('code_challenge', await lib.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  window.location.assign(url.toString());
}

/**
 * On load: finishes a sign-in the issuer just returned from (code → tokens), or resumes the tab's
 * session (refreshing it if the ID token is about to expire). False when the return could not be completed.
 */
export async function resumeSession(config: ConsoleSignIn | undefined): Promise<boolean> {
  signInConfig = config;
  if (!config) return true;
  const here = new URL(window.location.href);
  const pending = session(PENDING_KEY);
  if (here.searchParams.has('code') || here.searchParams.has('error')) {
    session(PENDING_KEY, null);
    // The code leaves the address bar (and history) before anything else happens.
    window.history.replaceState(null, '', '/staff');
    if (!pending) return false;
    const { codeVerifier, state, nonce, returnTo } = JSON.parse(pending) as { codeVerifier: string; state: string; nonce: string; returnTo: string };
    try {
      const as = await authorizationServer(config);
      const lib = await loadOAuth();
      const callback = lib.validateAuthResponse(as, clientOf(config), here, state);
      const response = await lib.authorizationCodeGrantRequest(as, clientOf(config), lib.None(), callback, redirectUri(), codeVerifier, httpOptions(lib, config));
      const tokens = await lib.processAuthorizationCodeResponse(as, clientOf(config), response, { expectedNonce: nonce, requireIdToken: true });
      acceptTokens(tokens);
      window.history.replaceState(null, '', returnTo.startsWith('/staff') ? returnTo : '/staff');
      return true;
    } catch {
      return false;
    }
  }
  const claims = token ? sessionOf(token) : null;
  if (claims?.expiresAt && claims.expiresAt - Date.now() / 1000 < REFRESH_AHEAD_SECONDS) await refreshSession();
  else scheduleRefresh();
  return true;
}

function acceptTokens(tokens: oauth.TokenEndpointResponse): void {
  if (tokens.refresh_token) session(REFRESH_KEY, tokens.refresh_token);
  if (tokens.id_token) signInWithToken(tokens.id_token);
  scheduleRefresh();
}

function scheduleRefresh(): void {
  if (refreshTimer) clearTimeout(refreshTimer);
  const expiresAt = token ? sessionOf(token).expiresAt : null;
  if (!expiresAt || !session(REFRESH_KEY)) return;
  // Never sooner than a short pause: with this computer's clock far ahead of the issuer's, every fresh token
  // would look due at once and the tab would refresh in a loop.
  const inMs = Math.max(MIN_REFRESH_PAUSE_MS, (expiresAt - REFRESH_AHEAD_SECONDS) * 1000 - Date.now());
  refreshTimer = setTimeout(() => void refreshSession(), inMs);
}

/** New tokens from the refresh token; a refusal (revoked, disabled, expired) ends the session. */
export async function refreshSession(): Promise<boolean> {
  const refreshToken = session(REFRESH_KEY);
  if (!signInConfig || !refreshToken) return false;
  try {
    const as = await authorizationServer(signInConfig);
    const lib = await loadOAuth();
    const response = await lib.refreshTokenGrantRequest(as, clientOf(signInConfig), lib.None(), refreshToken, httpOptions(lib, signInConfig));
    acceptTokens(await lib.processRefreshTokenResponse(as, clientOf(signInConfig), response));
    return true;
  } catch {
    session(REFRESH_KEY, null);
    signOut('expired');
    return false;
  }
}

/** Signs out here and at the issuer: the refresh token is revoked and the issuer's session ended. */
export async function signOutEverywhere(): Promise<void> {
  const config = signInConfig;
  const refreshToken = session(REFRESH_KEY);
  const idToken = token;
  session(REFRESH_KEY, null);
  if (refreshTimer) clearTimeout(refreshTimer);
  signOut('signed-out');
  if (!config) return;
  try {
    const as = await authorizationServer(config);
    const lib = await loadOAuth();
    if (refreshToken) await lib.processRevocationResponse(await lib.revocationRequest(as, clientOf(config), lib.None(), refreshToken, httpOptions(lib, config)));
    if (as.end_session_endpoint) {
      const url = new URL(as.end_session_endpoint);
      url.searchParams.set('client_id', config.clientId);
      url.searchParams.set('logout_uri', redirectUri());
      if (idToken) url.searchParams.set('id_token_hint', idToken);
      window.location.assign(url.toString());
    }
  } catch {
    // Signed out here in any case; the refresh token expires on its own.
  }
}

/** The estates this person serves, from the page's list (everyone's for HQ and compliance). */
export function servedEstates(session: Pick<StaffSession, 'estates'>, estates: readonly ConsoleEstate[]): ConsoleEstate[] {
  const served = session.estates;
  return served === 'all' ? [...estates] : estates.filter((e) => served.includes(e.estateId));
}
