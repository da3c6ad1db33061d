/**
 * `POST /api/v1/privacy/erasure` — an erasure request (PIPL Art. 47, GDPR
 * Art. 17) for one complainant: `{ email?, caseIds?, reference }`. Their cases
 * are found by the digest of their email (byContact index) and/or listed by id
 * (complaints made by phone or in person), and erased by
 * functions/domain/erasure.ts (docs/AUDIT.md, "Erasure").
 */
import * as z from 'zod/mini';
import { eraseComplainantData } from '../domain/erasure';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { readConfig } from '../platform/config';
import { HttpError, httpEndpoint, json, parseJsonBody } from '../platform/http';
import { RecordsStore } from '../store/recordsStore';
import { deleteCaseObjects } from '../platform/caseObjects';
import { CASE_ID_PATTERN } from '../domain/complaintCase';
import { platformNow } from '../platform/clock';

const bodySchema = z.strictObject({
  email: z.optional(z.string().check(z.trim(), z.maxLength(254), z.email('email must be a valid email address'))),
  caseIds: z.optional(z.array(z.string().check(z.regex(CASE_ID_PATTERN, 'each case id must be a case id'))).check(z.maxLength(100, 'at most 100 case ids'))),
  /** The request's own reference (ticket, legal basis); recorded in the audit event, so no personal data. */
  reference: z.string().check(z.regex(/^[A-Za-z0-9 ._:/()#-]{3,120}$/, 'reference must be 3-120 letters, digits, spaces or ._:/()#-, and no personal data')),
});

export const handler = httpEndpoint('erasePersonalData', async (event) => {
  const identity = requireStaff(event);
  requirePermission(identity, 'case.erasePersonalData');
  const body = parseJsonBody(event, bodySchema);
  if (!body.email && !body.caseIds?.length) throw new HttpError(422, 'validation_failed', 'request body has invalid fields: email', { email: 'give the email address or the case ids of the complainant' });
  const store = getCaseStore();
  const records = new RecordsStore(getDocumentClient(), readConfig().tableName);
  const caseIds = [...(body.email ? await records.caseIdsByContact(body.email) : []), ...(body.caseIds ?? [])];
  const result = await eraseComplainantData(
    { caseIds, reference: body.reference },
    {
      getCase: (caseId) => store.getCase(caseId),
      estateHeld: async (estateId) => (await records.estateHold(estateId)) !== undefined,
      stripEventPersonalData: (caseId, throughSeq) => records.stripEventPersonalData(caseId, throughSeq),
      redactNotificationRecipients: (caseId) => records.redactNotificationRecipients(caseId),
      applyMutation: (mutation) => store.applyMutation(mutation),
      deleteCaseObjects: (caseId) => deleteCaseObjects(caseId),
    },
    { now: () => platformNow().toISOString(), requestId: event.requestContext?.requestId ?? 'unknown', actor: { type: 'staff', id: identity.userId, role: identity.role } },
  );
  return json(200, { reference: body.reference, cases: result.cases, ...(result.notFound.length > 0 ? { notFound: result.notFound } : {}) });
});
