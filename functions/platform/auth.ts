/**
 * Staff identity from claims, and the policy's refusals as HTTP errors.
 *
 * Staff routes (`auth: 'staff'` in `httpRoutes` of infra/catalog.ts) sit behind the HTTP API's JWT
 * authorizer (the Cognito user pool; infra/constructs/httpApi.ts): API Gateway verifies the bearer
 * token — signature against the pool's JWKS, issuer, audience, expiry — before the function runs, and
 * hands the function the verified claims in `requestContext.authorizer.jwt.claims`. Those functions
 * can be invoked only by API Gateway on those routes (test/infra asserts it), so their handlers read
 * the claims (`requireStaff`) and do not verify the token again. Locally the HTTP gateway stands in
 * for the authorizer (infra/local/jwtAuthorizer.ts).
 *
 * Routes with no authorizer in front verify the token themselves with
 * functions/platform/bearerToken.ts. This module must not import `jose`: it is bundled into every
 * staff handler.
 */
import { type Identity, STAFF_ROLES, type StaffIdentity, type StaffRole } from '../domain/access/identity';
import { type Action, authorize, type Resource } from '../domain/access/policy';
import { HttpError, type HttpEvent } from './http';
import { logger } from './logger';

/**
 * The claims of a verified token: as the JWT carries them (`cognito:groups` a JSON array), or as
 * API Gateway's JWT authorizer passes them, every value rendered as a string (`"[hq]"`, `"[cs-lead hq]"`).
 */
export type StaffClaims = Readonly<Record<string, unknown>>;

export const unauthorized = (message: string) => new HttpError(401, 'unauthorized', message, undefined, { 'www-authenticate': 'Bearer' });

/**
 * A list claim. In a JWT, a JSON array. API Gateway's JWT authorizer renders an array as one
 * string, its items between brackets and separated by spaces (`[hq]`, `[cs-lead hq]`, `[]`).
 * Any other value — a bare string, a number, an object — is no list.
 */
function listClaim(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') {
    const rendered = /^\[([^[\]]*)\]$/.exec(value);
    if (rendered) return rendered[1]!.split(' ').filter(Boolean);
  }
  return [];
}

const isStaffRole = (value: unknown): value is StaffRole => typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);

/**
 * Maps Cognito-style claims, in either form: `sub`, `cognito:groups` (exactly one role of the
 * platform; other groups are ignored), `custom:estates` (comma list or `*`), `custom:department`.
 * A claim set naming no role or several, without a subject, or of an access token is a 401.
 */
export function staffIdentityFromClaims(claims: StaffClaims): StaffIdentity {
  if (claims.token_use !== undefined && claims.token_use !== 'id') throw unauthorized('an ID token is required');
  // A claim of the wrong type names no role (a 401), never a crash (a 500).
  const roles = listClaim(claims['cognito:groups']).filter(isStaffRole);
  if (roles.length !== 1 || typeof claims.sub !== 'string' || claims.sub === '') throw unauthorized('the token does not name exactly one staff role');
  const estatesClaim = typeof claims['custom:estates'] === 'string' ? claims['custom:estates'] : '';
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

/** The claims API Gateway's JWT authorizer verified, if the event carries them. */
function authorizerClaims(event: HttpEvent): StaffClaims | undefined {
  const context = event?.requestContext as { authorizer?: { jwt?: { claims?: unknown } } } | undefined;
  const claims = context?.authorizer?.jwt?.claims;
  return claims !== null && typeof claims === 'object' && !Array.isArray(claims) ? (claims as StaffClaims) : undefined;
}

/**
 * The caller of a staff route, from the claims the JWT authorizer verified. Without them the
 * function was reached around the authorizer (a misconfiguration): a 401, never a 500.
 */
export function requireStaff(event: HttpEvent): StaffIdentity {
  const claims = authorizerClaims(event);
  if (!claims) {
    logger.warn('staff route invoked without authorizer claims', { requestId: event?.requestContext?.requestId, route: event?.routeKey });
    throw unauthorized('sign in as staff to use this endpoint');
  }
  return staffIdentityFromClaims(claims);
}

/** Throws the policy's refusal as an HTTP error (401, 403, or 404 that reveals nothing). */
export function requirePermission(identity: Identity, action: Action, resource: Resource = {}): void {
  const decision = authorize(identity, action, resource);
  if (decision.allowed) return;
  if (decision.status === 401) throw unauthorized(decision.reason);
  if (decision.status === 404) throw new HttpError(404, 'not_found', 'not found');
  throw new HttpError(403, 'forbidden', decision.reason);
}
