/**
 * The complaint case as stored, and the two ways it changes: creation at
 * receipt, and a versioned mutation that always appends one audit event.
 */
import type { CaseStatus, CauseCategory, Channel, CompensationClaim, ComplaintClass, ComplaintSubmission, Language, Severity } from './complaint';
import { type Actor, type AuditEvent, type AuditEventDraft, type FieldChange, type PublicTimelineEntry, GENESIS_HASH, sealEvent } from './auditTrail';
import type { EmailAttention } from './notifications/outbox';
import type { WrittenLetter } from './letters/writtenLetters';
import type { ClosingReport } from './lifecycle/closingReport';
import type { LookupDigests } from './caseLookup';
import type { DutyLogEntry, OutcomeNotice } from './lifecycle/dutyLog';

/** Case ids are ULIDs (Crockford base 32): anything else cannot name a case. */
export const CASE_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export interface Complainant {
  name: string;
  email?: string;
  phone?: string;
}

export interface ComplaintCase {
  caseId: string;
  /** People-readable, e.g. `EST01-2026-000123`. */
  reference: string;
  estateId: string;
  /** The estate's building it is about, when the complainant or staff named one (early warning counts per building). */
  buildingId?: string;
  unit: string;
  language: Language;
  channel: Channel;
  receivedAt: string;
  status: CaseStatus;
  stage: 1 | 2;
  /** The current deadline for the response (ISO date-time); moves with pauses, extensions and escalation. */
  responseDueBy: string;
  /** Set at triage (initial assessment). */
  caseClass?: ComplaintClass;
  severity?: Severity;
  category?: CauseCategory;
  /** Who owns the case now: the department it is routed to and, once assigned, the person. */
  departmentId?: string;
  assigneeId?: string;
  /** 0: handler, 1: estate manager, 2: group HQ. */
  escalationLevel?: 0 | 1 | 2;
  closedAt?: string;
  closureReason?: ClosureReason;
  /** What the rules proposed at receipt; staff confirm or correct it at triage. */
  proposedTriage?: TriageProposal;
  /** The person's assessment (ISO 10002 "initial assessment"). */
  triage?: TriageRecord;
  /** How the response deadline is counted: policy, stage, pauses, extensions (see deadlineTracking.ts). */
  deadline?: DeadlineState;
  /**
   * Handlers per stage. `stage1People`: everyone who handled stage 1 — assigned, answered (the response) or decided
   * (the estate manager's or HQ's handling opinion and deadline on escalation); none of them may handle stage 2
   * (assigned to it or answering it), so the review is independent (seed 001 §3; enforced in staffActions.ts).
   */
  stageHandlers?: { stage1?: string; stage2?: string; stage1People?: string[] };
  /** Recorded in full when staff resolved the complaint at receipt (seed 001 §5.1.2). */
  onTheSpot?: { resolution: string; recordedBy: string; recordedAt: string };
  compensation?: CompensationReview;
  response?: ResponseRecord;
  satisfaction?: SatisfactionRecord;
  /** The stage whose routing notifications went out (routing is done once per stage). */
  routedStage?: 1 | 2;
  /** When the satisfaction follow-up is due (after the response). */
  followUpAt?: string;
  /** How many times the case has been escalated; makes each escalation's emails distinct and its step idempotent. */
  escalationCount?: number;
  /** Set while a failed workflow step waits for a person (status `needs-attention`). */
  parked?: { failedStep: string; errorName: string; previousStatus: CaseStatus; at: string };
  /** Emails of the case that wait for a person: in doubt, or refused too often (notifications/outbox.ts; staff action `settle-emails`). */
  emailAttention?: EmailAttention;
  /**
   * Written responses to a complainant without an email address (letters/writtenLetters.ts): one letter per
   * notification an email would have carried, printed and posted or handed over by staff.
   */
  letters?: WrittenLetter[];
  /** How many letters wait to be sent; absent when none (the case list's `lettersToSend` filter). */
  lettersToSend?: number;
  /** Class 3: the duty log (《值班記錄表》, seed 001 §5.1.2 C), append-only (lifecycle/dutyLog.ts). */
  dutyLog?: DutyLogEntry[];
  /** Class 3: the outcome as published to residents on the case's timeline and the estate's notice page (lifecycle/dutyLog.ts). */
  outcomeNotice?: OutcomeNotice;
  /** The supervisor's written report at closing: the case record's cause, handling and satisfaction, with the lessons learned (lifecycle/closingReport.ts). */
  closingReport?: ClosingReport;
  /** Without an email address the satisfaction follow-up is a phone call a person makes and records (letters/followUpCall.ts). */
  followUpCall?: FollowUpCall;
  acknowledgedAt?: string;
  /** Set at acknowledgement: when the policy wanted it by (`acknowledgeWithinWorkingDays`), and whether it came later (a parked workflow, an outage). */
  acknowledgement?: { dueBy: string | null; late: boolean };
  /**
   * The stage-2 acknowledgement (Housing Ombudsman Code 6.11): when the escalation was made (`requestedAt`, the
   * start of stage 2), when the complainant was acknowledged, and the policy's due instant (`acknowledgeWithinWorkingDays`
   * of the stage-2 rule, counted from the request; null when the policy sets none) and whether it came later.
   */
  stage2Acknowledgement?: { requestedAt: string; acknowledgedAt: string; dueBy: string | null; late: boolean };
  complainant: Complainant;
  description: string;
  /** The complainant answered "someone is in danger right now" when filing (the form's question): proposed critical at once. */
  dangerReported?: true;
  compensationClaim?: CompensationClaim;
  /**
   * SHA-256 of each tracking token issued to the complainant (one per email
   * that carries a private link). The tokens themselves are never stored.
   */
  trackingTokenHashes: string[];
  /** Salt for digests of personal data in this case's audit events. */
  personalDataSalt: string;
  /** Keyed digests of the unit and phone number, written at intake, for staff search (caseLookup.ts); dropped on erasure. */
  lookupDigests?: LookupDigests;
  /** Optimistic-locking version; every mutation bumps it by one. */
  version: number;
  /** Sequence and hash of the newest audit event (the chain head). */
  eventSeq: number;
  headHash: string;
  createdAt: string;
  updatedAt: string;
  /** Legal hold (records management, docs/AUDIT.md): while set, neither retention purge nor erasure touches the case. */
  legalHold?: LegalHold;
  /** Set when the complainant's personal data was erased on request (PIPL / GDPR); the chain still verifies. */
  erasure?: { erasedAt: string; reference: string; fields: string[]; objectsDeleted?: CaseObjectsDeleted };
  /** What the complainant added after filing (email replies, the tracking page), oldest first: new information for staff. */
  residentAdditions?: ResidentAddition[];
  /** Photos and documents of the case (by email, the web form or the tracking page), stored in the case-files bucket. */
  files?: CaseFile[];
  /** The complainant asked to withdraw the complaint from the tracking page; the workflow then closes it as `withdrawn`. */
  withdrawal?: { requestedAt: string; stage: 1 | 2; reason?: string };
  /** Set when the retention period ended and the case was purged: only this tombstone and the purge event remain. */
  purge?: { purgedAt: string; purgedThroughSeq: number; purgedThroughHash: string; retentionEndedAt: string; rule: string; objectsDeleted?: CaseObjectsDeleted };
}

