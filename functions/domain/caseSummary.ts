/**
 * A case as a row of the staff list: what is needed to pick the next case to
 * work on, and no personal data (names, contacts and text are read on the case
 * itself, where each read is authorised for that case).
 */
import type { ComplaintCase } from './complaintCase';

export interface CaseSummary {
  caseId: string;
  reference: string;
  estateId: string;
  status: ComplaintCase['status'];
  channel: ComplaintCase['channel'];
  receivedAt: string;
  responseDueBy: string;
  overdue: boolean;
  caseClass?: ComplaintCase['caseClass'];
  severity?: ComplaintCase['severity'];
  category?: ComplaintCase['category'];
  departmentId?: string;
  assigneeId?: string;
  escalationLevel?: ComplaintCase['escalationLevel'];
  legalHold: boolean;
  /** Emails of the case wait for a person (in doubt, or refused too often). */
  emailAttention: boolean;
  /**
   * Not triaged yet and the rules see a crisis (proposed critical) or a possible one (the safety net): the queue puts
   * it first so a person triages it within minutes.
   */
  needsUrgentTriage: boolean;
  version: number;
  updatedAt: string;
  /** The unit complained from, and the start of the description (the queue's columns; absent once erased). */
  unit?: string;
  summary?: string;
}

/** Length of the description's start shown in the queue. */
export const SUMMARY_LENGTH = 80;

function summaryOf(description: string | undefined): string | undefined {
  if (!description) return undefined;
  const flat = description.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= SUMMARY_LENGTH ? flat : `${chars.slice(0, SUMMARY_LENGTH - 1).join('')}…`;
}

export function isOverdue(complaintCase: Pick<ComplaintCase, 'responseDueBy' | 'status'>, now: string): boolean {
  return complaintCase.status !== 'closed' && complaintCase.responseDueBy < now;
}

/** Untriaged, and the rules proposed critical or flagged a possible crisis. */
export function needsUrgentTriage(c: Pick<ComplaintCase, 'triage' | 'proposedTriage' | 'status'>): boolean {
  if (c.triage || c.status === 'closed' || !c.proposedTriage) return false;
  return c.proposedTriage.severity === 'critical' || c.proposedTriage.urgentTriage !== undefined;
}

export function caseSummary(c: ComplaintCase, now: string): CaseSummary {
  return {
    caseId: c.caseId,
    reference: c.reference,
    estateId: c.estateId,
    status: c.status,
    channel: c.channel,
    receivedAt: c.receivedAt,
    responseDueBy: c.responseDueBy,
    overdue: isOverdue(c, now),
    ...(c.caseClass !== undefined ? { caseClass: c.caseClass } : {}),
    ...(c.severity !== undefined ? { severity: c.severity } : {}),
    ...(c.category !== undefined ? { category: c.category } : {}),
    ...(c.departmentId !== undefined ? { departmentId: c.departmentId } : {}),
    ...(c.assigneeId !== undefined ? { assigneeId: c.assigneeId } : {}),
    ...(c.escalationLevel !== undefined ? { escalationLevel: c.escalationLevel } : {}),
    legalHold: c.legalHold !== undefined,
    emailAttention: c.emailAttention !== undefined,
    needsUrgentTriage: needsUrgentTriage(c),
    version: c.version,
    updatedAt: c.updatedAt,
    ...(c.unit ? { unit: c.unit } : {}),
    ...(summaryOf(c.description) ? { summary: summaryOf(c.description) } : {}),
  };
}
