/**
 * `GET /api/v1/audit/mail-desk-ledger` (served by the verifyAudit function: the stack is near CloudFormation's
 * 500-resource limit, and a function of its own costs four) — compliance exports the mail-desk ledger (every inbound message set aside
 * and what staff decided: who, when, what, before → after; ids and object keys, no sender addresses) with its
 * verification from the first entry (docs/EMAIL_INTAKE.md, "The mail desk"). One chain runs through every desk, so
 * it is exported whole, to compliance (`audit.export`, group-wide). `npm run audit -- verify-mail-desk <file>` checks
 * a saved copy the same way.
 */
import { verifyMailDesk } from '../domain/inboundMail/mailDesk';
import { requirePermission, requireStaff } from '../platform/auth';
import { getDocumentClient } from '../platform/clients';
import { platformNow } from '../platform/clock';
import { readConfig } from '../platform/config';
import { type HttpEvent, json } from '../platform/http';
import { DynamoMailDesk } from '../store/mailDeskStore';

export async function exportMailDeskLedger(event: HttpEvent) {
  const identity = requireStaff(event);
  requirePermission(identity, 'audit.export');
  const entries = await new DynamoMailDesk(getDocumentClient(), readConfig().tableName).ledger();
  const problem = verifyMailDesk(entries);
  return json(
    200,
    { kind: 'mail-desk-ledger', exportedAt: platformNow().toISOString(), exportedBy: identity.userId, count: entries.length, head: entries.at(-1)?.hash ?? null, verification: problem ? { valid: false, ...problem } : { valid: true }, entries },
    { 'cache-control': 'no-store' },
  );
}
