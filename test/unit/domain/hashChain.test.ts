/**
 * The ledgers' shared chain (functions/domain/hashChain.ts): the admin ledger and the estate ledgers
 * seal and verify through it; their hashes are the ones they had before it was shared (pinned below),
 * and a saved admin ledger is verified with its count and head (`npm run audit -- verify-admin`).
 */
import { describe, expect, it } from 'vitest';
import { type AdminLedgerDraft, type AdminLedgerEntry, sealAdminEntry, verifyAdminLedger } from '../../../functions/domain/admin/adminLedger';
import { GENESIS_HASH } from '../../../functions/domain/auditTrail';
import { sealLedgerEntry, verifyLedger } from '../../../functions/domain/estateLedger';
import { verifyAdminLedgerDocument } from '../../../scripts/audit/verifyAdminLedgerFile';

const admin = { type: 'staff', id: 'admin', role: 'admin' } as const;
const drafts: AdminLedgerDraft[] = [
  { at: '2026-12-01T00:00:00.000Z', actor: admin, action: 'settings.changed', requestId: 'r1', changes: [{ subject: 'settings', fields: [{ field: 'hqEmail', before: 'a@x.example', after: 'b@x.example' }] }] },
  { at: '2026-12-01T00:01:00.000Z', actor: admin, action: 'estate.deactivated', requestId: 'r2', changes: [{ subject: 'estate:HV01', fields: [{ field: 'active', before: null, after: false }] }] },
  { at: '2026-12-01T00:02:00.000Z', actor: admin, action: 'staff.disabled', requestId: 'r3', changes: [{ subject: 'staff:eng.hv01', fields: [{ field: 'enabled', before: true, after: false }] }] },
];

function chain(): AdminLedgerEntry[] {
  const entries: AdminLedgerEntry[] = [];
  for (const draft of drafts) entries.push(sealAdminEntry(draft, entries.at(-1) ?? { seq: 0, hash: GENESIS_HASH }));
  return entries;
}

describe('the admin ledger on the shared chain', () => {
  it('seals entries numbered from 1, linked, with the hashes the ledger had before the chain was shared', () => {
    const [first, second] = chain();
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, hash: '864258de2ef2b26187e844bf16a2ef1fb5072448a89dda30e1ea7c2d2c2f194a' });
    expect(second).toMatchObject({ seq: 2, prevHash: first!.hash, hash: '0c7bd0ddb37e14f028c5a1e629261be7e34f48a24fb99024338b7229dcbbca15' });
    expect(verifyAdminLedger(chain())).toBeUndefined();
  });

  it('reports a changed entry, a removed one and a reordering where the chain breaks', () => {
    const changed = chain();
    changed[1] = { ...changed[1]!, changes: [{ subject: 'estate:HV01', fields: [{ field: 'active', before: null, after: true }] }] };
    expect(verifyAdminLedger(changed)).toEqual({ seq: 2, problem: 'hash-mismatch' });
    const removed = chain().filter((e) => e.seq !== 2);
    expect(verifyAdminLedger(removed)).toEqual({ seq: 3, problem: 'out-of-order' });
    const renumbered = removed.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyAdminLedger(renumbered)).toEqual({ seq: 2, problem: 'broken-link' });
  });

  it('the estate ledger keeps its hashes too', () => {
    const entry = sealLedgerEntry({ at: '2026-12-01T00:00:00.000Z', actor: { type: 'system', id: 'anchor' }, action: 'anchor', requestId: 'r3', details: { digest: 'abc' } }, { estateId: 'EST01', previousSeq: 0, previousHash: GENESIS_HASH });
    expect(entry).toMatchObject({ estateId: 'EST01', seq: 1, prevHash: GENESIS_HASH, hash: 'db772534967aa132fb4aa419a59865c5f890f38b6fc988bf3f17f679645e6f5d' });
    expect(verifyLedger([entry])).toBeUndefined();
    expect(verifyLedger([{ ...entry, details: { digest: 'abd' } }])).toEqual({ seq: 1, problem: 'hash-mismatch' });
  });
});

describe('a saved admin ledger (npm run audit -- verify-admin)', () => {
  const saved = (entries: AdminLedgerEntry[], overrides: Record<string, unknown> = {}) =>
    JSON.stringify({ kind: 'admin-ledger', exportedAt: '2026-12-02T00:00:00.000Z', exportedBy: 'compliance.hq', count: entries.length, head: entries.at(-1)?.hash ?? null, verification: { valid: true }, entries, ...overrides });

  it('verifies a whole export', () => {
    expect(verifyAdminLedgerDocument(saved(chain()))).toMatchObject({ count: 3, exportedBy: 'compliance.hq', problems: [] });
  });

  it('refuses a copy cut short (its count and head no longer match), a tampered entry, and what is not a ledger', () => {
    const whole = chain();
    expect(verifyAdminLedgerDocument(saved(whole.slice(0, 2), { count: 3, head: whole[2]!.hash })).problems.map((p) => p.kind)).toEqual(['count-mismatch', 'head-mismatch']);
    const tampered = chain();
    tampered[0] = { ...tampered[0]!, actor: { type: 'staff', id: 'someone-else', role: 'admin' } };
    expect(verifyAdminLedgerDocument(saved(tampered)).problems).toEqual([{ kind: 'hash-mismatch', seq: 1, detail: 'the chain breaks at seq 1' }]);
    expect(verifyAdminLedgerDocument('{"kind":"audit-export"}').problems[0]!.kind).toBe('unreadable');
    expect(verifyAdminLedgerDocument('not json').problems[0]!.kind).toBe('unreadable');
  });
});
