/**
 * Verifies a saved admin ledger (the JSON of `GET /api/v1/admin/ledger`, or the console's "Download
 * the ledger"): the chain from its first entry (functions/domain/admin/adminLedger.ts), and that the
 * document's own count and head hash match its entries, so a truncated copy does not pass as whole.
 * The mail-desk ledger (`GET /api/v1/audit/mail-desk-ledger`) is the same kind of document.
 */
import { type AdminLedgerEntry, verifyAdminLedger } from '../../functions/domain/admin/adminLedger';
import { type MailDeskEntry, verifyMailDesk } from '../../functions/domain/inboundMail/mailDesk';

export interface AdminLedgerFileResult {
  count: number;
  head: string | null;
  exportedAt?: string;
  exportedBy?: string;
  problems: { kind: string; seq?: number; detail: string }[];
}

export function verifyAdminLedgerDocument(text: string): AdminLedgerFileResult {
  return verifyLedgerDocument(text, 'admin-ledger', (entries) => verifyAdminLedger(entries as AdminLedgerEntry[]));
}

export function verifyMailDeskLedgerDocument(text: string): AdminLedgerFileResult {
  return verifyLedgerDocument(text, 'mail-desk-ledger', (entries) => verifyMailDesk(entries as MailDeskEntry[]));
}

function verifyLedgerDocument(text: string, kind: 'admin-ledger' | 'mail-desk-ledger', verifyChain: (entries: readonly { hash: string }[]) => { seq: number; problem: string } | undefined): AdminLedgerFileResult {
  let document: { kind?: unknown; count?: unknown; head?: unknown; exportedAt?: unknown; exportedBy?: unknown; entries?: unknown };
  try {
    document = JSON.parse(text) as typeof document;
  } catch (error) {
    return { count: 0, head: null, problems: [{ kind: 'unreadable', detail: `not JSON: ${(error as Error).message}` }] };
  }
  if (document.kind !== kind || !Array.isArray(document.entries)) {
    return { count: 0, head: null, problems: [{ kind: 'unreadable', detail: `not a ${kind.replace('-', ' ')} export (kind "${kind}" with entries)` }] };
  }
  const entries = document.entries as { hash: string }[];
  const head = entries.at(-1)?.hash ?? null;
  const problems: AdminLedgerFileResult['problems'] = [];
  const broken = verifyChain(entries);
  if (broken) problems.push({ kind: broken.problem, seq: broken.seq, detail: `the chain breaks at seq ${broken.seq}` });
  if (document.count !== entries.length) problems.push({ kind: 'count-mismatch', detail: `the document says ${String(document.count)} entries, it holds ${entries.length}` });
  if (document.head !== head) problems.push({ kind: 'head-mismatch', detail: `the document's head ${String(document.head)} is not its last entry's hash ${String(head)}` });
  return {
    count: entries.length,
    head,
    ...(typeof document.exportedAt === 'string' ? { exportedAt: document.exportedAt } : {}),
    ...(typeof document.exportedBy === 'string' ? { exportedBy: document.exportedBy } : {}),
    problems,
  };
}
