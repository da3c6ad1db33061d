/**
 * Export jobs and published anchors end to end on the local platform
 * (DynamoDB Local, the S3 emulator, the local Lambda API running the job
 * handler asynchronously): a job through the API, its file downloaded by the
 * presigned link and checked with the `npm run audit -- verify` code, the
 * same lines as the streaming export; idempotent retries; who may see a job;
 * bad input; an empty period; a storage fault and a stalled run, each ending
 * `failed` with a reason. Then anchors: each anchor run publishes its anchor
 * to the anchors bucket, a failed publication is retried, and verification
 * reports a published copy that is missing or differs.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newExportJob } from '../../functions/domain/auditExportJob';
import { type LedgerEntry, publishedAnchorKey, publishedAnchorOf } from '../../functions/domain/estateLedger';
import { ExportJobStore } from '../../functions/store/exportJobStore';
import { RecordsStore } from '../../functions/store/recordsStore';
import { type DemoUser, demoUsers } from '../../infra/local/demoGroup';
import { verifyExportFile } from '../../scripts/audit/verifyExportFile';
import { startTestPlatform, type TestPlatform } from '../support/localPlatform';
import { seedCase } from '../support/seedCases';

let platform: TestPlatform;
let s3: S3Client;
let doc: DynamoDBDocumentClient;
let records: RecordsStore;
const dir = mkdtempSync(join(tmpdir(), 'audit-export-jobs-'));
const tokens = new Map<string, string>();
const SECOND_AUDITOR: DemoUser = { userId: 'compliance.second', name: 'Second auditor', email: 'compliance2@demo-group.example', role: 'compliance', estates: '*' };
const auth = async (userId: string) => {
  if (!tokens.has(userId)) tokens.set(userId, await platform.issuer.mint(userId === SECOND_AUDITOR.userId ? SECOND_AUDITOR : demoUsers.find((u) => u.userId === userId)!));
  return { authorization: `Bearer ${tokens.get(userId)!}` };
};
const from = new Date(Date.now() - 30 * 86400_000).toISOString().slice(0, 10);
const to = new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10);

interface JobView {
  jobId: string;
  status: string;
  estateIds: string[];
  count?: number;
  fileBytes?: number;
  manifest?: Record<string, unknown>;
  failure?: { code: string; message: string };
  statusUrl: string;
  download?: { file: { url: string; fileName: string }; manifest: { url: string }; expiresAt: string };
}

const requestJob = async (body: unknown, headers: Record<string, string> = {}, userId = 'compliance.auditor') => platform.post('/api/v1/audit/exports', body, { ...(await auth(userId)), ...headers });

async function jobStatus(jobId: string, userId = 'compliance.auditor'): Promise<Response> {
  return platform.get(`/api/v1/audit/exports/${jobId}`, await auth(userId));
}

/** Waits for the job's run to end (the local Lambda API runs it in the background), then reads it through the API. */
async function finishedJob(jobId: string): Promise<JobView> {
  await platform.lambdaApi.idle();
  const response = await jobStatus(jobId);
  expect(response.status).toBe(200);
  return (await response.json()) as JobView;
}

async function download(url: string, name: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(await response.arrayBuffer()));
  return path;
}

async function jobItems(): Promise<number> {
  const page = await doc.send(new ScanCommand({ TableName: platform.tableName, FilterExpression: '#t = :t', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':t': { S: 'audit-export-job' } } }));
  return page.Count ?? 0;
}

async function emptyAndDeleteBucket(bucket: string): Promise<void> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  for (const object of listed.Contents ?? []) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.Key! }));
  await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
}

