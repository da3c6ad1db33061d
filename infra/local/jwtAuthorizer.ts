/**
 * The HTTP API's JWT authorizer, locally. In AWS every `auth: 'staff'` route of `httpRoutes`
 * (infra/catalog.ts) carries the Cognito JWT authorizer (infra/constructs/httpApi.ts): API Gateway
 * verifies the bearer token before any function runs, refuses it with its own
 * `401 {"message":"Unauthorized"}` and a `www-authenticate` header, and otherwise hands the function
 * the verified claims, rendered as strings, in `requestContext.authorizer.jwt.claims`. The local
 * gateway (infra/local/httpGateway.ts) asks this module on the same routes, so the handlers get the
 * same event and clients the same refusals as in AWS.
 *
 * The checks follow the API Gateway developer guide ("Control access to HTTP APIs with JWT
 * authorizers"), in its order:
 *   1. identity source `$request.header.Authorization`: the token, optionally prefixed with `Bearer `;
 *   2. decode the token;
 *   3. algorithm (RSA-based only) and signature, with the key of the issuer's JWKS named by the
 *      token's `kid` (keys cached for up to two hours, as API Gateway does);
 *   4. `iss` equals the issuer; `aud` includes the audience, or — only when there is no `aud` —
 *      `client_id` equals it; `exp` is after now; `nbf` and `iat` are not after now.
 * No route has authorization scopes, so `scope` is not checked and `scopes` is null.
 *
 * What a refusal says: AWS documents `Bearer scope="" error="invalid_token" error_description="…"`
 * and publishes the audience description; the other descriptions are this module's own words in the
 * same form. A request without the header gets `www-authenticate: Bearer` (RFC 6750 §3.1: no error
 * code when no credentials were sent). Where the docs leave a case open this module refuses: a token
 * without `exp` or `kid` is never accepted.
 *
 * jose is fine here: infra/local is never bundled into a Lambda.
 */
import { compactVerify, createRemoteJWKSet, decodeProtectedHeader } from 'jose';

export interface JwtAuthorizerConfig {
  /** `iss` of the tokens (AUTH_ISSUER). */
  issuer: string;
  /** The app client id: `aud`, or `client_id` when there is no `aud` (AUTH_AUDIENCE). */
  audience: string;
  /** The issuer's JWKS (AUTH_JWKS_URL). */
  jwksUrl: string;
}

/** The claims as API Gateway passes them to a v2 (HTTP API) integration. */
export interface ApiGatewayJwtContext {
  jwt: { claims: Record<string, string>; scopes: null };
}

export type AuthorizerDecision =
  | { allowed: true; authorizer: ApiGatewayJwtContext }
  /** `reason`: the error description, or `missing` when no token was sent; for logs and tests. */
  | { allowed: false; wwwAuthenticate: string; reason: string };

/** The algorithms of RSA keys; API Gateway supports no others. */
const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
/** API Gateway caches the issuer's public keys for up to two hours. */
const JWKS_CACHE_MS = 2 * 60 * 60 * 1000;

export const AUTHORIZER_REFUSAL_BODY = JSON.stringify({ message: 'Unauthorized' });

/** Descriptions of refusals, in the `error_description` of `www-authenticate`. */
export const REFUSALS = {
  malformed: 'the token is not a valid JWT',
  noKeyId: 'the token does not name a signing key (kid)',
  algorithm: 'the signing algorithm of the token is not supported',
  unknownKey: 'no key of the issuer matches the key id of the token',
  signature: 'the signature of the token is not valid',
  keysUnavailable: "the issuer's signing keys could not be fetched",
  issuer: 'the token does not have a valid issuer',
  // API Gateway's own words (developer guide, "Troubleshooting issues with HTTP API JWT authorizers").
  audience: 'the token does not have a valid audience',
  noExpiry: 'the token does not have a valid expiry',
  expired: 'the token has expired',
  notYetValid: 'the token is not valid yet',
  issuedInFuture: 'the token was issued in the future',
} as const;

const refuse = (description: string): AuthorizerDecision => ({
  allowed: false,
  wwwAuthenticate: `Bearer scope="" error="invalid_token" error_description="${description}"`,
  reason: description,
});

/**
 * A claim value as API Gateway renders it: strings as they are; numbers and booleans as their text
 * (`exp` → `"1767225600"`); arrays as their items between brackets, separated by spaces
 * (`cognito:groups` → `"[hq]"`, `"[cs-lead hq]"`). Nested objects and null follow the same Go-style
 * formatting (`map[key:value]`, `<nil>`); no claim the platform reads is one.
 */
