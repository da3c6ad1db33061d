/** The daily anchor of an estate (functions/domain/estateAnchoring.ts) against in-memory ports. */
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../functions/domain/auditTrail';
import { anchorEstate, type AnchoringPorts, type EstateCaseHead, HEADS_PER_CHUNK } from '../../../functions/domain/estateAnchoring';
import { headsDigest, type LedgerEntry, verifyLedger } from '../../../functions/domain/estateLedger';

const headsOf = (count: number): EstateCaseHead[] =>
  Array.from({ length: count }, (_, i) => ({ caseId: `01J${String(i).padStart(23, '0')}`, seq: 1 + (i % 7), hash: String(i % 10).repeat(64), receivedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() }));

function memoryLedger(heads: EstateCaseHead[], options: { conflicts?: number } = {}) {
  const ledger: LedgerEntry[] = [];
  const chunks: { anchorSeq: number; chunk: number; size: number; firstPosition: number }[] = [];
  let lastAnchorDigest: string | undefined;
  let conflicts = options.conflicts ?? 0;
  const ports: AnchoringPorts = {
    ledgerHead: async () => ({ seq: ledger.at(-1)?.seq ?? 0, hash: ledger.at(-1)?.hash ?? GENESIS_HASH, ...(lastAnchorDigest ? { lastAnchorDigest } : {}) }),
    caseHeads: async function* () {
      yield* heads;
    },
    putAnchorHeads: async (_estateId, anchorSeq, chunk, chunkHeads, firstPosition) => void chunks.push({ anchorSeq, chunk, size: chunkHeads.length, firstPosition }),
    appendAnchor: async (entry, digest) => {
      if (conflicts > 0) {
        conflicts -= 1;
        return 'conflict';
      }
      ledger.push(entry);
      lastAnchorDigest = digest;
      return 'appended';
    },
  };
  return { ports, ledger, chunks };
}

const context = { now: '2026-03-01T18:30:00.000Z', requestId: 'run-1' };

describe('anchorEstate', () => {
  it('records every head in chunks, with their positions, as a sealed anchor entry over the heads digest', async () => {
    const heads = headsOf(2 * HEADS_PER_CHUNK + 5);
    const { ports, ledger, chunks } = memoryLedger(heads);

    expect(await anchorEstate(ports, 'EST01', context)).toBe('anchored');

    expect(chunks).toEqual([
      { anchorSeq: 1, chunk: 0, size: HEADS_PER_CHUNK, firstPosition: 1 },
      { anchorSeq: 1, chunk: 1, size: HEADS_PER_CHUNK, firstPosition: HEADS_PER_CHUNK + 1 },
      { anchorSeq: 1, chunk: 2, size: 5, firstPosition: 2 * HEADS_PER_CHUNK + 1 },
    ]);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ seq: 1, action: 'anchor', at: context.now, requestId: 'run-1', details: { headsDigest: headsDigest(heads), caseCount: heads.length, chunkCount: 3 } });
    expect(verifyLedger(ledger)).toBeUndefined();
  });

  it('skips an estate whose heads did not change since its last anchor', async () => {
    const { ports, ledger } = memoryLedger(headsOf(3));
    await anchorEstate(ports, 'EST01', context);
    expect(await anchorEstate(ports, 'EST01', { ...context, now: '2026-03-02T18:30:00.000Z' })).toBe('unchanged');
    expect(ledger).toHaveLength(1);
  });

  it('anchors again on the new head when another entry got there first, and gives up after three attempts', async () => {
    const once = memoryLedger(headsOf(3), { conflicts: 2 });
    expect(await anchorEstate(once.ports, 'EST01', context)).toBe('anchored');

    const always = memoryLedger(headsOf(3), { conflicts: 3 });
    await expect(anchorEstate(always.ports, 'EST01', context)).rejects.toThrow(/kept moving/);
    expect(always.ledger).toEqual([]);
  });

  it('anchors an estate without cases as an empty anchor', async () => {
    const { ports, ledger, chunks } = memoryLedger([]);
    expect(await anchorEstate(ports, 'EST01', context)).toBe('anchored');
    expect(chunks).toEqual([]);
    expect(ledger[0]!.details).toMatchObject({ caseCount: 0, chunkCount: 0 });
  });
});
