/**
 * `GET /api/v1/audit/verify?estateId&from&to` — verifies the live store for
 * compliance: the chains of every case of the estate with events in the
 * period, the estate ledger and its latest anchor, and the period's anchors against
 * their copies published outside the table (functions/domain/auditVerification.ts), and
 * the mail-desk ledger (one chain for every desk; docs/EMAIL_INTAKE.md). The same function serves
 * `GET /api/v1/audit/mail-desk-ledger` (./mailDeskLedger.ts).
 * Stops before the API's time limit with `complete: false`; call again for the rest
 * (e.g. a shorter period).
 */
import * as z from 'zod/mini';
import { verifyEstate } from '../domain/auditVerification';
import { estateIdSchema } from '../domain/estateIdSchema';
import { publishedAnchors } from '../platform/anchorPublication';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { readConfig } from '../platform/config';
import { HttpError, httpEndpoint, json, validate } from '../platform/http';
import { DynamoMailDesk } from '../store/mailDeskStore';
import { exportMailDeskLedger } from './mailDeskLedger';
import { RecordsStore } from '../store/recordsStore';
import { period, periodQuery } from './auditTime';
import { platformNow } from '../platform/clock';

const querySchema = z.strictObject({ ...periodQuery, estateId: estateIdSchema });

export const handler = httpEndpoint('verifyAudit', async (event, context) => {
  if (event.routeKey === 'GET /api/v1/audit/mail-desk-ledger') return exportMailDeskLedger(event);
  const identity = requireStaff(event);
  const query = validate(querySchema, event.queryStringParameters ?? {}, 'query');
  requirePermission(identity, 'audit.verify', { estateId: query.estateId });
  const { from, to } = period(query);
  const store = getCaseStore();
  if (!(await store.getEstate(query.estateId))) throw new HttpError(404, 'not_found', 'not found');
  const records = new RecordsStore(getDocumentClient(), readConfig().tableName);
  const result = await verifyEstate(
    query.estateId,
    from,
    to,
    {
      estateEvents: (estateId, f, t) => records.estateEvents(estateId, f, t),
      getCase: (caseId) => store.getCase(caseId),
      listEvents: (caseId) => store.listEvents(caseId),
      ledger: (estateId) => records.ledger(estateId),
      anchorHeads: (estateId, seq, chunks) => records.anchorHeads(estateId, seq, chunks),
      publishedAnchors,
      mailDeskLedger: () => new DynamoMailDesk(getDocumentClient(), readConfig().tableName).ledger(),
    },
    // Stops with 4 s left for the answer, like the listings' time budget.
    { outOfTime: () => context.getRemainingTimeInMillis() < 4000 },
  );
  return json(200, { ...result, verifiedAt: platformNow().toISOString(), verifiedBy: { userId: identity.userId, role: identity.role } });
});
