import { describe, expect, it } from 'vitest';
import { type ExportedEvent, type ExportManifest, ExportVerifier, ExportWriter, eventFromCsv, exportChunks, exportFileName, exportLedgerDraft } from '../../../functions/domain/auditExport';
import { type AuditEvent, GENESIS_HASH, sealEvent } from '../../../functions/domain/auditTrail';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';

function chain(caseId: string, length: number, startMinute: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let i = 0; i < length; i += 1) {
    const previous = events.at(-1);
    events.push(
      sealEvent(
        {
          at: new Date(Date.UTC(2026, 0, 1, 0, startMinute + i * 7)).toISOString(),
          actor: i === 0 ? { type: 'resident' } : { type: 'staff', id: 'cslead.est01', role: 'cs-lead' },
          action: i === 0 ? 'complaint.received' : 'case.note',
          requestId: `req-${caseId}-${i}`,
          changes: [{ field: 'status', before: i, after: i + 1 }],
          personalData: { description: `secret text ${i}` },
        },
        { caseId, estateId: 'EST01', previousSeq: previous?.seq ?? 0, previousHash: previous?.hash ?? GENESIS_HASH, personalDataSalt: 'salt' },
      ),
    );
  }
  return events;
}

const ordered = [...chain('C1', 4, 0), ...chain('C2', 3, 3), ...chain('C3', 5, 1)].sort((a, b) => (a.at === b.at ? a.caseId.localeCompare(b.caseId) : a.at.localeCompare(b.at)));

function exportOf(format: 'jsonl' | 'csv') {
  const writer = new ExportWriter(format, { from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z', estateIds: ['EST01'], generatedBy: { userId: 'compliance.auditor', role: 'compliance' }, requestId: 'r1' });
  const body = writer.header() + ordered.map((e) => writer.line(e)).join('');
  const { manifest, line } = writer.manifest('2026-01-03T00:00:00.000Z');
  return { body, manifest, manifestLine: line };
}

/** Verifies JSONL text (body without the manifest line) against a manifest, as the CLI does. */
function verifyJsonl(lines: string[], manifest: ExportManifest) {
  const verifier = new ExportVerifier();
  lines.forEach((text, i) => verifier.add(JSON.parse(text) as ExportedEvent, i + 1));
  const body = lines.map((l) => `${l}\n`).join('');
  return verifier.finish(manifest, { sha256: createHash('sha256').update(body).digest('hex'), bytes: Buffer.byteLength(body) });
}

describe('export writer and verifier', () => {
  const { body, manifest, manifestLine } = exportOf('jsonl');
  const lines = body.trimEnd().split('\n');

  it('writes one numbered line per event without personal data, and a manifest that matches', () => {
    expect(lines).toHaveLength(12);
    expect(lines.map((l) => (JSON.parse(l) as ExportedEvent).n)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(body).not.toContain('secret text');
    expect(manifest).toMatchObject({ count: 12, firstHash: ordered[0]!.hash, lastHash: ordered.at(-1)!.hash, firstEventAt: ordered[0]!.at, sha256: createHash('sha256').update(body).digest('hex') });
    expect(JSON.parse(manifestLine)).toEqual({ manifest });
    expect(verifyJsonl(lines, manifest)).toEqual([]);
  });

  it('locates a changed event', () => {
    const tampered = lines.map((l, i) => (i === 5 ? l.replace('"case.note"', '"case.nope"') : l));
    const target = JSON.parse(lines[5]!) as ExportedEvent;
    expect(verifyJsonl(tampered, manifest)).toContainEqual(expect.objectContaining({ kind: 'hash-mismatch', line: 6, caseId: target.caseId, seq: target.seq }));
  });

  it('locates a removed event, in the middle of a case and at the very end', () => {
    const middle = verifyJsonl(lines.filter((_, i) => i !== 4), manifest);
    expect(middle).toContainEqual(expect.objectContaining({ kind: 'lines-missing', line: 5 }));
    expect(middle.some((p) => p.kind === 'events-missing' || p.kind === 'broken-link')).toBe(true);
    const last = verifyJsonl(lines.slice(0, -1), manifest);
    expect(last).toContainEqual(expect.objectContaining({ kind: 'lines-missing', detail: expect.stringContaining('12..12') }));
  });

  it('locates two reordered events', () => {
    const swapped = [...lines];
    [swapped[2], swapped[7]] = [swapped[7]!, swapped[2]!];
    const problems = verifyJsonl(swapped, manifest);
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'line-number-repeated', line: 4 }));
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'out-of-order' }));
  });

  it('locates an inserted event, even one with a valid hash', () => {
    const original = JSON.parse(lines[3]!) as ExportedEvent;
    const { hash: _h, n: _n, ...rest } = original;
    const forgedEvent = sealEvent({ at: rest.at, actor: rest.actor, action: 'case.forged', requestId: 'x', changes: [] }, { caseId: rest.caseId, estateId: 'EST01', previousSeq: rest.seq - 1, previousHash: rest.prevHash, personalDataSalt: 's' });
    const forged = JSON.stringify({ n: original.n, ...forgedEvent });
    const problems = verifyJsonl([...lines.slice(0, 4), forged, ...lines.slice(4)], manifest);
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'line-number-repeated', line: 5 }));
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'manifest-mismatch' }));
  });

  it('reads its own CSV back into the same events', () => {
    const csv = exportOf('csv');
    const records = parse(csv.body, { columns: true }) as Record<string, string>[];
    const verifier = new ExportVerifier();
    records.forEach((r, i) => verifier.add(eventFromCsv(r), i + 2));
    expect(verifier.finish(csv.manifest, { sha256: createHash('sha256').update(csv.body).digest('hex'), bytes: Buffer.byteLength(csv.body) })).toEqual([]);
    expect(csv.manifestLine.startsWith('#manifest,')).toBe(true);
  });
});

