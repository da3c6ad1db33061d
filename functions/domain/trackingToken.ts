/**
 * Residents never log in: their private link carries a 256-bit random token.
 * Only its SHA-256 is stored, and checks compare digests in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newTrackingToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashTrackingToken(token) };
}

export function hashTrackingToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True if `presented` is one of the tokens whose digests are stored. Every digest is compared, in constant time. */
export function trackingTokenMatches(presented: string | undefined, storedHashes: readonly string[]): boolean {
  if (!presented || presented.length > 128) return false;
  const presentedDigest = createHash('sha256').update(presented, 'utf8').digest();
  let matched = false;
  for (const storedHash of storedHashes) {
    const storedDigest = Buffer.from(storedHash, 'hex');
    if (storedDigest.length === presentedDigest.length && timingSafeEqual(presentedDigest, storedDigest)) matched = true;
  }
  return matched;
}

export function trackingUrl(publicBaseUrl: string, caseId: string, token: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/track/${encodeURIComponent(caseId)}?token=${encodeURIComponent(token)}`;
}
