/**
 * The admin ledger: one hash chain for every administrative change of the
 * group — estates defined, imported, deactivated or removed; group settings;
 * custom deadline policies; staff created, changed or disabled. Each entry
 * says who, when, what, and each subject's fields before → after; it is
 * hashed like audit events (canonical JSON, SHA-256) and covers the previous
 * entry's hash, so compliance exports and verifies it like a case's chain
 * (docs/AUDIT.md, "Admin ledger").
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../auditTrail';
import { canonicalJson } from '../canonicalJson';
import { type ChainProblem, sealAfter, verifyChain } from '../hashChain';

export const ADMIN_ACTIONS = [
  'estate.defined',
  'estates.imported',
  'estate.deactivated',
  'estate.reactivated',
  'estate.removed',
  'settings.changed',
  'deadline-policy.defined',
  'estate.deadline-policy-chosen',
  'staff.created',
  'staff.changed',
  'staff.disabled',
  'staff.enabled',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/** One subject the entry changed (an estate, the settings, a policy, a staff member) and its fields before → after. */
export interface AdminChange {
  subject: string;
  fields: { field: string; before: unknown; after: unknown }[];
}

export interface AdminLedgerEntry {
  seq: number;
  at: string;
  actor: Actor;
  action: AdminAction;
  requestId: string;
  /** Further facts (an import's file digest, counts). */
  details?: Record<string, unknown>;
  changes: AdminChange[];
  prevHash: string;
  hash: string;
}

export type AdminLedgerDraft = Omit<AdminLedgerEntry, 'seq' | 'prevHash' | 'hash'>;

export function hashAdminEntry(entry: Omit<AdminLedgerEntry, 'hash'>): string {
  return createHash('sha256')
    .update(canonicalJson({ kind: 'admin-ledger', seq: entry.seq, at: entry.at, actor: entry.actor, action: entry.action, requestId: entry.requestId, details: entry.details, changes: entry.changes, prevHash: entry.prevHash }))
    .digest('hex');
}

export function sealAdminEntry(draft: AdminLedgerDraft, head: { seq: number; hash: string }): AdminLedgerEntry {
  return sealAfter<AdminLedgerDraft, AdminLedgerEntry>(draft, head, hashAdminEntry);
}

export type AdminLedgerProblem = ChainProblem;

/** Verifies the ledger from its first entry: a changed, removed or inserted entry is reported where the chain breaks. */
export function verifyAdminLedger(entries: readonly AdminLedgerEntry[]): AdminLedgerProblem | undefined {
  return verifyChain(entries, hashAdminEntry);
}

/** Field changes between two plain objects (top-level fields), for settings and staff records. */
export function fieldChanges(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): AdminChange['fields'] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: AdminChange['fields'] = [];
  for (const field of [...fields].sort()) {
    const x = before?.[field] ?? null;
    const y = after?.[field] ?? null;
    if (canonicalJson(x) !== canonicalJson(y)) changes.push({ field, before: x, after: y });
  }
  return changes;
}
