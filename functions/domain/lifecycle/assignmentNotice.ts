/**
 * The assigned person is told (issue 13): when a case is assigned or reassigned, an email to that person's
 * address in the staff directory, in their language, linking to the case in the staff console. It is queued
 * in the same transaction as the assignment, keyed by the assignment's audit event (`assigned-<seq>`), so it
 * goes out once per assignment however often the request or the sender is retried.
 */
import type { StaffMember } from '../admin/staffDirectory';
import type { ComplaintCase } from '../complaintCase';
import type { Estate } from '../estate';
import { type OutboxPolicy, type QueuedEmail, queuedEmail } from '../notifications/outbox';
import { assignmentEmail, staffLanguage } from '../notifications/staffNotices';
import { staffCaseUrl } from './emailFacts';

export function assignmentNotice(input: {
  next: ComplaintCase;
  estate: Estate;
  /** The assignee as the directory has them; undefined when the directory does not know the id. */
  assignee: Pick<StaffMember, 'userId' | 'email' | 'enabled' | 'language'> | undefined;
  /** Who assigned it (their name, else their user id). */
  assignedBy: { userId: string; name?: string };
  eventSeq: number;
  now: string;
  publicBaseUrl: string;
  outboxPolicy?: Pick<OutboxPolicy, 'pickUpAfterSeconds'>;
}): QueuedEmail | undefined {
  const { next, estate, assignee } = input;
  // Nobody to tell: unknown or disabled in the directory, or people who assign a case to themselves.
  if (!assignee || !assignee.enabled || !assignee.email || assignee.userId === input.assignedBy.userId) return undefined;
  // Their own language where the directory records one, else the estate's (mainland → 简体).
  const language = staffLanguage(estate, assignee.language);
  return queuedEmail(
    {
      caseId: next.caseId,
      notificationKey: `assigned-${input.eventSeq}`,
      to: assignee.email,
      language,
      message: assignmentEmail({
        language,
        reference: next.reference,
        estateName: estate.names[language],
        timeZone: estate.timeZone,
        caseUrl: staffCaseUrl(input.publicBaseUrl, next.caseId),
        assignedBy: input.assignedBy.name ?? input.assignedBy.userId,
        ...(next.responseDueBy ? { dueBy: next.responseDueBy } : {}),
      }),
      queuedAt: input.now,
    },
    input.outboxPolicy,
  );
}
