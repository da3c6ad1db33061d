/**
 * The daily anchor of an estate (docs/AUDIT.md, "Anchors"): the heads of all
 * its case chains, in the estate index's order, recorded as an `anchor` entry
 * of the estate ledger (a digest over the heads, the heads stored in chunks
 * beside it), hash-chained to the previous entry. An estate whose heads did not
 * change since its last anchor is skipped. Plain domain code: the store comes
 * through ports, time as an argument.
 */
import { type ChainHead, HeadsDigest, type LedgerEntry, sealLedgerEntry } from './estateLedger';

/** Heads per stored chunk: about 100 bytes each, so a chunk stays far below DynamoDB's 400 KB item limit. */
export const HEADS_PER_CHUNK = 1000;
/** Appends that lost to another ledger entry (a legal hold, a concurrent run) before giving up. */
const MAX_ATTEMPTS = 3;

/** A case's chain head with its receipt time: the estate index orders heads by (receivedAt, caseId). */
export interface EstateCaseHead extends ChainHead {
  receivedAt: string;
}

export interface AnchoringPorts {
  ledgerHead(estateId: string): Promise<{ seq: number; hash: string; lastAnchorDigest?: string }>;
  /** Every case's head, in the estate index's order. */
  caseHeads(estateId: string): AsyncIterable<EstateCaseHead>;
  /** Stores one chunk of an anchor's heads; `firstPosition` is the 1-based position of its first head in the anchor. */
  putAnchorHeads(estateId: string, anchorSeq: number, chunk: number, heads: readonly EstateCaseHead[], firstPosition: number): Promise<void>;
  /** Appends the anchor entry (and marks it for publication) unless another entry took its seq first: then `conflict`. */
  appendAnchor(entry: LedgerEntry, headsDigest: string): Promise<'appended' | 'conflict'>;
}

export async function anchorEstate(ports: AnchoringPorts, estateId: string, context: { now: string; requestId: string }): Promise<'anchored' | 'unchanged'> {
  for (let attempt = 1; ; attempt += 1) {
    const head = await ports.ledgerHead(estateId);
    // An estate's heads fit in memory (about 100 bytes a case); they are written only if something changed.
    const heads: EstateCaseHead[] = [];
    const digest = new HeadsDigest();
    for await (const caseHead of ports.caseHeads(estateId)) {
      heads.push(caseHead);
      digest.add(caseHead);
    }
    const headsDigest = digest.digest();
    if (headsDigest === head.lastAnchorDigest) return 'unchanged';
    const anchorSeq = head.seq + 1;
    const chunkCount = Math.ceil(heads.length / HEADS_PER_CHUNK);
    for (let chunk = 0; chunk < chunkCount; chunk += 1) {
      await ports.putAnchorHeads(estateId, anchorSeq, chunk, heads.slice(chunk * HEADS_PER_CHUNK, (chunk + 1) * HEADS_PER_CHUNK), chunk * HEADS_PER_CHUNK + 1);
    }
    const entry = sealLedgerEntry(
      { at: context.now, actor: { type: 'system', id: 'anchorEstateChains' }, action: 'anchor', requestId: context.requestId, details: { headsDigest, caseCount: heads.length, chunkCount } },
      { estateId, previousSeq: head.seq, previousHash: head.hash },
    );
    if ((await ports.appendAnchor(entry, headsDigest)) === 'appended') return 'anchored';
    if (attempt >= MAX_ATTEMPTS) throw new Error(`estate ${estateId}: the ledger kept moving while anchoring (${attempt} attempts)`);
  }
}
