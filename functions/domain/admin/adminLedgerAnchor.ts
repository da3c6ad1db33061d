/**
 * The admin ledger's anchors outside the table (docs/ADMINISTRATION.md, "The admin ledger"): daily,
 * the ledger's head (its last entry's seq and hash) is published as a JSON object in the audit anchors
 * bucket, beside the estate ledgers' anchors — create-only, and in AWS under S3 Object Lock, so a
 * published head cannot be rewritten. An entry changed, removed or re-sealed in the table afterwards
 * (the whole chain recomputed by someone who can write the table) no longer matches a published head:
 * verification compares each published anchor with the ledger's entry at that seq.
 * Plain domain code: storage comes through ports, time as an argument.
 */
import type { AdminLedgerEntry } from './adminLedger';

export interface AdminLedgerAnchor {
  kind: 'admin-ledger-anchor';
  formatVersion: 1;
  date: string;
  anchoredAt: string;
  seq: number;
  hash: string;
}

const FIELDS = ['kind', 'formatVersion', 'date', 'anchoredAt', 'seq', 'hash'] as const;

export const ADMIN_ANCHOR_PREFIX = 'anchors/admin-ledger/';
export const adminAnchorKey = (seq: number) => `${ADMIN_ANCHOR_PREFIX}${String(seq).padStart(9, '0')}.json`;

export function adminAnchorOf(head: { seq: number; hash: string }, anchoredAt: string): AdminLedgerAnchor {
  return { kind: 'admin-ledger-anchor', formatVersion: 1, date: anchoredAt.slice(0, 10), anchoredAt, seq: head.seq, hash: head.hash };
}

export interface AdminAnchoringPorts {
  ledgerHead(): Promise<{ seq: number; hash: string }>;
  /** The seqs of the ledger already anchored (published), as recorded in the table. */
  anchoredSeqs(): Promise<number[]>;
  /** Writes the object unless one is there: `exists` with what is there. */
  publishCreateOnly(key: string, anchor: AdminLedgerAnchor): Promise<{ written: true } | { written: false; existing: unknown }>;
  recordAnchored(seq: number, at: string): Promise<void>;
}

export type AdminAnchoring = 'anchored' | 'unchanged' | 'empty';

/**
 * Publishes the ledger's head unless it was anchored already (no change since) or the ledger is empty.
 * A copy already published at that seq (an earlier run stopped before recording it) counts when it
 * names the same hash; a different one is never replaced: an error for a person to look into.
 */
export async function anchorAdminLedger(ports: AdminAnchoringPorts, now: string): Promise<AdminAnchoring> {
  const head = await ports.ledgerHead();
  if (head.seq === 0) return 'empty';
  if ((await ports.anchoredSeqs()).includes(head.seq)) return 'unchanged';
  const anchor = adminAnchorOf(head, now);
  const outcome = await ports.publishCreateOnly(adminAnchorKey(head.seq), anchor);
  if (!outcome.written) {
    const existing = outcome.existing as Partial<AdminLedgerAnchor> | null;
    if (existing?.kind !== 'admin-ledger-anchor' || existing.seq !== head.seq || existing.hash !== head.hash) {
      throw new Error(`a different admin-ledger anchor is already published at ${adminAnchorKey(head.seq)}`);
    }
  }
  await ports.recordAnchored(head.seq, now);
  return 'anchored';
}

export type AnchorProblem = 'anchor-mismatch' | 'anchor-beyond-ledger' | 'anchor-missing' | 'anchor-malformed';
export type AnchorVerification = { valid: true; anchors: number; latest?: { seq: number; date: string } } | { valid: false; anchors: number; seq: number; problem: AnchorProblem };

/**
 * The ledger against its published anchors (those found by seq; `undefined`: recorded as anchored but
 * not found in the bucket). The first disagreement, by seq, is reported.
 */
