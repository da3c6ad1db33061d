/**
 * The evidence pack's domain (functions/domain/evidencePack.ts): the bounded anchor lookup (one anchor read,
 * whatever the history), the deadline calendar, and the verdict (the ledger verified once).
 */
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../functions/domain/auditTrail';
import { type ChainHead, type LedgerDraft, type LedgerEntry, type PublishedAnchorReader, publishedAnchorKey, publishedAnchorOf, sealLedgerEntry } from '../../../functions/domain/estateLedger';
import { anchorProofFor, type AnchorProofPorts, deadlineCalculation, evidencePack, evidenceVerdict, newestAnchorCovering } from '../../../functions/domain/evidencePack';
import { aStoredCase } from '../../support/caseFixtures';

function ledgerOf(drafts: LedgerDraft[]): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  for (const draft of drafts) {
    const previous = entries.at(-1);
    entries.push(sealLedgerEntry(draft, { estateId: 'EST01', previousSeq: previous?.seq ?? 0, previousHash: previous?.hash ?? GENESIS_HASH }));
  }
  return entries;
}
const anchorAt = (at: string): LedgerDraft => ({ at, actor: { type: 'system', id: 'anchorEstateChains' }, action: 'anchor', requestId: `anchor-${at}`, details: { headsDigest: 'd'.repeat(64), caseCount: 5000, chunkCount: 5 } });
const holdAt = (at: string): LedgerDraft => ({ at, actor: { type: 'staff', id: 'admin', role: 'admin' }, action: 'legal-hold.placed', requestId: 'hold', details: { reason: 'dispute' } });

/** Ten years of daily anchors (3,650) with a legal hold after the last one. */
function longHistory(): LedgerEntry[] {
  const drafts: LedgerDraft[] = [];
  const start = Date.parse('2016-03-01T18:30:00.000Z');
  for (let day = 0; day < 3650; day += 1) drafts.push(anchorAt(new Date(start + day * 86_400_000).toISOString()));
  drafts.push(holdAt('2026-02-27T01:00:00.000Z'));
  return ledgerOf(drafts);
}

function bucketOf(entries: LedgerEntry[]): PublishedAnchorReader & { reads: number } {
  const copies = new Map(entries.filter((e) => e.action === 'anchor').map((e) => [publishedAnchorKey(e.estateId, e.seq), JSON.parse(JSON.stringify(publishedAnchorOf(e))) as unknown]));
  const bucket = {
    reads: 0,
    readPublishedAnchor: async (estateId: string, seq: number) => {
      bucket.reads += 1;
      const key = publishedAnchorKey(estateId, seq);
      return copies.has(key) ? { found: true as const, content: copies.get(key) } : { found: false as const };
    },
  };
  return bucket;
}

/** A store port that records which anchors were asked about and answers with `head` for `caseId`. */
function anchoredHeads(answer: (anchor: LedgerEntry) => { head: ChainHead; position: number } | undefined) {
  const asked: number[] = [];
  const port: AnchorProofPorts['anchoredHead'] = async (anchor) => {
    asked.push(anchor.seq);
    return answer(anchor);
  };
  return { asked, port };
}

describe('newestAnchorCovering', () => {
  const ledger = ledgerOf([anchorAt('2026-01-10T18:30:00.000Z'), anchorAt('2026-02-10T18:30:00.000Z'), holdAt('2026-02-20T00:00:00.000Z')]);

  it('is the newest anchor when it was sealed after the case was received, skipping later non-anchor entries', () => {
    expect(newestAnchorCovering(ledger, { receivedAt: '2026-01-01T00:00:00.000Z' })?.seq).toBe(2);
  });

  it('is none for a case received after the newest anchor, or with no anchor at all', () => {
    expect(newestAnchorCovering(ledger, { receivedAt: '2026-02-11T00:00:00.000Z' })).toBeUndefined();
    expect(newestAnchorCovering([], { receivedAt: '2026-01-01T00:00:00.000Z' })).toBeUndefined();
  });
});

