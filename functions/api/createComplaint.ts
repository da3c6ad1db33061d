/** `POST /api/v1/complaints` — receipt of a complaint from a resident or API client. */
import { complaintSubmissionSchema } from '../domain/complaint';
import { receiveComplaint } from '../domain/intake';
import { getCaseStore } from '../platform/clients';
import { readConfig } from '../platform/config';
import { HttpError, header, httpEndpoint, json, parseJsonBody } from '../platform/http';
import { startComplaintLifecycle } from '../platform/lifecycle';

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{8,128}$/;

export const handler = httpEndpoint('createComplaint', async (event) => {
  const submission = parseJsonBody(event, complaintSubmissionSchema);
  const idempotencyKey = header(event, 'idempotency-key');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new HttpError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 8-128 printable ASCII characters', {
      'Idempotency-Key': 'must be 8-128 printable ASCII characters',
    });
  }
  const config = readConfig();
  const outcome = await receiveComplaint(
    { submission, idempotencyKey, requestId: event.requestContext.requestId, actor: { type: 'resident' } },
    { store: getCaseStore(), startLifecycle: startComplaintLifecycle, now: () => new Date(), publicBaseUrl: config.publicBaseUrl },
  );
  switch (outcome.kind) {
    case 'unknown-estate':
      throw new HttpError(422, 'validation_failed', 'request body has invalid fields: estateId', { estateId: 'is not an estate of this group' });
    case 'channel-not-public':
      throw new HttpError(422, 'validation_failed', 'request body has invalid fields: channel', {
        channel: `complaints by ${outcome.channel} are recorded by staff; use web, email or api`,
      });
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
});

