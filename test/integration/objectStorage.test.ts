/**
 * functions/platform/objectStorage.ts against a real S3 emulator (s3rver, as
 * the local runtime runs it): what it asks of the S3 client, lib-storage and
 * the presigner, and what they send for it: uploads small and large
 * (single PutObject, multipart with a short last part, the edge sizes), a
 * failing or aborted source leaving no object, JSON objects, create-only
 * writes, presigned download links and their expiry, service errors, and the
 * retry of transient failures. What got stored is read back with
 * @aws-sdk/client-s3, independently of the code under test. A small proxy in
 * front of the emulator counts and inspects requests, and answers chosen
 * ones with S3 errors (503 SlowDown, 403 AccessDenied, 412).
 *
 * Emulator limits met here (s3rver 3.7.1, see its lib/routes.js and the
 * README's "Where the local runtime differs from AWS"): it has no
 * ListMultipartUploads (`GET /<bucket>?uploads` answers 501 NotImplemented)
 * and no AbortMultipartUpload (`DELETE /<bucket>/<key>?uploadId=…` answers 405
 * MethodNotAllowed), and it ignores If-None-Match on PUT.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadLink, forgetS3Client, getJson, putJson, UPLOAD_PART_BYTES, uploadText } from '../../functions/platform/objectStorage';
import { type S3EmulatorHandle, startS3Emulator } from '../../infra/local/s3Emulator';

const BUCKET = 'object-storage-test';
const CREDENTIALS = { accessKeyId: 'object-storage-test', secretAccessKey: 'object-storage-test-secret' };
const ENV_NAMES = ['AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;
const savedEnv = new Map<string, string | undefined>();

let emulator: S3EmulatorHandle;
let proxy: S3Proxy;
let reader: S3Client;

beforeAll(async () => {
  for (const name of ENV_NAMES) savedEnv.set(name, process.env[name]);
  // Port 0: the OS picks a free loopback port and the emulator reports it (as the local platform does).
  emulator = await startS3Emulator({ port: 0, buckets: [BUCKET], credentials: CREDENTIALS });
  proxy = await S3Proxy.start(emulator.port);
  delete process.env.AWS_ENDPOINT_URL;
  delete process.env.AWS_SESSION_TOKEN;
  process.env.AWS_ENDPOINT_URL_S3 = emulator.endpoint;
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = CREDENTIALS.secretAccessKey;
  reader = new S3Client({ endpoint: emulator.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: CREDENTIALS });
  forgetS3Client();
});

afterAll(async () => {
  reader?.destroy();
  forgetS3Client();
  await proxy?.stop();
  await emulator?.stop();
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** An async source of text chunks that hashes and counts (as UTF-8) what it has produced. */
function source(chunks: Iterable<string>, options: { onBytes?: (bytes: number) => void } = {}) {
  const hash = createHash('sha256');
  let bytes = 0;
  async function* body(): AsyncGenerator<string> {
    for (const chunk of chunks) {
      hash.update(chunk, 'utf8');
      bytes += Buffer.byteLength(chunk, 'utf8');
      yield chunk;
      options.onBytes?.(bytes);
    }
  }
  return { body: body(), bytes: () => bytes, sha256: () => hash.digest('hex') };
}

/** Deterministic text of at least `minBytes` (UTF-8), in chunks of varying size, with multi-byte characters throughout. */
function* textChunks(minBytes: number): Generator<string> {
  let produced = 0;
  for (let i = 0; produced < minBytes; i++) {
    const lines: string[] = [];
    for (let j = 0; j < 1 + (i % 53); j++) lines.push(`{"n":${i}.${j},"text":"投诉 complaint résumé ${'x'.repeat((i * 31 + j) % 17)}"}\n`);
    const chunk = lines.join('');
    produced += Buffer.byteLength(chunk, 'utf8');
    yield chunk;
  }
}

/** `bytes` ASCII bytes in chunks of 1 MiB less one byte, so chunk and part boundaries never line up. */
function* asciiChunks(bytes: number): Generator<string> {
  const size = 1024 * 1024 - 1;
  for (let at = 0; at < bytes; at += size) yield String.fromCharCode(97 + ((at / size) % 26)).repeat(Math.min(size, bytes - at));
}

