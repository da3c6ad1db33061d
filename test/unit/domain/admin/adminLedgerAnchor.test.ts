/** The admin ledger's published anchors (functions/domain/admin/adminLedgerAnchor.ts): anchoring once per head, and verification against them. */
import { describe, expect, it } from 'vitest';
import { type AdminLedgerEntry, sealAdminEntry } from '../../../../functions/domain/admin/adminLedger';
import { adminAnchorOf, anchorAdminLedger, type AdminAnchoringPorts, verifyAgainstAnchors, verifyCopyAgainstAnchors } from '../../../../functions/domain/admin/adminLedgerAnchor';
import { GENESIS_HASH } from '../../../../functions/domain/auditTrail';

function chain(length: number): AdminLedgerEntry[] {
  const entries: AdminLedgerEntry[] = [];
  let head = { seq: 0, hash: GENESIS_HASH };
  for (let i = 0; i < length; i += 1) {
    const entry = sealAdminEntry({ at: `2026-12-0${i + 1}T09:00:00.000Z`, actor: { type: 'staff', id: 'admin', role: 'admin' }, action: 'settings.changed', requestId: `r${i}`, changes: [{ subject: 'settings', fields: [{ field: 'followUpAfterDays', before: i, after: i + 1 }] }] }, head);
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  }
  return entries;
}

function memoryPorts(entries: AdminLedgerEntry[]) {
  const bucket = new Map<string, unknown>();
  const anchored: number[] = [];
  const ports: AdminAnchoringPorts = {
    ledgerHead: async () => (entries.length ? { seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash } : { seq: 0, hash: GENESIS_HASH }),
    anchoredSeqs: async () => [...anchored],
    publishCreateOnly: async (key, anchor) => {
      if (bucket.has(key)) return { written: false, existing: bucket.get(key) };
      bucket.set(key, anchor);
      return { written: true };
    },
    recordAnchored: async (seq) => void anchored.push(seq),
  };
  return { ports, bucket, anchored };
}

describe('anchoring the admin ledger', () => {
  it('publishes the head once per change, and nothing for an empty ledger', async () => {
    const entries: AdminLedgerEntry[] = [];
    const { ports, bucket, anchored } = memoryPorts(entries);
    expect(await anchorAdminLedger(ports, '2026-12-01T18:30:00.000Z')).toBe('empty');
    entries.push(...chain(2));
    expect(await anchorAdminLedger(ports, '2026-12-02T18:30:00.000Z')).toBe('anchored');
    expect(await anchorAdminLedger(ports, '2026-12-03T18:30:00.000Z')).toBe('unchanged');
    expect(anchored).toEqual([2]);
    expect([...bucket.values()]).toEqual([{ kind: 'admin-ledger-anchor', formatVersion: 1, date: '2026-12-02', anchoredAt: '2026-12-02T18:30:00.000Z', seq: 2, hash: entries[1]!.hash }]);
  });

  it('takes a copy an earlier run published, and refuses to overwrite a different one', async () => {
    const entries = chain(1);
    const first = memoryPorts(entries);
    first.bucket.set('anchors/admin-ledger/000000001.json', adminAnchorOf(entries[0]!, '2026-12-01T18:30:00.000Z'));
    expect(await anchorAdminLedger(first.ports, '2026-12-02T18:30:00.000Z')).toBe('anchored');
    const second = memoryPorts(entries);
    second.bucket.set('anchors/admin-ledger/000000001.json', { ...adminAnchorOf(entries[0]!, '2026-12-01T18:30:00.000Z'), hash: 'f'.repeat(64) });
    await expect(anchorAdminLedger(second.ports, '2026-12-02T18:30:00.000Z')).rejects.toThrow(/different admin-ledger anchor/);
    expect(second.anchored).toEqual([]);
  });
});

