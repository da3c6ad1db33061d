/**
 * Erasure on request (PIPL Art. 47, GDPR Art. 17), retention purge and legal
 * hold, as planned case mutations: each is one audit event in the case's own
 * chain, appended by the same versioned transaction as every other change.
 *
 * Neither touches what the chain hashes. Events keep the salted digest of
 * their personal data (`personalDataDigest`), so deleting the data itself
 * leaves every hash as it was; the case's salt is replaced, so the old
 * digests can no longer be tested against guesses.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from './auditTrail';
import { type CaseMutation, type CaseObjectsDeleted, type ComplaintCase, type LegalHold, PERSONAL_FIELDS, planMutation } from './complaintCase';

export const ERASED = '(erased)';

/** Keys of free text inside the case's personal-data fields (notes, reasons, explanations) that may name people. */
const FREE_TEXT_KEYS = new Set([
  'invalidExplanation', 'externalParty', 'resolution', 'note', 'notes', 'reason', 'reasons', 'decision', 'remedy',
  'rootCause', 'accountability', 'comment', 'handlingOpinion', 'statement', 'text', 'name', 'email', 'phone',
]);

function redactFreeText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactFreeText);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, FREE_TEXT_KEYS.has(key) && inner !== null && inner !== undefined ? ERASED : redactFreeText(inner)]));
  }
  return value;
}

/** The case with its personal data removed: the complainant pseudonymised, text fields replaced. */
export function withoutPersonalData(current: ComplaintCase): { redacted: Partial<ComplaintCase>; fields: string[] } {
  const redacted: Record<string, unknown> = {
    complainant: { name: ERASED },
    description: ERASED,
    unit: ERASED,
  };
  if (current.compensationClaim) {
    const { reason: _reason, ...claim } = current.compensationClaim;
    redacted.compensationClaim = claim;
  }
  for (const field of PERSONAL_FIELDS) {
    if (field in redacted) continue;
    const value = (current as unknown as Record<string, unknown>)[field];
    if (value !== undefined) redacted[field] = redactFreeText(value);
  }
  const fields = Object.keys(redacted).filter((field) => (current as unknown as Record<string, unknown>)[field] !== undefined).sort();
  return { redacted: redacted as Partial<ComplaintCase>, fields };
}

interface RecordsContext {
  now: string;
  requestId: string;
  actor: Actor;
}

const newSalt = () => randomBytes(16).toString('hex');

/** Erasure: one `personal-data.erased` event; the case keeps its facts (status, dates, class) and loses who and what was said. */
export function planErasure(current: ComplaintCase, reference: string, context: RecordsContext, objectsDeleted?: CaseObjectsDeleted): CaseMutation {
  const { redacted, fields } = withoutPersonalData(current);
  const mutation = planMutation(current, { erasure: { erasedAt: context.now, reference, fields, ...(objectsDeleted ? { objectsDeleted } : {}) } }, { ...context, action: 'personal-data.erased' });
  // The search digests go too: a keyed digest of a phone number still points at the person.
  return { ...mutation, next: { ...mutation.next, ...redacted, lookupDigests: undefined, personalDataSalt: newSalt() } };
}

/**
 * Retention purge: one `retention.purged` event that covers the hash of the last event it removes; the
 * store then deletes events 1..N and the notifications, and keeps the case item as a tombstone.
 */
export function planPurge(current: ComplaintCase, context: RecordsContext & { retentionEndedAt: string; rule: string; objectsDeleted?: CaseObjectsDeleted }): CaseMutation {
  const { redacted } = withoutPersonalData(current);
  const mutation = planMutation(
    current,
    {
      purge: {
        purgedAt: context.now,
        purgedThroughSeq: current.eventSeq,
        purgedThroughHash: current.headHash,
        retentionEndedAt: context.retentionEndedAt,
        rule: context.rule,
        ...(context.objectsDeleted ? { objectsDeleted: context.objectsDeleted } : {}),
      },
    },
    { now: context.now, requestId: context.requestId, actor: context.actor, action: 'retention.purged' },
  );
  return {
    ...mutation,
    next: { ...mutation.next, ...redacted, lookupDigests: undefined, trackingTokenHashes: [], personalDataSalt: newSalt() },
  };
}

export function planCaseHold(current: ComplaintCase, hold: LegalHold | undefined, context: RecordsContext): CaseMutation {
  return planMutation(current, { legalHold: hold }, { ...context, action: hold ? 'legal-hold.placed' : 'legal-hold.lifted' });
}
