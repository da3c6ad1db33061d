/**
 * `POST /api/v1/audit/exports/verify` — checks an export file the caller uploads (the body is the
 * JSONL file itself, `application/x-ndjson` or `text/plain`, at most 5 MiB; larger files and CSV:
 * `npm run audit -- verify`). Answers 200 with `{count, bytes, manifest?, problems}`: a tampered
 * file is a successful check that found problems, each with its line. Nothing is stored.
 */
import { verifyExportText } from '../domain/exportFileCheck';
import { requirePermission, requireStaff } from '../platform/auth';
import { header, HttpError, httpEndpoint, json } from '../platform/http';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const CONTENT_TYPES = /^(application\/x-ndjson|application\/jsonl|text\/plain)\s*(;\s*charset\s*=\s*("?)utf-8\3\s*)?$/i;

export const handler = httpEndpoint('verifyExportUpload', async (event) => {
  const identity = requireStaff(event);
  requirePermission(identity, 'audit.verify');
  if (!CONTENT_TYPES.test(header(event, 'content-type') ?? '')) {
    throw new HttpError(415, 'unsupported_media_type', 'send the export file as application/x-ndjson (JSON lines, UTF-8); check CSV files with npm run audit -- verify');
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Math.floor((raw.length * 3) / 4) : Buffer.byteLength(raw, 'utf8');
  if (bytes > MAX_UPLOAD_BYTES) throw new HttpError(413, 'payload_too_large', `an uploaded export must be at most ${MAX_UPLOAD_BYTES} bytes; check larger files with npm run audit -- verify`);
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  return json(200, verifyExportText(text));
});