export function verifyAgainstAnchors(entries: readonly AdminLedgerEntry[], published: readonly { seq: number; content: unknown }[]): AnchorVerification {
  const bySeq = new Map(entries.map((entry) => [entry.seq, entry]));
  const sorted = [...published].sort((a, b) => a.seq - b.seq);
  let latest: { seq: number; date: string } | undefined;
  for (const { seq, content } of sorted) {
    if (content === undefined) return { valid: false, anchors: sorted.length, seq, problem: 'anchor-missing' };
    const anchor = content as Record<string, unknown> | null;
    const wellFormed = anchor !== null && typeof anchor === 'object' && anchor.kind === 'admin-ledger-anchor' && anchor.seq === seq && typeof anchor.hash === 'string' && Object.keys(anchor).every((k) => (FIELDS as readonly string[]).includes(k));
    if (!wellFormed) return { valid: false, anchors: sorted.length, seq, problem: 'anchor-malformed' };
    const entry = bySeq.get(seq);
    if (!entry) return { valid: false, anchors: sorted.length, seq, problem: 'anchor-beyond-ledger' };
    if (entry.hash !== anchor.hash) return { valid: false, anchors: sorted.length, seq, problem: 'anchor-mismatch' };
    latest = { seq, date: String(anchor.date) };
  }
  return latest ? { valid: true, anchors: sorted.length, latest } : { valid: true, anchors: 0 };
}

/** What a saved copy of the ledger says against the anchors listed in the bucket (`verify-admin`). */
export interface CopyAnchorVerification {
  /** Anchors listed in the bucket. */
  anchors: number;
  /** Anchors compared with an entry of the copy. */
  compared: number;
  /** Anchors past the copy's last entry, published after it was saved (nothing to compare). */
  later: number;
  /** The last anchored seq the copy agrees with: its entries up to there are as published. */
  agreedThrough?: { seq: number; date: string };
  /**
   * The first anchor the copy disagrees with. `seq`: the entry that disagrees with its published hash;
   * the change lies in entries `from`..`seq` (those before `from` agree with an earlier anchor).
   */
  disagreement?: { seq: number; from: number; problem: AnchorProblem | 'anchor-beyond-copy'; detail: string };
}

/**
 * A saved copy against every anchor published for the ledger (listed in the bucket, not found through the
 * table, which a copy does not have). Each anchor at a seq the copy holds must name that entry's hash: a
 * copy re-sealed after an anchor was published (valid as a chain) disagrees at the first such anchor.
 * An anchor past the copy's end is fine when published after the copy was saved (`copiedAt`); one
 * published before means entries were cut from the copy. The first disagreement, by seq, is reported.
 */
export function verifyCopyAgainstAnchors(entries: readonly AdminLedgerEntry[], listed: readonly { seq: number; content: unknown }[], copiedAt?: string): CopyAnchorVerification {
  const bySeq = new Map(entries.map((entry) => [entry.seq, entry]));
  const sorted = [...listed].sort((a, b) => a.seq - b.seq);
  const result: CopyAnchorVerification = { anchors: sorted.length, compared: 0, later: 0 };
  const disagree = (seq: number, problem: NonNullable<CopyAnchorVerification['disagreement']>['problem'], detail: string): CopyAnchorVerification => ({
    ...result,
    disagreement: { seq, from: (result.agreedThrough?.seq ?? 0) + 1, problem, detail },
  });
  for (const { seq, content } of sorted) {
    const anchor = content as Record<string, unknown> | null;
    const wellFormed = anchor !== null && typeof anchor === 'object' && anchor.kind === 'admin-ledger-anchor' && anchor.seq === seq && typeof anchor.hash === 'string' && typeof anchor.anchoredAt === 'string' && Object.keys(anchor).every((k) => (FIELDS as readonly string[]).includes(k));
    if (!wellFormed) return disagree(seq, 'anchor-malformed', `the anchor published for seq ${seq} is not a well-formed admin-ledger anchor`);
    const anchoredAt = String(anchor.anchoredAt);
    const entry = bySeq.get(seq);
    if (!entry) {
      if (copiedAt !== undefined && anchoredAt > copiedAt) {
        result.later += 1;
        continue;
      }
      return disagree(seq, 'anchor-beyond-copy', `an anchor published at ${anchoredAt} names seq ${seq}, which the copy${copiedAt ? ` saved at ${copiedAt}` : ''} does not hold: entries were cut from it`);
    }
    result.compared += 1;
    if (entry.hash !== anchor.hash) {
      return disagree(seq, 'anchor-mismatch', `entry ${seq} has hash ${entry.hash}, the anchor published on ${String(anchor.date)} says ${String(anchor.hash)}: the copy was changed and re-sealed in entries ${(result.agreedThrough?.seq ?? 0) + 1}..${seq}`);
    }
    result.agreedThrough = { seq, date: String(anchor.date) };
  }
  return result;
}
