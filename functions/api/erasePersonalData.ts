/**
 * `POST /api/v1/privacy/erasure` — an erasure request (PIPL Art. 47, GDPR
 * Art. 17) for one complainant: `{ email?, caseIds?, reference }`. Their cases
 * are found by the digest of their email (byContact index) and/or listed by id
 * (complaints made by phone or in person). For each case not under legal hold:
 * the personal data of every audit event and the recipient of every email are
 * deleted, then one `personal-data.erased` event pseudonymises the case
 * (docs/AUDIT.md, "Erasure"). The hash chain still verifies: it covers salted
 * digests, never the data itself.
 */
import * as z from 'zod/mini';
import { VersionConflictError } from '../domain/errors';
import { planErasure } from '../domain/recordsManagement';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { readConfig } from '../platform/config';
import { HttpError, httpEndpoint, json, parseJsonBody } from '../platform/http';
import { RecordsStore } from '../store/recordsStore';
import { CASE_ID_PATTERN } from '../domain/complaintCase';
import { platformNow } from '../platform/clock';


const bodySchema = z.strictObject({
  email: z.optional(z.string().check(z.trim(), z.maxLength(254), z.email('email must be a valid email address'))),
  caseIds: z.optional(z.array(z.string().check(z.regex(CASE_ID_PATTERN, 'each case id must be a case id'))).check(z.maxLength(100, 'at most 100 case ids'))),
  /** The request's own reference (ticket, legal basis); recorded in the audit event, so no personal data. */
  reference: z.string().check(z.regex(/^[A-Za-z0-9 ._:/()#-]{3,120}$/, 'reference must be 3-120 letters, digits, spaces or ._:/()#-, and no personal data')),
});

type Outcome = { caseId: string; reference: string; outcome: 'erased' | 'already-erased' | 'legal-hold' | 'purged'; eventSeq?: number };

export const handler = httpEndpoint('erasePersonalData', async (event) => {
  const identity = requireStaff(event);
  requirePermission(identity, 'case.erasePersonalData');
  const body = parseJsonBody(event, bodySchema);
  if (!body.email && !body.caseIds?.length) throw new HttpError(422, 'validation_failed', 'request body has invalid fields: email', { email: 'give the email address or the case ids of the complainant' });
  const store = getCaseStore();
  const records = new RecordsStore(getDocumentClient(), readConfig().tableName);
  const requestId = event.requestContext?.requestId ?? 'unknown';
  const caseIds = [...new Set([...(body.email ? await records.caseIdsByContact(body.email) : []), ...(body.caseIds ?? [])])];
  const holds = new Map<string, boolean>();
  const estateHeld = async (estateId: string) => {
    if (!holds.has(estateId)) holds.set(estateId, (await records.estateHold(estateId)) !== undefined);
    return holds.get(estateId)!;
  };

  const outcomes: Outcome[] = [];
  const notFound: string[] = [];
  for (const caseId of caseIds) {
    let current = await store.getCase(caseId);
    if (!current) {
      notFound.push(caseId);
      continue;
    }
    const base = { caseId, reference: current.reference };
    if (current.purge) outcomes.push({ ...base, outcome: 'purged' });
    else if (current.legalHold || (await estateHeld(current.estateId))) outcomes.push({ ...base, outcome: 'legal-hold' });
    else if (current.erasure) {
      await records.stripEventPersonalData(caseId, current.eventSeq);
      outcomes.push({ ...base, outcome: 'already-erased' });
    } else {
      // Events first, the case last: a retry after a failure finds the case still unerased and does it all again.
      await records.stripEventPersonalData(caseId, current.eventSeq);
      await records.redactNotificationRecipients(caseId);
      for (let attempt = 1; ; attempt += 1) {
        const mutation = planErasure(current, body.reference, { now: platformNow().toISOString(), requestId, actor: { type: 'staff', id: identity.userId, role: identity.role } });
        try {
          await store.applyMutation(mutation);
          // Events appended meanwhile (a note, a reply) may carry personal data sealed with the old salt.
          await records.stripEventPersonalData(caseId, mutation.event.seq - 1);
          outcomes.push({ ...base, outcome: 'erased', eventSeq: mutation.event.seq });
          break;
        } catch (error) {
          if (!(error instanceof VersionConflictError) || attempt >= 5) throw error;
          current = (await store.getCase(caseId))!;
        }
      }
    }
  }
  return json(200, { reference: body.reference, cases: outcomes, ...(notFound.length > 0 ? { notFound } : {}) });
});
