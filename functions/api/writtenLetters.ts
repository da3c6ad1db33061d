/**
 * Written responses to complainants without email (seed 003 書面回應; functions/domain/letters/):
 *
 * - `GET /api/v1/estates/{estateId}/letters`: the estate's work in writing — letters waiting to be posted or
 *   handed over (oldest first), and follow-up phone calls due. Each carries the case version to send as
 *   `If-Match` with the action that records it (`record-letter-sent`, `record-follow-up-call`).
 * - `GET /api/v1/cases/{id}/letters/{letterKey}`: one letter as a print-ready A4 HTML page, while it waits
 *   to be sent (its text is dropped once it is recorded sent: 410 after that).
 */
import { CASE_ID_PATTERN, type ComplaintCase } from '../domain/complaintCase';
import { estateIdSchema } from '../domain/estateIdSchema';
import { letterDocument } from '../domain/letters/letterDocument';
import { letterOf, lettersToSend } from '../domain/letters/writtenLetters';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { platformNow } from '../platform/clock';
import { readConfig } from '../platform/config';
import { HttpError, html, httpEndpoint, json } from '../platform/http';
import type { CaseListFilters } from '../store/caseListing';
import { casesOfEstate as casesOfEstateInStore } from '../store/estateCases';

function casesOfEstate(estateId: string, filters: CaseListFilters, now: string): Promise<ComplaintCase[]> {
  return casesOfEstateInStore(getDocumentClient(), readConfig().tableName, estateId, filters, now);
}

export const handler = httpEndpoint('writtenLetters', async (event) => {
  const identity = requireStaff(event);
  const now = platformNow().toISOString();
  if (event.pathParameters?.estateId !== undefined) {
    const parsed = estateIdSchema.safeParse(event.pathParameters.estateId);
    if (!parsed.success) throw new HttpError(404, 'not_found', 'not found');
    const estateId = parsed.data;
    requirePermission(identity, 'case.contactInWriting', { estateId });
    const [withLetters, withCalls] = await Promise.all([
      casesOfEstate(estateId, { lettersToSend: true }, now),
      casesOfEstate(estateId, { status: 'responded', followUpCallDue: true }, now),
    ]);
    const letters = withLetters
      .flatMap((complaintCase) =>
        lettersToSend(complaintCase).map((letter) => ({
          caseId: complaintCase.caseId,
          reference: complaintCase.reference,
          version: complaintCase.version,
          letterKey: letter.letterKey,
          subject: letter.subject,
          language: letter.language,
          composedAt: letter.composedAt,
          printUrl: `/api/v1/cases/${complaintCase.caseId}/letters/${encodeURIComponent(letter.letterKey)}`,
        })),
      )
      .sort((a, b) => a.composedAt.localeCompare(b.composedAt) || a.reference.localeCompare(b.reference));
    const followUpCalls = withCalls.map((complaintCase) => ({
      caseId: complaintCase.caseId,
      reference: complaintCase.reference,
      version: complaintCase.version,
      language: complaintCase.language,
      stage: complaintCase.stage,
      since: complaintCase.followUpCall!.since,
      answerBy: complaintCase.followUpCall!.answerBy,
      attempts: complaintCase.followUpCall!.attempts.length,
    }));
    return json(200, { estateId, letters, followUpCalls });
  }

  const caseId = event.pathParameters?.id ?? '';
  const letterKey = decodeURIComponent(event.pathParameters?.letterKey ?? '');
  const notFound = new HttpError(404, 'not_found', 'not found');
  if (!CASE_ID_PATTERN.test(caseId)) throw notFound;
  const store = getCaseStore();
  const complaintCase = await store.getCase(caseId);
  if (!complaintCase) throw notFound;
  requirePermission(identity, 'case.contactInWriting', { estateId: complaintCase.estateId, caseId });
  const letter = letterOf(complaintCase, letterKey);
  if (!letter) throw notFound;
  if (letter.text === undefined) throw new HttpError(410, 'letter_sent', `this letter was recorded sent at ${letter.sentAt ?? 'an earlier time'}; its text is no longer kept`);
  const estate = await store.getEstate(complaintCase.estateId);
  if (!estate) throw notFound;
  return html(200, letterDocument({ ...letter, text: letter.text }, complaintCase, estate, now), {
    'cache-control': 'no-store',
    etag: `"${complaintCase.version}"`,
  });
});