async function stored(key: string, bucket = BUCKET): Promise<{ bytes: Buffer; contentType: string | undefined; contentLength: number | undefined }> {
  const object = await reader.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return { bytes: Buffer.from(await object.Body!.transformToByteArray()), contentType: object.ContentType, contentLength: object.ContentLength };
}

/** Keys stored under a prefix (an object, not an unfinished upload: s3rver lists only objects). */
async function keysUnder(prefix: string): Promise<string[]> {
  const listed = await reader.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (listed.Contents ?? []).map((object) => object.Key!);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The error `promise` rejects with (it must reject). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    return error;
  }
  throw new Error(`expected a rejection, but the promise resolved with ${JSON.stringify(value)}`);
}

interface SeenRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  bodyBytes: number;
  /** The status answered: the proxy's own, or the emulator's. */
  status?: number;
}
type ProxyAnswer = 'forward' | { status: number; code: string; message: string };
type ProxyPlan = (request: SeenRequest, index: number) => ProxyAnswer;

/**
 * A loopback HTTP proxy in front of the emulator: it records every request and either answers it with an S3 XML
 * error or forwards it verbatim (method, path and query, headers, body). s3rver does not verify signatures, so the
 * Host header the request was signed for (the proxy's) can go through unchanged.
 */
class S3Proxy {
  readonly requests: SeenRequest[] = [];
  /** The most UploadPart requests that were open at the same time. */
  maxPartsInFlight = 0;
  private partsInFlight = 0;
  private plan: ProxyPlan = () => 'forward';

  private constructor(
    private readonly server: Server,
    private readonly targetPort: number,
  ) {}