export function renderClaim(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(renderClaim).join(' ')}]`;
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${renderClaim(v)}`).join(' ')}]`;
  }
  return String(value);
}

export function apiGatewayClaims(payload: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, renderClaim(value)]));
}

const isNumericDate = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export interface JwtAuthorizer {
  /** Decides a request from its Authorization header, as API Gateway's JWT authorizer would. */
  authorize(authorization: string | undefined, now?: Date): Promise<AuthorizerDecision>;
}

export function createJwtAuthorizer(config: JwtAuthorizerConfig, log: (entry: Record<string, unknown>) => void = () => undefined): JwtAuthorizer {
  // The issuer is on loopback in this process: on a busy machine its answer can take seconds, which is no reason to refuse.
  const keys = createRemoteJWKSet(new URL(config.jwksUrl), { cacheMaxAge: JWKS_CACHE_MS, timeoutDuration: 20_000 });
  return {
    async authorize(authorization, now = new Date()) {
      const value = authorization?.trim() ?? '';
      if (value === '') return { allowed: false, wwwAuthenticate: 'Bearer', reason: 'missing' };
      const token = value.replace(/^Bearer\s+/i, '');

      let alg: unknown;
      let kid: unknown;
      try {
        ({ alg, kid } = decodeProtectedHeader(token));
      } catch {
        return refuse(REFUSALS.malformed);
      }
      if (typeof alg !== 'string' || !RSA_ALGORITHMS.includes(alg)) return refuse(REFUSALS.algorithm);
      if (typeof kid !== 'string' || kid === '') return refuse(REFUSALS.noKeyId);

      let payloadBytes: Uint8Array;
      try {
        ({ payload: payloadBytes } = await compactVerify(token, keys, { algorithms: RSA_ALGORITHMS }));
      } catch (error) {
        const code = (error as { code?: string }).code;
        switch (code) {
          case 'ERR_JOSE_ALG_NOT_ALLOWED':
          case 'ERR_JOSE_NOT_SUPPORTED':
            return refuse(REFUSALS.algorithm);
          case 'ERR_JWKS_NO_MATCHING_KEY':
          case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
            return refuse(REFUSALS.unknownKey);
          case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
            return refuse(REFUSALS.signature);
          case 'ERR_JWS_INVALID':
          case 'ERR_JWT_INVALID':
            return refuse(REFUSALS.malformed);
          default:
            // The JWKS could not be fetched or read (timeout, connection refused, not a key set).
            log({ level: 'ERROR', message: 'jwt authorizer could not verify a token', code: code ?? 'none', error: (error as Error).message });
            return refuse(REFUSALS.keysUnavailable);
        }
      }

      let claims: unknown;
      try {
        claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes));
      } catch {
        return refuse(REFUSALS.malformed);
      }
      if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) return refuse(REFUSALS.malformed);
      const c = claims as Record<string, unknown>;

      if (c.iss !== config.issuer) return refuse(REFUSALS.issuer);
      if (Object.hasOwn(c, 'aud')) {
        const audiences = typeof c.aud === 'string' ? [c.aud] : Array.isArray(c.aud) ? c.aud : [];
        if (!audiences.includes(config.audience)) return refuse(REFUSALS.audience);
      } else if (c.client_id !== config.audience) return refuse(REFUSALS.audience);
      const nowSeconds = now.getTime() / 1000;
      if (!isNumericDate(c.exp)) return refuse(REFUSALS.noExpiry);
      if (c.exp <= nowSeconds) return refuse(REFUSALS.expired);
      if (c.nbf !== undefined && (!isNumericDate(c.nbf) || c.nbf > nowSeconds)) return refuse(REFUSALS.notYetValid);
      if (c.iat !== undefined && (!isNumericDate(c.iat) || c.iat > nowSeconds)) return refuse(REFUSALS.issuedInFuture);

      return { allowed: true, authorizer: { jwt: { claims: apiGatewayClaims(c), scopes: null } } };
    },
  };
}

/** The authorizer configured as the functions are: AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL (the runtime sets them). */
export function jwtAuthorizerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): JwtAuthorizerConfig {
  const { AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL } = env;
  if (!AUTH_ISSUER || !AUTH_AUDIENCE || !AUTH_JWKS_URL) throw new Error('AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL must be set');
  return { issuer: AUTH_ISSUER, audience: AUTH_AUDIENCE, jwksUrl: AUTH_JWKS_URL };
}
