/**
 * Verifies an export file (JSONL or CSV) from disk in one streaming pass:
 * the manifest is read from the file's last line, every byte before it is
 * hashed and parsed record by record (functions/domain/auditExport.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { CSV_MANIFEST_MARKER, eventFromCsv, type ExportedEvent, type ExportFormat, type ExportManifest, type ExportProblem, ExportVerifier } from '../../functions/domain/auditExport';

export interface FileVerification {
  format: ExportFormat;
  manifest?: ExportManifest;
  count: number;
  bytes: number;
  problems: ExportProblem[];
}

const TAIL_BYTES = 1024 * 1024;

async function readTail(path: string, size: number): Promise<{ text: string; offset: number }> {
  const length = Math.min(size, TAIL_BYTES);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return { text: buffer.toString('utf8'), offset: size - length };
  } finally {
    await handle.close();
  }
}

function parseManifestLine(line: string, format: ExportFormat): ExportManifest | undefined {
  try {
    if (format === 'jsonl') {
      const parsed = JSON.parse(line) as { manifest?: ExportManifest };
      return parsed.manifest && typeof parsed.manifest === 'object' ? parsed.manifest : undefined;
    }
    const [row] = parseSync(line, { relax_column_count: true }) as string[][];
    return row?.[0] === CSV_MANIFEST_MARKER && row[1] ? (JSON.parse(row[1]) as ExportManifest) : undefined;
  } catch {
    return undefined;
  }
}

export async function verifyExportFile(path: string, options: { onProgress?: (bytesRead: number, total: number) => void } = {}): Promise<FileVerification> {
  const { size } = await stat(path);
  const tail = await readTail(path, size);
  const format: ExportFormat = tail.offset === 0 && tail.text.startsWith('{') ? 'jsonl' : await firstByte(path) === '{' ? 'jsonl' : 'csv';
  // The manifest is the last line; the body is every byte before it.
  const trimmed = tail.text.endsWith('\n') ? tail.text.slice(0, -1) : tail.text;
  const lastLineStart = trimmed.lastIndexOf('\n') + 1;
  const manifest = parseManifestLine(trimmed.slice(lastLineStart), format);
  const bodyEnd = manifest ? tail.offset + Buffer.byteLength(tail.text.slice(0, lastLineStart), 'utf8') : size;

  const verifier = new ExportVerifier();
  const hash = createHash('sha256');
  let bytesRead = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytesRead += chunk.length;
      options.onProgress?.(bytesRead, bodyEnd);
      callback(null, chunk);
    },
  });
  // An export of a period without events is its manifest line alone: an empty body (a read stream cannot end at -1).
  const body = (bodyEnd > 0 ? createReadStream(path, { start: 0, end: bodyEnd - 1 }) : Readable.from([])).pipe(meter);
  let lines = 0;
  if (format === 'jsonl') {
    for await (const text of createInterface({ input: body, crlfDelay: Infinity })) {
      lines += 1;
      let event: ExportedEvent;
      try {
        event = JSON.parse(text) as ExportedEvent;
        if (typeof event.n !== 'number' || typeof event.caseId !== 'string' || typeof event.seq !== 'number') throw new Error('not an exported event');
      } catch (error) {
        verifier.unreadable(lines, `line ${lines} is not an exported event (${(error as Error).message})`);
        continue;
      }
      verifier.add(event, lines);
    }
  } else {
    const parser = body.pipe(parse({ columns: true, relax_column_count: true, info: true }));
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      lines = info.lines;
      let event: ExportedEvent;
      try {
        event = eventFromCsv(record);
        if (!Number.isInteger(event.n) || !event.caseId || !Number.isInteger(event.seq)) throw new Error('not an exported event');
      } catch (error) {
        verifier.unreadable(info.lines, `line ${info.lines} is not an exported event (${(error as Error).message})`);
        continue;
      }
      verifier.add(event, info.lines);
    }
  }
  const problems = verifier.finish(manifest, { sha256: hash.digest('hex'), bytes: bodyEnd }, manifest ? lines + 1 : undefined);
  return { format, ...(manifest ? { manifest } : {}), count: verifier.count, bytes: size, problems };
}

async function firstByte(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(1);
    await handle.read(buffer, 0, 1, 0);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}
