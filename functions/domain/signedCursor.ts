/**
 * Opaque, tamper-proof pagination cursors: `base64url(payload).base64url(HMAC-SHA256(secret, payload))`.
 * The payload binds the position to the query it belongs to (a digest of the
 * filters) and to the caller, and expires, so a cursor cannot be edited,
 * replayed with other filters, or handed to another user. Clients must treat
 * it as an opaque string.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

const MIN_SECRET_LENGTH = 32;
const DEFAULT_TTL_SECONDS = 24 * 60 * 60;

export interface CursorBinding {
  /** A digest of everything the position depends on (filters, scope, sort). */
  query: string;
  /** The user the cursor was issued to. */
  subject: string;
}

export function cursorSecret(env: Record<string, string | undefined>): string {
  const secret = env.CURSOR_SECRET;
  if (!secret || secret.length < MIN_SECRET_LENGTH) throw new Error(`CURSOR_SECRET must be set to at least ${MIN_SECRET_LENGTH} characters`);
  return secret;
}

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest();

export function signCursor<T>(secret: string, binding: CursorBinding, position: T, now: number, ttlSeconds = DEFAULT_TTL_SECONDS): string {
  const payload = Buffer.from(JSON.stringify({ q: binding.query, u: binding.subject, e: Math.floor(now / 1000) + ttlSeconds, p: position }), 'utf8').toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** Returns the position, or throws `InvalidCursorError` for a cursor that was altered, expired, or issued for another query or user. */
export function openCursor<T>(secret: string, binding: CursorBinding, cursor: string, now: number): T {
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined || cursor.length > 8192) throw new InvalidCursorError('malformed cursor');
  const expected = mac(secret, payload);
  const presented = Buffer.from(signature, 'base64url');
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) throw new InvalidCursorError('cursor signature does not match');
  let decoded: { q?: unknown; u?: unknown; e?: unknown; p?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof decoded;
  } catch {
    throw new InvalidCursorError('malformed cursor');
  }
  if (decoded.q !== binding.query) throw new InvalidCursorError('cursor belongs to another query');
  if (decoded.u !== binding.subject) throw new InvalidCursorError('cursor was issued to another user');
  if (typeof decoded.e !== 'number' || decoded.e * 1000 < now) throw new InvalidCursorError('cursor has expired');
  return decoded.p as T;
}
