/**
 * `POST /api/v1/complaints` — receipt of a complaint from a resident or API
 * client, or logged by staff on the complainant's behalf (phone, in person,
 * letter...; optionally resolved on the spot) with a staff bearer token.
 */
import { complaintSubmissionSchema } from '../domain/complaint';
import { receiveComplaint } from '../domain/intake';
import { caseLookupKey } from '../domain/caseLookup';
import { requirePermission } from '../platform/auth';
import { identify } from '../platform/bearerToken';
import { getCaseStore } from '../platform/clients';
import { readConfig } from '../platform/config';
import { HttpError, header, httpEndpoint, json, parseJsonBody } from '../platform/http';
import { intakeRateCharges, limitIntakeByIp, refuseRate } from '../platform/rateLimit';
import { platformNow } from '../platform/clock';

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{8,128}$/;

export const handler = httpEndpoint('createComplaint', async (event) => {
  const identity = await identify(event);
  // Staff logging complaints are not limited. Every anonymous attempt counts against the caller's
  // address: in the transaction that stores the complaint, or on its own when nothing is stored.
  const anonymous = identity.kind !== 'staff';
  try {
    const submission = parseJsonBody(event, complaintSubmissionSchema);
    if (identity.kind === 'staff') requirePermission(identity, 'complaint.fileOnBehalf', { estateId: submission.estateId });
    const idempotencyKey = header(event, 'idempotency-key');
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new HttpError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 8-128 printable ASCII characters', {
        'Idempotency-Key': 'must be 8-128 printable ASCII characters',
      });
    }
    const config = readConfig();
    const outcome = await receiveComplaint(
      {
        submission,
        idempotencyKey,
        requestId: event.requestContext.requestId,
        actor: identity.kind === 'staff' ? { type: 'staff', id: identity.userId, role: identity.role } : { type: 'resident' },
        ...(anonymous ? { rateCharges: intakeRateCharges(event, submission.estateId) } : {}),
      },
      { store: getCaseStore(), now: platformNow, publicBaseUrl: config.publicBaseUrl, lookupKey: caseLookupKey(process.env) },
    );
    if (outcome.kind === 'rate-limited') refuseRate(outcome.refusal);
    // A replay stores nothing, so it is counted on its own; refusals below are counted where they are caught.
    if (anonymous && outcome.kind === 'replayed') await limitIntakeByIp(event);
    switch (outcome.kind) {
      case 'unknown-estate':
        throw new HttpError(422, 'validation_failed', 'request body has invalid fields: estateId', { estateId: 'is not an estate of this group' });
      case 'unknown-building':
        throw new HttpError(422, 'validation_failed', 'request body has invalid fields: buildingId', { buildingId: `"${outcome.buildingId}" is not a building of this estate` });
      case 'channel-not-public':
        throw new HttpError(422, 'validation_failed', 'request body has invalid fields: channel', {
          channel: `complaints by ${outcome.channel} are recorded by staff; use web, email or api`,
        });
      case 'staff-only-field':
        throw new HttpError(422, 'validation_failed', `request body has invalid fields: ${outcome.field}`, { [outcome.field]: 'only staff can record this' });
      case 'idempotency-key-reused':
        throw new HttpError(409, 'idempotency_key_reused', 'this Idempotency-Key was already used for a different complaint');
      case 'created':
      case 'replayed':
        // A replay answers exactly as the first attempt did, marked so the client can tell.
        return json(
          201,
          { id: outcome.caseId, reference: outcome.reference, status: outcome.status, trackingUrl: outcome.trackingUrl },
          { location: `/api/v1/complaints/${outcome.caseId}`, ...(outcome.kind === 'replayed' ? { 'idempotent-replayed': 'true' } : {}) },
        );
    }
  } catch (error) {
    // A request refused before anything was stored (malformed, invalid) still counts; over the limit, the answer is 429.
    if (anonymous && error instanceof HttpError && error.statusCode >= 400 && error.statusCode < 500 && error.statusCode !== 429) await limitIntakeByIp(event);
    throw error;
  }
});
