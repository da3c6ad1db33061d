/**
 * Staff bearer tokens verified by the handler itself, on the only routes with no JWT authorizer in
 * front of them:
 *   - public intake, `POST /api/v1/complaints` — anyone, or staff filing on a complainant's behalf
 *     with their token (one route, PRODUCT.md's contract), so API Gateway cannot require a token;
 *   - the compliance export, `GET /api/v1/audit/export`, served by its own function URL (response
 *     streaming; infra/constructs/auditTrail.ts), which API Gateway does not front.
 * Every other staff route reads the claims API Gateway's authorizer verified (functions/platform/auth.ts);
 * only these two bundles carry `jose`.
 *
 * The token is a Cognito ID token in AWS, the local issuer's locally (same claims, same code),
 * verified against AUTH_ISSUER, AUTH_AUDIENCE and the keys at AUTH_JWKS_URL.
 */
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { Identity, StaffIdentity } from '../domain/access/identity';
import { staffIdentityFromClaims, unauthorized } from './auth';
import { header, type HttpEvent } from './http';

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

let jwks: { url: string; keySet: JWTVerifyGetKey } | undefined;

/** The issuer's keys; a token must name its key (`kid`), as Cognito's always do and API Gateway requires. */
function keySet(url: string): JWTVerifyGetKey {
  if (jwks?.url !== url) {
    const remote = createRemoteJWKSet(new URL(url), { cacheMaxAge: 10 * 60 * 1000, timeoutDuration: 3000 });
    jwks = {
      url,
      keySet: (protectedHeader, token) => {
        if (typeof protectedHeader.kid !== 'string' || protectedHeader.kid === '') throw new Error('the token names no key');
        return remote(protectedHeader, token);
      },
    };
  }
  return jwks.keySet;
}

/** Clock skew allowed between the issuer and this function. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** The caller's identity: staff if a valid bearer token is presented, anonymous if none; an invalid token is a 401. */
export async function identify(event: HttpEvent): Promise<Identity> {
  const authorization = header(event, 'authorization');
  if (!authorization) return { kind: 'anonymous' };
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization);
  if (!match) throw unauthorized('the Authorization header must be "Bearer <token>"');
  const config = authConfig();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(match[1]!, keySet(config.jwksUrl), {
      issuer: config.issuer,
      audience: config.audience,
      algorithms: ['RS256'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'iat', 'sub'],
    }));
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    throw unauthorized(code === 'ERR_JWT_EXPIRED' ? 'the token has expired; sign in again' : 'the token is not valid');
  }
  // jose checks `iat` only against a maximum age; a token issued in the future is not valid yet.
  if (typeof payload.iat !== 'number' || payload.iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS) throw unauthorized('the token is not valid');
  return staffIdentityFromClaims(payload);
}

/** A staff caller with a valid bearer token, or a 401 (the export's function URL, where no authorizer stands in front). */
export async function requireStaffBearer(event: HttpEvent): Promise<StaffIdentity> {
  const identity = await identify(event);
  if (identity.kind !== 'staff') throw unauthorized('sign in as staff to use this endpoint');
  return identity;
}
