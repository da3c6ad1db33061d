/**
 * The complainant adds to their case from the tracking page (with the
 * tracking token):
 * - `POST /api/v1/complaints/{id}/uploads?token=…` `{count}` → presigned POSTs,
 *   one per file (at most 5, 10 MB each: S3 refuses larger ones);
 * - `POST /api/v1/complaints/{id}/additions?token=…` `{text?, uploadIds}` →
 *   each uploaded file is read back, its type checked from the content, an
 *   image's location removed, and kept as a file of the case with the text, as
 *   one audit event. A repeated request adds nothing twice.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { CASE_FILE_LIMITS, inspectFile } from '../domain/caseFiles';
import { attachFiles, type CheckedFile } from '../domain/residentAdditions';
import { presignUploads, UPLOAD_ID, uploadKey } from '../platform/caseFileLinks';
import { getCaseStore } from '../platform/clients';
import { caseForTrackingLink } from '../platform/trackingLink';
import { caseFilesBucket } from '../platform/config';
import { HttpError, httpEndpoint, json, parseJsonBody } from '../platform/http';
import { objectSize, readObject, s3CaseFileStorage } from '../platform/mailStorage';
import { platformNow } from '../platform/clock';

const uploadsSchema = z.strictObject({
  count: z.number().check(z.int('count must be a whole number'), z.gte(1, 'count must be at least 1'), z.lte(CASE_FILE_LIMITS.maxFiles, `count must be at most ${CASE_FILE_LIMITS.maxFiles}`)),
});
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const additionSchema = z
  .strictObject({
    /** Where the resident added it: the tracking page, or the complaint form right after filing (files only). */
    from: z._default(z.enum(['tracking-page', 'web-form'], 'from must be tracking-page or web-form'), 'tracking-page'),
    text: z._default(z.string().check(z.trim(), z.maxLength(5000, 'text must be at most 5000 characters'), z.refine((v) => !CONTROL.test(v), 'text must not contain control characters')), ''),
    uploads: z._default(
      z.array(z.strictObject({ uploadId: z.string().check(z.regex(UPLOAD_ID, 'uploadId is not one of ours')), name: z.string().check(z.trim(), z.minLength(1, 'name is required'), z.maxLength(200, 'name must be at most 200 characters'), z.refine((v) => !CONTROL.test(v), 'name must not contain control characters')) })).check(z.maxLength(CASE_FILE_LIMITS.maxFiles, `at most ${CASE_FILE_LIMITS.maxFiles} files at a time`)),
      [],
    ),
  })
  .check(z.refine((a) => a.text.length > 0 || a.uploads.length > 0, { message: 'add some text or at least one file', path: ['text'] }));

const FILE_REFUSALS: Record<string, string> = {
  empty: 'is empty',
  'too-large': `is larger than ${CASE_FILE_LIMITS.maxBytes / 1024 / 1024} MB`,
  dangerous: 'is a program or a document with macros, which we do not accept',
  'type-not-accepted': 'is not a JPEG, PNG, GIF or WebP photo, a PDF or a Word/Excel document',
  missing: 'was not uploaded (or its link expired): upload it again',
};

export const handler = httpEndpoint('residentAdditions', async (event) => {
  const complaintCase = await caseForTrackingLink(event);
  const caseId = complaintCase.caseId;
  const store = getCaseStore();
  const bucket = caseFilesBucket();

  if (event.routeKey.endsWith('/uploads')) {
    const { count } = parseJsonBody(event, uploadsSchema);
    return json(201, { uploads: await presignUploads(bucket, caseId, count) });
  }

  const addition = parseJsonBody(event, additionSchema);
  const files: CheckedFile[] = [];
  const problems: Record<string, string> = {};
  for (const [index, upload] of addition.uploads.entries()) {
    const key = uploadKey(caseId, upload.uploadId);
    let size: number;
    try {
      size = await objectSize(bucket, key);
    } catch (error) {
      if ((error as Error).name !== 'NotFound' && (error as Error).name !== 'NoSuchKey') throw error;
      problems[`uploads[${index}]`] = `${upload.name} ${FILE_REFUSALS.missing}`;
      continue;
    }
    // S3 enforces the limit in AWS (the POST policy); checked again here, where the emulator does not.
    if (size > CASE_FILE_LIMITS.maxBytes) {
      problems[`uploads[${index}]`] = `${upload.name} ${FILE_REFUSALS['too-large']}`;
      continue;
    }
    const inspected = await inspectFile(await readObject(bucket, key));
    if (!inspected.accepted) problems[`uploads[${index}]`] = `${upload.name} ${FILE_REFUSALS[inspected.reason]}`;
    else files.push({ ...inspected, name: upload.name });
  }
  if (Object.keys(problems).length > 0) throw new HttpError(422, 'validation_failed', `some files cannot be accepted: ${Object.values(problems).join('; ')}`, problems);
  const sourceDigest = createHash('sha256').update(`tracking-page\u0000${addition.text}\u0000${addition.uploads.map((u) => u.uploadId).join(',')}`).digest('hex');
  // Files sent with the form are part of the complaint as filed (`case.files-attached`); anything else is an addition.
  const asFiled = addition.from === 'web-form' && addition.text.length === 0;
  const added = await attachFiles(caseId, files, addition.from, event.requestContext.requestId, { store, files: s3CaseFileStorage(bucket), now: platformNow }, asFiled ? undefined : { text: addition.text, sourceDigest, actor: { type: 'resident' } });
  // The case went (a retention purge) between reading it and adding: as if the link matched nothing.
  if (added === undefined) throw new HttpError(404, 'not_found', 'no complaint matches this link');
  return json(201, { caseId, added: { text: addition.text.length > 0, files: files.map((f) => ({ fileId: f.fileId, name: f.name, contentType: f.contentType, size: f.content.byteLength })) } });
});
