/**
 * `GET /api/v1/cases/{id}/evidence` — the evidence pack for one case, one JSON
 * download for compliance (functions/domain/evidencePack.ts builds it;
 * docs/AUDIT.md, "Evidence pack"). The body's SHA-256 is in `x-content-sha256`.
 */
import { createHash } from 'node:crypto';
import { verifyStoredCase } from '../domain/auditVerification';
import { CASE_ID_PATTERN } from '../domain/complaintCase';
import { anchorProofFor, evidencePack } from '../domain/evidencePack';
import { publishedAnchors } from '../platform/anchorPublication';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { readConfig } from '../platform/config';
import { HttpError, httpEndpoint, json } from '../platform/http';
import { DynamoRawMessageIndex } from '../store/rawMessageIndex';
import { RecordsStore } from '../store/recordsStore';
import { platformNow } from '../platform/clock';

export const handler = httpEndpoint('evidencePack', async (event) => {
  const identity = requireStaff(event);
  const caseId = event.pathParameters?.id ?? '';
  const notFound = new HttpError(404, 'not_found', 'not found');
  if (!CASE_ID_PATTERN.test(caseId)) throw notFound;
  const store = getCaseStore();
  const complaintCase = await store.getCase(caseId);
  if (!complaintCase) throw notFound;
  requirePermission(identity, 'case.evidencePack', { estateId: complaintCase.estateId, caseId });
  const records = new RecordsStore(getDocumentClient(), readConfig().tableName);
  const [events, estate, notifications, ledger, rawMessages] = await Promise.all([
    store.listEvents(caseId),
    store.getEstate(complaintCase.estateId),
    records.notifications(caseId),
    records.ledger(complaintCase.estateId),
    new DynamoRawMessageIndex(getDocumentClient(), readConfig().tableName).list(caseId),
  ]);
  const anchorProof = await anchorProofFor(complaintCase, events, ledger, { anchoredHead: (anchor, c) => records.anchoredHead(anchor, c), publishedAnchors });
  const pack = evidencePack({
    complaintCase,
    estate,
    events,
    notifications,
    ledger,
    problems: verifyStoredCase(complaintCase, events),
    anchorProof,
    generatedBy: { userId: identity.userId, role: identity.role },
    now: platformNow().toISOString(),
    rawMessages,
  });
  const body = JSON.stringify(pack, null, 2);
  const result = json(200, pack, {
    'content-disposition': `attachment; filename="evidence-${complaintCase.reference}.json"`,
    'x-content-sha256': createHash('sha256').update(body).digest('hex'),
  });
  return { ...result, body };
});
