/**
 * Records retention (ISO 10002 "information integrity", PIPL / GDPR storage
 * limitation): how long a closed complaint is kept, per jurisdiction of the
 * estate, counted from closure. Legal hold on the case or its estate
 * overrides it. The numbers are data a group reviews with its counsel; the
 * reasons are in docs/AUDIT.md ("Retention").
 */
import type { ComplaintCase } from './complaintCase';
import type { Jurisdiction } from './estate';

export interface RetentionRule {
  /** Whole years after the case was closed. */
  years: number;
  basis: string;
}

export const RETENTION_RULES: Record<Jurisdiction, RetentionRule> = {
  HK: {
    years: 3,
    basis: 'Hong Kong property-management practice keeps complaint records at least 3 years; PDPO DPP2(2): no longer than necessary for the purpose',
  },
  CN: {
    years: 3,
    basis: 'PIPL Art. 19: the shortest period the purpose needs; 3 years covers the general limitation period for civil claims (Civil Code Art. 188)',
  },
  'GB-ENG': {
    years: 6,
    basis: 'UK GDPR Art. 5(1)(e) storage limitation; 6 years covers the limitation period for contract claims (Limitation Act 1980 s.5)',
  },
};

/** When the case's records may be purged, or undefined while it is open. */
export function retentionEndsAt(complaintCase: Pick<ComplaintCase, 'closedAt' | 'status'>, jurisdiction: Jurisdiction): string | undefined {
  if (complaintCase.status !== 'closed' || !complaintCase.closedAt) return undefined;
  const end = new Date(complaintCase.closedAt);
  end.setUTCFullYear(end.getUTCFullYear() + RETENTION_RULES[jurisdiction].years);
  return end.toISOString();
}

/** The shortest retention of any jurisdiction: nothing closed more recently can have expired. */
export const SHORTEST_RETENTION_YEARS = Math.min(...Object.values(RETENTION_RULES).map((rule) => rule.years));