beforeAll(async () => {
  platform = await startTestPlatform();
  s3 = new S3Client({ endpoint: platform.s3Endpoint, region: 'us-east-1', credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! } });
  const client = new DynamoDBClient({ endpoint: platform.dynamoDbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  doc = DynamoDBDocumentClient.from(client);
  records = new RecordsStore(doc, platform.tableName);
  const now = Date.now();
  for (let i = 0; i < 12; i += 1) {
    await seedCase(platform.caseStore, { estateId: i % 3 === 0 ? 'EST02' : 'EST01', receivedAt: new Date(now - (i + 1) * 3600_000).toISOString(), patch: { status: 'in-progress' } });
  }
}, 120_000);
afterAll(async () => {
  s3?.destroy();
  doc?.destroy();
  await platform?.stop();
});

describe('an export job', () => {
  let job: JobView;
  let file: string;

  beforeAll(async () => {
    const response = await requestJob({ from, to, estateId: 'EST01' });
    expect(response.status).toBe(202);
    const created = (await response.json()) as JobView;
    expect(created.status).toBe('queued');
    expect(response.headers.get('location')).toBe(`/api/v1/audit/exports/${created.jobId}`);
    expect(created.statusUrl).toBe(`${process.env.PUBLIC_BASE_URL}/api/v1/audit/exports/${created.jobId}`);
    job = await finishedJob(created.jobId);
    file = await download(job.download!.file.url, 'job-est01.jsonl');
  });

  it('runs to done, with counts, the manifest and short-lived download links', () => {
    expect(job).toMatchObject({ status: 'done', estateIds: ['EST01'], manifest: { format: 'jsonl', estateIds: ['EST01'], generatedBy: { userId: 'compliance.auditor', role: 'compliance' } } });
    expect(job.count).toBeGreaterThanOrEqual(16); // 8 cases × (received + seeded change)
    expect(job.count).toBe(job.manifest!.count);
    expect(job.download!.file.fileName).toBe(`audit-EST01-${from}-${to}.jsonl`);
    expect(new URL(job.download!.file.url).searchParams.get('X-Amz-Expires')).toBe('900');
    expect(Date.parse(job.download!.expiresAt) - Date.now()).toBeLessThanOrEqual(900_000);
  });

  it('stores a file that the export verifier accepts, whose manifest is the job manifest', async () => {
    const result = await verifyExportFile(file);
    expect(result.problems).toEqual([]);
    expect(result.manifest).toEqual(job.manifest);
    expect(readFileSync(file).length).toBe(job.fileBytes);
    expect(readFileSync(file, 'utf8')).not.toContain('Resident ');
  });

  it('writes the manifest as its own object beside the file', async () => {
    const manifestObject = (await (await fetch(job.download!.manifest.url)).json()) as { manifest: unknown; file: { fileName: string; bytes: number } };
    expect(manifestObject.manifest).toEqual(job.manifest);
    expect(manifestObject.file).toMatchObject({ fileName: job.download!.file.fileName, bytes: job.fileBytes });
  });

  it('has exactly the lines of the streaming export of the same request', async () => {
    const streamed = await (await platform.get(`/api/v1/audit/export?from=${from}&to=${to}&estateId=EST01`, await auth('compliance.auditor'))).text();
    const events = (text: string) => text.trim().split('\n').slice(0, -1);
    expect(events(readFileSync(file, 'utf8'))).toEqual(events(streamed));
    const streamedManifest = (JSON.parse(streamed.trim().split('\n').at(-1)!) as { manifest: Record<string, unknown> }).manifest;
    for (const field of ['count', 'sha256', 'bytes', 'firstHash', 'lastHash', 'from', 'to']) expect(streamedManifest[field], field).toEqual(job.manifest![field]);
  });

  it('is recorded in the estate ledger like the streaming export, with the job id', async () => {
    const entry = (await records.ledger('EST01')).find((e) => e.action === 'audit.exported' && e.details.jobId === job.jobId);
    expect(entry).toMatchObject({ actor: { type: 'staff', id: 'compliance.auditor', role: 'compliance' }, details: { format: 'jsonl', count: job.count, sha256: job.manifest!.sha256, from: job.manifest!.from, to: job.manifest!.to } });
  });

  it('exports the whole group as CSV without an estate, estate by estate, recording it in every estate ledger', async () => {
    const response = await requestJob({ from, to, format: 'csv' });
    expect(response.status).toBe(202);
    const csvJob = await finishedJob(((await response.json()) as JobView).jobId);
    expect(csvJob.status).toBe('done');
    expect(csvJob.estateIds).toEqual(['EST01', 'EST02', 'LDN01', 'SZ01']);
    const result = await verifyExportFile(await download(csvJob.download!.file.url, 'group.csv'));
    expect(result).toMatchObject({ format: 'csv', problems: [] });
    expect(result.count).toBeGreaterThan(job.count!);
    for (const estateId of csvJob.estateIds) expect((await records.ledger(estateId)).some((e) => e.details.jobId === csvJob.jobId)).toBe(true);
  });
});

describe('idempotency', () => {
  const body = { from, to, estateId: 'EST02', format: 'jsonl' };

  it('answers a retry with the same Idempotency-Key with the same job, and refuses the key for another request', async () => {
    const first = await requestJob(body, { 'idempotency-key': 'export-est02-0001' });
    expect(first.status).toBe(202);
    const { jobId } = (await first.json()) as JobView;
    await platform.lambdaApi.idle();
    const retry = await requestJob(body, { 'idempotency-key': 'export-est02-0001' });
    expect(retry.status).toBe(202);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retry.json()) as JobView)).toMatchObject({ jobId, status: 'done' });
    const other = await requestJob({ ...body, format: 'csv' }, { 'idempotency-key': 'export-est02-0001' });
    expect(other.status).toBe(409);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_reused');
    // The ledger has one entry for the job, however often it was asked for.
    expect((await records.ledger('EST02')).filter((e) => e.details.jobId === jobId)).toHaveLength(1);
  });

  it('takes an identical request without a key as a retry; another key is another job', async () => {
    const a = (await (await requestJob({ ...body, format: 'csv' })).json()) as JobView;
    const b = await requestJob({ ...body, format: 'csv' });
    expect(((await b.json()) as JobView).jobId).toBe(a.jobId);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    const c = (await (await requestJob({ ...body, format: 'csv' }, { 'idempotency-key': 'export-est02-0002' })).json()) as JobView;
    expect(c.jobId).not.toBe(a.jobId);
    await platform.lambdaApi.idle();
  });
});

