/**
 * The local stand-in for Cognito: an RS256 key pair (kept in DATA_DIR so
 * tokens survive a restart), a JWKS document the handlers fetch like
 * Cognito's, and ID tokens with Cognito's claim names for the demo users.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import type { DemoUser } from './demoGroup';

export const LOCAL_ISSUER = 'https://local-issuer.complaint-platform.invalid';
export const LOCAL_AUDIENCE = 'complaint-platform-local';
export const LOCAL_KEY_ID = 'local-1';

export interface LocalIssuer {
  jwks: { keys: JWK[] };
  /** An ID token for the user, with Cognito's claims (and the authorization request's nonce, from the OIDC flow). */
  mint(user: DemoUser, options?: { expiresInSeconds?: number; nonce?: string }): Promise<string>;
  /** An access token as Cognito issues it (`token_use: access`, `client_id`, no `aud`); staff routes want the ID token. */
  mintAccess(user: DemoUser, options?: { expiresInSeconds?: number }): Promise<string>;
}

async function loadOrCreateKey(dataDir: string | undefined): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const file = dataDir ? join(dataDir, 'local-issuer-key.json') : undefined;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const keys = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  }
  return keys;
}

export async function createLocalIssuer(dataDir: string | undefined): Promise<LocalIssuer> {
  const { privateJwk, publicJwk } = await loadOrCreateKey(dataDir);
  const privateKey = await importJWK(privateJwk, 'RS256');
  return {
    jwks: { keys: [{ ...publicJwk, kid: LOCAL_KEY_ID, alg: 'RS256', use: 'sig' }] },
    mint: (user, options = {}) =>
      new SignJWT({
        token_use: 'id',
        'cognito:groups': [user.role],
        'cognito:username': user.userId,
        'custom:estates': user.estates,
        ...(user.departmentId ? { 'custom:department': user.departmentId } : {}),
        email: user.email,
        name: user.name,
        ...(options.nonce ? { nonce: options.nonce } : {}),
      })
        .setProtectedHeader({ alg: 'RS256', kid: LOCAL_KEY_ID })
        .setSubject(user.userId)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${options.expiresInSeconds ?? 12 * 3600}s`)
        .sign(privateKey),
    mintAccess: (user, options = {}) =>
      new SignJWT({ token_use: 'access', client_id: LOCAL_AUDIENCE, 'cognito:groups': [user.role], username: user.userId, scope: 'openid email profile' })
        .setProtectedHeader({ alg: 'RS256', kid: LOCAL_KEY_ID })
        .setSubject(user.userId)
        .setIssuer(LOCAL_ISSUER)
        .setIssuedAt()
        .setExpirationTime(`${options.expiresInSeconds ?? 3600}s`)
        .sign(privateKey),
  };
}
