/**
 * Legal hold (records management): `POST /api/v1/cases/{id}/legal-hold` or
 * `POST /api/v1/estates/{estateId}/legal-hold` with `{ hold: true|false, reason }`.
 * While a case or its estate is held, retention purge and erasure leave it
 * alone. A case hold is an event in the case's chain; an estate hold is an
 * entry in the estate ledger (docs/AUDIT.md).
 */
import * as z from 'zod/mini';
import { VersionConflictError } from '../domain/errors';
import { sealLedgerEntry } from '../domain/estateLedger';
import { planCaseHold } from '../domain/recordsManagement';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { readConfig } from '../platform/config';
import { HttpError, httpEndpoint, json, parseJsonBody } from '../platform/http';
import { RecordsStore, recordKeys } from '../store/recordsStore';
import { CASE_ID_PATTERN } from '../domain/complaintCase';
import { platformNow } from '../platform/clock';

const bodySchema = z.strictObject({
  hold: z.boolean(),
  reason: z.string().check(z.trim(), z.minLength(3, 'reason is required'), z.maxLength(500, 'reason must be at most 500 characters')),
});

export const handler = httpEndpoint('legalHold', async (event) => {
  const identity = requireStaff(event);
  const body = parseJsonBody(event, bodySchema);
  const store = getCaseStore();
  const records = new RecordsStore(getDocumentClient(), readConfig().tableName);
  const requestId = event.requestContext?.requestId ?? 'unknown';
  const actor = { type: 'staff' as const, id: identity.userId, role: identity.role };
  const notFound = new HttpError(404, 'not_found', 'not found');
  const now = () => platformNow().toISOString();

  const caseId = event.pathParameters?.id;
  if (caseId !== undefined) {
    if (!CASE_ID_PATTERN.test(caseId)) throw notFound;
    for (let attempt = 1; ; attempt += 1) {
      const current = await store.getCase(caseId);
      if (!current || current.purge) throw notFound;
      requirePermission(identity, 'case.legalHold', { estateId: current.estateId, caseId });
      if ((current.legalHold !== undefined) === body.hold) return json(200, { caseId, legalHold: current.legalHold ?? null, changed: false });
      const hold = body.hold ? { since: now(), by: identity.userId, reason: body.reason } : undefined;
      try {
        const next = await store.applyMutation(planCaseHold(current, hold, { now: now(), requestId, actor }));
        return json(200, { caseId, legalHold: next.legalHold ?? null, changed: true, version: next.version });
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt >= 5) throw error;
      }
    }
  }

  const estateId = event.pathParameters?.estateId ?? '';
  requirePermission(identity, 'case.legalHold', { estateId });
  if (!(await store.getEstate(estateId))) throw notFound;
  for (let attempt = 1; ; attempt += 1) {
    const existing = await records.estateHold(estateId);
    if ((existing !== undefined) === body.hold) return json(200, { estateId, legalHold: existing ?? null, changed: false });
    const head = await records.ledgerHead(estateId);
    const hold = { since: now(), by: identity.userId, reason: body.reason };
    const entry = sealLedgerEntry(
      { at: hold.since, actor, action: body.hold ? 'legal-hold.placed' : 'legal-hold.lifted', requestId, details: { reason: body.reason } },
      { estateId, previousSeq: head.seq, previousHash: head.hash },
    );
    try {
      await records.appendLedger(entry, head.lastAnchorDigest, [body.hold ? { put: { ...recordKeys.estateHold(estateId), type: 'estate-legal-hold', estateId, ...hold } } : { delete: recordKeys.estateHold(estateId) }]);
      return json(200, { estateId, legalHold: body.hold ? hold : null, changed: true, ledgerSeq: entry.seq });
    } catch (error) {
      if ((error as Error).name !== 'TransactionCanceledException' || attempt >= 5) throw error;
    }
  }
});