describe('who may see a job', () => {
  let jobId: string;
  beforeAll(async () => {
    jobId = ((await (await requestJob({ from, to, estateId: 'EST01', format: 'csv' }, { 'idempotency-key': 'visibility-test-1' })).json()) as JobView).jobId;
    await platform.lambdaApi.idle();
  });

  it('shows a job to the person who asked for it only: another auditor gets 404', async () => {
    expect((await jobStatus(jobId)).status).toBe(200);
    expect((await jobStatus(jobId, SECOND_AUDITOR.userId)).status).toBe(404);
  });

  it('refuses other roles with 403, and staff of another estate with 404', async () => {
    expect((await jobStatus(jobId, 'cslead.est01')).status).toBe(403);
    expect((await jobStatus(jobId, 'hq.director')).status).toBe(403);
    expect((await requestJob({ from, to, estateId: 'EST01' }, {}, 'cslead.est01')).status).toBe(403);
    expect((await requestJob({ from, to, estateId: 'EST01' }, {}, 'cslead.est02')).status).toBe(404);
    expect((await platform.post('/api/v1/audit/exports', { from, to })).status).toBe(401);
    expect((await platform.get(`/api/v1/audit/exports/${jobId}`)).status).toBe(401);
  });

  it('answers unknown and malformed job ids with 404', async () => {
    expect((await jobStatus('0'.repeat(32))).status).toBe(404);
    expect((await jobStatus('not-a-job')).status).toBe(404);
    expect((await jobStatus(`${jobId}0`)).status).toBe(404);
  });
});

describe('bad requests', () => {
  it.each([
    ['to before from', { from: to, to: from }, 'to'],
    ['a bad date', { from: '2026-13-45', to }, 'from'],
    ['no from', { to }, 'from'],
    ['an unknown format', { from, to, format: 'xml' }, 'format'],
    ['an unknown estate', { from, to, estateId: 'NOPE01' }, 'estateId'],
    ['a malformed estate', { from, to, estateId: '../EST01' }, 'estateId'],
    ['an unknown field', { from, to, bucket: 'elsewhere' }, 'bucket'],
    ['a number as a date', { from: 20260101, to }, 'from'],
  ])('refuses %s with 422 naming the field, storing nothing', async (_label, body, field) => {
    const before = await jobItems();
    const response = await requestJob(body);
    expect(response.status).toBe(422);
    const error = ((await response.json()) as { error: { code: string; fields: Record<string, string> } }).error;
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields)).toContain(field);
    expect(await jobItems()).toBe(before);
  });

  it('refuses a body that is not JSON (415) and a malformed Idempotency-Key (400)', async () => {
    const response = await platform.post('/api/v1/audit/exports', `from=${from}&to=${to}`, { ...(await auth('compliance.auditor')), 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(415);
    expect((await requestJob({ from, to }, { 'idempotency-key': 'short' })).status).toBe(400);
  });
});

