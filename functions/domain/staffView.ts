/**
 * What staff see of a case: everything needed to handle it, including the
 * complainant's contact and the full internal timeline, but never secrets
 * (tracking-token digests, the personal-data salt, the search digests).
 */
import type { AuditEvent } from './auditTrail';
import type { ComplaintCase } from './complaintCase';

export type StaffCaseView = Omit<ComplaintCase, 'trackingTokenHashes' | 'personalDataSalt' | 'headHash' | 'lookupDigests'> & {
  timeline: Omit<AuditEvent, 'prevHash' | 'hash' | 'personalDataDigest' | 'caseId'>[];
};

export function staffCaseView(complaintCase: ComplaintCase, events: readonly AuditEvent[]): StaffCaseView {
  const { trackingTokenHashes: _tokens, personalDataSalt: _salt, headHash: _head, lookupDigests: _lookup, ...visible } = complaintCase;
  return {
    ...visible,
    timeline: events.map(({ prevHash: _p, hash: _h, personalDataDigest: _d, caseId: _c, ...event }) => event),
  };
}
