/**
 * The estate ledger: one short hash chain per estate, next to the per-case
 * chains, for what concerns the estate as a whole (docs/AUDIT.md):
 *
 * - `anchor`: every day, a digest over the heads (case id, seq, hash) of all
 *   the estate's case chains. A case chain rewritten after it was anchored no
 *   longer matches the anchor, even if it is internally consistent.
 * - `legal-hold.placed` / `legal-hold.lifted` on the whole estate;
 * - `retention.purged`: which cases a purge run removed;
 * - `audit.exported`: who exported which period, with the export's SHA-256 and count.
 *
 * Entries are hashed like audit events (canonical JSON, SHA-256) and each
 * covers the previous entry's hash.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Actor } from './auditTrail';
import { canonicalJson } from './canonicalJson';
import { type ChainProblem, sealAfter, verifyChain } from './hashChain';

export interface LedgerEntry {
  estateId: string;
  seq: number;
  at: string;
  actor: Actor;
  action: 'anchor' | 'legal-hold.placed' | 'legal-hold.lifted' | 'retention.purged' | 'audit.exported';
  requestId: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export type LedgerDraft = Omit<LedgerEntry, 'estateId' | 'seq' | 'prevHash' | 'hash'>;

export function hashLedgerEntry(entry: Omit<LedgerEntry, 'hash'>): string {
  return createHash('sha256')
    .update(canonicalJson({ estateId: entry.estateId, seq: entry.seq, at: entry.at, actor: entry.actor, action: entry.action, requestId: entry.requestId, details: entry.details, prevHash: entry.prevHash }))
    .digest('hex');
}

export function sealLedgerEntry(draft: LedgerDraft, chain: { estateId: string; previousSeq: number; previousHash: string }): LedgerEntry {
  return sealAfter<LedgerDraft & { estateId: string }, LedgerEntry>({ ...draft, estateId: chain.estateId }, { seq: chain.previousSeq, hash: chain.previousHash }, hashLedgerEntry);
}

export function verifyLedger(entries: readonly LedgerEntry[]): ChainProblem | undefined {
  return verifyChain(entries, hashLedgerEntry);
}

/** One case chain's head as an anchor records it. */
export interface ChainHead {
  caseId: string;
  seq: number;
  hash: string;
}

/** Digest over chain heads in the order given (the estate index's order), one line per head; built incrementally. */
export class HeadsDigest {
  private readonly hash: Hash = createHash('sha256');
  count = 0;
  add(head: ChainHead): void {
    this.hash.update(`${head.caseId} ${head.seq} ${head.hash}\n`);
    this.count += 1;
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

export function headsDigest(heads: Iterable<ChainHead>): string {
  const digest = new HeadsDigest();
  for (const head of heads) digest.add(head);
  return digest.digest();
}

/**
 * An anchor as published outside the table (docs/AUDIT.md, "Published anchors"): one object per
 * anchor entry, written once into write-once storage (S3 Object Lock in compliance mode in AWS).
 * Someone able to rewrite the table, ledger included, cannot rewrite these; a verifier compares
 * the ledger's anchors with them.
 */
export interface PublishedAnchor {
  kind: 'estate-anchor';
  formatVersion: 1;
  estateId: string;
  /** UTC day of the anchor. */
  date: string;
  anchoredAt: string;
  ledgerSeq: number;
  ledgerHash: string;
  ledgerPrevHash: string;
  headsDigest: string;
  caseCount: number;
}

const PUBLISHED_FIELDS = ['kind', 'formatVersion', 'estateId', 'date', 'anchoredAt', 'ledgerSeq', 'ledgerHash', 'ledgerPrevHash', 'headsDigest', 'caseCount'] as const;

export function publishedAnchorOf(entry: LedgerEntry): PublishedAnchor {
  if (entry.action !== 'anchor') throw new Error(`ledger entry ${entry.estateId}/${entry.seq} is a ${entry.action}, not an anchor`);
  return {
    kind: 'estate-anchor',
    formatVersion: 1,
    estateId: entry.estateId,
    date: entry.at.slice(0, 10),
    anchoredAt: entry.at,
    ledgerSeq: entry.seq,
    ledgerHash: entry.hash,
    ledgerPrevHash: entry.prevHash,
    headsDigest: String(entry.details.headsDigest),
    caseCount: Number(entry.details.caseCount),
  };
}

/** Where the anchor of ledger entry `ledgerSeq` is published: derived from the entry alone, so a verifier finds it. */
export function publishedAnchorKey(estateId: string, ledgerSeq: number): string {
  return `anchors/${estateId}/${String(ledgerSeq).padStart(9, '0')}.json`;
}

/** Fields in which a published copy differs from the ledger's anchor entry (empty: they agree). */
export function publishedAnchorDifferences(entry: LedgerEntry, published: unknown): string[] {
  if (published === null || typeof published !== 'object' || Array.isArray(published)) return ['(not an anchor object)'];
  const expected = publishedAnchorOf(entry) as unknown as Record<string, unknown>;
  const found = published as Record<string, unknown>;
  const differences: string[] = PUBLISHED_FIELDS.filter((field) => found[field] !== expected[field]);
  for (const field of Object.keys(found)) if (!(PUBLISHED_FIELDS as readonly string[]).includes(field)) differences.push(field);
  return differences;
}

/** Reads published anchors (object storage in AWS, the local S3 emulator locally). */
export interface PublishedAnchorReader {
  /** The published copy of an estate's anchor, parsed (`content` is whatever JSON is there); `found: false` if there is none. */
  readPublishedAnchor(estateId: string, ledgerSeq: number): Promise<{ found: false } | { found: true; content: unknown }>;
}

export type PublicationCheck = { status: 'matches' } | { status: 'missing' } | { status: 'differs'; differences: string[] };

/** Compares one anchor entry with its published copy. */
export async function checkAnchorPublication(entry: LedgerEntry, reader: PublishedAnchorReader): Promise<PublicationCheck> {
  const copy = await reader.readPublishedAnchor(entry.estateId, entry.seq);
  if (!copy.found) return { status: 'missing' };
  const differences = publishedAnchorDifferences(entry, copy.content);
  return differences.length === 0 ? { status: 'matches' } : { status: 'differs', differences };
}
