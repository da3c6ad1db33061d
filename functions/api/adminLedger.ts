/**
 * `GET /api/v1/admin/ledger` — compliance exports the admin ledger (every administrative change: who,
 * when, what, before → after) with its verification: the chain is checked from the first entry and the
 * first break, if any, is reported (docs/AUDIT.md, "Admin ledger"). `npm run audit -- verify-admin <file>`
 * checks a saved copy the same way.
 */
import { verifyAdminLedger } from '../domain/admin/adminLedger';
import { getAdminStore } from '../platform/administration';
import { requirePermission, requireStaff } from '../platform/auth';
import { httpEndpoint, json } from '../platform/http';
import { platformNow } from '../platform/clock';

export const handler = httpEndpoint('adminLedger', async (event) => {
  const identity = requireStaff(event);
  requirePermission(identity, 'audit.export');
  const entries = await getAdminStore().ledger();
  const problem = verifyAdminLedger(entries);
  return json(200, { kind: 'admin-ledger', exportedAt: platformNow().toISOString(), exportedBy: identity.userId, count: entries.length, head: entries.at(-1)?.hash ?? null, verification: problem ? { valid: false, ...problem } : { valid: true }, entries });
});