describe('jobs that find nothing or fail', () => {
  it('exports a period without events: done, count 0, a file that verifies', async () => {
    const response = await requestJob({ from: '2001-01-01', to: '2001-02-01', estateId: 'EST01' });
    const empty = await finishedJob(((await response.json()) as JobView).jobId);
    expect(empty).toMatchObject({ status: 'done', count: 0 });
    const result = await verifyExportFile(await download(empty.download!.file.url, 'empty.jsonl'));
    expect(result).toMatchObject({ count: 0, problems: [] });
  });

  it('marks the job failed with a reason when storage fails, and runs it again when asked again', async () => {
    await emptyAndDeleteBucket(platform.auditBuckets.exports);
    try {
      const response = await requestJob({ from, to, estateId: 'EST02' }, { 'idempotency-key': 'storage-fault-1' });
      expect(response.status).toBe(202);
      const failed = await finishedJob(((await response.json()) as JobView).jobId);
      expect(failed.status).toBe('failed');
      expect(failed.failure).toEqual({ code: 'upload-failed', message: expect.stringContaining('NoSuchBucket') });
      expect(failed.download).toBeUndefined();
      // Nothing was exported, so nothing is recorded.
      expect((await records.ledger('EST02')).some((e) => e.details.jobId === failed.jobId)).toBe(false);
    } finally {
      await s3.send(new CreateBucketCommand({ Bucket: platform.auditBuckets.exports }));
    }
    const retry = await requestJob({ from, to, estateId: 'EST02' }, { 'idempotency-key': 'storage-fault-1' });
    expect(retry.status).toBe(202);
    const done = await finishedJob(((await retry.json()) as JobView).jobId);
    expect(done.status).toBe('done');
    expect((await verifyExportFile(await download(done.download!.file.url, 'after-fault.jsonl'))).problems).toEqual([]);
  });

  it('never leaves a job running: a run that stopped without finishing is failed when the job is next read', async () => {
    const jobs = new ExportJobStore(doc, platform.tableName);
    const stalled = newExportJob({
      jobId: 'f'.repeat(32),
      request: { from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z`, estateId: 'EST01', format: 'jsonl' },
      estateIds: ['EST01'],
      requestedBy: { userId: 'compliance.auditor', role: 'compliance' },
      requestId: 'stalled-run-test',
      now: new Date(),
    });
    expect(await jobs.createJob(stalled, { createdBefore: new Date(0).toISOString() })).toBe(true);
    expect(await jobs.claimJob(stalled, new Date(Date.now() - 1000_000).toISOString(), new Date(Date.now() - 1000).toISOString())).toBe(true);
    const view = (await (await jobStatus(stalled.jobId)).json()) as JobView;
    expect(view).toMatchObject({ status: 'failed', failure: { code: 'interrupted' } });
    expect((await jobs.getJob(stalled.jobId))!.status).toBe('failed');
  });

  it('ignores a second start of a run that is already claimed or finished', async () => {
    const done = (await (await requestJob({ from, to, estateId: 'EST01', format: 'jsonl' }, { 'idempotency-key': 'double-start-1' })).json()) as JobView;
    await platform.lambdaApi.idle();
    const jobs = new ExportJobStore(doc, platform.tableName);
    const stored = (await jobs.getJob(done.jobId))!;
    const { handler } = await import('../../functions/tasks/runAuditExportJob');
    const again = await handler({ jobId: stored.jobId, runId: stored.runId }, { getRemainingTimeInMillis: () => 900_000 } as never);
    expect(again).toMatchObject({ ran: false, status: 'done' });
    expect((await records.ledger('EST01')).filter((e) => e.details.jobId === stored.jobId)).toHaveLength(1);
  });
});

describe('published anchors', () => {
  const newestAnchor = async (estateId: string): Promise<LedgerEntry> => (await records.ledger(estateId)).filter((e) => e.action === 'anchor').at(-1)!;
  const verify = async (estateId: string) =>
    (await (await platform.get(`/api/v1/audit/verify?estateId=${estateId}&from=${from}&to=${to}`, await auth('compliance.auditor'))).json()) as {
      ok: boolean;
      publishedAnchors: { checked: number; missing: number; differing: number };
      problems: { ledgerSeq?: number; problem: string; detail: string }[];
    };
  const published = async (key: string) => JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: platform.auditBuckets.anchors, Key: key }))).Body!.transformToString()) as Record<string, unknown>;

  beforeAll(async () => {
    await platform.schedules.run('anchorEstateChains');
  });

  it('publishes each new anchor outside the table, as the ledger records it', async () => {
    for (const estateId of ['EST01', 'EST02']) {
      const anchor = await newestAnchor(estateId);
      expect(await published(publishedAnchorKey(estateId, anchor.seq))).toEqual(publishedAnchorOf(anchor));
      expect(await records.pendingAnchorPublications(estateId)).toEqual([]);
    }
    expect(await verify('EST01')).toMatchObject({ ok: true, publishedAnchors: { checked: 1, missing: 0, differing: 0 }, problems: [] });
  });

  it('reports a published anchor that differs from the ledger, in verification and in the evidence pack', async () => {
    const anchor = await newestAnchor('EST02');
    const key = publishedAnchorKey('EST02', anchor.seq);
    const original = await published(key);
    // Locally there is no Object Lock, so the copy can be changed: as if the ledger had been rewritten and the copy not.
    await s3.send(new PutObjectCommand({ Bucket: platform.auditBuckets.anchors, Key: key, Body: JSON.stringify({ ...original, headsDigest: 'f'.repeat(64) }) }));
    const report = await verify('EST02');
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ ledgerSeq: anchor.seq, problem: 'anchor-publication-mismatch', detail: expect.stringContaining('headsDigest') }));
    const anchoredHeads: string[] = [];
    for await (const head of records.anchorHeads('EST02', anchor.seq)) anchoredHeads.push(head.caseId);
    const pack = (await (await platform.get(`/api/v1/cases/${anchoredHeads[0]}/evidence`, await auth('compliance.auditor'))).json()) as { verification: { ok: boolean }; chainProof: { anchor: { published: { key: string; status: string; differences: string[] } } } };
    expect(pack.chainProof.anchor.published).toEqual({ key, status: 'differs', differences: ['headsDigest'] });
    expect(pack.verification.ok).toBe(false);
    await s3.send(new PutObjectCommand({ Bucket: platform.auditBuckets.anchors, Key: key, Body: JSON.stringify(original) }));
    expect((await verify('EST02')).problems).toEqual([]);
  });

  it('reports an anchor whose published copy is missing', async () => {
    const anchor = await newestAnchor('EST01');
    const key = publishedAnchorKey('EST01', anchor.seq);
    const original = await published(key);
    await s3.send(new DeleteObjectCommand({ Bucket: platform.auditBuckets.anchors, Key: key }));
    const report = await verify('EST01');
    expect(report.publishedAnchors).toMatchObject({ missing: 1 });
    expect(report.problems).toEqual([expect.objectContaining({ ledgerSeq: anchor.seq, problem: 'anchor-not-published' })]);
    await s3.send(new PutObjectCommand({ Bucket: platform.auditBuckets.anchors, Key: key, Body: JSON.stringify(original) }));
  });

  it('keeps an anchor whose publication failed pending, fails the run, and publishes it on the next run', async () => {
    await seedCase(platform.caseStore, { estateId: 'SZ01', receivedAt: new Date().toISOString() });
    const saved = await s3.send(new ListObjectsV2Command({ Bucket: platform.auditBuckets.anchors }));
    const objects = await Promise.all((saved.Contents ?? []).map(async (o) => ({ key: o.Key!, body: JSON.stringify(await published(o.Key!)) })));
    await emptyAndDeleteBucket(platform.auditBuckets.anchors);
    try {
      await expect(platform.schedules.run('anchorEstateChains')).rejects.toThrow(/could not be published/);
    } finally {
      await s3.send(new CreateBucketCommand({ Bucket: platform.auditBuckets.anchors }));
      for (const object of objects) await s3.send(new PutObjectCommand({ Bucket: platform.auditBuckets.anchors, Key: object.key, Body: object.body }));
    }
    const anchor = await newestAnchor('SZ01');
    expect(await records.pendingAnchorPublications('SZ01')).toEqual([anchor.seq]);
    expect((await verify('SZ01')).problems).toContainEqual(expect.objectContaining({ ledgerSeq: anchor.seq, problem: 'anchor-not-published' }));

    const next = (await platform.schedules.run('anchorEstateChains')) as { anchored: number; published: number };
    expect(next).toMatchObject({ anchored: 0, published: 1 });
    expect(await published(publishedAnchorKey('SZ01', anchor.seq))).toEqual(publishedAnchorOf(anchor));
    expect(await records.pendingAnchorPublications('SZ01')).toEqual([]);
    expect((await verify('SZ01')).problems).toEqual([]);
  });
});
