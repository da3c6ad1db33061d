/**
 * Verifies a JSONL audit export held in memory (an upload from the console's compliance page):
 * every event's hash, the chain between a case's events, line numbering and order, and the manifest
 * line (count, first and last hash and time, SHA-256 and size of everything before it). The same
 * checks as `npm run audit -- verify` (scripts/audit/verifyExportFile.ts, which streams files of any
 * size and reads CSV too), through the same `ExportVerifier`.
 */
import { createHash } from 'node:crypto';
import { type ExportedEvent, type ExportManifest, type ExportProblem, ExportVerifier } from './auditExport';

export interface TextVerification {
  manifest?: ExportManifest;
  count: number;
  bytes: number;
  problems: ExportProblem[];
}

export function verifyExportText(text: string): TextVerification {
  const trimmed = text.endsWith('\n') ? text.slice(0, -1) : text;
  const lastLineStart = trimmed.lastIndexOf('\n') + 1;
  let manifest: ExportManifest | undefined;
  try {
    const parsed = JSON.parse(trimmed.slice(lastLineStart)) as { manifest?: ExportManifest };
    manifest = parsed.manifest && typeof parsed.manifest === 'object' ? parsed.manifest : undefined;
  } catch {
    manifest = undefined;
  }
  // The body is every byte before the manifest line (all of the file when there is none).
  const body = manifest ? text.slice(0, lastLineStart) : text;
  const verifier = new ExportVerifier();
  const lines = body === '' ? [] : (body.endsWith('\n') ? body.slice(0, -1) : body).split('\n');
  lines.forEach((line, index) => {
    const number = index + 1;
    let event: ExportedEvent;
    try {
      event = JSON.parse(line) as ExportedEvent;
      if (typeof event.n !== 'number' || typeof event.caseId !== 'string' || typeof event.seq !== 'number') throw new Error('not an exported event');
    } catch (error) {
      verifier.unreadable(number, `line ${number} is not an exported event (${(error as Error).message})`);
      return;
    }
    verifier.add(event, number);
  });
  const bodyBytes = Buffer.byteLength(body, 'utf8');
  const problems = verifier.finish(manifest, { sha256: createHash('sha256').update(body, 'utf8').digest('hex'), bytes: bodyBytes }, manifest ? lines.length + 1 : undefined);
  return { ...(manifest ? { manifest } : {}), count: verifier.count, bytes: Buffer.byteLength(text, 'utf8'), problems };
}
