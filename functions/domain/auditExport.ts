/**
 * The compliance export format (docs/AUDIT.md, "Export"): one line per audit
 * event, in a fixed order — estate, then time, case id and seq — numbered
 * from 1, then one manifest line. The manifest holds the count, the time
 * range, the first and last event hash, the SHA-256 of every byte before the
 * manifest line, who generated the file and when.
 *
 * `ExportWriter` builds the lines one event at a time (constant memory);
 * `ExportVerifier` checks a file one record at a time and locates every
 * change, removal, reordering or insertion.
 */
import { createHash, type Hash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { type Actor, type AuditEvent, GENESIS_HASH, hashEvent } from './auditTrail';
import type { LedgerDraft } from './estateLedger';

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CSV_COLUMNS = ['n', 'estateId', 'caseId', 'seq', 'at', 'actorType', 'actorId', 'actorRole', 'action', 'requestId', 'changes', 'personalDataDigest', 'public', 'prevHash', 'hash'] as const;
export const CSV_MANIFEST_MARKER = '#manifest';

/** An exported event: the audit event without its personal data, and its line number. */
export type ExportedEvent = Omit<AuditEvent, 'personalData'> & { n: number };

export interface ExportManifest {
  format: ExportFormat;
  formatVersion: 1;
  /** The period asked for: from (inclusive) to (exclusive). */
  from: string;
  to: string;
  estateIds: string[];
  count: number;
  /** Times of the first and last exported event (absent when none). */
  firstEventAt?: string;
  lastEventAt?: string;
  firstHash?: string;
  lastHash?: string;
  /** SHA-256 (hex) of every byte of the file before the manifest line, and how many there are. */
  sha256: string;
  bytes: number;
  generatedBy: { userId: string; role: string };
  generatedAt: string;
  requestId: string;
}

function exportedEvent(event: AuditEvent, n: number): ExportedEvent {
  const { personalData: _personalData, ...rest } = event;
  return {
    n,
    ...(rest.estateId !== undefined ? { estateId: rest.estateId } : {}),
    caseId: rest.caseId,
    seq: rest.seq,
    at: rest.at,
    actor: rest.actor,
    action: rest.action,
    requestId: rest.requestId,
    changes: rest.changes,
    ...(rest.personalDataDigest !== undefined ? { personalDataDigest: rest.personalDataDigest } : {}),
    ...(rest.public !== undefined ? { public: rest.public } : {}),
    prevHash: rest.prevHash,
    hash: rest.hash,
  } as ExportedEvent;
}

function csvRow(event: ExportedEvent): string[] {
  const actor = event.actor as { type: string; id?: string; role?: string };
  return [
    String(event.n), event.estateId ?? '', event.caseId, String(event.seq), event.at, actor.type, actor.id ?? '', actor.role ?? '', event.action, event.requestId,
    JSON.stringify(event.changes), event.personalDataDigest ?? '', event.public === undefined ? '' : JSON.stringify(event.public), event.prevHash, event.hash,
  ];
}

export class ExportWriter {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  private count = 0;
  private first: AuditEvent | undefined;
  private last: AuditEvent | undefined;

  constructor(
    readonly format: ExportFormat,
    private readonly request: Pick<ExportManifest, 'from' | 'to' | 'estateIds' | 'generatedBy' | 'requestId'>,
  ) {}

  private emit(text: string): string {
    this.hash.update(text, 'utf8');
    this.bytes += Buffer.byteLength(text, 'utf8');
    return text;
  }

  /** The header line (CSV only; empty for JSONL). */
  header(): string {
    return this.format === 'csv' ? this.emit(stringify([[...CSV_COLUMNS]])) : '';
  }

  line(event: AuditEvent): string {
    this.count += 1;
    this.first ??= event;
    this.last = event;
    const exported = exportedEvent(event, this.count);
    return this.emit(this.format === 'csv' ? stringify([csvRow(exported)]) : `${JSON.stringify(exported)}\n`);
  }

  manifest(generatedAt: string): { manifest: ExportManifest; line: string } {
    const manifest: ExportManifest = {
      format: this.format,
      formatVersion: 1,
      from: this.request.from,
      to: this.request.to,
      estateIds: this.request.estateIds,
      count: this.count,
      ...(this.first ? { firstEventAt: this.first.at, firstHash: this.first.hash } : {}),
      ...(this.last ? { lastEventAt: this.last.at, lastHash: this.last.hash } : {}),
      sha256: this.hash.copy().digest('hex'),
      bytes: this.bytes,
      generatedBy: this.request.generatedBy,
      generatedAt,
      requestId: this.request.requestId,
    };
    const line = this.format === 'csv' ? stringify([[CSV_MANIFEST_MARKER, JSON.stringify(manifest)]]) : `${JSON.stringify({ manifest })}\n`;
    return { manifest, line };
  }
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = { jsonl: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' };

/** Text is handed on in chunks of about this size: fewer, larger writes, still constant memory. */
export const EXPORT_CHUNK_BYTES = 64 * 1024;

/** `audit-<estate or group>-<from day>-<to day>.<format>`: the name a downloaded export is saved under. */
export function exportFileName(estateId: string | undefined, from: string, to: string, format: ExportFormat): string {
  return `audit-${estateId ?? 'group'}-${from.slice(0, 10)}-${to.slice(0, 10)}.${format}`;
}

/**
 * The whole export file, in chunks of about `chunkBytes`: the header, one line per event of each
 * estate in turn (in `estateIds` order, each estate's events as `eventsOf` yields them), then the
 * manifest line. One chunk is in memory at a time. `beforeManifestLine` runs once the manifest is
 * known and before its line is handed on (the streaming export records itself in the ledgers
 * there, so a client holding a manifest knows the export was recorded). Returns the manifest.
 * The streaming export and the export job both write their files with this, so they are the same.
 */
export async function* exportChunks(
  writer: ExportWriter,
  estateIds: readonly string[],
  eventsOf: (estateId: string) => AsyncIterable<AuditEvent>,
  options: { now: () => Date; chunkBytes?: number; beforeManifestLine?: (manifest: ExportManifest) => Promise<void> },
): AsyncGenerator<string, ExportManifest, undefined> {
  const chunkBytes = options.chunkBytes ?? EXPORT_CHUNK_BYTES;
  let chunk = writer.header();
  for (const estateId of estateIds) {
    for await (const event of eventsOf(estateId)) {
      chunk += writer.line(event);
      if (chunk.length >= chunkBytes) {
        yield chunk;
        chunk = '';
      }
    }
  }
  const { manifest, line } = writer.manifest(options.now().toISOString());
  await options.beforeManifestLine?.(manifest);
  yield chunk + line;
  return manifest;
}

/**
 * The `audit.exported` entry each covered estate's ledger gets (docs/AUDIT.md, "Exports are
 * recorded"): who, which period, the format, how many events and the file's digest. `details`
 * adds what identifies the delivery (an export job's id).
 */
export function exportLedgerDraft(manifest: ExportManifest, details: Record<string, unknown> = {}): LedgerDraft {
  return {
    at: manifest.generatedAt,
    actor: { type: 'staff', id: manifest.generatedBy.userId, role: manifest.generatedBy.role },
    action: 'audit.exported',
    requestId: manifest.requestId,
    details: { from: manifest.from, to: manifest.to, format: manifest.format, count: manifest.count, sha256: manifest.sha256, ...details },
  };
}

/** Reads a CSV record (columns by name) back into an exported event. */
export function eventFromCsv(record: Record<string, string>): ExportedEvent {
  const actor: Record<string, string> = { type: record.actorType ?? '' };
  if (record.actorId) actor.id = record.actorId;
  if (record.actorRole) actor.role = record.actorRole;
  return {
    n: Number(record.n),
    ...(record.estateId ? { estateId: record.estateId } : {}),
    caseId: record.caseId ?? '',
    seq: Number(record.seq),
    at: record.at ?? '',
    actor: actor as unknown as Actor,
    action: record.action ?? '',
    requestId: record.requestId ?? '',
    changes: JSON.parse(record.changes ?? '[]') as ExportedEvent['changes'],
    ...(record.personalDataDigest ? { personalDataDigest: record.personalDataDigest } : {}),
    ...(record.public ? { public: JSON.parse(record.public) as ExportedEvent['public'] } : {}),
    prevHash: record.prevHash ?? '',
    hash: record.hash ?? '',
  };
}

export type ExportProblemKind =
  | 'unreadable-line'
  | 'lines-missing'
  | 'line-number-repeated'
  | 'out-of-order'
  | 'hash-mismatch'
  | 'broken-link'
  | 'events-missing'
  | 'manifest-missing'
  | 'manifest-mismatch';

export interface ExportProblem {
  kind: ExportProblemKind;
  /** 1-based line of the file (the CSV header is line 1). */
  line?: number;
  caseId?: string;
  seq?: number;
  detail: string;
}

const orderKey = (event: ExportedEvent) => [event.estateId ?? '', event.at, event.caseId, String(event.seq).padStart(9, '0')].join('\u0000');

/**
 * Checks an export record by record. Memory: one entry (last seq and hash) per case seen, so that each
 * case's chain is followed across the whole file.
 */
export class ExportVerifier {
  readonly problems: ExportProblem[] = [];
  private expectedN = 1;
  private previousKey = '';
  private readonly heads = new Map<string, { seq: number; hash: string }>();
  count = 0;
  first: ExportedEvent | undefined;
  last: ExportedEvent | undefined;

  constructor(private readonly maxProblems = 1000) {}

  private report(problem: ExportProblem): void {
    if (this.problems.length < this.maxProblems) this.problems.push(problem);
  }

  unreadable(line: number, detail: string): void {
    this.report({ kind: 'unreadable-line', line, detail });
  }

  add(event: ExportedEvent, line: number): void {
    this.count += 1;
    this.first ??= event;
    this.last = event;
    const where = { line, caseId: event.caseId, seq: event.seq };
    if (event.n > this.expectedN) {
      this.report({ kind: 'lines-missing', ...where, detail: `export lines ${this.expectedN}..${event.n - 1} are missing before this line (removed events)` });
    } else if (event.n < this.expectedN) {
      this.report({ kind: 'line-number-repeated', ...where, detail: `line number ${event.n} comes after ${this.expectedN - 1} (an inserted, duplicated or moved event)` });
    }
    this.expectedN = Math.max(this.expectedN, event.n + 1);

    const key = orderKey(event);
    if (key <= this.previousKey) this.report({ kind: 'out-of-order', ...where, detail: 'this event sorts before the previous line (events reordered or inserted)' });
    else this.previousKey = key;

    const { hash, n: _n, ...hashed } = event;
    if (hashEvent(hashed) !== hash) this.report({ kind: 'hash-mismatch', ...where, detail: 'the event does not match its hash (changed)' });

    const head = this.heads.get(event.caseId);
    if (head) {
      if (event.seq !== head.seq + 1) {
        if (event.seq > head.seq + 1) this.report({ kind: 'events-missing', ...where, detail: `seq ${head.seq + 1}..${event.seq - 1} of this case are missing` });
        else this.report({ kind: 'out-of-order', ...where, detail: `seq ${event.seq} follows seq ${head.seq} of the same case` });
      } else if (event.prevHash !== head.hash) {
        this.report({ kind: 'broken-link', ...where, detail: `prevHash does not match the hash of seq ${head.seq}` });
      }
    } else if (event.seq === 1 && event.prevHash !== GENESIS_HASH) {
      this.report({ kind: 'broken-link', ...where, detail: 'the first event of a case must follow the genesis hash' });
    }
    if (!head || event.seq > head.seq) this.heads.set(event.caseId, { seq: event.seq, hash });
  }

  /** Compares what was read with the manifest; `sha256` and `bytes` are of the file before the manifest line. */
  finish(manifest: ExportManifest | undefined, body: { sha256: string; bytes: number }, manifestLine?: number): ExportProblem[] {
    if (!manifest) {
      this.report({ kind: 'manifest-missing', detail: 'the file does not end with a manifest line (truncated or cut)' });
      return this.problems;
    }
    const mismatch = (field: string, expected: unknown, found: unknown) =>
      this.report({ kind: 'manifest-mismatch', ...(manifestLine ? { line: manifestLine } : {}), detail: `manifest ${field} is ${JSON.stringify(expected)} but the file has ${JSON.stringify(found)}` });
    if (manifest.count !== this.count) mismatch('count', manifest.count, this.count);
    if (manifest.count !== this.expectedN - 1 && manifest.count > this.count) {
      this.report({ kind: 'lines-missing', detail: `export lines ${this.expectedN}..${manifest.count} are missing at the end of the file` });
    }
    if ((manifest.firstHash ?? null) !== (this.first?.hash ?? null)) mismatch('firstHash', manifest.firstHash, this.first?.hash);
    if ((manifest.lastHash ?? null) !== (this.last?.hash ?? null)) mismatch('lastHash', manifest.lastHash, this.last?.hash);
    if ((manifest.firstEventAt ?? null) !== (this.first?.at ?? null)) mismatch('firstEventAt', manifest.firstEventAt, this.first?.at);
    if ((manifest.lastEventAt ?? null) !== (this.last?.at ?? null)) mismatch('lastEventAt', manifest.lastEventAt, this.last?.at);
    if (manifest.sha256 !== body.sha256) mismatch('sha256', manifest.sha256, body.sha256);
    if (manifest.bytes !== body.bytes) mismatch('bytes', manifest.bytes, body.bytes);
    if (this.first && this.first.at < manifest.from) mismatch('from', manifest.from, this.first.at);
    if (this.last && this.last.at >= manifest.to) mismatch('to', manifest.to, this.last.at);
    return this.problems;
  }
}
