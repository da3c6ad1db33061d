/**
 * Secrets the handlers read from their environment, made up locally: in AWS
 * they come from Secrets Manager (infra/constructs/auditTrail.ts). Kept in
 * DATA_DIR, like the local issuer's key, so cursors handed out before a
 * restart still open after it; in memory when there is no DATA_DIR (tests).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function loadOrCreateCursorSecret(dataDir: string | undefined): string {
  return loadOrCreateSecret(dataDir, 'cursor-secret');
}

/** The key of per-case reply addresses (in AWS a Secrets Manager secret, infra/constructs/inboundMail.ts). */
export function loadOrCreateReplyAddressSecret(dataDir: string | undefined): string {
  return loadOrCreateSecret(dataDir, 'reply-address-secret');
}

/** The key of the unit and phone search digests (in AWS a Secrets Manager secret, infra/constructs/auditTrail.ts); kept so digests stay findable across restarts. */
export function loadOrCreateCaseLookupKey(dataDir: string | undefined): string {
  return loadOrCreateSecret(dataDir, 'case-lookup-key');
}

function loadOrCreateSecret(dataDir: string | undefined, name: string): string {
  const file = dataDir ? join(dataDir, name) : undefined;
  if (file && existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  const secret = randomBytes(32).toString('base64url');
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
  }
  return secret;
}
