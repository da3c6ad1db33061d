/**
 * Export jobs (docs/AUDIT.md, "Export jobs"): the compliance export without
 * the size limit of a streamed response. A request creates a job record; an
 * asynchronous function writes the same file as the streaming export into
 * object storage, with its manifest beside it, and marks the job done or
 * failed; the requester polls the job and downloads the file by a short-lived
 * link. This module holds the job's rules, free of any storage:
 *
 * - the job id is derived from the requester and their Idempotency-Key (or,
 *   without one, from the request itself), so a retried request finds its job;
 * - a job is `queued` → `running` (claimed by one run) → `done` | `failed`;
 * - a job that never started, or whose run stopped without finishing (time
 *   limit, crash), is failed on the next read, never left `running`.
 */
import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import { type ExportFormat, type ExportManifest, exportFileName } from './auditExport';
import { canonicalJson } from './canonicalJson';

export const EXPORT_JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ExportJobStatus = (typeof EXPORT_JOB_STATUSES)[number];

export type ExportJobFailureCode =
  /** The events could not be read. */
  | 'read-failed'
  /** The file or its manifest could not be written to storage. */
  | 'upload-failed'
  /** The file was written but the export could not be recorded in the estate ledgers (so it is not offered). */
  | 'record-failed'
  /** The run reached its function's time limit: export a shorter period or fewer estates per job. */
  | 'time-limit'
  /** The run stopped without finishing (its function crashed or was stopped). */
  | 'interrupted'
  /** No run picked the job up in time. */
  | 'not-started';

export interface ExportJobFailure {
  code: ExportJobFailureCode;
  message: string;
}

export interface ExportJobRequest {
  /** Normalised ISO instants: from inclusive, to exclusive. */
  from: string;
  to: string;
  /** Absent: every estate the requester served when asking. */
  estateId?: string;
  format: ExportFormat;
}

export interface ExportJob extends ExportJobRequest {
  jobId: string;
  /** One run of the job. A failed job asked for again runs afresh under a new run id, into objects of its own. */
  runId: string;
  status: ExportJobStatus;
  estateIds: string[];
  requestedBy: { userId: string; role: string };
  /** The API request that created (or last restarted) the job; the manifest carries it too. */
  requestId: string;
  requestHash: string;
  createdAt: string;
  startedAt?: string;
  /** A job still `running` after this was interrupted. */
  runDeadline?: string;
  finishedAt?: string;
  fileName: string;
  objectKey: string;
  manifestKey: string;
  manifest?: ExportManifest;
  /** Size of the whole file as stored, manifest line included. */
  fileBytes?: number;
  failure?: ExportJobFailure;
}

export const EXPORT_JOB_ID_PATTERN = /^[0-9a-f]{32}$/;