/** What an erasure or a retention purge deleted from storage: the case's files (and unclaimed uploads) and its raw inbound messages. */
export interface CaseObjectsDeleted {
  files: number;
  messages: number;
}

export interface ResidentAddition {
  additionId: string;
  at: string;
  source: 'email' | 'tracking-page';
  /** The new text, quoted history trimmed (personal data). */
  text: string;
  fileIds: string[];
  /** SHA-256 of the email's Message-ID: a redelivered email is added once. */
  sourceDigest?: string;
}

export interface CaseFile {
  /** SHA-256 of the stored content (after location metadata was removed), first 32 hex digits. */
  fileId: string;
  /** The name the resident gave it (personal data: erased with the rest). */
  name: string;
  /** Detected from the content, never taken from the name or the sender's declaration. */
  contentType: string;
  size: number;
  source: 'email' | 'web-form' | 'tracking-page';
  addedAt: string;
  /** Key in the case-files bucket. */
  objectKey: string;
}

export interface LegalHold {
  since: string;
  by: string;
  reason: string;
}

/** Fields that hold personal data; audit events carry them in `personalData`, never in `changes`. */
export const PERSONAL_FIELDS = [
  'complainant',
  'description',
  'unit',
  'compensationClaim',
  // Free text written by staff or the complainant may name people: kept erasable.
  'triage',
  'onTheSpot',
  'compensation',
  'response',
  'satisfaction',
  'residentAdditions',
  'files',
  // The reason a complainant gives for withdrawing is their own free text.
  'withdrawal',
  'letters',
  'followUpCall',
  'closingReport',
  // Staff's free text: the duty log quotes the complaint; a notice is written for the public but erasable all the same.
  'dutyLog',
  'outcomeNotice',
] as const;
/** Fields whose values never go into the audit trail (secrets' digests); the event records that they changed. */
const SECRET_FIELDS = ['trackingTokenHashes'] as const;