describe('exportChunks (the file both the streaming export and the export job write)', () => {
  const request = { from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z', estateIds: ['EST01', 'EST02'], generatedBy: { userId: 'compliance.auditor', role: 'compliance' }, requestId: 'r1' };
  const eventsOf = (estateId: string) =>
    (async function* () {
      if (estateId === 'EST01') yield* ordered;
    })();

  async function collect(format: 'jsonl' | 'csv', chunkBytes: number, beforeManifestLine?: (m: ExportManifest) => Promise<void>) {
    const chunks: string[] = [];
    const generator = exportChunks(new ExportWriter(format, request), request.estateIds, eventsOf, { now: () => new Date('2026-01-03T00:00:00.000Z'), chunkBytes, ...(beforeManifestLine ? { beforeManifestLine } : {}) });
    let next = await generator.next();
    while (!next.done) {
      chunks.push(next.value);
      next = await generator.next();
    }
    return { chunks, manifest: next.value };
  }

  it('yields exactly the header, the lines and the manifest line of the writer, and returns the manifest', async () => {
    for (const format of ['jsonl', 'csv'] as const) {
      const writer = new ExportWriter(format, request);
      const expected = writer.header() + ordered.map((e) => writer.line(e)).join('') + writer.manifest('2026-01-03T00:00:00.000Z').line;
      const { chunks, manifest } = await collect(format, 64 * 1024);
      expect(chunks.join('')).toBe(expected);
      expect(manifest).toMatchObject({ format, count: ordered.length, estateIds: ['EST01', 'EST02'], generatedAt: '2026-01-03T00:00:00.000Z' });
    }
  });

  it('hands text on in chunks of about chunkBytes, never holding the whole file', async () => {
    const { chunks } = await collect('jsonl', 1000);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeLessThan(1000 + 1000);
  });

  it('runs beforeManifestLine with the manifest before the last chunk is handed on', async () => {
    const seen: string[] = [];
    const generator = exportChunks(new ExportWriter('jsonl', request), request.estateIds, eventsOf, {
      now: () => new Date('2026-01-03T00:00:00.000Z'),
      chunkBytes: 1_000_000,
      beforeManifestLine: async (manifest) => {
        seen.push(`recorded ${manifest.count}`);
      },
    });
    for await (const chunk of generator) seen.push(chunk.includes('"manifest"') ? 'manifest line' : 'lines');
    expect(seen).toEqual([`recorded ${ordered.length}`, 'manifest line']);
  });

  it('describes the export for the estate ledger: who, the period, the format, the count, the digest, and any delivery details', async () => {
    const { manifest } = await collect('csv', 64 * 1024);
    expect(exportLedgerDraft(manifest, { jobId: 'job-1' })).toEqual({
      at: '2026-01-03T00:00:00.000Z',
      actor: { type: 'staff', id: 'compliance.auditor', role: 'compliance' },
      action: 'audit.exported',
      requestId: 'r1',
      details: { from: request.from, to: request.to, format: 'csv', count: ordered.length, sha256: manifest.sha256, jobId: 'job-1' },
    });
    expect(exportFileName(undefined, request.from, request.to, 'csv')).toBe('audit-group-2026-01-01-2026-01-02.csv');
  });
});
