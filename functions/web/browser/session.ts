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
import type { StaffRole } from '../../domain/access/identity';

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