export type ClosureReason = 'invalid' | 'satisfied' | 'no-response' | 'final-dissatisfied' | 'withdrawn';

export interface TriageProposal {
  caseClass: ComplaintClass;
  severity: Severity;
  category: CauseCategory;
  departmentId: string;
  /** Whether it looks like a complaint to take on, and why not (absent on proposals made before validity was proposed). */
  validity?: ValidityProposal;
  /**
   * The safety net: crisis signals that did not reach critical. The case is a "possible crisis: needs urgent human
   * triage": first in the customer-service lead's queue, and the lead (not HQ) is emailed at once.
   */
  urgentTriage?: { reasons: string[] };
  /** Why the rules proposed this (matched words), for the person confirming. */
  reasons: string[];
}

/**
 * Seed 001 §5.4: the rules' view of validity. Only a proposal: a person decides at triage (mark-invalid sends the
 * complainant a reasoned explanation); nothing is closed on it.
 */
export interface ValidityProposal {
  proposed: 'valid' | 'out-of-scope' | 'duplicate' | 'no-complaint';
  /** Why, for the person confirming (absent when valid). */
  reason?: string;
  /** The open case of the same unit and category it seems to repeat. */
  duplicateOf?: { caseId: string; reference: string };
}

export interface TriageRecord {
  valid: boolean;
  /** A reasoned, polite explanation sent to the complainant when the complaint is not valid. */
  invalidExplanation?: string;
  /** Class 3: who receives the special report. */
  externalParty?: { name: string; email: string; impact: string };
  confirmedBy: string;
  confirmedAt: string;
  /** Whether the person changed what the rules proposed. */
  corrected: boolean;
}

export interface ClockPauseRecord {
  from: string;
  to?: string;
  /** Shown to the complainant: what we are waiting on (them, parts, the developer). */
  reason: string;
}

export interface DeadlineState {
  policyId: string;
  stageId: string;
  /** When this stage's clock started (receipt, or the stage-2 request). */
  startedAt: string;
  pauses: ClockPauseRecord[];
  extensions: { workingDays: number; reason: string; by: string; at: string; approvedBy?: string }[];
  /**
   * An extension a handler asked for that the policy's `extensionApprovedBy` role has not decided yet (the deadline
   * has not moved). Approved: it becomes an extension and the complainant is told the new date and the reason.
   */
  extensionRequest?: { workingDays: number; reason: string; by: string; at: string; approverRole: DeadlineApprover };
  /** Set by the estate manager or HQ on escalation: overrides the computed deadline. */
  setByManager?: { dueBy: string; handlingOpinion: string; by: string; at: string };
}

/** Everyone who handled stage 1 (see `stageHandlers`), including what the case record shows of them while still at stage 1. */
export function stage1People(complaintCase: ComplaintCase): string[] {
  const people = new Set<string>(complaintCase.stageHandlers?.stage1People ?? []);
  if (complaintCase.stageHandlers?.stage1) people.add(complaintCase.stageHandlers.stage1);
  if (complaintCase.stage === 1) {
    if (complaintCase.assigneeId) people.add(complaintCase.assigneeId);
    if (complaintCase.response?.by) people.add(complaintCase.response.by);
    if (complaintCase.deadline?.setByManager?.by) people.add(complaintCase.deadline.setByManager.by);
  }
  return [...people];
}

/** Records `userId` among the stage-1 handlers when the case is at stage 1 (unchanged otherwise). */
export function withStage1Handler(complaintCase: ComplaintCase, userId: string): ComplaintCase['stageHandlers'] {
  if (complaintCase.stage !== 1) return complaintCase.stageHandlers;
  const people = stage1People(complaintCase);
  return { ...complaintCase.stageHandlers, stage1People: people.includes(userId) ? people : [...people, userId] };
}

