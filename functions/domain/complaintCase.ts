/**
 * The complaint case as stored, and the two ways it changes: creation at
 * receipt, and a versioned mutation that always appends one audit event.
 */
import type { CaseStatus, CauseCategory, Channel, CompensationClaim, ComplaintClass, ComplaintSubmission, Language, Severity } from './complaint';
import { type Actor, type AuditEvent, type AuditEventDraft, type FieldChange, type PublicTimelineEntry, GENESIS_HASH, sealEvent } from './auditTrail';

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
  acknowledgedAt?: string;
  complainant: Complainant;
  description: string;
  compensationClaim?: CompensationClaim;
  /**
   * SHA-256 of each tracking token issued to the complainant (one per email
   * that carries a private link). The tokens themselves are never stored.
   */
  trackingTokenHashes: string[];
  /** Salt for digests of personal data in this case's audit events. */
  personalDataSalt: string;
  /** Optimistic-locking version; every mutation bumps it by one. */
  version: number;
  /** Sequence and hash of the newest audit event (the chain head). */
  eventSeq: number;
  headHash: string;
  createdAt: string;
  updatedAt: string;
}

/** Fields that hold personal data; audit events carry them in `personalData`, never in `changes`. */
export const PERSONAL_FIELDS = ['complainant', 'description', 'unit', 'compensationClaim'] as const;
/** Fields whose values never go into the audit trail (secrets' digests); the event records that they changed. */
const SECRET_FIELDS = ['trackingTokenHashes'] as const;

export interface NewCaseIds {
  caseId: string;
  reference: string;
  trackingTokenHash: string;
  personalDataSalt: string;
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
    trackingTokenHashes: [ids.trackingTokenHash],
    personalDataSalt: ids.personalDataSalt,
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
      },
      public: { kind: 'received', params: { reference: ids.reference } },
    },
    { caseId: ids.caseId, previousSeq: 0, previousHash: GENESIS_HASH, personalDataSalt: ids.personalDataSalt },
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
  context: { now: string; requestId: string; actor: Actor; action: string; public?: PublicTimelineEntry },
): CaseMutation {
  const changes: FieldChange[] = [];
  const personalData: Record<string, unknown> = {};
  for (const [field, after] of Object.entries(patch)) {
    const before = (current as unknown as Record<string, unknown>)[field];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    if ((SECRET_FIELDS as readonly string[]).includes(field)) changes.push({ field, before: '(redacted)', after: '(redacted)' });
    else if ((PERSONAL_FIELDS as readonly string[]).includes(field)) personalData[field] = { before: before ?? null, after: after ?? null };
    else changes.push({ field, before: before ?? null, after: after ?? null });
  }
  const draft: AuditEventDraft = {
    at: context.now,
    actor: context.actor,
    action: context.action,
    requestId: context.requestId,
    changes,
    ...(Object.keys(personalData).length > 0 ? { personalData } : {}),
    ...(context.public ? { public: context.public } : {}),
  };
  const event = sealEvent(draft, {
    caseId: current.caseId,
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
    updatedAt: context.now,
  };
  return { next, expectedVersion: current.version, event };
}
