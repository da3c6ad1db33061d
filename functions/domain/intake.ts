/**
 * Receipt of a complaint (ISO 10002 "receipt"): record it in full, give it a
 * reference and a private tracking link, and start its lifecycle. A retried
 * submission yields the same case, never a second one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import type { Actor } from './auditTrail';
import { canonicalJson } from './canonicalJson';
import type { CaseStore, IdempotencyRecord } from './caseStore';
import type { RateCharge, RateRefusal } from './rateLimit';
import { type ComplaintSubmission, PUBLIC_CHANNELS } from './complaint';
import { openCase } from './complaintCase';
import { lookupDigestsOf } from './caseLookup';
import { promisedAtReceipt } from './lifecycle/deadlineTracking';
import { buildingOf, formatReference, isEstateActive } from './estate';
import { newTrackingToken, trackingUrl } from './trackingToken';

export { DEFAULT_RESPONSE_WORKING_DAYS } from './vocabulary';
/** How long a submission is remembered for idempotent retries. */
export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 60 * 60;

export interface IntakeDependencies {
  store: CaseStore;
  now: () => Date;
  publicBaseUrl: string;
  /**
   * Key of the unit and phone digests staff search by (caseLookup.ts). Without it a case is stored without them
   * (complaints by email: no phone, and a unit staff complete later).
   */
  lookupKey?: string;
}

export interface IntakeRequest {
  submission: ComplaintSubmission;
  /** The client's `Idempotency-Key`, if it sent one. */
  idempotencyKey?: string;
  requestId: string;
  actor: Actor;
  /** Rate limits to count this complaint against, in the transaction that stores it. */
  rateCharges?: readonly RateCharge[];
}

export type IntakeOutcome =
  | { kind: 'created' | 'replayed'; caseId: string; reference: string; status: string; trackingUrl: string }
  | { kind: 'unknown-estate' }
  | { kind: 'unknown-building'; buildingId: string }
  | { kind: 'channel-not-public'; channel: string }
  | { kind: 'staff-only-field'; field: string }
  | { kind: 'idempotency-key-reused' }
  | { kind: 'rate-limited'; refusal: RateRefusal };

/**
 * One round trip for a new complaint: the case, its first audit event, the
 * idempotency record and the rate-limit counts are one transaction, and a
 * retry is recognised by that transaction's condition rather than by a read
 * before it. The lifecycle workflow is started from the table's stream
 * (functions/streams/startCaseLifecycles.ts), not from here.
 */
export async function receiveComplaint(request: IntakeRequest, deps: IntakeDependencies): Promise<IntakeOutcome> {
  const { submission } = request;
  if (request.actor.type === 'resident' && !PUBLIC_CHANNELS.includes(submission.channel)) {
    return { kind: 'channel-not-public', channel: submission.channel };
  }
  if (request.actor.type === 'resident' && submission.onTheSpotResolution) return { kind: 'staff-only-field', field: 'onTheSpotResolution' };
  const requestHash = sha256(canonicalJson(submission));
  // Without a key, an identical submission is taken to be a retry of the first.
  const keyHash = sha256(request.idempotencyKey ? `key:${request.idempotencyKey}` : `content:${requestHash}`);

  const estate = await deps.store.getEstate(submission.estateId);
  // A deactivated estate takes no new complaints (its cases stay); to the caller it is no estate.
  if (!estate || !isEstateActive(estate)) return { kind: 'unknown-estate' };
  if (submission.buildingId !== undefined && !buildingOf(estate, submission.buildingId)) return { kind: 'unknown-building', buildingId: submission.buildingId };

  const now = deps.now();
  const nowIso = now.toISOString();
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: estate.timeZone, year: 'numeric' }).format(now));
  const referenceNumber = await deps.store.nextReferenceNumber(estate.estateId, year);
  const reference = formatReference(estate.referencePrefix, year, referenceNumber);
  const caseId = ulid(now.getTime());
  const { token, tokenHash } = newTrackingToken();
  const { complaintCase, firstEvent } = openCase(
    submission,
    {
      caseId,
      reference,
      trackingTokenHash: tokenHash,
      personalDataSalt: randomBytes(16).toString('hex'),
      ...(deps.lookupKey ? { lookupDigests: lookupDigestsOf(deps.lookupKey, submission) } : {}),
    },
    {
      now: nowIso,
      // The estate's deadline policy decides the promise (seed default: 5 working days from receipt).
      responseDueBy: promisedAtReceipt(estate, nowIso),
      requestId: request.requestId,
      actor: request.actor,
    },
  );
  let outcome;
  try {
    outcome = await deps.store.createCase({
      complaintCase,
      firstEvent,
      idempotency: { keyHash, requestHash, caseId, trackingToken: token, expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_WINDOW_SECONDS },
      ...(request.rateCharges ? { rateCharges: request.rateCharges } : {}),
    });
  } catch (error) {
    deps.store.returnReferenceNumber(estate.estateId, year, referenceNumber);
    throw error;
  }
  if (outcome.created) return { kind: 'created', caseId, reference, status: complaintCase.status, trackingUrl: trackingUrl(deps.publicBaseUrl, caseId, token) };
  deps.store.returnReferenceNumber(estate.estateId, year, referenceNumber);
  if ('rateLimited' in outcome) return { kind: 'rate-limited', refusal: outcome.rateLimited };
  return replay(outcome.existing, requestHash, deps);
}

/** A retry answers as the first attempt did: same case, same private link. */
async function replay(record: IdempotencyRecord, requestHash: string, deps: IntakeDependencies): Promise<IntakeOutcome> {
  if (record.requestHash !== requestHash) return { kind: 'idempotency-key-reused' };
  const existing = await deps.store.getCase(record.caseId);
  // The record outlives nothing it points to; a missing case would be a store fault, not a client mistake.
  if (!existing) throw new Error(`idempotency record points to case ${record.caseId}, which is not stored`);
  return {
    kind: 'replayed',
    caseId: existing.caseId,
    reference: existing.reference,
    status: existing.status,
    trackingUrl: trackingUrl(deps.publicBaseUrl, existing.caseId, record.trackingToken),
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
