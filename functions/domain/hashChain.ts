/**
 * What every ledger chain of the platform shares (the estate ledgers, the admin ledger): an entry is
 * sealed by numbering it after the head, linking it to the head's hash and hashing it; a chain verifies
 * from its first entry, and the first break is reported where it is. Each ledger keeps its own hash
 * function (what it covers is part of its format, so existing hashes stay as they are).
 */
import { GENESIS_HASH } from './auditTrail';

export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
}

export type ChainProblem = { seq: number; problem: 'hash-mismatch' | 'broken-link' | 'out-of-order' };

/** The entry after `head` (seq 0 and the genesis hash for an empty chain), numbered, linked and hashed. */
export function sealAfter<Draft extends object, Entry extends Draft & ChainLink>(
  draft: Draft,
  head: { seq: number; hash: string },
  hashOf: (unsealed: Omit<Entry, 'hash'>) => string,
): Entry {
  const unsealed = { ...draft, seq: head.seq + 1, prevHash: head.hash } as unknown as Omit<Entry, 'hash'>;
  return { ...unsealed, hash: hashOf(unsealed) } as Entry;
}

/** Checks a whole chain in order: numbering from 1, each link to the previous hash, each hash over its entry. */
export function verifyChain<Entry extends ChainLink>(entries: readonly Entry[], hashOf: (unsealed: Omit<Entry, 'hash'>) => string): ChainProblem | undefined {
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) return { seq: entry.seq, problem: 'out-of-order' };
    if (entry.prevHash !== previousHash) return { seq: entry.seq, problem: 'broken-link' };
    const { hash, ...rest } = entry;
    if (hashOf(rest) !== hash) return { seq: entry.seq, problem: 'hash-mismatch' };
    previousHash = hash;
    expectedSeq += 1;
  }
  return undefined;
}
