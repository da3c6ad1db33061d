/**
 * Open cases of the same estate and unit: what the duplicate proposal of the
 * triage rules needs to know of them. Its own small module so the store
 * adapters do not load the triage rules' word lists.
 */
import type { CauseCategory } from './vocabulary';

/** An open case of the same estate and unit, when the complaint arrives (for duplicates). */
export interface OpenCaseOfUnit {
  caseId: string;
  reference: string;
  receivedAt: string;
  /** The confirmed category, or the proposed one before triage. */
  category?: CauseCategory;
}

/** Residents write a unit in many ways ("Block A, 12/F, Flat 3", "block a 12/f flat 3"): case, spaces and punctuation do not count. */
export function sameUnit(a: string, b: string): boolean {
  const key = (unit: string) => unit.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]/gu, '');
  return key(a) === key(b);
}

/** What the duplicate proposal needs of an open case. */
export function openCaseOfUnit(complaintCase: { caseId: string; reference: string; receivedAt: string; category?: CauseCategory; proposedTriage?: { category: CauseCategory } }): OpenCaseOfUnit {
  const category = complaintCase.category ?? complaintCase.proposedTriage?.category;
  return { caseId: complaintCase.caseId, reference: complaintCase.reference, receivedAt: complaintCase.receivedAt, ...(category ? { category } : {}) };
}