export type DeadlineApprover = 'handler' | 'estate-manager' | 'hq';

/** Whether the stage's clock is paused now (a pause with no end). */
export function isClockPaused(state: DeadlineState | undefined): boolean {
  return Boolean(state?.pauses.some((pause) => pause.to === undefined));
}

export interface CompensationReview {
  proposal?: { amount: number; note: string; by: string; at: string };
  /**
   * How the matter of compensation arose when the complainant did not claim it when filing: `goodwill`, staff
   * proposed it with the response; `claim-after-receipt`, the complainant's claim recorded later by staff. Either
   * way it is the case's `compensationClaim` and goes through the same review (lifecycle/compensationReview.ts).
   */
  origin?: 'goodwill' | 'claim-after-receipt';
  /** The value-recovery guidance of seed 000 §4: C ≥ A + B. */
  valueRecovery?: { originalServiceValueA: number; complainingCostB: number; proposedC: number };
  /** The CS lead's written summary to the manager before the decision (seed 001 §5.6.2-3): what they recommend, and why. */
  summary?: { recommendation: 'approve' | 'amend' | 'reject'; amount: number; reasons: string; by: string; role: string; at: string };
  decision?: { outcome: 'approved' | 'amended' | 'rejected'; amount: number; reasons: string; by: string; role: string; at: string };
  hqApproval?: { outcome: 'approved' | 'amended' | 'rejected'; amount: number; reasons: string; by: string; at: string };
  /** The complainant's answer to the compensation offered (the amount finally granted), from the tracking page. */
  residentAnswer?: { answer: 'accepted' | 'declined'; amount: number; currency: string; stage: 1 | 2; at: string };
}

export interface ResponseRecord {
  outcome: 'upheld' | 'partly-upheld' | 'not-upheld';
  decision: string;
  reasons: string;
  remedy?: string;
  /** What is still to be done, each with its due date and owner; marked done one by one (lifecycle/outstandingActions.ts). */
  outstandingActions: { action: string; dueBy: string; owner?: string; doneAt?: string; doneBy?: string; doneNote?: string }[];
  rootCause: string;
  accountability: string;
  by: string;
  at: string;
  /** Set when the response was issued (its email queued with that change; the `email.sent` event records it going out). */
  sentAt?: string;
}

export interface FollowUpCall {
  stage: 1 | 2;
  /** When the call became due, and the end of the window it may be answered in (the email follow-up's window). */
  since: string;
  answerBy: string;
  /** Calls tried without reaching the complainant. */
  attempts: { at: string; by: string }[];
  /** Set when the complainant's answer was recorded (it is in `satisfaction`, `by: 'phone'`). */
  answeredAt?: string;
  answeredBy?: string;
}

export interface SatisfactionRecord {
  outcomeRating?: number;
  processRating?: number;
  comment?: string;
  answeredAt?: string;
  noResponse?: boolean;
  stage: 1 | 2;
  /** How the rating came: the one-click email links or tracking page (absent), or a follow-up phone call staff recorded. */
  via?: 'phone';
  /** The staff member who recorded a rating given by phone. */
  recordedBy?: string;
}

export interface NewCaseIds {
  caseId: string;
  reference: string;
  trackingTokenHash: string;
  personalDataSalt: string;
  lookupDigests?: LookupDigests;
}

