import { describe, expect, it } from 'vitest';
import {
  currentExportJob,
  EXPORT_JOB_ID_PATTERN,
  EXPORT_JOB_START_LIMIT_MS,
  type ExportJob,
  type ExportJobFailure,
  type ExportJobPort,
  type ExportJobRequest,
  exportJobId,
  exportJobRequestHash,
  exportJobView,
  existingJobOutcome,
  newExportJob,
  requestExportJob,
  stalledJobFailure,
} from '../../../functions/domain/auditExportJob';

const request: ExportJobRequest = { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z', estateId: 'EST01', format: 'jsonl' };
const auditor = { userId: 'compliance.auditor', role: 'compliance' };
const T0 = new Date('2026-03-01T10:00:00.000Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3600_000);

/** The store's conditional rules, in memory (functions/store/exportJobStore.ts holds them for DynamoDB). */
class MemoryJobs implements ExportJobPort {
  readonly jobs = new Map<string, ExportJob>();
  async createJob(job: ExportJob, replaceable: { createdBefore: string }) {
    const existing = this.jobs.get(job.jobId);
    if (existing && !(existing.createdAt < replaceable.createdBefore || (existing.status === 'failed' && existing.requestHash === job.requestHash))) return false;
    this.jobs.set(job.jobId, structuredClone(job));
    return true;
  }
  async getJob(jobId: string) {
    const job = this.jobs.get(jobId);
    return job && structuredClone(job);
  }
  async failJob(job: Pick<ExportJob, 'jobId' | 'runId'>, from: 'queued' | 'running', failure: ExportJobFailure, finishedAt: string) {
    const stored = this.jobs.get(job.jobId);
    if (!stored || stored.status !== from || stored.runId !== job.runId) return false;
    Object.assign(stored, { status: 'failed', failure, finishedAt });
    return true;
  }
}

function harness(now = T0) {
  const jobs = new MemoryJobs();
  const started: string[] = [];
  const clock = { now };
  const deps = { jobs, startJob: async (job: ExportJob) => void started.push(`${job.jobId}/${job.runId}`), now: () => clock.now };
  const ask = (overrides: Partial<ExportJobRequest> = {}, idempotencyKey?: string, requestedBy = auditor) =>
    requestExportJob({ request: { ...request, ...overrides }, estateIds: ['EST01'], requestedBy, requestId: 'req-1', ...(idempotencyKey ? { idempotencyKey } : {}) }, deps);
  return { jobs, started, clock, deps, ask };
}

describe('job ids', () => {
  const hash = exportJobRequestHash(request);

  it('are 32 hex characters, the same for the same requester and key (or request)', () => {
    expect(exportJobId('u1', 'key-12345678', hash)).toMatch(EXPORT_JOB_ID_PATTERN);
    expect(exportJobId('u1', 'key-12345678', hash)).toBe(exportJobId('u1', 'key-12345678', exportJobRequestHash({ ...request, format: 'csv' })));
    expect(exportJobId('u1', undefined, hash)).toBe(exportJobId('u1', undefined, exportJobRequestHash({ ...request })));
  });

  it('differ by requester, by key, and (without a key) by every field of the request', () => {
    const ids = new Set([
      exportJobId('u1', undefined, hash),
      exportJobId('u2', undefined, hash),
      exportJobId('u1', 'key-12345678', hash),
      exportJobId('u1', 'key-87654321', hash),
      exportJobId('u1', undefined, exportJobRequestHash({ ...request, format: 'csv' })),
      exportJobId('u1', undefined, exportJobRequestHash({ ...request, from: '2026-01-02T00:00:00.000Z' })),
      exportJobId('u1', undefined, exportJobRequestHash({ ...request, to: '2026-02-02T00:00:00.000Z' })),
      exportJobId('u1', undefined, exportJobRequestHash({ from: request.from, to: request.to, format: request.format })),
    ]);
    expect(ids.size).toBe(8);
  });

  it('cannot be confused between a key and a request hash', () => {
    expect(exportJobId('u1', `request:${hash}`, 'x')).not.toBe(exportJobId('u1', undefined, hash));
  });
});

describe('a new job', () => {
  it('is queued, with its own objects under its job and run, named like the streaming export', () => {
    const job = newExportJob({ jobId: 'a'.repeat(32), request, estateIds: ['EST01'], requestedBy: auditor, requestId: 'req-1', now: T0 });
    expect(job).toMatchObject({ status: 'queued', createdAt: T0.toISOString(), fileName: 'audit-EST01-2026-01-01-2026-02-01.jsonl', requestHash: exportJobRequestHash(request) });
    expect(job.objectKey).toBe(`exports/${'a'.repeat(32)}/${job.runId}/audit-EST01-2026-01-01-2026-02-01.jsonl`);
    expect(job.manifestKey).toBe(`${job.objectKey}.manifest.json`);
    const again = newExportJob({ jobId: 'a'.repeat(32), request, estateIds: ['EST01'], requestedBy: auditor, requestId: 'req-2', now: T0 });
    expect(again.runId).not.toBe(job.runId);
  });

  it('is shown without internal fields; counts and manifest once done', () => {
    const job = newExportJob({ jobId: 'a'.repeat(32), request, estateIds: ['EST01'], requestedBy: auditor, requestId: 'req-1', now: T0 });
    expect(Object.keys(exportJobView(job)).sort()).toEqual(['createdAt', 'estateId', 'estateIds', 'format', 'from', 'jobId', 'requestedBy', 'status', 'to']);
    const done = { ...job, status: 'done' as const, manifest: { count: 3 } as never, fileBytes: 1234 };
    expect(exportJobView(done)).toMatchObject({ count: 3, fileBytes: 1234, manifest: { count: 3 } });
  });
});

describe('an existing job under the same id', () => {
  const job = (patch: Partial<ExportJob> = {}): ExportJob => ({ ...newExportJob({ jobId: 'a'.repeat(32), request, estateIds: ['EST01'], requestedBy: auditor, requestId: 'r', now: T0 }), ...patch });
  const hash = exportJobRequestHash(request);

  it('is the answer to a retry of the same request within 24 hours, whatever its status but failed', () => {
    for (const status of ['queued', 'running', 'done'] as const) expect(existingJobOutcome(job({ status }), hash, hours(23))).toBe('replay');
    expect(existingJobOutcome(job({ status: 'failed' }), hash, hours(1))).toBe('replace');
  });

  it('refuses another request under the same key within 24 hours, and gives way after', () => {
    expect(existingJobOutcome(job(), exportJobRequestHash({ ...request, format: 'csv' }), hours(23))).toBe('key-reused');
    expect(existingJobOutcome(job({ status: 'done' }), exportJobRequestHash({ ...request, format: 'csv' }), hours(25))).toBe('replace');
    expect(existingJobOutcome(job({ status: 'done' }), hash, hours(25))).toBe('replace');
  });
});

describe('stalled jobs', () => {
  const base = newExportJob({ jobId: 'a'.repeat(32), request, estateIds: ['EST01'], requestedBy: auditor, requestId: 'r', now: T0 });

  it('a running job past its run deadline was interrupted', () => {
    const running = { ...base, status: 'running' as const, startedAt: T0.toISOString(), runDeadline: hours(0.5).toISOString() };
    expect(stalledJobFailure(running, hours(0.4))).toBeUndefined();
    expect(stalledJobFailure(running, hours(0.6))).toMatchObject({ code: 'interrupted' });
  });

  it('a queued job never picked up within the start limit was not started', () => {
    expect(stalledJobFailure(base, new Date(T0.getTime() + EXPORT_JOB_START_LIMIT_MS - 1))).toBeUndefined();
    expect(stalledJobFailure(base, new Date(T0.getTime() + EXPORT_JOB_START_LIMIT_MS + 1))).toMatchObject({ code: 'not-started' });
  });

  it('a finished job is never stalled', () => {
    expect(stalledJobFailure({ ...base, status: 'done', runDeadline: T0.toISOString() }, hours(100))).toBeUndefined();
    expect(stalledJobFailure({ ...base, status: 'failed' }, hours(100))).toBeUndefined();
  });

  it('is failed when read, once, and read as failed', async () => {
    const { jobs, deps } = harness(hours(3));
    const running = { ...base, status: 'running' as const, runDeadline: hours(1).toISOString() };
    jobs.jobs.set(base.jobId, running);
    const read = await currentExportJob(base.jobId, deps);
    expect(read).toMatchObject({ status: 'failed', failure: { code: 'interrupted' }, finishedAt: hours(3).toISOString() });
    expect(jobs.jobs.get(base.jobId)).toMatchObject({ status: 'failed', failure: { code: 'interrupted' } });
    expect(await currentExportJob('b'.repeat(32), deps)).toBeUndefined();
  });
});

describe('requestExportJob', () => {
  it('creates and starts a job', async () => {
    const { ask, started, jobs } = harness();
    const outcome = await ask();
    expect(outcome.kind).toBe('created');
    const job = (outcome as { job: ExportJob }).job;
    expect(started).toEqual([`${job.jobId}/${job.runId}`]);
    expect(jobs.jobs.get(job.jobId)).toMatchObject({ status: 'queued', requestedBy: auditor, estateIds: ['EST01'], requestId: 'req-1' });
  });

  it('answers a retry with the same job, starting it again only while it is queued', async () => {
    const { ask, started, jobs } = harness();
    const first = (await ask(undefined, 'key-00000001')) as { job: ExportJob };
    const retry = await ask(undefined, 'key-00000001');
    expect(retry).toMatchObject({ kind: 'replayed', job: { jobId: first.job.jobId, runId: first.job.runId } });
    expect(started).toHaveLength(2);
    jobs.jobs.get(first.job.jobId)!.status = 'running';
    jobs.jobs.get(first.job.jobId)!.runDeadline = hours(1).toISOString();
    expect(await ask(undefined, 'key-00000001')).toMatchObject({ kind: 'replayed' });
    expect(started).toHaveLength(2);
  });

  it('refuses a key reused for another request', async () => {
    const { ask } = harness();
    await ask(undefined, 'key-00000001');
    expect(await ask({ format: 'csv' }, 'key-00000001')).toEqual({ kind: 'idempotency-key-reused' });
  });

  it('gives two people asking the same thing two jobs', async () => {
    const { ask } = harness();
    const a = (await ask()) as { job: ExportJob };
    const b = (await ask(undefined, undefined, { userId: 'compliance.second', role: 'compliance' })) as { job: ExportJob; kind: string };
    expect(b.kind).toBe('created');
    expect(b.job.jobId).not.toBe(a.job.jobId);
  });

  it('runs a failed job afresh under a new run when asked again', async () => {
    const { ask, jobs, started } = harness();
    const first = (await ask(undefined, 'key-00000001')) as { job: ExportJob };
    await jobs.failJob(first.job, 'queued', { code: 'upload-failed', message: 'x' }, T0.toISOString());
    const again = (await ask(undefined, 'key-00000001')) as { kind: string; job: ExportJob };
    expect(again.kind).toBe('created');
    expect(again.job.jobId).toBe(first.job.jobId);
    expect(again.job.runId).not.toBe(first.job.runId);
    expect(jobs.jobs.get(first.job.jobId)).toMatchObject({ status: 'queued', runId: again.job.runId });
    expect(started).toHaveLength(2);
  });

  it('fails a stalled run and starts afresh when the request is retried', async () => {
    const { ask, jobs, clock } = harness();
    const first = (await ask(undefined, 'key-00000001')) as { job: ExportJob };
    Object.assign(jobs.jobs.get(first.job.jobId)!, { status: 'running', runDeadline: hours(0.25).toISOString() });
    clock.now = hours(1);
    const again = (await ask(undefined, 'key-00000001')) as { kind: string; job: ExportJob };
    expect(again.kind).toBe('created');
    expect(again.job.runId).not.toBe(first.job.runId);
  });

  it('starts a new job for a request older than the window', async () => {
    const { ask, clock } = harness();
    const first = (await ask()) as { job: ExportJob };
    clock.now = hours(25);
    const later = (await ask()) as { kind: string; job: ExportJob };
    expect(later.kind).toBe('created');
    expect(later.job.runId).not.toBe(first.job.runId);
  });
});
