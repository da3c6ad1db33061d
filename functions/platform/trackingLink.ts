/**
 * The case a resident's private link opens (`/api/v1/complaints/{id}/…?token=`): the token must match one of the
 * case's tracking-token digests. Every failure (a malformed id, no such case, a purged case, a wrong or revoked
 * token) answers the same 404, so a link reveals nothing about cases it does not open.
 */
import * as z from 'zod/mini';
import { CASE_ID_PATTERN, type ComplaintCase } from '../domain/complaintCase';
import { trackingTokenMatches } from '../domain/trackingToken';
import { getCaseStore } from './clients';
import { type HttpEvent, HttpError, validate } from './http';

const querySchema = z.object({ token: z.string().check(z.minLength(1, 'token is required'), z.maxLength(128, 'token is too long')) });

export async function caseForTrackingLink(event: HttpEvent): Promise<ComplaintCase> {
  const { token } = validate(querySchema, event.queryStringParameters ?? {}, 'query');
  const caseId = event.pathParameters?.id ?? '';
  const notFound = new HttpError(404, 'not_found', 'no complaint matches this link');
  if (!CASE_ID_PATTERN.test(caseId)) throw notFound;
  const complaintCase = await getCaseStore().getCase(caseId);
  if (!complaintCase || complaintCase.purge || !trackingTokenMatches(token, complaintCase.trackingTokenHashes)) throw notFound;
  return complaintCase;
}
