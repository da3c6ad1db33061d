/**
 * Receipt of a complaint (ISO 10002 "receipt"): record it in full, give it a
 * reference and a private tracking link, and start its lifecycle. A retried
 * submission yields the same case, never a second one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import type { Actor } from './auditTrail';
import { canonicalJson } from './canonicalJson';
import type { CaseStore } from './caseStore';
import { type ComplaintSubmission, PUBLIC_CHANNELS } from './complaint';
import { openCase } from './complaintCase';
import { addWorkingDays } from './deadlines';
import { formatReference } from './estate';
import { newTrackingToken, trackingUrl } from './trackingToken';

/** Default from seed 003 §4.3: the complainant hears back within 5 days; counted as working days. */
export const DEFAULT_RESPONSE_WORKING_DAYS = 5;
/** How long a submission is remembered for idempotent retries. */
export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 60 * 60;

export interface IntakeDependencies {
  store: CaseStore;
  startLifecycle: (caseId: string) => Promise<void>;
  now: () => Date;
  publicBaseUrl: string;
}

export interface IntakeRequest {
  submission: ComplaintSubmission;
  /** The client's `Idempotency-Key`, if it sent one. */
  idempotencyKey?: string;
  requestId: string;
  actor: Actor;
}

export type IntakeOutcome =
  | { kind: 'created' | 'replayed'; caseId: string; reference: string; status: string; trackingUrl: string }
  | { kind: 'unknown-estate' }
  | { kind: 'channel-not-public'; channel: string }
  | { kind: 'staff-only-field'; field: string }
  | { kind: 'idempotency-key-reused' };

export async function receiveComplaint(request: IntakeRequest, deps: IntakeDependencies): Promise<IntakeOutcome> {
  const { submission } = request;
  if (request.actor.type === 'resident' && !PUBLIC_CHANNELS.includes(submission.channel)) {
    return { kind: 'channel-not-public', channel: submission.channel };
  }
  if (request.actor.type === 'resident' && submission.onTheSpotResolution) return { kind: 'staff-only-field', field: 'onTheSpotResolution' };
  const requestHash = sha256(canonicalJson(submission));
  // Without a key, an identical submission is taken to be a retry of the first.
  const keyHash = sha256(request.idempotencyKey ? `key:${request.idempotencyKey}` : `content:${requestHash}`);

  const replay = await replayIfKnown(keyHash, requestHash, deps);
  if (replay) return replay;

  const estate = await deps.store.getEstate(submission.estateId);
  if (!estate) return { kind: 'unknown-estate' };

  const now = deps.now();
  const nowIso = now.toISOString();
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: estate.timeZone, year: 'numeric' }).format(now));
  const reference = formatReference(estate.referencePrefix, year, await deps.store.nextReferenceNumber(estate.estateId, year));
  const caseId = ulid(now.getTime());
  const { token, tokenHash } = newTrackingToken();
  const { complaintCase, firstEvent } = openCase(
    submission,
    { caseId, reference, trackingTokenHash: tokenHash, personalDataSalt: randomBytes(16).toString('hex') },
    {
      now: nowIso,
      responseDueBy: addWorkingDays(nowIso, DEFAULT_RESPONSE_WORKING_DAYS, estate.jurisdiction, estate.timeZone),
      requestId: request.requestId,
      actor: request.actor,
    },
  );
  const outcome = await deps.store.createCase({
    complaintCase,
    firstEvent,
    idempotency: { keyHash, requestHash, caseId, trackingToken: token, expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_WINDOW_SECONDS },
  });
  if (!outcome.created) {
    // A concurrent retry won the race; answer with its case.
    return (await replayIfKnown(keyHash, requestHash, deps)) ?? { kind: 'idempotency-key-reused' };
  }
  await deps.startLifecycle(caseId);
  return { kind: 'created', caseId, reference, status: complaintCase.status, trackingUrl: trackingUrl(deps.publicBaseUrl, caseId, token) };
}

async function replayIfKnown(keyHash: string, requestHash: string, deps: IntakeDependencies): Promise<IntakeOutcome | undefined> {
  const record = await deps.store.findIdempotencyRecord(keyHash);
  if (!record) return undefined;
  if (record.requestHash !== requestHash) return { kind: 'idempotency-key-reused' };
  const existing = await deps.store.getCase(record.caseId);
  if (!existing) return undefined;
  // The first attempt may have stored the case and failed before starting its lifecycle: starting is idempotent.
  await deps.startLifecycle(existing.caseId);
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
