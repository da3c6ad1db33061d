/**
 * `GET /api/v1/admin/ledger` — compliance exports the admin ledger (every administrative change: who,
 * when, what, before → after) with its verification: the chain is checked from the first entry and the
 * first break, if any, is reported (docs/AUDIT.md, "Admin ledger"), and compared with the ledger heads
 * published daily to the anchors bucket (`anchors`). Administrators read it too (policy: `adminLedger.read`). `npm run audit -- verify-admin <file>`
 * checks a saved copy the same way.
 */
import { verifyAdminLedger } from '../domain/admin/adminLedger';
import { verifyAgainstAnchors } from '../domain/admin/adminLedgerAnchor';
import { publishedAdminAnchors } from '../platform/anchorPublication';
import { getAdminStore } from '../platform/administration';
import { requirePermission, requireStaff } from '../platform/auth';
import { httpEndpoint, json } from '../platform/http';
import { platformNow } from '../platform/clock';

export const handler = httpEndpoint('adminLedger', async (event) => {
  const identity = requireStaff(event);
  requirePermission(identity, 'adminLedger.read');
  const store = getAdminStore();
  const [entries, anchoredSeqs] = await Promise.all([store.ledger(), store.anchoredSeqs()]);
  const problem = verifyAdminLedger(entries);
  // Also against the heads published outside the table: a chain re-sealed in the table no longer matches them.
  const anchors = verifyAgainstAnchors(entries, await publishedAdminAnchors(anchoredSeqs));
  return json(200, { kind: 'admin-ledger', exportedAt: platformNow().toISOString(), exportedBy: identity.userId, count: entries.length, head: entries.at(-1)?.hash ?? null, verification: problem ? { valid: false, ...problem } : { valid: true }, anchors, entries });
});