  static async start(targetPort: number): Promise<S3Proxy> {
    const server = createServer();
    const proxy = new S3Proxy(server, targetPort);
    server.on('request', (req, res) => void proxy.handle(req, res).catch(() => res.destroy()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Runs `action` with the code under test pointed at the proxy, which follows `plan`; the record starts empty. */
  async through<T>(plan: ProxyPlan, action: () => Promise<T>): Promise<T> {
    this.requests.length = 0;
    this.maxPartsInFlight = 0;
    this.plan = plan;
    // The SDK reads the endpoint when the client is made: a new one for the proxy, and again after.
    process.env.AWS_ENDPOINT_URL_S3 = this.endpoint;
    forgetS3Client();
    try {
      return await action();
    } finally {
      process.env.AWS_ENDPOINT_URL_S3 = emulator.endpoint;
      forgetS3Client();
      this.plan = () => 'forward';
    }
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Recorded on arrival, so a request whose sender gave up midway (an aborted upload) is seen too.
    const seen: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyBytes: 0 };
    const index = this.requests.push(seen) - 1;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    seen.bodyBytes = body.length;
    const answer = this.plan(seen, index);
    if (answer !== 'forward') {
      seen.status = answer.status;
      res.writeHead(answer.status, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${answer.code}</Code><Message>${answer.message}</Message><RequestId>proxy</RequestId></Error>`);
      return;
    }
    const isPart = seen.method === 'PUT' && seen.url.includes('partNumber=');
    if (isPart) this.maxPartsInFlight = Math.max(this.maxPartsInFlight, ++this.partsInFlight);
    const upstream = httpRequest({ host: '127.0.0.1', port: this.targetPort, method: seen.method, path: seen.url, headers: req.headers });
    upstream.on('response', (answered) => {
      seen.status = answered.statusCode;
      res.writeHead(answered.statusCode ?? 502, answered.headers);
      answered.pipe(res);
      answered.on('end', () => {
        if (isPart) this.partsInFlight--;
      });
    });
    upstream.on('error', (error) => {
      if (isPart) this.partsInFlight--;
      res.destroy(error);
    });
    upstream.end(body);
  }
}

const SLOW_DOWN = { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' };
const ACCESS_DENIED = { status: 403, code: 'AccessDenied', message: 'Access Denied' };
/** The first `n` requests get `answer`, the rest go through. */
const firstAnswered =
  (n: number, answer: Exclude<ProxyAnswer, 'forward'>): ProxyPlan =>
  (_request, index) =>
    index < n ? answer : 'forward';

// ---------------------------------------------------------------------------------------------------------------

describe('uploadText', () => {
  it('stores a small body, sent in several chunks, as one object with its content type, and counts UTF-8 bytes', async () => {
    const chunks = ['{"caseId":"C-1","text":"電梯故障三天"}\n', '{"caseId":"C-2","text":"漏水 — water leak"}\n', '', '{"caseId":"C-3","emoji":"🏢"}\n'];
    const text = chunks.join('');
    // A key with spaces, Chinese and parentheses: each path segment is escaped once.
    const key = 'uploads/small/2024 年/投诉 (1).jsonl';

    const result = await proxy.through(
      () => 'forward',
      () => uploadText({ bucket: BUCKET, key, contentType: 'application/x-ndjson; charset=utf-8', body: source(chunks).body }),
    );

    expect(result.bytes).toBe(Buffer.byteLength(text, 'utf8'));
    expect(result.bytes).toBeGreaterThan(text.length); // multi-byte characters are counted as bytes
    expect(proxy.requests.map((r) => r.method)).toEqual(['PUT']); // one PutObject, no multipart upload
    // With its SHA-256 (Object Lock buckets require a checksum on every write).
    expect(proxy.requests[0]!.headers['x-amz-checksum-sha256']).toBe(createHash('sha256').update(text, 'utf8').digest('base64'));
    const object = await stored(key);
    expect(object.bytes.toString('utf8')).toBe(text);
    expect(object.contentType).toBe('application/x-ndjson; charset=utf-8');
    expect(await keysUnder('uploads/small/')).toEqual([key]);
  });

  it('stores ~20 MiB produced in many chunks by a multipart upload of 3 parts, the last one short, byte for byte', async () => {
    const key = 'uploads/large/export.jsonl';
    const produced = source(textChunks(20 * 1024 * 1024 + 12_345));

    const result = await proxy.through(
      () => 'forward',
      () => uploadText({ bucket: BUCKET, key, contentType: 'application/x-ndjson', body: produced.body }),
    );

    expect(result.bytes).toBe(produced.bytes());
    const object = await stored(key);
    expect(object.contentLength).toBe(produced.bytes());
    expect(object.bytes.length).toBe(produced.bytes());
    expect(sha256(object.bytes)).toBe(produced.sha256());
    expect(object.contentType).toBe('application/x-ndjson');

    const parts = proxy.requests.filter((r) => r.method === 'PUT' && r.url.includes('partNumber='));
    expect(parts.map((r) => new URL(r.url, 'http://x').searchParams.get('partNumber')).sort()).toEqual(['1', '2', '3']);
    expect(parts.map((r) => r.bodyBytes).sort((a, b) => b - a)).toEqual([UPLOAD_PART_BYTES, UPLOAD_PART_BYTES, produced.bytes() - 2 * UPLOAD_PART_BYTES]);
    expect(proxy.requests.filter((r) => r.method === 'POST').map((r) => new URL(r.url, 'http://x').searchParams.has('uploads'))).toEqual([true, false]); // create, then complete
    expect(proxy.maxPartsInFlight).toBeLessThanOrEqual(2);
    expect(proxy.requests.every((r) => r.status === 200)).toBe(true);
    // Checksums: the upload is created for SHA-256, and each part carries its own.
    const created = proxy.requests.find((r) => r.method === 'POST' && r.url.includes('uploads'))!;
    expect(created.headers['x-amz-checksum-algorithm']).toBe('SHA256');
    expect(parts.every((r) => typeof r.headers['x-amz-checksum-sha256'] === 'string' && r.headers['x-amz-checksum-sha256'].length === 44)).toBe(true);
  });

  it.each([
    ['exactly one part', UPLOAD_PART_BYTES],
    ['one byte more than a part', UPLOAD_PART_BYTES + 1],
    ['nothing', 0],
  ])('stores a body of %s', async (_name, size) => {
    const key = `uploads/edge/${size}.txt`;
    const produced = source(asciiChunks(size));

    const result = await uploadText({ bucket: BUCKET, key, contentType: 'text/plain', body: produced.body });

    expect(result.bytes).toBe(size);
    const object = await stored(key);
    expect(object.bytes.length).toBe(size);
    expect(sha256(object.bytes)).toBe(produced.sha256());
  });

  it('rejects with the error of a source that fails after more than a part, leaves no object, and abandons the upload', async () => {
    const key = 'uploads/failing/export.jsonl';
    const broken = new Error('the case store went away');
    async function* failing(): AsyncGenerator<string> {
      yield* source(asciiChunks(UPLOAD_PART_BYTES + 1024 * 1024)).body;
      throw broken;
    }

    const error = await proxy.through(
      () => 'forward',
      () => rejection(uploadText({ bucket: BUCKET, key, contentType: 'text/plain', body: failing() })),
    );

    expect(error).toBe(broken);
    expect(await keysUnder('uploads/failing/')).toEqual([]);
    // A multipart upload had begun (a part was sent); it is abandoned with AbortMultipartUpload on the same upload.
    const created = proxy.requests.find((r) => r.method === 'POST' && r.url.includes('?uploads'));
    expect(created).toBeDefined();
    const uploadIds = new Set(proxy.requests.filter((r) => r.url.includes('uploadId=')).map((r) => new URL(r.url, 'http://x').searchParams.get('uploadId')));
    expect(uploadIds.size).toBe(1);
    const aborted = proxy.requests.filter((r) => r.method === 'DELETE');
    expect(aborted).toHaveLength(1);
    expect(new URL(aborted[0]!.url, 'http://x').searchParams.get('uploadId')).toBe([...uploadIds][0]);
    expect(proxy.requests.some((r) => r.method === 'POST' && r.url.includes('uploadId='))).toBe(false); // never completed
    // Whether an unfinished upload is left cannot be asked of s3rver: it has no ListMultipartUploads (GET ?uploads
    // answers 501 NotImplemented) and no AbortMultipartUpload (the DELETE above is answered 405 MethodNotAllowed,
    // which uploadText ignores: abandoning is best effort, and in AWS the bucket's lifecycle rule removes leftovers).
  });

  it('rejects when aborted through its signal between parts (the first part sent, the second filling), and leaves no object', async () => {
    const key = 'uploads/aborted-filling/export.jsonl';
    const controller = new AbortController();
    const reason = new Error('the job was cancelled');
    const produced = source(asciiChunks(20 * 1024 * 1024), { onBytes: (bytes) => bytes >= 10 * 1024 * 1024 && controller.abort(reason) });

    const error = await proxy.through(
      () => 'forward',
      () => rejection(uploadText({ bucket: BUCKET, key, contentType: 'text/plain', body: produced.body, signal: controller.signal })),
    );

    expect(error).toBe(reason);
    expect(produced.bytes()).toBeLessThan(12 * 1024 * 1024); // it stopped reading the source at once
    expect(await keysUnder('uploads/aborted-filling/')).toEqual([]);
    expect(proxy.requests.some((r) => r.method === 'POST' && r.url.includes('uploadId='))).toBe(false); // never completed
    expect(proxy.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1); // abandoned (s3rver answers 405, see above)
  });

  it('rejects when aborted through its signal while parts are being sent, and leaves no object', async () => {
    const key = 'uploads/aborted-sending/export.jsonl';
    const controller = new AbortController();
    const reason = new Error('the job was cancelled');
    const produced = source(asciiChunks(40 * 1024 * 1024));

    // Aborted when part 1 has reached the proxy, before it is answered. By then uploadText has filled part 2 and
    // waits for a part to finish (2 in flight at most), so the source is read no further than part 2 and a chunk.
    const error = await proxy.through(
      (request) => {
        if (request.url.includes('partNumber=1&')) controller.abort(reason);
        return 'forward';
      },
      () => rejection(uploadText({ bucket: BUCKET, key, contentType: 'text/plain', body: produced.body, signal: controller.signal })),
    );

    expect(error).toBe(reason);
    expect(produced.bytes()).toBeLessThan(2 * UPLOAD_PART_BYTES + 1024 * 1024);
    expect(await keysUnder('uploads/aborted-sending/')).toEqual([]);
    expect(proxy.requests.some((r) => r.method === 'POST' && r.url.includes('uploadId='))).toBe(false); // never completed
    expect(proxy.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1); // abandoned (s3rver answers 405, see above)
  });

  it('rejects at once when the signal is already aborted, sending nothing', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled before it began'));

    const error = await proxy.through(
      () => 'forward',
      () => rejection(uploadText({ bucket: BUCKET, key: 'uploads/never/x.txt', contentType: 'text/plain', body: source(['a']).body, signal: controller.signal })),
    );

    expect((error as Error).message).toBe('cancelled before it began');
    expect(proxy.requests).toEqual([]);
    expect(await keysUnder('uploads/never/')).toEqual([]);
  });
});

describe('putJson and getJson', () => {
  it('round-trips a JSON value, stored as indented JSON with a trailing newline', async () => {
    const value = { anchor: 'b3f1', estates: ['EST01', 'EST02'], note: '已發佈', count: 3, nested: { ok: true, none: null } };

    await putJson(BUCKET, 'json/anchor.json', value);

    expect(await getJson(BUCKET, 'json/anchor.json')).toEqual({ found: true, content: value });
    const object = await stored('json/anchor.json');
    expect(object.bytes.toString('utf8')).toBe(`${JSON.stringify(value, null, 2)}\n`);
    expect(object.contentType).toBe('application/json; charset=utf-8');
  });

  it('answers found: false for a missing key', async () => {
    expect(await getJson(BUCKET, 'json/missing.json')).toEqual({ found: false });
  });

  it('returns the text of an object that is not JSON', async () => {
    const text = 'not JSON: {"half": 投诉';
    await reader.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'json/not-json.txt', Body: text, ContentType: 'text/plain' }));

    expect(await getJson(BUCKET, 'json/not-json.txt')).toEqual({ found: true, content: text });
  });

  it('createOnly sends If-None-Match: * (a plain put does not), and a 412 answer rejects as PreconditionFailed without a retry', async () => {
    await proxy.through(
      () => 'forward',
      async () => {
        await putJson(BUCKET, 'json/once.json', { v: 1 }, { createOnly: true });
        await putJson(BUCKET, 'json/plain.json', { v: 1 });
      },
    );
    expect(proxy.requests.map((r) => [new URL(r.url, 'http://x').pathname, r.headers['if-none-match']])).toEqual([
      [`/${BUCKET}/json/once.json`, '*'],
      [`/${BUCKET}/json/plain.json`, undefined],
    ]);

    // What S3 answers when the key is taken.
    const error = await proxy.through(firstAnswered(Infinity, { status: 412, code: 'PreconditionFailed', message: 'At least one of the pre-conditions you specified did not hold' }), () =>
      rejection(putJson(BUCKET, 'json/once.json', { v: 2 }, { createOnly: true })),
    );
    expect(error).toBeInstanceOf(S3ServiceException);
    expect(error).toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    expect(proxy.requests).toHaveLength(1);
  });

  it('createOnly on a key that exists: s3rver ignores the condition and overwrites (S3 would reject with PreconditionFailed)', async () => {
    await putJson(BUCKET, 'json/taken.json', { v: 1 }, { createOnly: true });

    // s3rver's putObject (lib/controllers/object.js) never looks at If-None-Match, so the second create-only write
    // succeeds and replaces the object; the README lists this among the local differences. In AWS this call rejects
    // with an S3ServiceException named 'PreconditionFailed' (HTTP 412), checked against a stand-in answer above.
    await expect(putJson(BUCKET, 'json/taken.json', { v: 2 }, { createOnly: true })).resolves.toBeUndefined();
    expect(await getJson(BUCKET, 'json/taken.json')).toEqual({ found: true, content: { v: 2 } });
  });
});

describe('downloadLink', () => {
  it('links to the object, served with a content-disposition naming the file', async () => {
    const text = '{"line":1,"text":"投诉"}\n{"line":2}\n';
    await uploadText({ bucket: BUCKET, key: 'links/2024/export.jsonl', contentType: 'application/x-ndjson', body: source([text]).body });

    const link = await downloadLink(BUCKET, 'links/2024/export.jsonl', 'audit-export-2024.jsonl', 300);
    expect(new URL(link).searchParams.get('X-Amz-Expires')).toBe('300');
    const response = await fetch(link);

    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).toString('utf8')).toBe(text);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="audit-export-2024.jsonl"');
  });

  it('is refused once expired (s3rver checks X-Amz-Date + X-Amz-Expires)', async () => {
    await putJson(BUCKET, 'links/short.json', { short: true });
    const link = await downloadLink(BUCKET, 'links/short.json', 'short.json', 1);
    expect((await fetch(link)).status).toBe(200);

    await delay(2_500);
    const response = await fetch(link);

    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>AccessDenied</Code>');
  });
});

describe('service errors', () => {
  it('putJson on a bucket that does not exist rejects with NoSuchBucket (404)', async () => {
    const error = await rejection(putJson('no-such-bucket', 'x.json', { v: 1 }));

    expect(error).toBeInstanceOf(S3ServiceException);
    expect(error).toMatchObject({ name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } });
  });

  // Only a missing key is `found: false`. A missing bucket (a misconfigured bucket name) is an error: read as
  // "not found", anchor verification would report every published anchor as missing (anchorPublication.ts).
  it('getJson on a bucket that does not exist rejects with NoSuchBucket (404), not found: false', async () => {
    const error = await rejection(getJson('no-such-bucket', 'x.json'));

    expect(error).toBeInstanceOf(S3ServiceException);
    expect(error).toMatchObject({ name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } });
  });
});

describe('retries of transient failures', () => {
  it('putJson and getJson succeed after one or two 503 SlowDown answers', async () => {
    await proxy.through(firstAnswered(1, SLOW_DOWN), () => putJson(BUCKET, 'retry/once.json', { retried: 1 }));
    expect(proxy.requests.map((r) => r.status)).toEqual([503, 200]);
    expect(proxy.requests[1]!.bodyBytes).toBe(proxy.requests[0]!.bodyBytes); // the body is sent again whole

    const read = await proxy.through(firstAnswered(2, SLOW_DOWN), () => getJson(BUCKET, 'retry/once.json'));
    expect(read).toEqual({ found: true, content: { retried: 1 } });
    expect(proxy.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('gives up after exactly 3 attempts, rejecting with SlowDown', async () => {
    const error = await proxy.through(firstAnswered(Infinity, SLOW_DOWN), () => rejection(putJson(BUCKET, 'retry/never.json', { v: 1 })));

    expect(error).toBeInstanceOf(S3ServiceException);
    expect(error).toMatchObject({ name: 'SlowDown', $metadata: { httpStatusCode: 503 }, message: 'Please reduce your request rate.' });
    expect(proxy.requests).toHaveLength(3);
    expect(await keysUnder('retry/never')).toEqual([]);

    const readError = await proxy.through(firstAnswered(Infinity, SLOW_DOWN), () => rejection(getJson(BUCKET, 'retry/once.json')));
    expect(readError).toMatchObject({ name: 'SlowDown', $metadata: { httpStatusCode: 503 } });
    expect(proxy.requests).toHaveLength(3);
  });

  it('does not retry a 403 AccessDenied', async () => {
    const error = await proxy.through(firstAnswered(Infinity, ACCESS_DENIED), () => rejection(getJson(BUCKET, 'retry/once.json')));

    expect(error).toBeInstanceOf(S3ServiceException);
    expect(error).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    expect(proxy.requests).toHaveLength(1);
  });

  it('retries a part of a multipart upload, and the object is still byte-identical', async () => {
    const key = 'retry/multipart.txt';
    const produced = source(textChunks(UPLOAD_PART_BYTES + 100_000));
    let partOneAnswered = false;

    await proxy.through(
      (request) => {
        if (!partOneAnswered && request.method === 'PUT' && request.url.includes('partNumber=1&')) {
          partOneAnswered = true;
          return SLOW_DOWN;
        }
        return 'forward';
      },
      () => uploadText({ bucket: BUCKET, key, contentType: 'text/plain', body: produced.body }),
    );

    expect(partOneAnswered).toBe(true);
    expect(proxy.requests.filter((r) => r.url.includes('partNumber=1&')).map((r) => r.status)).toEqual([503, 200]);
    expect(sha256((await stored(key)).bytes)).toBe(produced.sha256());
  });
});
