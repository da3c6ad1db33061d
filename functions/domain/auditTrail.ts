/**
 * The audit trail: one hash chain per case (short chains append without
 * contention). Each event's hash covers the previous event's hash, the
 * event's non-personal fields and a salted digest of its personal data, so an
 * erasure request can delete the personal data and the chain still verifies.
 * See docs/AUDIT.md.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson';

export const GENESIS_HASH = '0'.repeat(64);

export type Actor =
  | { type: 'resident' }
  | { type: 'system'; id: string }
  | { type: 'staff'; id: string; role: string };

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** A timeline entry the complainant may see; rendered in their language from `kind`. */
export interface PublicTimelineEntry {
  kind: string;
  params?: Record<string, string | number>;
}

export interface AuditEvent {
  caseId: string;
  /** The estate of the case: lets a compliance export select an estate's events by index, never by Scan. Absent on events sealed before it was recorded. */
  estateId?: string;
  /** 1-based position in the case's chain. */
  seq: number;
  at: string;
  actor: Actor;
  action: string;
  requestId: string;
  /** Changes to fields that carry no personal data. */
  changes: FieldChange[];
  /** Personal data the event recorded (names, contacts, free text); removable on erasure. */
  personalData?: Record<string, unknown>;
  /** Salted SHA-256 of `personalData`; stays when the personal data is erased. */
  personalDataDigest?: string;
  public?: PublicTimelineEntry;
  prevHash: string;
  hash: string;
}

export type AuditEventDraft = Omit<AuditEvent, 'seq' | 'prevHash' | 'hash' | 'personalDataDigest' | 'caseId' | 'estateId'>;

export function digestPersonalData(salt: string, personalData: Record<string, unknown>): string {
  return createHash('sha256').update(salt).update('\u0000').update(canonicalJson(personalData)).digest('hex');
}

function hashedFields(event: Omit<AuditEvent, 'hash' | 'personalData'>): string {
  return canonicalJson({
    caseId: event.caseId,
    estateId: event.estateId,
    seq: event.seq,
    at: event.at,
    actor: event.actor,
    action: event.action,
    requestId: event.requestId,
    changes: event.changes,
    personalDataDigest: event.personalDataDigest,
    public: event.public,
    prevHash: event.prevHash,
  });
}

export function hashEvent(event: Omit<AuditEvent, 'hash' | 'personalData'>): string {
  return createHash('sha256').update(hashedFields(event)).digest('hex');
}

/** Seals a draft as the next event of a case's chain. */
export function sealEvent(
  draft: AuditEventDraft,
  chain: { caseId: string; estateId: string; previousSeq: number; previousHash: string; personalDataSalt: string },
): AuditEvent {
  const personalDataDigest = draft.personalData ? digestPersonalData(chain.personalDataSalt, draft.personalData) : undefined;
  const unsealed = {
    ...draft,
    caseId: chain.caseId,
    estateId: chain.estateId,
    seq: chain.previousSeq + 1,
    prevHash: chain.previousHash,
    ...(personalDataDigest ? { personalDataDigest } : {}),
  };
  return { ...unsealed, hash: hashEvent(unsealed) };
}

export type ChainProblem =
  | { seq: number; problem: 'hash-mismatch' | 'broken-link' | 'out-of-order' | 'personal-data-altered' };

/**
 * Verifies a case's events in order. Reports the first place the chain breaks:
 * a changed event (hash mismatch), a removed or inserted one (broken link or
 * out-of-order sequence), or personal data that no longer matches its digest.
 */
export function verifyCaseChain(
  events: readonly AuditEvent[],
  personalDataSalt?: string,
  /** Where the chain is known to start when its earlier events were purged (a retention tombstone): the last purged event. */
  start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainProblem | undefined {
  let previousHash = start.hash;
  let expectedSeq = start.seq + 1;
  for (const event of events) {
    if (event.seq !== expectedSeq) return { seq: event.seq, problem: 'out-of-order' };
    if (event.prevHash !== previousHash) return { seq: event.seq, problem: 'broken-link' };
    const { hash, personalData, ...rest } = event;
    if (hashEvent(rest) !== hash) return { seq: event.seq, problem: 'hash-mismatch' };
    if (personalData && personalDataSalt !== undefined && event.personalDataDigest !== digestPersonalData(personalDataSalt, personalData)) {
      return { seq: event.seq, problem: 'personal-data-altered' };
    }
    previousHash = hash;
    expectedSeq += 1;
  }
  return undefined;
}
