/**
 * Export jobs (docs/AUDIT.md, "Export jobs"), for exports too large for a
 * streamed response:
 *
 * - `POST /api/v1/audit/exports` with `{from, to, estateId?, format?}` (the
 *   streaming export's parameters) creates a job and starts it; `202` with
 *   the job and its status URL. Idempotent: `Idempotency-Key`, or without one
 *   an identical request by the same person within 24 h, finds the same job.
 * - `GET /api/v1/audit/exports/{jobId}`: the job's status, counts and
 *   manifest; when done, short-lived download links for the file and the
 *   manifest. Only the person who asked sees a job; anyone else gets `404`.
 *
 * Both are for `audit.export` (compliance), like the streaming export.
 */
import * as z from 'zod/mini';
import { servesEstate, type StaffIdentity } from '../domain/access/identity';
import { currentExportJob, EXPORT_DOWNLOAD_LINK_SECONDS, EXPORT_JOB_ID_PATTERN, type ExportJob, exportJobView, requestExportJob } from '../domain/auditExportJob';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { auditExportBucket, readConfig } from '../platform/config';
import { startExportJob } from '../platform/exportJobs';
import { HttpError, header, type HttpEvent, httpEndpoint, json, parseJsonBody } from '../platform/http';
import { downloadLink } from '../platform/objectStorage';
import { ExportJobStore } from '../store/exportJobStore';
import { exportParameters, period } from './auditTime';
import { platformNow } from '../platform/clock';

const bodySchema = z.strictObject(exportParameters);
const IDEMPOTENCY_KEY = /^[\x21-\x7E]{8,128}$/;

const jobPath = (jobId: string) => `/api/v1/audit/exports/${jobId}`;
const jobStore = () => new ExportJobStore(getDocumentClient(), readConfig().tableName);

async function createJob(identity: StaffIdentity, event: HttpEvent) {
  const body = parseJsonBody(event, bodySchema);
  const { from, to } = period(body, 'request body');
  requirePermission(identity, 'audit.export', body.estateId ? { estateId: body.estateId } : {});
  const idempotencyKey = header(event, 'idempotency-key');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new HttpError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 8-128 printable ASCII characters', { 'Idempotency-Key': 'must be 8-128 printable ASCII characters' });
  }
  const store = getCaseStore();
  let estateIds: string[];
  if (body.estateId) {
    if (!(await store.getEstate(body.estateId))) throw new HttpError(422, 'validation_failed', 'request body has invalid fields: estateId', { estateId: 'is not an estate of this group' });
    estateIds = [body.estateId];
  } else {
    // The estates the requester serves now; the job keeps this list, whatever changes later.
    estateIds = (await store.listEstates()).map((e) => e.estateId).filter((id) => servesEstate(identity, id)).sort();
  }
  const outcome = await requestExportJob(
    {
      request: { from, to, ...(body.estateId ? { estateId: body.estateId } : {}), format: body.format },
      estateIds,
      requestedBy: { userId: identity.userId, role: identity.role },
      requestId: event.requestContext.requestId,
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    },
    { jobs: jobStore(), startJob: startExportJob, now: platformNow },
  );
  if (outcome.kind === 'idempotency-key-reused') throw new HttpError(409, 'idempotency_key_reused', 'this Idempotency-Key was already used for a different export');
  return json(
    202,
    { ...exportJobView(outcome.job), statusUrl: `${readConfig().publicBaseUrl}${jobPath(outcome.job.jobId)}` },
    { location: jobPath(outcome.job.jobId), ...(outcome.kind === 'replayed' ? { 'idempotent-replayed': 'true' } : {}) },
  );
}

async function downloads(job: ExportJob) {
  const bucket = auditExportBucket();
  const expiresAt = new Date(Date.now() + EXPORT_DOWNLOAD_LINK_SECONDS * 1000).toISOString();
  const [file, manifest] = await Promise.all([
    downloadLink(bucket, job.objectKey, job.fileName, EXPORT_DOWNLOAD_LINK_SECONDS),
    downloadLink(bucket, job.manifestKey, `${job.fileName}.manifest.json`, EXPORT_DOWNLOAD_LINK_SECONDS),
  ]);
  return { file: { url: file, fileName: job.fileName }, manifest: { url: manifest, fileName: `${job.fileName}.manifest.json` }, expiresAt };
}

async function getJob(identity: StaffIdentity, event: HttpEvent) {
  requirePermission(identity, 'audit.export');
  const notFound = new HttpError(404, 'not_found', 'not found');
  const jobId = event.pathParameters?.jobId ?? '';
  if (!EXPORT_JOB_ID_PATTERN.test(jobId)) throw notFound;
  const job = await currentExportJob(jobId, { jobs: jobStore(), now: platformNow });
  // A job is its requester's: anyone else is told nothing, as for another estate's case.
  if (!job || job.requestedBy.userId !== identity.userId) throw notFound;
  // And only while they still serve every estate it covers.
  for (const estateId of job.estateIds) requirePermission(identity, 'audit.export', { estateId });
  return json(200, {
    ...exportJobView(job),
    statusUrl: `${readConfig().publicBaseUrl}${jobPath(job.jobId)}`,
    ...(job.status === 'done' ? { download: await downloads(job) } : {}),
  });
}

export const handler = httpEndpoint('auditExportJobs', async (event) => {
  const identity = await requireStaff(event);
  return event.routeKey.startsWith('GET ') ? getJob(identity, event) : createJob(identity, event);
});