describe('verifying the admin ledger against its anchors', () => {
  const entries = chain(3);
  const published = (seq: number, hash = entries[seq - 1]!.hash) => ({ seq, content: { ...adminAnchorOf({ seq, hash }, `2026-12-0${seq}T18:30:00.000Z`) } });

  it('agrees when every published head is the entry at its seq', () => {
    expect(verifyAgainstAnchors(entries, [published(3), published(1)])).toEqual({ valid: true, anchors: 2, latest: { seq: 3, date: '2026-12-03' } });
    expect(verifyAgainstAnchors(entries, [])).toEqual({ valid: true, anchors: 0 });
  });

  it('reports a re-sealed entry, a ledger cut short, a missing and a malformed anchor at the first seq', () => {
    expect(verifyAgainstAnchors(entries, [published(1), published(2, 'a'.repeat(64))])).toEqual({ valid: false, anchors: 2, seq: 2, problem: 'anchor-mismatch' });
    expect(verifyAgainstAnchors(entries.slice(0, 2), [published(3)])).toMatchObject({ valid: false, seq: 3, problem: 'anchor-beyond-ledger' });
    expect(verifyAgainstAnchors(entries, [{ seq: 2, content: undefined }])).toMatchObject({ valid: false, seq: 2, problem: 'anchor-missing' });
    expect(verifyAgainstAnchors(entries, [{ seq: 2, content: { ...published(2).content, extra: 1 } }])).toMatchObject({ valid: false, seq: 2, problem: 'anchor-malformed' });
  });
});

describe('a saved copy against the anchors listed in the bucket (verify-admin)', () => {
  // The true ledger of 6 entries, anchored after entries 2, 4 and 6.
  const truth = chain(6);
  const published = [2, 4, 6].map((seq) => ({ seq, content: adminAnchorOf(truth[seq - 1]!, `2026-12-0${seq}T18:30:00.000Z`) }));
  /** Entry `from` changed, and every entry from there re-sealed: a valid chain that is not the one anchored. */
  function resealedFrom(from: number): AdminLedgerEntry[] {
    const copy = truth.slice(0, from - 1);
    for (const original of truth.slice(from - 1)) {
      const { seq: _seq, prevHash: _prev, hash: _hash, ...draft } = original;
      const changed = original.seq === from ? { ...draft, actor: { type: 'staff' as const, id: 'someone-else', role: 'admin' as const } } : draft;
      copy.push(sealAdminEntry(changed, copy.at(-1) ?? { seq: 0, hash: GENESIS_HASH }));
    }
    return copy;
  }

  it('agrees with every anchor of an untouched copy', () => {
    expect(verifyCopyAgainstAnchors(truth, published, '2026-12-07T00:00:00.000Z')).toEqual({ anchors: 3, compared: 3, later: 0, agreedThrough: { seq: 6, date: '2026-12-06' } });
  });

  it('names the first entry that disagrees with an anchor, and the entries the change lies in', () => {
    const result = verifyCopyAgainstAnchors(resealedFrom(3), published, '2026-12-07T00:00:00.000Z');
    expect(result).toMatchObject({ compared: 2, agreedThrough: { seq: 2 }, disagreement: { seq: 4, from: 3, problem: 'anchor-mismatch' } });
    expect(result.disagreement!.detail).toContain('entries 3..4');
    // Re-sealed from the first entry: nothing agrees, the change is in 1..2.
    expect(verifyCopyAgainstAnchors(resealedFrom(1), published).disagreement).toMatchObject({ seq: 2, from: 1, problem: 'anchor-mismatch' });
    // Changed after the last anchor: no published head covers it (the chain and the API check the rest).
    expect(verifyCopyAgainstAnchors(resealedFrom(6).slice(0, 6), published.slice(0, 2)).disagreement).toBeUndefined();
  });

  it('accepts anchors published after the copy was saved, and refuses a copy cut short of an anchor published before', () => {
    const older = truth.slice(0, 4);
    expect(verifyCopyAgainstAnchors(older, published, '2026-12-05T00:00:00.000Z')).toMatchObject({ compared: 2, later: 1, agreedThrough: { seq: 4 } });
    expect(verifyCopyAgainstAnchors(older, published, '2026-12-07T00:00:00.000Z').disagreement).toMatchObject({ seq: 6, from: 5, problem: 'anchor-beyond-copy' });
    expect(verifyCopyAgainstAnchors(older, published).disagreement).toMatchObject({ seq: 6, problem: 'anchor-beyond-copy' });
  });

  it('refuses an anchor that is not one, or names another seq than its key', () => {
    expect(verifyCopyAgainstAnchors(truth, [{ seq: 2, content: 'not json' }]).disagreement).toMatchObject({ seq: 2, problem: 'anchor-malformed' });
    expect(verifyCopyAgainstAnchors(truth, [{ seq: 2, content: published[1]!.content }]).disagreement).toMatchObject({ seq: 2, problem: 'anchor-malformed' });
  });
});