describe('anchorProofFor on a long history', () => {
  const ledger = longHistory();

  it('asks the store about one anchor (the newest) and reads one published copy, for a case anchored ten years ago', async () => {
    const { complaintCase, firstEvent } = aStoredCase({ receivedAt: '2016-03-01T01:00:00.000Z' });
    const newest = ledger.at(-2)!;
    const heads = anchoredHeads((anchor) => (anchor.seq === newest.seq ? { head: { caseId: complaintCase.caseId, seq: 1, hash: firstEvent.hash }, position: 4321 } : undefined));
    const bucket = bucketOf(ledger);

    const proof = await anchorProofFor(complaintCase, [firstEvent], ledger, { anchoredHead: heads.port, publishedAnchors: bucket });

    expect(heads.asked).toEqual([newest.seq]);
    expect(bucket.reads).toBe(1);
    expect(proof).toMatchObject({ ledgerSeq: newest.seq, positionInAnchor: 4321, headStillInChain: true, published: { status: 'matches' } });
    expect(proof!.ledgerFromAnchor.map((l) => l.seq)).toEqual([newest.seq, newest.seq + 1]);
  });

  it('reads no anchor at all for a case received since the last anchor', async () => {
    const { complaintCase, firstEvent } = aStoredCase({ receivedAt: '2026-02-28T01:00:00.000Z' });
    const heads = anchoredHeads(() => undefined);
    const bucket = bucketOf(ledger);

    expect(await anchorProofFor(complaintCase, [firstEvent], ledger, { anchoredHead: heads.port, publishedAnchors: bucket })).toBeNull();
    expect(heads.asked).toEqual([]);
    expect(bucket.reads).toBe(0);
  });

  it('stops at the newest covering anchor when it did not record the case (no older anchor can have)', async () => {
    const { complaintCase, firstEvent } = aStoredCase({ receivedAt: '2020-01-01T00:00:00.000Z' });
    const heads = anchoredHeads(() => undefined);

    expect(await anchorProofFor(complaintCase, [firstEvent], ledger, { anchoredHead: heads.port, publishedAnchors: bucketOf(ledger) })).toBeNull();
    expect(heads.asked).toHaveLength(1);
  });

  it('reports an anchored head that is no longer in the chain, and a missing published copy', async () => {
    const { complaintCase, firstEvent } = aStoredCase({ receivedAt: '2026-01-01T00:00:00.000Z' });
    const heads = anchoredHeads(() => ({ head: { caseId: complaintCase.caseId, seq: 1, hash: 'f'.repeat(64) }, position: 1 }));

    const proof = await anchorProofFor(complaintCase, [firstEvent], ledger, { anchoredHead: heads.port, publishedAnchors: bucketOf([]) });

    expect(proof).toMatchObject({ headStillInChain: false, published: { status: 'missing' } });
    expect(evidenceVerdict([], true, proof)).toBe(false);
  });
});

describe('evidenceVerdict', () => {
  const proof = { headStillInChain: true as const, published: { key: 'k', status: 'matches' as const } };
  it('holds only when the chain has no problem, the ledger is intact and the anchor proof holds', () => {
    expect(evidenceVerdict([], true, null)).toBe(true);
    expect(evidenceVerdict([], true, proof as never)).toBe(true);
    expect(evidenceVerdict([], false, null)).toBe(false);
    expect(evidenceVerdict([{ problem: 'hash-mismatch', detail: 'x' }], true, null)).toBe(false);
    expect(evidenceVerdict([], true, { ...proof, headStillInChain: 'purged' } as never)).toBe(true);
    expect(evidenceVerdict([], true, { ...proof, published: { key: 'k', status: 'differs', differences: ['ledgerHash'] } } as never)).toBe(false);
  });
});

describe('evidencePack', () => {
  it('reports a tampered ledger once, as not intact, and fails the verdict', () => {
    const ledger = ledgerOf([anchorAt('2026-01-10T18:30:00.000Z'), holdAt('2026-01-12T00:00:00.000Z')]);
    const tampered = [ledger[0]!, { ...ledger[1]!, details: { reason: 'rewritten' } }];
    const { complaintCase, firstEvent } = aStoredCase();
    const pack = evidencePack({ complaintCase, estate: undefined, events: [firstEvent], notifications: [], ledger: tampered, problems: [], anchorProof: null, generatedBy: { userId: 'u', role: 'compliance' }, now: '2026-03-03T00:00:00.000Z' });
    expect(pack.verification).toMatchObject({ ok: false, ledgerIntact: false });
    expect(pack.case).not.toHaveProperty('personalDataSalt');
    expect(pack.generatedAt).toBe('2026-03-03T00:00:00.000Z');
  });
});

describe('deadlineCalculation', () => {
  it("lists the weekends and Hong Kong public holidays between receipt and the deadline, in the estate's time zone", () => {
    // Received Friday 3 April 2026 10:00 in Hong Kong: Good Friday, the day after it (a Saturday holiday), Sunday
    // (Ching Ming), Easter Monday, and 7 April (the day after Ching Ming, which fell on a Sunday).
    const { complaintCase } = aStoredCase({ receivedAt: '2026-04-03T02:00:00.000Z' });
    const calculation = deadlineCalculation({ ...complaintCase, responseDueBy: '2026-04-08T15:59:59.999Z' }, { jurisdiction: 'HK', timeZone: 'Asia/Hong_Kong' });
    expect('nonWorkingDays' in calculation && calculation.nonWorkingDays).toEqual([
      { date: '2026-04-03', kind: 'public-holiday' },
      { date: '2026-04-04', kind: 'public-holiday' },
      { date: '2026-04-05', kind: 'weekend' },
      { date: '2026-04-06', kind: 'public-holiday' },
      { date: '2026-04-07', kind: 'public-holiday' },
    ]);
  });

  it('gives the recorded dates alone when the estate is unknown', () => {
    const { complaintCase } = aStoredCase();
    expect(deadlineCalculation(complaintCase, undefined)).not.toHaveProperty('nonWorkingDays');
  });
});
