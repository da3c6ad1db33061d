/**
 * The supervisor's written report at closing (seed 003: the supervisor reports to their superior on the
 * cause, the handling and the complainant's satisfaction, and answers the lessons-learned questions).
 * The facts come from the case record, so nobody retypes them; the person closing the file answers the
 * questions only they can: was it a one-off or systemic, was a procedure defective, was a rule not
 * followed, and what should change. Stored on the case (`closingReport`), shown in the case view and the
 * API, and shaped for counting: `lessons.recurrence`, `lessons.procedureDefect` and
 * `lessons.ruleNotFollowed` are the fields the insight aggregates can count per estate and cause.
 */
import type { ComplaintCase } from '../complaintCase';
import type { CauseCategory, ComplaintClass } from '../vocabulary';

export const RECURRENCE = ['one-off', 'systemic'] as const;
export type Recurrence = (typeof RECURRENCE)[number];

export interface ClosingReportInput {
  recurrence: Recurrence;
  procedureDefect: boolean;
  ruleNotFollowed: boolean;
  /** What should change (required when systemic, a procedure was defective or a rule was not followed). */
  improvement?: string;
}

export interface ClosingReport {
  stage: 1 | 2;
  closureReason: NonNullable<ComplaintCase['closureReason']>;
  cause: { caseClass?: ComplaintClass; category?: CauseCategory; rootCause?: string; accountability?: string };
  handling: {
    outcome?: 'upheld' | 'partly-upheld' | 'not-upheld';
    decision?: string;
    remedy?: string;
    outstandingActions: number;
    /** 0 handler, 1 estate manager, 2 HQ: how far up it went. */
    escalationLevel: 0 | 1 | 2;
    /** Whether the response went out by the deadline in force (absent without a response). */
    answeredOnTime?: boolean;
    compensationGranted?: number;
  };
  satisfaction: { outcomeRating?: number; processRating?: number; noResponse: boolean; byPhone: boolean };
  lessons: ClosingReportInput;
  by: string;
  role: string;
  at: string;
}

export type ClosingReportRefusal = { status: 409 | 422; code: string; message: string; fields?: Record<string, string> };

export function closingReport(current: ComplaintCase, input: ClosingReportInput, by: { userId: string; role: string }, now: string): ClosingReport | ClosingReportRefusal {
  if (current.status !== 'closed' || !current.closureReason) return { status: 409, code: 'not_closed', message: 'the closing report is written once the case is closed' };
  if (current.closingReport) return { status: 409, code: 'closing_report_exists', message: `the closing report was written by ${current.closingReport.by} at ${current.closingReport.at}` };
  const needsImprovement = input.recurrence === 'systemic' || input.procedureDefect || input.ruleNotFollowed;
  if (needsImprovement && !input.improvement) {
    return { status: 422, code: 'validation_failed', message: 'say what should change when the cause is systemic, a procedure was defective or a rule was not followed', fields: { improvement: 'is required for a systemic cause, a procedure defect or a rule not followed' } };
  }
  const response = current.response;
  const granted = current.compensation?.hqApproval?.outcome !== 'rejected' ? (current.compensation?.hqApproval?.amount ?? current.compensation?.decision?.amount) : undefined;
  const grantedAmount = current.compensation?.decision?.outcome === 'rejected' ? undefined : granted;
  return {
    stage: current.stage,
    closureReason: current.closureReason,
    cause: {
      ...(current.caseClass !== undefined ? { caseClass: current.caseClass } : {}),
      ...(current.category ? { category: current.category } : {}),
      ...(response?.rootCause ? { rootCause: response.rootCause } : {}),
      ...(response?.accountability ? { accountability: response.accountability } : {}),
    },
    handling: {
      ...(response ? { outcome: response.outcome, decision: response.decision } : {}),
      ...(response?.remedy ? { remedy: response.remedy } : {}),
      outstandingActions: response?.outstandingActions.length ?? 0,
      escalationLevel: current.escalationLevel ?? 0,
      ...(response ? { answeredOnTime: (response.sentAt ?? response.at) <= current.responseDueBy } : {}),
      ...(grantedAmount !== undefined ? { compensationGranted: grantedAmount } : {}),
    },
    satisfaction: {
      ...(current.satisfaction?.outcomeRating !== undefined ? { outcomeRating: current.satisfaction.outcomeRating } : {}),
      ...(current.satisfaction?.processRating !== undefined ? { processRating: current.satisfaction.processRating } : {}),
      noResponse: Boolean(current.satisfaction?.noResponse),
      byPhone: current.satisfaction?.via === 'phone',
    },
    lessons: { recurrence: input.recurrence, procedureDefect: input.procedureDefect, ruleNotFollowed: input.ruleNotFollowed, ...(input.improvement ? { improvement: input.improvement } : {}) },
    by: by.userId,
    role: by.role,
    at: now,
  };
}
