/**
 * The facts each lifecycle email is written from. Templates live in
 * `lifecycleEmails.ts` (one function per kind, returning an EmailMessage);
 * the lifecycle domain gathers these facts. Residents' emails are in their
 * language; staff and external emails in the estate's form (`languages`: 繁體中文 + English for Hong Kong, 简体中文 for
 * the mainland, English elsewhere; staffEmailLanguages in staffNotices.ts).
 * Dates are ISO instants, rendered in `timeZone`.
 */
import type { Language } from '../complaint';

interface ResidentFacts {
  language: Language;
  complainantName: string;
  reference: string;
  estateName: string;
  timeZone: string;
  trackingUrl: string;
}

interface StaffFacts {
  /** The languages the email is written in, side by side, from the estate's jurisdiction in the store (staffEmailLanguages). */
  languages: readonly Language[];
  reference: string;
  estateName: string;
  timeZone: string;
  /** Link to the case for staff (the staff console / API). */
  caseUrl: string;
}

export interface CriticalAlertFacts extends StaffFacts {
  severity: string;
  category?: string;
  caseClass: number;
  unit: string;
  description: string;
  receivedAt: string;
}

/** The safety net: a complaint with crisis signals below critical, for the customer-service lead to triage at once. */
export interface UrgentTriageFacts extends StaffFacts {
  unit: string;
  description: string;
  receivedAt: string;
  /** The signals the rules found (words quoted from the complaint). */
  reasons: string[];
}

export interface RoutedToDepartmentFacts extends StaffFacts {
  departmentName: string;
  caseClass: number;
  severity: string;
  category?: string;
  unit: string;
  description: string;
  respondBy: string;
}

/** Written report of a serious class-2 (building quality) complaint to the developer's customer-service centre (seed 001 §5.1.2 B). */
export interface DeveloperReportFacts {
  /** The languages the email is written in, side by side, from the estate's jurisdiction in the store (staffEmailLanguages). */
  languages: readonly Language[];
  reference: string;
  estateName: string;
  timeZone: string;
  unit: string;
  description: string;
  receivedAt: string;
  severity: string;
  /** Where the developer should reply: the estate's customer-service desk. */
  replyTo: string;
}

/** Special report of a class-3 matter (outside our jurisdiction) to the relevant party (seed 001 §5.1.2 C). */
export interface ExternalPartyReportFacts {
  /** The languages the email is written in, side by side, from the estate's jurisdiction in the store (staffEmailLanguages). */
  languages: readonly Language[];
  reference: string;
  estateName: string;
  timeZone: string;
  partyName: string;
  location: string;
  description: string;
  impact: string;
  receivedAt: string;
  replyTo: string;
}

/** An invalid complaint is closed with a reasoned, polite explanation (seed 001 §5.4). */
export interface InvalidClosureFacts extends ResidentFacts {
  explanation: string;
}

export interface EscalationFacts extends StaffFacts {
  /** 1: to the estate manager; 2: to group HQ. */
  level: 1 | 2;
  reason: 'overdue' | 'by-staff' | 'stage-2';
  previousDueBy: string;
  newDueBy: string;
  note?: string;
}

/** Written interim response when the deadline cannot be met (seed 003 §4.3): the reason and the measures taken. */
export interface InterimResponseFacts extends ResidentFacts {
  reason: string;
  measures: string;
  newDueBy: string;
  /** Under the UK Housing Ombudsman code an extension must give the ombudsman's contact details. */
  ombudsmanContact?: string;
}

export interface ClockPausedFacts extends ResidentFacts {
  reason: string;
}

export interface ClockResumedFacts extends ResidentFacts {
  newDueBy: string;
}

export interface ResponseFacts extends ResidentFacts {
  stage: 1 | 2;
  outcome: 'upheld' | 'partly-upheld' | 'not-upheld';
  decision: string;
  reasons: string;
  remedy?: string;
  outstandingActions: { action: string; dueBy: string }[];
  compensation?: { outcome: 'approved' | 'amended' | 'rejected'; amount: number; currency: string; reasons: string };
  /** Stage 1: how to ask for a stage-2 review; stage 2: where to go next (e.g. an ombudsman). */
  nextStepsUrl: string;
  ombudsmanContact?: string;
}

/** Satisfaction follow-up (回訪): two rating scales, each 1–5, as links to a confirmation page (a link alone records nothing). */
export interface FollowUpRequestFacts extends ResidentFacts {
  /** `outcomeLinks[n-1]` rates the outcome n; `processLinks[n-1]` rates how the complaint was handled. */
  outcomeLinks: string[];
  processLinks: string[];
  answerBy: string;
}

export interface Stage2OpenedFacts extends ResidentFacts {
  newDueBy: string;
  /** Who handles stage 2 (never the stage-1 handler): 1 the estate manager, 2 head office. */
  handledBy: 1 | 2;
  /** Where the estate's policy names an ombudsman (e.g. the Housing Ombudsman), how to reach it. */
  ombudsmanContact?: string;
}

export interface CaseClosedFacts extends ResidentFacts {
  reason: 'satisfied' | 'no-response' | 'final-dissatisfied' | 'withdrawn';
  ombudsmanContact?: string;
}

export interface OnTheSpotReportFacts extends StaffFacts {
  recordedBy: string;
  resolution: string;
  unit: string;
  description: string;
}

/** To the estate manager (or HQ above the group's threshold): a claim awaits their decision (seed 001 §5.5–5.6; 000 §4). */
export interface CompensationDecisionRequestFacts extends StaffFacts {
  claim: { amount: number; currency: string; reason?: string };
  proposal?: { amount: number; note: string };
  /** The value-recovery guidance: the second service's value C should be at least A + B. */
  valueRecovery?: { originalServiceValueA: number; complainingCostB: number; proposedC: number };
  /** The CS lead's summary to the manager (seed 001 §5.6.3): recommendation, amount and reasons. */
  summary?: { recommendation: 'approve' | 'amend' | 'reject'; amount: number; reasons: string };
  approver: 'estate-manager' | 'hq';
}