/** How long a request is remembered: a retry within this window finds the same job (as for intake). */
export const EXPORT_JOB_IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Export files and manifests are deleted from storage after this many days (the bucket's lifecycle rule). */
export const EXPORT_OBJECT_RETENTION_DAYS = 7;
/** Job records outlive their files by a day (table TTL); the estate ledgers keep the permanent record of every export. */
export const EXPORT_JOB_RECORD_DAYS = EXPORT_OBJECT_RETENTION_DAYS + 1;
/** A queued job that no run has claimed within this time is failed (the asynchronous invocation was lost or expired). */
export const EXPORT_JOB_START_LIMIT_MS = 75 * 60 * 1000;
/** Download links live this long; ask for the job again for fresh ones. */
export const EXPORT_DOWNLOAD_LINK_SECONDS = 15 * 60;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function exportJobRequestHash(request: ExportJobRequest): string {
  return sha256(canonicalJson({ from: request.from, to: request.to, estateId: request.estateId ?? null, format: request.format }));
}

/**
 * The job id: with an Idempotency-Key, from the requester and the key; without one, from the
 * requester and the request, so that an identical request within the window is taken to be a retry.
 * Per requester: two people asking the same thing get two jobs, each recorded under their name.
 */
export function exportJobId(userId: string, idempotencyKey: string | undefined, requestHash: string): string {
  return sha256(`audit-export\u0000${userId}\u0000${idempotencyKey !== undefined ? `key:${idempotencyKey}` : `request:${requestHash}`}`).slice(0, 32);
}

export function newExportJob(input: {
  jobId: string;
  request: ExportJobRequest;
  estateIds: string[];
  requestedBy: { userId: string; role: string };
  requestId: string;
  now: Date;
}): ExportJob {
  const runId = ulid(input.now.getTime());
  const fileName = exportFileName(input.request.estateId, input.request.from, input.request.to, input.request.format);
  const objectKey = `exports/${input.jobId}/${runId}/${fileName}`;
  return {
    jobId: input.jobId,
    runId,
    status: 'queued',
    from: input.request.from,
    to: input.request.to,
    ...(input.request.estateId !== undefined ? { estateId: input.request.estateId } : {}),
    format: input.request.format,
    estateIds: input.estateIds,
    requestedBy: input.requestedBy,
    requestId: input.requestId,
    requestHash: exportJobRequestHash(input.request),
    createdAt: input.now.toISOString(),
    fileName,
    objectKey,
    manifestKey: `${objectKey}.manifest.json`,
  };
}

/**
 * What a request finds when its job id is taken: the same request within the window is a retry
 * (`replay`); a different request under the same key within the window is refused (`key-reused`);
 * a job older than the window, or a failed one asked for again, is started afresh (`replace`).
 */
export function existingJobOutcome(existing: ExportJob, requestHash: string, now: Date): 'replay' | 'key-reused' | 'replace' {
  if (new Date(existing.createdAt).getTime() < now.getTime() - EXPORT_JOB_IDEMPOTENCY_WINDOW_MS) return 'replace';
  if (existing.requestHash !== requestHash) return 'key-reused';
  return existing.status === 'failed' ? 'replace' : 'replay';
}

/** Why a job that is still queued or running at `now` will never finish, if it will not. */
export function stalledJobFailure(job: ExportJob, now: Date): ExportJobFailure | undefined {
  if (job.status === 'running' && job.runDeadline !== undefined && now.toISOString() > job.runDeadline) {
    return { code: 'interrupted', message: 'the export stopped without finishing (its function reached its time limit or crashed); ask again, for a shorter period if it is large' };
  }
  if (job.status === 'queued' && now.getTime() > new Date(job.createdAt).getTime() + EXPORT_JOB_START_LIMIT_MS) {
    return { code: 'not-started', message: 'the export was never started; ask again' };
  }
  return undefined;
}

/** The job as the API shows it (download links are added by the caller when the job is done). */
export function exportJobView(job: ExportJob) {
  return {
    jobId: job.jobId,
    status: job.status,
    format: job.format,
    from: job.from,
    to: job.to,
    ...(job.estateId !== undefined ? { estateId: job.estateId } : {}),
    estateIds: job.estateIds,
    requestedBy: job.requestedBy,
    createdAt: job.createdAt,
    ...(job.startedAt ? { startedAt: job.startedAt } : {}),
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    ...(job.manifest ? { count: job.manifest.count, fileBytes: job.fileBytes, manifest: job.manifest } : {}),
    ...(job.failure ? { failure: job.failure } : {}),
  };
}

/** What the job rules need from storage (functions/store/exportJobStore.ts). */
export interface ExportJobPort {
  /** Stores the job unless its id is held by a job that still counts; false if it is. */
  createJob(job: ExportJob, replaceable: { createdBefore: string }): Promise<boolean>;
  getJob(jobId: string): Promise<ExportJob | undefined>;
  /** Fails the job if it is still in status `from` under the same run; false if it is not. */
  failJob(job: Pick<ExportJob, 'jobId' | 'runId'>, from: 'queued' | 'running', failure: ExportJobFailure, finishedAt: string): Promise<boolean>;
}

export interface ExportJobDependencies {
  jobs: ExportJobPort;
  /** Starts a run of the job asynchronously; starting a job that is already running or finished does nothing. */
  startJob(job: ExportJob): Promise<void>;
  now(): Date;
}

export type ExportJobRequestOutcome = { kind: 'created' | 'replayed'; job: ExportJob } | { kind: 'idempotency-key-reused' };

/** The job as it stands now: a stalled job (see stalledJobFailure) is failed on the way. */
export async function currentExportJob(jobId: string, deps: Pick<ExportJobDependencies, 'jobs' | 'now'>): Promise<ExportJob | undefined> {
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const job = await deps.jobs.getJob(jobId);
    if (!job) return undefined;
    const now = deps.now();
    const failure = stalledJobFailure(job, now);
    if (!failure) return job;
    const from = job.status as 'queued' | 'running';
    if (await deps.jobs.failJob(job, from, failure, now.toISOString())) return { ...job, status: 'failed', failure, finishedAt: now.toISOString() };
    // The run moved on meanwhile (claimed, finished): read it again.
  }
  return deps.jobs.getJob(jobId);
}

/**
 * Creates the export job a request asks for and starts it, or finds the job a retry of the same
 * request refers to (and starts it again if it is still queued: starting is idempotent).
 */
export async function requestExportJob(
  input: { request: ExportJobRequest; estateIds: string[]; requestedBy: { userId: string; role: string }; requestId: string; idempotencyKey?: string },
  deps: ExportJobDependencies,
): Promise<ExportJobRequestOutcome> {
  const requestHash = exportJobRequestHash(input.request);
  const jobId = exportJobId(input.requestedBy.userId, input.idempotencyKey, requestHash);
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const now = deps.now();
    const job = newExportJob({ jobId, request: input.request, estateIds: input.estateIds, requestedBy: input.requestedBy, requestId: input.requestId, now });
    if (await deps.jobs.createJob(job, { createdBefore: new Date(now.getTime() - EXPORT_JOB_IDEMPOTENCY_WINDOW_MS).toISOString() })) {
      await deps.startJob(job);
      return { kind: 'created', job };
    }
    const existing = await currentExportJob(jobId, deps);
    if (!existing) continue;
    const outcome = existingJobOutcome(existing, requestHash, deps.now());
    if (outcome === 'key-reused') return { kind: 'idempotency-key-reused' };
    if (outcome === 'replay') {
      if (existing.status === 'queued') await deps.startJob(existing);
      return { kind: 'replayed', job: existing };
    }
    // `replace`: it failed or aged out between the write and the read; write again.
  }
  throw new Error(`export job ${jobId} changed under every attempt to create it`);
}
