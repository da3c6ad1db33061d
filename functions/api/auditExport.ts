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
import { EXPORT_CONTENT_TYPES, ExportWriter, exportChunks, exportFileName, exportLedgerDraft } from '../domain/auditExport';
import { servesEstate } from '../domain/access/identity';
import { requirePermission } from '../platform/auth';
import { requireStaffBearer } from '../platform/bearerToken';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { readConfig } from '../platform/config';
import { validate } from '../platform/http';
import { logger } from '../platform/logger';
import { streamingHttpEndpoint } from '../platform/streaming';
import { RecordsStore } from '../store/recordsStore';
import { exportParameters, period } from './auditTime';
import { platformNow } from '../platform/clock';

const querySchema = z.strictObject(exportParameters);

export const handler = streamingHttpEndpoint('auditExport', async (event) => {
  const identity = await requireStaffBearer(event);
  const query = validate(querySchema, event.queryStringParameters ?? {}, 'query');
  requirePermission(identity, 'audit.export', query.estateId ? { estateId: query.estateId } : {});
  const { from, to } = period(query);
  const estateIds = query.estateId ? [query.estateId] : (await getCaseStore().listEstates()).map((e) => e.estateId).filter((id) => servesEstate(identity, id)).sort();
  const requestId = event.requestContext?.requestId ?? 'unknown';
  const writer = new ExportWriter(query.format, { from, to, estateIds, generatedBy: { userId: identity.userId, role: identity.role }, requestId });
  const records = new RecordsStore(getDocumentClient(), readConfig().tableName);

  async function* body(): AsyncGenerator<string> {
    const manifest = yield* exportChunks(writer, estateIds, (estateId) => records.estateEvents(estateId, from, to), {
      now: platformNow,
      // Taking the records is itself recorded (ISO 10002 information integrity): who, which period, how many, and the file's digest.
      beforeManifestLine: async (manifest) => {
        for (const estateId of estateIds) await records.appendToLedger(estateId, exportLedgerDraft(manifest));
      },
    });
    logger.info('audit export streamed', { estates: estateIds.length, from, to, count: manifest.count, bytes: manifest.bytes, userId: identity.userId });
  }

  return {
    statusCode: 200,
    headers: {
      'content-type': EXPORT_CONTENT_TYPES[query.format],
      'content-disposition': `attachment; filename="${exportFileName(query.estateId, from, to, query.format)}"`,
      'x-export-format': query.format,
    },
    stream: body(),
  };
});
