/**
 * The per-case reply address set as Reply-To on every email about a case:
 * `case+<caseId>.<mac>@<mail domain>`. The MAC (HMAC-SHA-256 of the case id,
 * truncated to 80 bits, base32) proves the address came from one of our
 * emails, so a guessed case id cannot add text to someone else's case.
 * The key comes in as a dependency (REPLY_ADDRESS_SECRET in the handlers).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CASE_ID_PATTERN } from '../complaintCase';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

function mac(caseId: string, key: string): string {
  return base32(createHmac('sha256', key).update(`reply-address\u0000${caseId}`).digest().subarray(0, 10));
}

export function replyAddress(caseId: string, mailDomain: string, key: string): string {
  return `case+${caseId.toLowerCase()}.${mac(caseId, key)}@${mailDomain}`;
}

/** The case a reply address names, if its MAC is right; undefined for anything else. */
export function caseOfReplyAddress(address: string, mailDomain: string, key: string): string | undefined {
  const match = /^case\+([0-9a-z]{26})\.([0-9a-z]{16})@(.+)$/i.exec(address.trim());
  if (!match || match[3]!.toLowerCase() !== mailDomain.toLowerCase()) return undefined;
  const caseId = match[1]!.toUpperCase();
  if (!CASE_ID_PATTERN.test(caseId)) return undefined;
  const expected = Buffer.from(mac(caseId, key));
  const given = Buffer.from(match[2]!.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given) ? caseId : undefined;
}
