import { describe, expect, it } from 'vitest';
import { verifyEstate, type VerificationPorts } from '../../../functions/domain/auditVerification';
import { GENESIS_HASH } from '../../../functions/domain/auditTrail';
import {
  type ChainHead,
  checkAnchorPublication,
  headsDigest,
  type LedgerDraft,
  type LedgerEntry,
  type PublishedAnchorReader,
  publishedAnchorDifferences,
  publishedAnchorKey,
  publishedAnchorOf,
  sealLedgerEntry,
} from '../../../functions/domain/estateLedger';

const heads: ChainHead[] = [];
function ledgerOf(drafts: LedgerDraft[]): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  for (const draft of drafts) {
    const previous = entries.at(-1);
    entries.push(sealLedgerEntry(draft, { estateId: 'EST01', previousSeq: previous?.seq ?? 0, previousHash: previous?.hash ?? GENESIS_HASH }));
  }
  return entries;
}
const anchorDraft = (at: string): LedgerDraft => ({ at, actor: { type: 'system', id: 'anchorEstateChains' }, action: 'anchor', requestId: `anchor-${at}`, details: { headsDigest: headsDigest(heads), caseCount: 0, chunkCount: 0 } });
const ledger = ledgerOf([
  anchorDraft('2026-01-10T18:30:00.000Z'),
  { at: '2026-01-15T08:00:00.000Z', actor: { type: 'staff', id: 'admin', role: 'admin' }, action: 'legal-hold.placed', requestId: 'r', details: { reason: 'x' } },
  anchorDraft('2026-02-10T18:30:00.000Z'),
  anchorDraft('2026-03-10T18:30:00.000Z'),
]);
const [january, , february, march] = ledger as [LedgerEntry, LedgerEntry, LedgerEntry, LedgerEntry];

/** Published copies by key, as the anchors bucket would hold them. */
function bucketWith(copies: Record<string, unknown>): PublishedAnchorReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readPublishedAnchor: async (estateId, seq) => {
      const key = publishedAnchorKey(estateId, seq);
      reads.push(key);
      return key in copies ? { found: true, content: copies[key] } : { found: false };
    },
  };
}
const published = (...entries: LedgerEntry[]) => Object.fromEntries(entries.map((e) => [publishedAnchorKey(e.estateId, e.seq), JSON.parse(JSON.stringify(publishedAnchorOf(e)))]));

describe('a published anchor', () => {
  it('holds the estate, the day, the ledger position and hash, and the heads digest', () => {
    expect(publishedAnchorOf(february)).toEqual({
      kind: 'estate-anchor',
      formatVersion: 1,
      estateId: 'EST01',
      date: '2026-02-10',
      anchoredAt: '2026-02-10T18:30:00.000Z',
      ledgerSeq: 3,
      ledgerHash: february.hash,
      ledgerPrevHash: ledger[1]!.hash,
      headsDigest: headsDigest([]),
      caseCount: 0,
    });
    expect(publishedAnchorKey('EST01', 3)).toBe('anchors/EST01/000000003.json');
    expect(() => publishedAnchorOf(ledger[1]!)).toThrow(/not an anchor/);
  });

  it('is compared field by field with the ledger entry', () => {
    const copy = publishedAnchorOf(february) as unknown as Record<string, unknown>;
    expect(publishedAnchorDifferences(february, copy)).toEqual([]);
    expect(publishedAnchorDifferences(february, { ...copy, headsDigest: 'f'.repeat(64), ledgerHash: 'e'.repeat(64) })).toEqual(['ledgerHash', 'headsDigest']);
    expect(publishedAnchorDifferences(february, { ...copy, note: 'added' })).toEqual(['note']);
    const { caseCount: _dropped, ...withoutCount } = copy;
    expect(publishedAnchorDifferences(february, withoutCount)).toEqual(['caseCount']);
    expect(publishedAnchorDifferences(february, 'not json')).toEqual(['(not an anchor object)']);
    expect(publishedAnchorDifferences(february, [copy])).toEqual(['(not an anchor object)']);
  });

  it('a rewritten ledger entry no longer matches its published copy', async () => {
    const rewritten = ledgerOf([anchorDraft('2026-01-10T18:30:00.000Z'), { ...ledger[1]!, details: { reason: 'changed' } } as LedgerDraft, anchorDraft('2026-02-10T18:30:00.000Z')])[2]!;
    expect(await checkAnchorPublication(rewritten, bucketWith(published(february)))).toEqual({ status: 'differs', differences: ['ledgerHash', 'ledgerPrevHash'] });
    expect(await checkAnchorPublication(february, bucketWith(published(february)))).toEqual({ status: 'matches' });
    expect(await checkAnchorPublication(february, bucketWith({}))).toEqual({ status: 'missing' });
  });
});

describe('live verification against the published anchors', () => {
  const ports = (reader?: PublishedAnchorReader): VerificationPorts => ({
    estateEvents: async function* () {},
    getCase: async () => undefined,
    listEvents: async () => [],
    ledger: async () => ledger,
    anchorHeads: async function* () {},
    ...(reader ? { publishedAnchors: reader } : {}),
  });

  it("checks the period's anchors and the latest before its end, and finds them all published", async () => {
    const bucket = bucketWith(published(january, february, march));
    const result = await verifyEstate('EST01', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', ports(bucket));
    expect(result).toMatchObject({ ok: true, publishedAnchors: { checked: 1, missing: 0, differing: 0 } });
    expect(bucket.reads).toEqual([publishedAnchorKey('EST01', 3)]);
    const wider = bucketWith(published(january, february, march));
    expect((await verifyEstate('EST01', '2026-01-01T00:00:00.000Z', '2026-12-31T00:00:00.000Z', ports(wider))).publishedAnchors).toEqual({ checked: 3, missing: 0, differing: 0 });
    // A period after the last anchor still checks that anchor, the one the cases are compared with.
    const later = bucketWith(published(march));
    expect((await verifyEstate('EST01', '2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z', ports(later))).publishedAnchors).toEqual({ checked: 1, missing: 0, differing: 0 });
  });

  it('reports a missing and a differing copy, at their ledger seq', async () => {
    const copies = published(january, march);
    copies[publishedAnchorKey('EST01', 4)] = { ...(copies[publishedAnchorKey('EST01', 4)] as object), caseCount: 7 };
    const result = await verifyEstate('EST01', '2026-01-01T00:00:00.000Z', '2026-12-31T00:00:00.000Z', ports(bucketWith(copies)));
    expect(result.ok).toBe(false);
    expect(result.publishedAnchors).toEqual({ checked: 3, missing: 1, differing: 1 });
    expect(result.problems).toEqual([
      expect.objectContaining({ ledgerSeq: 3, problem: 'anchor-not-published' }),
      expect.objectContaining({ ledgerSeq: 4, problem: 'anchor-publication-mismatch', detail: expect.stringContaining('caseCount') }),
    ]);
  });

  it('stops when its time budget runs out and says the answer is not complete', async () => {
    const bucket = bucketWith(published(january, february, march));
    const result = await verifyEstate('EST01', '2026-01-01T00:00:00.000Z', '2026-12-31T00:00:00.000Z', ports(bucket), { outOfTime: () => true });
    expect(result.complete).toBe(false);
    expect(bucket.reads).toEqual([]);
  });

  it('does not check publication without a reader', async () => {
    const result = await verifyEstate('EST01', '2026-01-01T00:00:00.000Z', '2026-12-31T00:00:00.000Z', ports());
    expect(result.publishedAnchors).toBeUndefined();
    expect(result.ok).toBe(true);
  });
});
