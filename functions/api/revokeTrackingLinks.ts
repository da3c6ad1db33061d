/**
 * `POST /api/v1/cases/{id}/tracking-links/revoke` — revokes every tracking link
 * of a case (a complainant reports that theirs leaked) and issues none. Staff
 * who may (docs/ACCESS.md: `case.revokeTracking`); `If-Match` with the case
 * version is honoured (`409` when stale). Answers `200 {caseId, revoked, version}`.
 */
import { VersionConflictError } from '../domain/errors';
import { planTrackingRevocation } from '../domain/trackingRevocation';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore } from '../platform/clients';
import { HttpError, header, httpEndpoint, json } from '../platform/http';
import { CASE_ID_PATTERN } from '../domain/complaintCase';
import { platformNow } from '../platform/clock';

const IF_MATCH = /^(W\/)?"(\d{1,12})"$/;

export const handler = httpEndpoint('revokeTrackingLinks', async (event) => {
  const identity = requireStaff(event);
  const caseId = event.pathParameters?.id ?? '';
  const notFound = new HttpError(404, 'not_found', 'not found');
  if (!CASE_ID_PATTERN.test(caseId)) throw notFound;
  const ifMatch = header(event, 'if-match');
  const expected = ifMatch === undefined ? undefined : IF_MATCH.exec(ifMatch.trim());
  if (ifMatch !== undefined && !expected) throw new HttpError(400, 'invalid_if_match', 'If-Match must be the case version as an ETag, e.g. "3"');
  const store = getCaseStore();
  const stale = () => new HttpError(409, 'version_conflict', 'the case has changed since you loaded it; reload and try again');
  // Without If-Match the revocation is idempotent: a concurrent change is re-read and revoked again.
  for (let attempt = 1; ; attempt++) {
    const current = await store.getCase(caseId);
    if (!current) throw notFound;
    requirePermission(identity, 'case.revokeTracking', { estateId: current.estateId, caseId });
    if (expected && Number(expected[2]) !== current.version) throw stale();
    const revoked = current.trackingTokenHashes.length;
    const mutation = planTrackingRevocation(current, {
      now: platformNow().toISOString(),
      requestId: event.requestContext.requestId,
      actor: { type: 'staff', id: identity.userId, role: identity.role },
    });
    if (!mutation) return json(200, { caseId, revoked: 0, version: current.version }, { etag: `"${current.version}"` });
    try {
      const next = await store.applyMutation(mutation);
      return json(200, { caseId, revoked, version: next.version }, { etag: `"${next.version}"` });
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      if (expected || attempt >= 3) throw stale();
    }
  }
});
