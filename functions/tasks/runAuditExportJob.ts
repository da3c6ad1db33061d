/**
 * One run of an export job (docs/AUDIT.md, "Export jobs"), invoked
 * asynchronously by `POST /api/v1/audit/exports`: claims the job, writes
 * exactly the file the streaming export would (functions/domain/auditExport.ts)
 * to the export bucket by multipart upload in constant memory, writes the
 * manifest as its own object beside it, records the export in each covered
 * estate's ledger, and marks the job done. Any failure marks it failed with a
 * reason; a run that would outlast its function's time limit stops itself
 * first and says so. A second invocation of the same run finds it claimed and
 * does nothing.
 */
import type { Context } from 'aws-lambda';
import { EXPORT_CONTENT_TYPES, type ExportManifest, ExportWriter, exportChunks, exportLedgerDraft } from '../domain/auditExport';
import type { ExportJob, ExportJobFailure } from '../domain/auditExportJob';
import { getDocumentClient } from '../platform/clients';
import { auditExportBucket, readConfig } from '../platform/config';
import type { ExportJobEvent } from '../platform/exportJobs';
import { logger } from '../platform/logger';
import { putJson, uploadText } from '../platform/objectStorage';
import { ExportJobStore } from '../store/exportJobStore';
import { RecordsStore } from '../store/recordsStore';
import { platformNow } from '../platform/clock';

/** Stop this long before the function's time limit, to abandon the upload and record why. */
const TIME_LIMIT_MARGIN_MS = 20_000;
/** A run still marked running this long after its function's time limit has certainly stopped. */
const RUN_DEADLINE_GRACE_MS = 60_000;

class ExportJobFailed extends Error {
  constructor(readonly failure: ExportJobFailure) {
    super(failure.message);
  }
}

const describe = (error: unknown) => (error as Error)?.name ?? 'Error';

/** Writes the file, its manifest and the ledger entries; throws ExportJobFailed with the reason. */
async function writeExport(job: ExportJob, context: Context, records: RecordsStore): Promise<{ manifest: ExportManifest; fileBytes: number }> {
  const bucket = auditExportBucket();
  const writer = new ExportWriter(job.format, { from: job.from, to: job.to, estateIds: job.estateIds, generatedBy: job.requestedBy, requestId: job.requestId });
  // Set by the file's generator as it ends (an object, so that the assignment inside it is seen here).
  const written: { manifest?: ExportManifest; readError?: unknown } = {};
  async function* file(): AsyncGenerator<string> {
    try {
      written.manifest = yield* exportChunks(writer, job.estateIds, (estateId) => records.estateEvents(estateId, job.from, job.to), { now: platformNow });
    } catch (error) {
      written.readError = error;
      throw error;
    }
  }

  const timeLimit = new AbortController();
  const timer = setTimeout(() => timeLimit.abort(), Math.max(0, context.getRemainingTimeInMillis() - TIME_LIMIT_MARGIN_MS));
  let fileBytes: number;
  try {
    ({ bytes: fileBytes } = await uploadText({ bucket, key: job.objectKey, contentType: EXPORT_CONTENT_TYPES[job.format], body: file(), signal: timeLimit.signal }));
  } catch (error) {
    if (timeLimit.signal.aborted) {
      throw new ExportJobFailed({ code: 'time-limit', message: `the export did not finish within the job's time limit (${writer.format}, ${job.estateIds.length} estate(s)); ask for a shorter period or one estate at a time` });
    }
    if (written.readError !== undefined) throw new ExportJobFailed({ code: 'read-failed', message: `could not read the audit events (${describe(written.readError)})` });
    throw new ExportJobFailed({ code: 'upload-failed', message: `could not write the export file to storage (${describe(error)})` });
  } finally {
    clearTimeout(timer);
  }
  const { manifest } = written;
  if (!manifest) throw new ExportJobFailed({ code: 'upload-failed', message: 'the export file was stored without its manifest line' });
  try {
    await putJson(bucket, job.manifestKey, { manifest, file: { key: job.objectKey, fileName: job.fileName, bytes: fileBytes } });
  } catch (error) {
    throw new ExportJobFailed({ code: 'upload-failed', message: `could not write the manifest to storage (${describe(error)})` });
  }
  try {
    // Taking the records is itself recorded, as for the streaming export; the job id ties the entry to this file.
    for (const estateId of job.estateIds) await records.appendToLedger(estateId, exportLedgerDraft(manifest, { jobId: job.jobId }));
  } catch (error) {
    throw new ExportJobFailed({ code: 'record-failed', message: `could not record the export in the estate ledger (${describe(error)}); ask again` });
  }
  return { manifest, fileBytes };
}

export const handler = async (event: ExportJobEvent, context: Context) => {
  const jobs = new ExportJobStore(getDocumentClient(), readConfig().tableName);
  const jobId = typeof event?.jobId === 'string' ? event.jobId : '';
  const job = jobId ? await jobs.getJob(jobId) : undefined;
  if (!job || job.runId !== event.runId || job.status !== 'queued') {
    logger.info('export job run skipped', { jobId, runId: event?.runId, status: job?.status ?? 'unknown' });
    return { jobId, status: job?.status ?? 'unknown', ran: false };
  }
  const startedAt = platformNow();
  const startedRealMs = Date.now();
  const runDeadline = new Date(startedAt.getTime() + context.getRemainingTimeInMillis() + RUN_DEADLINE_GRACE_MS);
  if (!(await jobs.claimJob(job, startedAt.toISOString(), runDeadline.toISOString()))) {
    logger.info('export job run skipped: claimed by another run', { jobId, runId: job.runId });
    return { jobId, status: 'running', ran: false };
  }
  const records = new RecordsStore(getDocumentClient(), readConfig().tableName);
  try {
    const { manifest, fileBytes } = await writeExport(job, context, records);
    await jobs.completeJob(job, { finishedAt: platformNow().toISOString(), manifest, fileBytes });
    logger.info('export job done', { jobId, estates: job.estateIds.length, count: manifest.count, fileBytes, ms: Date.now() - startedRealMs, userId: job.requestedBy.userId });
    return { jobId, status: 'done', ran: true, count: manifest.count };
  } catch (error) {
    const failure: ExportJobFailure = error instanceof ExportJobFailed ? error.failure : { code: 'interrupted', message: `the export stopped on an unexpected error (${describe(error)}); ask again` };
    logger.error('export job failed', { jobId, code: failure.code, error: error as Error });
    // If even this fails, the run deadline lets the next read fail the job: it is never left running.
    await jobs.failJob(job, 'running', failure, platformNow().toISOString());
    return { jobId, status: 'failed', ran: true, failure };
  }
};
