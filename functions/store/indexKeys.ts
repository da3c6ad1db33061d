/**
 * The secondary-index attributes of case and audit-event items (see
 * tableDesign.ts and docs/DATA_MODEL.md). Computed from the item's state on
 * every write: a put replaces the whole item, so a sparse index entry
 * (assignee, open cases, contact) disappears as soon as its condition stops
 * holding.
 */
import { createHash } from 'node:crypto';
import type { AuditEvent } from '../domain/auditTrail';
import type { ComplaintCase } from '../domain/complaintCase';

/** Every attribute name the indexes use; stripped from items before they are handed to the domain. */
export const INDEX_ATTRIBUTES = ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk', 'gsi5pk', 'gsi5sk', 'gsi6pk', 'gsi6sk', 'gsi7pk', 'gsi7sk', 'gsi8pk', 'gsi8sk', 'gsi9pk', 'gsi9sk', 'gsi10pk', 'gsi10sk', 'gsi11pk', 'gsi11sk'] as const;

/** The month bucket (UTC, `yyyy-mm`) of an ISO instant. */
export const monthOf = (iso: string): string => iso.slice(0, 7);

/** Contacts are indexed by digest so the index key itself holds no personal data. */
export function contactDigest(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

export const indexKeys = {
  estate: (estateId: string) => `ESTATE#${estateId}`,
  estateStatus: (estateId: string, status: string) => `ESTATE#${estateId}#STATUS#${status}`,
  contact: (email: string) => `CONTACT#${contactDigest(email)}`,
  assignee: (userId: string) => `ASSIGNEE#${userId}`,
  month: (month: string) => `MONTH#${month}`,
  openMonth: (month: string) => `OPEN#${month}`,
  auditMonth: (estateId: string, month: string) => `AUDIT#${estateId}#${month}`,
  eventTime: (event: Pick<AuditEvent, 'at' | 'caseId' | 'seq'>) => `${event.at}#${event.caseId}#${String(event.seq).padStart(9, '0')}`,
  /** The one partition of the sparse outbox index: emails the sweep owes something, by when (docs/DATA_MODEL.md). */
  outbox: () => 'OUTBOX',
  reference: (reference: string) => `REFERENCE#${reference}`,
  /** Keyed digests (functions/domain/caseLookup.ts): the index keys hold no unit or number. */
  unit: (unitDigest: string) => `UNIT#${unitDigest}`,
  phone: (phoneDigest: string) => `PHONE#${phoneDigest}`,
  outboxDue: (dueAt: string, caseId: string, notificationKey: string) => `${dueAt}#${caseId}#${notificationKey}`,
} as const;

export function caseIndexAttributes(complaintCase: ComplaintCase): Record<string, string> {
  const sortByTime = `${complaintCase.receivedAt}#${complaintCase.caseId}`;
  // The estate index keeps even a retention tombstone: the daily anchor reads an estate's chain heads from it.
  const attributes: Record<string, string> = { gsi1pk: indexKeys.estate(complaintCase.estateId), gsi1sk: sortByTime };
  if (complaintCase.purge) return attributes;
  attributes.gsi2pk = indexKeys.estateStatus(complaintCase.estateId, complaintCase.status);
  attributes.gsi2sk = sortByTime;
  if (complaintCase.complainant.email && !complaintCase.erasure) {
    attributes.gsi3pk = indexKeys.contact(complaintCase.complainant.email);
    attributes.gsi3sk = sortByTime;
  }
  if (complaintCase.assigneeId) {
    attributes.gsi4pk = indexKeys.assignee(complaintCase.assigneeId);
    attributes.gsi4sk = sortByTime;
  }
  attributes.gsi9pk = indexKeys.reference(complaintCase.reference);
  attributes.gsi9sk = sortByTime;
  if (complaintCase.lookupDigests && !complaintCase.erasure) {
    attributes.gsi10pk = indexKeys.unit(complaintCase.lookupDigests.unit);
    attributes.gsi10sk = sortByTime;
    if (complaintCase.lookupDigests.phone) {
      attributes.gsi11pk = indexKeys.phone(complaintCase.lookupDigests.phone);
      attributes.gsi11sk = sortByTime;
    }
  }
  attributes.gsi5pk = indexKeys.month(monthOf(complaintCase.receivedAt));
  attributes.gsi5sk = sortByTime;
  if (complaintCase.status !== 'closed') {
    attributes.gsi6pk = indexKeys.openMonth(monthOf(complaintCase.receivedAt));
    attributes.gsi6sk = sortByTime;
  }
  return attributes;
}

export function eventIndexAttributes(event: AuditEvent): Record<string, string> {
  if (!event.estateId) return {};
  return { gsi7pk: indexKeys.auditMonth(event.estateId, monthOf(event.at)), gsi7sk: indexKeys.eventTime(event) };
}