export function openCase(
  submission: ComplaintSubmission,
  ids: NewCaseIds,
  context: { now: string; responseDueBy: string; requestId: string; actor: Actor },
): { complaintCase: ComplaintCase; firstEvent: AuditEvent } {
  const complainant: Complainant = { name: submission.name };
  if (submission.email) complainant.email = submission.email;
  if (submission.phone) complainant.phone = submission.phone;
  const base: Omit<ComplaintCase, 'eventSeq' | 'headHash'> = {
    caseId: ids.caseId,
    reference: ids.reference,
    estateId: submission.estateId,
    ...(submission.buildingId ? { buildingId: submission.buildingId } : {}),
    unit: submission.unit,
    language: submission.language,
    channel: submission.channel,
    receivedAt: context.now,
    status: 'received',
    stage: 1,
    responseDueBy: context.responseDueBy,
    complainant,
    description: submission.description,
    ...(submission.compensationClaim ? { compensationClaim: submission.compensationClaim } : {}),
    ...(submission.dangerNow ? { dangerReported: true } : {}),
    ...(submission.onTheSpotResolution && context.actor.type === 'staff'
      ? { onTheSpot: { resolution: submission.onTheSpotResolution, recordedBy: context.actor.id, recordedAt: context.now } }
      : {}),
    trackingTokenHashes: [ids.trackingTokenHash],
    personalDataSalt: ids.personalDataSalt,
    ...(ids.lookupDigests ? { lookupDigests: ids.lookupDigests } : {}),
    version: 1,
    createdAt: context.now,
    updatedAt: context.now,
  };
  const firstEvent = sealEvent(
    {
      at: context.now,
      actor: context.actor,
      action: 'complaint.received',
      requestId: context.requestId,
      changes: [
        { field: 'reference', before: null, after: ids.reference },
        { field: 'estateId', before: null, after: submission.estateId },
        ...(submission.buildingId ? [{ field: 'buildingId', before: null, after: submission.buildingId }] : []),
        { field: 'channel', before: null, after: submission.channel },
        { field: 'language', before: null, after: submission.language },
        { field: 'status', before: null, after: 'received' },
        { field: 'responseDueBy', before: null, after: context.responseDueBy },
      ],
      personalData: {
        complainant,
        unit: submission.unit,
        description: submission.description,
        ...(submission.compensationClaim ? { compensationClaim: submission.compensationClaim } : {}),
        ...(submission.onTheSpotResolution ? { onTheSpotResolution: submission.onTheSpotResolution } : {}),
      },
      public: { kind: 'received', params: { reference: ids.reference } },
    },
    { caseId: ids.caseId, estateId: submission.estateId, previousSeq: 0, previousHash: GENESIS_HASH, personalDataSalt: ids.personalDataSalt },
  );
  return { complaintCase: { ...base, eventSeq: firstEvent.seq, headHash: firstEvent.hash }, firstEvent };
}

/** Fields a mutation may change (identity, chain and version fields are managed here, not by callers). */
export type CasePatch = Partial<Omit<ComplaintCase, 'caseId' | 'reference' | 'version' | 'eventSeq' | 'headHash' | 'createdAt' | 'personalDataSalt'>>;

export interface CaseMutation {
  /** The case as it will be stored (version + 1, new chain head). */
  next: ComplaintCase;
  /** The version the stored case must still have for the write to apply. */
  expectedVersion: number;
  event: AuditEvent;
}

/**
 * Plans a change to a case: the new case and the audit event that records it,
 * with before/after of every changed field. The store applies both atomically.
 */
export function planMutation(
  current: ComplaintCase,
  patch: CasePatch,
  context: {
    now: string;
    requestId: string;
    actor: Actor;
    action: string;
    public?: PublicTimelineEntry;
    /** Free text the action recorded without changing a case field (a note, a statement): kept erasable. */
    recordedText?: Record<string, unknown>;
  },
): CaseMutation {
  const changes: FieldChange[] = [];
  const personalData: Record<string, unknown> = { ...context.recordedText };
  for (const [field, after] of Object.entries(patch)) {
    const before = (current as unknown as Record<string, unknown>)[field];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    if ((SECRET_FIELDS as readonly string[]).includes(field)) changes.push({ field, before: '(redacted)', after: '(redacted)' });
    else if ((PERSONAL_FIELDS as readonly string[]).includes(field)) personalData[field] = { before: before ?? null, after: after ?? null };
    else changes.push({ field, before: before ?? null, after: after ?? null });
  }
  // Event times never go backwards within a case (another host's clock may lag): exports order by time, then seq.
  const at = context.now < current.updatedAt ? current.updatedAt : context.now;
  const draft: AuditEventDraft = {
    at,
    actor: context.actor,
    action: context.action,
    requestId: context.requestId,
    changes,
    ...(Object.keys(personalData).length > 0 ? { personalData } : {}),
    ...(context.public ? { public: context.public } : {}),
  };
  const event = sealEvent(draft, {
    caseId: current.caseId,
    estateId: current.estateId,
    previousSeq: current.eventSeq,
    previousHash: current.headHash,
    personalDataSalt: current.personalDataSalt,
  });
  const next: ComplaintCase = {
    ...current,
    ...patch,
    version: current.version + 1,
    eventSeq: event.seq,
    headHash: event.hash,
    updatedAt: at,
  };
  return { next, expectedVersion: current.version, event };
}
