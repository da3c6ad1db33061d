/**
 * Verifies a saved admin ledger (the JSON of `GET /api/v1/admin/ledger`, or the console's "Download
 * the ledger"): the chain from its first entry (functions/domain/admin/adminLedger.ts), and that the
 * document's own count and head hash match its entries, so a truncated copy does not pass as whole.
 * The mail-desk ledger (`GET /api/v1/audit/mail-desk-ledger`) is the same kind of document.
 */
import { type AdminLedgerEntry, verifyAdminLedger } from '../../functions/domain/admin/adminLedger';
import { type CopyAnchorVerification, verifyCopyAgainstAnchors } from '../../functions/domain/admin/adminLedgerAnchor';
import { type MailDeskEntry, verifyMailDesk } from '../../functions/domain/inboundMail/mailDesk';

export interface AdminLedgerFileResult {
  count: number;
  head: string | null;
  exportedAt?: string;
  exportedBy?: string;
  problems: { kind: string; seq?: number; detail: string }[];
  /** The copy against the anchors listed in the bucket; absent when they were not read. */
  anchors?: CopyAnchorVerification;
}

/**
 * `publishedAnchors`: every admin-ledger anchor listed in the anchors bucket (functions/platform/
 * anchorPublication.ts `listedAdminAnchors`); each one at a seq the copy holds must name its entry's hash,
 * so a copy changed and re-sealed after an anchor was published fails at the first such anchor.
 */
export function verifyAdminLedgerDocument(text: string, publishedAnchors?: readonly { seq: number; content: unknown }[]): AdminLedgerFileResult {
  return verifyLedgerDocument(text, 'admin-ledger', (entries) => verifyAdminLedger(entries as AdminLedgerEntry[]), (entries, exportedAt) =>
    publishedAnchors ? verifyCopyAgainstAnchors(entries as AdminLedgerEntry[], publishedAnchors, exportedAt) : undefined,
  );
}

/** The mail-desk ledger's head is not published outside the table: its copy is checked as a chain only. */
export function verifyMailDeskLedgerDocument(text: string): AdminLedgerFileResult {
  return verifyLedgerDocument(text, 'mail-desk-ledger', (entries) => verifyMailDesk(entries as MailDeskEntry[]));
}

function verifyLedgerDocument(
  text: string,
  kind: 'admin-ledger' | 'mail-desk-ledger',
  verifyChain: (entries: readonly { hash: string }[]) => { seq: number; problem: string } | undefined,
  verifyAnchors: (entries: readonly { hash: string }[], exportedAt: string | undefined) => CopyAnchorVerification | undefined = () => undefined,
): AdminLedgerFileResult {
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
  const exportedAt = typeof document.exportedAt === 'string' ? document.exportedAt : undefined;
  const anchors = verifyAnchors(entries, exportedAt);
  const d = anchors?.disagreement;
  if (d) problems.push({ kind: d.problem, seq: d.seq, detail: d.detail });
  return {
    count: entries.length,
    head,
    ...(exportedAt !== undefined ? { exportedAt } : {}),
    ...(typeof document.exportedBy === 'string' ? { exportedBy: document.exportedBy } : {}),
    problems,
    ...(anchors ? { anchors } : {}),
  };
}
