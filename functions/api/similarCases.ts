/**
 * `GET /api/v1/cases/{id}/similar[?limit]` — "have we seen this before?": the estate's past cases most like this
 * one (functions/domain/insight/similarCases.ts), with how they ended. Whoever may read the case (`case.read`,
 * decided by the policy module through `caseForCaller`) may see the list; it carries references, causes,
 * statuses and outcomes, never the other cases' descriptions or complainants.
 */
import * as z from 'zod/mini';
import { findSimilarCases } from '../domain/insight/similarCases';
import { requireStaff } from '../platform/auth';
import { caseForCaller } from '../platform/caseRequests';
import { httpEndpoint, json, validate } from '../platform/http';
import { weeklyReportStore } from '../platform/weeklyReports';

const querySchema = z.strictObject({ limit: z.optional(z.string().check(z.regex(/^([1-9]|1\d|20)$/, 'limit must be a whole number from 1 to 20'))) });
/** How far back candidates are read: two years of an estate's cases (a key range of `byEstateReceived`). */
const LOOK_BACK_MS = 2 * 366 * 86_400_000;

export const handler = httpEndpoint('similarCases', async (event) => {
  const identity = requireStaff(event);
  const query = validate(querySchema, event.queryStringParameters ?? {}, 'query');
  const complaintCase = await caseForCaller(event, identity);
  const from = new Date(Date.parse(complaintCase.receivedAt) - LOOK_BACK_MS).toISOString();
  const candidates = (await weeklyReportStore().casesReceived(complaintCase.estateId, from, complaintCase.receivedAt))
    .filter((c) => !c.purge && typeof c.description === 'string')
    .map((c) => ({
      caseId: c.caseId,
      reference: c.reference,
      receivedAt: c.receivedAt,
      description: c.description,
      status: c.status,
      ...(c.category ? { category: c.category } : {}),
      ...(c.response?.outcome ? { outcome: c.response.outcome } : {}),
    }));
  const similar = findSimilarCases(complaintCase, candidates, query.limit ? Number(query.limit) : 5);
  return json(200, { caseId: complaintCase.caseId, similar });
});
