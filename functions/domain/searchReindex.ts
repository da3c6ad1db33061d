/**
 * Re-indexing for staff search (docs/CONSOLE.md, "Search and personal data"): what the search digests of a
 * stored case should be now. Intake writes them once; a case stored before the digests existed, a unit
 * corrected after intake, or a new `CASE_LOOKUP_KEY` leaves a case unfindable by unit or phone until its
 * digests are written again from the case itself. Erased and purged cases get none (erasure dropped them on
 * purpose). Pure: the key comes in; the store decides what to write (functions/store/searchReindex.ts).
 */
import { type LookupDigests, lookupDigestsOf } from './caseLookup';
import type { ComplaintCase } from './complaintCase';

export type ReindexSubject = Pick<ComplaintCase, 'estateId' | 'unit' | 'complainant' | 'erasure' | 'purge' | 'lookupDigests'>;

/** The digests the case should carry now; undefined when it should carry none. */
export function searchDigestsNow(key: string, subject: ReindexSubject): LookupDigests | undefined {
  if (subject.erasure || subject.purge) return undefined;
  return lookupDigestsOf(key, { estateId: subject.estateId, unit: subject.unit, phone: subject.complainant.phone });
}

/** Whether the stored digests differ from what they should be (a missing, stale or leftover digest). */
export function digestsDiffer(stored: LookupDigests | undefined, wanted: LookupDigests | undefined): boolean {
  return stored?.unit !== wanted?.unit || stored?.phone !== wanted?.phone;
}
