/** `GET /api/v1/complaints/{id}?token=…` — the complainant's private view of their case. */
import * as z from 'zod/mini';
import { LANGUAGES } from '../domain/vocabulary';
import { publicCaseView } from '../domain/publicView';
import { trackingTokenMatches } from '../domain/trackingToken';
import { getCaseStore } from '../platform/clients';
import { HttpError, httpEndpoint, json, validate } from '../platform/http';
import { CASE_ID_PATTERN } from '../domain/complaintCase';

const querySchema = z.object({
  token: z.string().check(z.minLength(1, 'token is required'), z.maxLength(128, 'token is too long')),
  lang: z.optional(z.enum(LANGUAGES, `lang must be one of ${LANGUAGES.join(', ')}`)),
});

export const handler = httpEndpoint('getComplaintStatus', async (event) => {
  const query = validate(querySchema, event.queryStringParameters ?? {}, 'query');
  const caseId = event.pathParameters?.id ?? '';
  // Unknown case and wrong token answer alike, so the link reveals nothing about other cases.
  const notFound = new HttpError(404, 'not_found', 'no complaint matches this link');
  if (!CASE_ID_PATTERN.test(caseId)) throw notFound;
  const store = getCaseStore();
  const complaintCase = await store.getCase(caseId);
  if (!complaintCase || !trackingTokenMatches(query.token, complaintCase.trackingTokenHashes)) throw notFound;
  const [events, estate] = await Promise.all([store.listEvents(caseId), store.getEstate(complaintCase.estateId)]);
  return json(200, publicCaseView(complaintCase, events, estate, query.lang));
});
