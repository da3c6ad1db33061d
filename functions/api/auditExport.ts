/**
 * `GET /api/v1/audit/export?from&to&estateId&format=jsonl|csv` — the compliance
 * export: every audit event of the period (from inclusive, to exclusive) of one
 * estate, or of every estate the caller serves, streamed in constant memory
 * with no row cap, and a manifest as the last line (docs/AUDIT.md, "Export").
 * Verify a file with `npm run audit -- verify <file>`.
 *
 * A response-streaming function: locally the gateway streams it; in AWS it is
 * served by its own function URL (API Gateway cannot stream a body), and this
 * handler checks the staff token itself.
 */
import * as z from 'zod/mini';
import { EXPORT_FORMATS, type ExportFormat, ExportWriter } from '../domain/auditExport';
import { servesEstate } from '../domain/access/identity';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { readConfig } from '../platform/config';
import { validate } from '../platform/http';
import { logger } from '../platform/logger';
import { streamingHttpEndpoint } from '../platform/streaming';
import { RecordsStore } from '../store/recordsStore';
import { period, periodQuery } from './auditTime';

const querySchema = z.strictObject({
  ...periodQuery,
  format: z._default(z.enum(EXPORT_FORMATS, `format must be one of ${EXPORT_FORMATS.join(', ')}`), 'jsonl'),
});

/** Lines are sent in chunks of about this size: fewer, larger writes, still constant memory. */
const CHUNK_BYTES = 64 * 1024;

const CONTENT_TYPES: Record<ExportFormat, string> = { jsonl: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' };

export const handler = streamingHttpEndpoint('auditExport', async (event) => {
  const identity = await requireStaff(event);
  const query = validate(querySchema, event.queryStringParameters ?? {}, 'query');
  requirePermission(identity, 'audit.export', query.estateId ? { estateId: query.estateId } : {});
  const { from, to } = period(query);
  const estateIds = query.estateId ? [query.estateId] : (await getCaseStore().listEstates()).map((e) => e.estateId).filter((id) => servesEstate(identity, id)).sort();
  const requestId = event.requestContext?.requestId ?? 'unknown';
  const writer = new ExportWriter(query.format, { from, to, estateIds, generatedBy: { userId: identity.userId, role: identity.role }, requestId });
  const records = new RecordsStore(getDocumentClient(), readConfig().tableName);
  const name = `audit-${query.estateId ?? 'group'}-${from.slice(0, 10)}-${to.slice(0, 10)}.${query.format}`;

  async function* body(): AsyncGenerator<string> {
    let chunk = writer.header();
    let count = 0;
    for (const estateId of estateIds) {
      for await (const auditEvent of records.estateEvents(estateId, from, to)) {
        chunk += writer.line(auditEvent);
        count += 1;
        if (chunk.length >= CHUNK_BYTES) {
          yield chunk;
          chunk = '';
        }
      }
    }
    const { manifest, line } = writer.manifest(new Date().toISOString());
    // Taking the records is itself recorded (ISO 10002 information integrity): who, which period, how many, and the file's digest.
    for (const estateId of estateIds) {
      await records.appendToLedger(estateId, {
        at: manifest.generatedAt,
        actor: { type: 'staff', id: identity.userId, role: identity.role },
        action: 'audit.exported',
        requestId,
        details: { from, to, format: query.format, count: manifest.count, sha256: manifest.sha256 },
      });
    }
    yield chunk + line;
    logger.info('audit export streamed', { estates: estateIds.length, from, to, count, bytes: manifest.bytes, userId: identity.userId });
  }

  return {
    statusCode: 200,
    headers: { 'content-type': CONTENT_TYPES[query.format], 'content-disposition': `attachment; filename="${name}"`, 'x-export-format': query.format },
    stream: body(),
  };
});
