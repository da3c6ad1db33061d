/**
 * Staff authentication: verifies the bearer JWT (a Cognito ID token in AWS,
 * the local issuer's token locally — same claims, same code) and maps its
 * claims to a StaffIdentity. In AWS the HTTP API's JWT authorizer checks the
 * token first; handlers verify again so the rule holds wherever they run.
 */
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { type Identity, STAFF_ROLES, type StaffIdentity, type StaffRole } from '../domain/access/identity';
import { type Action, authorize, type Resource } from '../domain/access/policy';
import { HttpError, header, type HttpEvent } from './http';

interface AuthConfig {
  issuer: string;
  audience: string;
  jwksUrl: string;
}

function authConfig(): AuthConfig {
  const { AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL } = process.env;
  if (!AUTH_ISSUER || !AUTH_AUDIENCE || !AUTH_JWKS_URL) throw new Error('AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL must be set');
  return { issuer: AUTH_ISSUER, audience: AUTH_AUDIENCE, jwksUrl: AUTH_JWKS_URL };
}

let jwks: { url: string; keySet: ReturnType<typeof createRemoteJWKSet> } | undefined;

function keySet(url: string) {
  if (jwks?.url !== url) jwks = { url, keySet: createRemoteJWKSet(new URL(url), { cacheMaxAge: 10 * 60 * 1000, timeoutDuration: 3000 }) };
  return jwks.keySet;
}

const unauthorized = (message: string) => new HttpError(401, 'unauthorized', message, undefined, { 'www-authenticate': 'Bearer' });

/** The caller's identity: staff if a valid bearer token is presented, anonymous if none; an invalid token is a 401. */
export async function identify(event: HttpEvent): Promise<Identity> {
  const authorization = header(event, 'authorization');
  if (!authorization) return { kind: 'anonymous' };
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization);
  if (!match) throw unauthorized('the Authorization header must be "Bearer <token>"');
  const config = authConfig();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(match[1]!, keySet(config.jwksUrl), { issuer: config.issuer, audience: config.audience, algorithms: ['RS256'], clockTolerance: 5, requiredClaims: ['exp', 'iat', 'sub'] }));
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    throw unauthorized(code === 'ERR_JWT_EXPIRED' ? 'the token has expired; sign in again' : 'the token is not valid');
  }
  return staffIdentityFromClaims(payload);
}

/** Maps Cognito-style claims: `cognito:groups` (one role), `custom:estates` (comma list or `*`), `custom:department`. */
export function staffIdentityFromClaims(claims: JWTPayload): StaffIdentity {
  if (claims.token_use !== undefined && claims.token_use !== 'id') throw unauthorized('an ID token is required');
  // A claim of the wrong type names no role (a 401), never a crash (a 500).
  const groupsClaim = claims['cognito:groups'];
  const groups: unknown[] = Array.isArray(groupsClaim) ? groupsClaim : [];
  const roles = groups.filter((g): g is StaffRole => typeof g === 'string' && (STAFF_ROLES as readonly string[]).includes(g));
  if (roles.length !== 1 || typeof claims.sub !== 'string') throw unauthorized('the token does not name exactly one staff role');
  const estatesClaim = typeof claims['custom:estates'] === 'string' ? (claims['custom:estates'] as string) : '';
  const role = roles[0]!;
  const groupWide = role === 'hq' || role === 'compliance' || role === 'admin';
  const department = claims['custom:department'];
  return {
    kind: 'staff',
    userId: claims.sub,
    role,
    estateIds: groupWide || estatesClaim === '*' ? 'all' : estatesClaim.split(',').map((s) => s.trim()).filter(Boolean),
    ...(typeof department === 'string' && department ? { departmentId: department } : {}),
  };
}

/** Throws the policy's refusal as an HTTP error (401, 403, or 404 that reveals nothing). */
export function requirePermission(identity: Identity, action: Action, resource: Resource = {}): void {
  const decision = authorize(identity, action, resource);
  if (decision.allowed) return;
  if (decision.status === 401) throw unauthorized(decision.reason);
  if (decision.status === 404) throw new HttpError(404, 'not_found', 'not found');
  throw new HttpError(403, 'forbidden', decision.reason);
}

export async function requireStaff(event: HttpEvent): Promise<StaffIdentity> {
  const identity = await identify(event);
  if (identity.kind !== 'staff') throw unauthorized('sign in as staff to use this endpoint');
  return identity;
}
