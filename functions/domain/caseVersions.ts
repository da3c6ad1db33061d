/**
 * Optimistic locking for people. A change made on version `seen` of a case
 * (its `If-Match`) is applied only if the case has not changed since —
 * except for the records the email sender appends as emails go out
 * (`email.sent:<key>`), which change nothing a person decides on. Without
 * that exception a member of staff would be refused (409) whenever an email
 * caused by their own last action went out before their next one.
 */
import type { AuditEvent } from './auditTrail';
import type { ComplaintCase } from './complaintCase';

/** The action of the audit event that records an email going out: `email.sent:<notification key>`. */
export const EMAIL_SENT_ACTION_PREFIX = 'email.sent:';

/**
 * True if something a person decides on changed after version `seenVersion`. Every change of a
 * case bumps its version and appends one event (version and event sequence move together), so the
 * events after `seenVersion` are exactly the changes made since.
 */
export function changedSince(complaintCase: Pick<ComplaintCase, 'version' | 'eventSeq'>, events: readonly Pick<AuditEvent, 'seq' | 'action'>[], seenVersion: number): boolean {
  if (seenVersion === complaintCase.version) return false;
  if (seenVersion > complaintCase.version || complaintCase.version !== complaintCase.eventSeq) return true;
  const later = events.filter((event) => event.seq > seenVersion);
  return later.length !== complaintCase.eventSeq - seenVersion || later.some((event) => !event.action.startsWith(EMAIL_SENT_ACTION_PREFIX));
}
