/**
 * Finding cases by unit and phone number without reading personal data back: at intake the
 * normalised unit (with its estate) and the normalised phone number are each reduced to an
 * HMAC-SHA256 digest under a key of the deployment (`CASE_LOOKUP_KEY`), stored on the case and
 * indexed (`byUnit`, `byPhone`, docs/DATA_MODEL.md). A search computes the same digest from what
 * the member of staff typed and reads that index partition. The index keys hold no personal data,
 * and without the key a digest cannot be confirmed by hashing guessed numbers (a plain SHA-256 of
 * an 8-digit number can be). Erasure drops the digests with the rest (recordsManagement.ts).
 */
import { createHmac } from 'node:crypto';

export interface LookupDigests {
  /** Digest of the estate and the normalised unit. */
  unit: string;
  /** Digest of the normalised phone number, when the complainant gave one. */
  phone?: string;
}

/**
 * A unit as typed in many ways ("Block A 12/F Flat 3", "block a, 12/f, flat 3", full-width
 * characters) becomes one string: compatibility-normalised, lower case, letters and digits only.
 */
export function normaliseUnit(unit: string): string {
  return unit.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * A phone number becomes its national digits: separators dropped, an international prefix
 * (`+`, `00`) and the Hong Kong (852), Macau (853) or mainland (86) country code removed when
 * the rest has that place's length (8 digits; 11 for a mainland mobile, 10-11 with an area code
 * the leading 0 of which is dropped too). "+852 9123 4567", "00852-91234567" and "9123 4567"
 * are the same number; so are "+86 138 0013 8000" and "13800138000". Undefined when too few digits.
 */
export function normalisePhone(phone: string): string | undefined {
  let digits = phone.normalize('NFKC').replace(/\D/g, '');
  if (digits.startsWith('00')) digits = digits.slice(2);
  if ((digits.startsWith('852') || digits.startsWith('853')) && digits.length === 11) digits = digits.slice(3);
  else if (digits.startsWith('86') && (digits.length === 13 || digits.length === 12)) digits = digits.slice(2);
  if (digits.length >= 10 && digits.startsWith('0')) digits = digits.slice(1);
  return digits.length >= 6 ? digits : undefined;
}

const digest = (key: string, purpose: string, value: string) => createHmac('sha256', key).update(`${purpose}\n${value}`).digest('base64url');

/** The digest a unit search of one estate reads; undefined when the unit has no letters or digits. */
export function unitDigest(key: string, estateId: string, unit: string): string | undefined {
  const normalised = normaliseUnit(unit);
  return normalised ? digest(key, 'unit', `${estateId}\n${normalised}`) : undefined;
}

/** The digest a phone search reads; undefined when the number has too few digits. */
export function phoneDigest(key: string, phone: string): string | undefined {
  const normalised = normalisePhone(phone);
  return normalised ? digest(key, 'phone', normalised) : undefined;
}

/** What intake stores on a new case (undefined when the unit has nothing to find it by). */
export function lookupDigestsOf(key: string, complaint: { estateId: string; unit: string; phone?: string | undefined }): LookupDigests | undefined {
  const unit = unitDigest(key, complaint.estateId, complaint.unit);
  if (!unit) return undefined;
  const phone = complaint.phone ? phoneDigest(key, complaint.phone) : undefined;
  return { unit, ...(phone ? { phone } : {}) };
}

/** The key (at least 32 characters) from the environment; handlers pass it to the domain. */
export function caseLookupKey(env: Record<string, string | undefined>): string {
  const key = env.CASE_LOOKUP_KEY;
  if (!key || key.length < 32) throw new Error('CASE_LOOKUP_KEY must be set to at least 32 characters');
  return key;
}
