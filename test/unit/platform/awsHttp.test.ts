/**
 * Signed requests to S3 and Lambda (functions/platform/awsHttp.ts, objectStorage.ts, exportJobs.ts).
 * The local S3 emulator does not check signatures, so signing is checked here against two oracles:
 * AWS's published Signature V4 example for S3, and the SDK's own clients, which are made to sign the
 * same operation at the same instant (their requests captured by a request handler, never sent).
 * For each operation the request sent (captured at `fetch`) must have the SDK's address and operation
 * headers, and signing the SDK's request with this code must give the SDK's signature. Behaviour
 * against a real S3 API is in test/integration/objectStorage.test.ts.
 */
import { Readable } from 'node:stream';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, GetObjectCommand, PutObjectCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AwsServiceError, errorOf, presignGet, sendAwsRequest, serviceEndpoint, signRequest } from '../../../functions/platform/awsHttp';
import { startExportJob } from '../../../functions/platform/exportJobs';
import { downloadLink, getJson, objectUrl, putJson, UPLOAD_PART_BYTES, uploadText } from '../../../functions/platform/objectStorage';

const NOW = new Date('2026-11-23T09:30:00Z');
const REGION = 'ap-east-1';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session-token-example' };

interface CapturedSdkRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** A request handler that keeps what the SDK would send and answers `status` with no body. */
function capturingHandler(status = 200) {
  const requests: CapturedSdkRequest[] = [];
  return {
    requests,
    handler: {
      handle: async (request: CapturedSdkRequest) => {
        requests.push(request);
        return { response: { statusCode: status, headers: {}, body: Readable.from([]) } };
      },
    },
  };
}

interface SentRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Replaces `fetch` with one that records each request and answers from `answers` in turn (the last one repeats). */
function stubFetch(answers: (() => Response | Promise<Response>)[]): SentRequest[] {
  const sent: SentRequest[] = [];
  vi.stubGlobal('fetch', async (input: URL | string, init: RequestInit = {}) => {
    sent.push({
      url: new URL(String(input)),
      method: init.method ?? 'GET',
      headers: Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([name, value]) => [name.toLowerCase(), value])),
      ...(init.body ? { body: Buffer.from(init.body as Buffer) } : {}),
    });
    return answers[Math.min(sent.length - 1, answers.length - 1)]!();
  });
  return sent;
}

const sdkUrl = (request: CapturedSdkRequest) => new URL(`${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}`);
const queryOf = (url: URL) => Object.fromEntries([...url.searchParams].sort(([a], [b]) => a.localeCompare(b)));
const withoutOperationId = (query: Record<string, string>) => Object.fromEntries(Object.entries(query).filter(([name]) => name !== 'x-id'));
const signatureOf = (authorization: string | undefined) => /Signature=([0-9a-f]{64})/.exec(authorization ?? '')?.[1];

/** This code's signature over exactly the SDK's request (its own signature and date headers removed first). */
async function resign(service: 's3' | 'lambda', request: CapturedSdkRequest): Promise<Record<string, string>> {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['authorization', 'x-amz-date', 'x-amz-security-token', 'host'].includes(name.toLowerCase())));
  const url = sdkUrl(request);
  for (const [name, value] of Object.entries(request.query)) url.searchParams.set(name, value);
  return signRequest(
    { service, method: request.method as 'GET', url, headers, ...(request.body !== undefined ? { body: Buffer.from(request.body) } : {}) },
    { region: REGION, credentials, signingDate: NOW },
  );
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  vi.stubEnv('AWS_REGION', REGION);
  vi.stubEnv('AWS_ACCESS_KEY_ID', credentials.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey);
  vi.stubEnv('AWS_SESSION_TOKEN', credentials.sessionToken);
  vi.stubEnv('AWS_ENDPOINT_URL', '');
  vi.stubEnv('AWS_ENDPOINT_URL_S3', '');
  vi.stubEnv('AWS_ENDPOINT_URL_LAMBDA', '');
  vi.stubEnv('AUDIT_EXPORT_JOB_FUNCTION', 'complaints-runAuditExportJob');
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe('Signature V4', () => {
  it("gives the signature of AWS's published S3 example (GET Object with a Range header)", async () => {
    // docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html, "Example: GET Object".
    const headers = await signRequest(
      {
        service: 's3',
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { range: 'bytes=0-9', 'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
      },
      { region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }, signingDate: new Date('2013-05-24T00:00:00Z') },
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});

describe('S3 PutObject (putJson)', () => {
  const bucket = 'complaints-auditanchors-1a2b3c';
  const key = 'anchors/EST 01/é+(1)*.json';
  const value = { estateId: 'EST 01', seq: 1, hash: 'abc' };
  const body = `${JSON.stringify(value, null, 2)}\n`;

  it('sends what the SDK sends for a create-only write with a SHA-256 checksum, signed as the SDK signs it', async () => {
    const sent = stubFetch([() => new Response(null, { status: 200 })]);
    await putJson(bucket, key, value, { createOnly: true });

    const sdk = capturingHandler();
    const client = new S3Client({ region: REGION, credentials, requestHandler: sdk.handler });
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json; charset=utf-8', ChecksumAlgorithm: 'SHA256', IfNoneMatch: '*' }));
    const [expected] = sdk.requests;

    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request!.method).toBe('PUT');
    expect(request!.url.origin + request!.url.pathname).toBe(sdkUrl(expected!).origin + sdkUrl(expected!).pathname);
    expect(request!.url.hostname).toBe(`${bucket}.s3.${REGION}.amazonaws.com`);
    expect(queryOf(request!.url)).toEqual(withoutOperationId(expected!.query));
    expect(request!.body?.toString('utf8')).toBe(body);
    for (const name of ['content-type', 'if-none-match', 'x-amz-sdk-checksum-algorithm', 'x-amz-checksum-sha256', 'x-amz-content-sha256', 'x-amz-date', 'x-amz-security-token']) {
      expect(request!.headers[name], name).toBe(expected!.headers[name]);
    }
    expect(request!.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/${REGION}/s3/aws4_request, SignedHeaders=content-type;host;if-none-match;x-amz-checksum-sha256;x-amz-content-sha256;x-amz-date;x-amz-sdk-checksum-algorithm;x-amz-security-token, Signature=`));

    const resigned = await resign('s3', expected!);
    expect(signatureOf(resigned.authorization)).toBe(signatureOf(expected!.headers.authorization));
  });

  it('refuses with the service error code: a key already taken is PreconditionFailed, not retried', async () => {
    const sent = stubFetch([() => new Response('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>', { status: 412 })]);
    const error = await putJson(bucket, key, value, { createOnly: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsServiceError);
    expect(error).toMatchObject({ name: 'PreconditionFailed', status: 412, message: 'At least one of the pre-conditions you specified did not hold' });
    expect(sent).toHaveLength(1);
  });
});

describe('S3 GetObject (getJson) and presigned links (downloadLink)', () => {
  const bucket = 'complaints-auditexports-9z8y';

  it('reads an object at the address the SDK uses, signed as the SDK signs it', async () => {
    const sent = stubFetch([() => new Response('{"ok":true}', { status: 200 })]);
    expect(await getJson(bucket, 'exports/job-1/manifest.json')).toEqual({ found: true, content: { ok: true } });

    const sdk = capturingHandler();
    await new S3Client({ region: REGION, credentials, requestHandler: sdk.handler }).send(new GetObjectCommand({ Bucket: bucket, Key: 'exports/job-1/manifest.json' })).catch(() => undefined);
    const [expected] = sdk.requests;
    expect(sent[0]!.method).toBe('GET');
    expect(sent[0]!.url.origin + sent[0]!.url.pathname).toBe(sdkUrl(expected!).origin + sdkUrl(expected!).pathname);
    expect(sent[0]!.headers['x-amz-content-sha256']).toBe(expected!.headers['x-amz-content-sha256']);
    expect(signatureOf((await resign('s3', expected!)).authorization)).toBe(signatureOf(expected!.headers.authorization));
  });

  it('answers found: false for NoSuchKey, and the text of an object that is not JSON', async () => {
    stubFetch([() => new Response('<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>', { status: 404 })]);
    expect(await getJson(bucket, 'missing.json')).toEqual({ found: false });
    stubFetch([() => new Response('not json', { status: 200 })]);
    expect(await getJson(bucket, 'text.json')).toEqual({ found: true, content: 'not json' });
  });

  it("makes the SDK presigner's link, signed as the SDK signs it", async () => {
    const fileName = 'audit-EST01-2026-11.jsonl';
    const key = 'exports/job 1/file.jsonl';
    const link = new URL(await downloadLink(bucket, key, fileName, 900));
    const client = new S3Client({ region: REGION, credentials, requestHandler: capturingHandler().handler });
    const expected = new URL(await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: `attachment; filename="${fileName}"` }), { expiresIn: 900 }));
    expect(link.origin + link.pathname).toBe(expected.origin + expected.pathname);
    // The SDK's link also asks S3 for checksum headers in the response (x-amz-checksum-mode), which a download does not need.
    const unsignedPart = (url: URL) => Object.fromEntries(Object.entries(queryOf(url)).filter(([name]) => name !== 'X-Amz-Signature' && name !== 'x-amz-checksum-mode'));
    expect(unsignedPart(link)).toEqual(unsignedPart(expected));
    expect(link.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(link.searchParams.get('X-Amz-SignedHeaders')).toBe('host');

    // Presigning the SDK's very request (with its extra parameter) gives the SDK's link, signature included.
    const sdkRequest = objectUrl(bucket, key, { 'response-content-disposition': `attachment; filename="${fileName}"`, 'x-id': 'GetObject', 'x-amz-checksum-mode': 'ENABLED' });
    expect(queryOf(new URL(await presignGet('s3', sdkRequest, 900)))).toEqual(queryOf(expected));
  });
});

describe('S3 multipart upload (uploadText)', () => {
  const bucket = 'complaints-auditexports-9z8y';
  const key = 'exports/job-1/audit.jsonl';
  const uploadId = 'VXBsb2FkIElE.ZWxlcGhhbnQ-';
  const createAnswer = () => new Response(`<?xml version="1.0" encoding="UTF-8"?>\n<InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`, { status: 200 });
  async function* text(bytes: number): AsyncGenerator<string> {
    const line = `${'x'.repeat(1023)}\n`;
    for (let sent = 0; sent < bytes; sent += line.length) yield line;
  }

  it("sends each operation to the SDK's address, and completes with the parts in order", async () => {
    let part = 0;
    const sent = stubFetch([
      createAnswer,
      () => new Response(null, { status: 200, headers: { etag: `"etag-${++part}"` } }),
      () => new Response(null, { status: 200, headers: { etag: `"etag-${++part}"` } }),
      () => new Response('<CompleteMultipartUploadResult><ETag>"final-2"</ETag></CompleteMultipartUploadResult>', { status: 200 }),
    ]);
    const { bytes } = await uploadText({ bucket, key, contentType: 'application/x-ndjson', body: text(UPLOAD_PART_BYTES + 1024 * 1024) });
    expect(bytes).toBe(UPLOAD_PART_BYTES + 1024 * 1024);
    expect(sent.map((request) => request.method)).toEqual(['POST', 'PUT', 'PUT', 'POST']);
    expect(sent.map((request) => request.body?.length ?? 0).slice(1, 3)).toEqual([UPLOAD_PART_BYTES, 1024 * 1024]);
    expect(sent[3]!.body?.toString('utf8')).toBe(
      '<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Part><PartNumber>1</PartNumber><ETag>&quot;etag-1&quot;</ETag></Part><Part><PartNumber>2</PartNumber><ETag>&quot;etag-2&quot;</ETag></Part></CompleteMultipartUpload>',
    );

    const sdk = capturingHandler();
    const client = new S3Client({ region: REGION, credentials, requestHandler: sdk.handler });
    await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: 'application/x-ndjson' })).catch(() => undefined);
    await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: 1, Body: Buffer.from('x') })).catch(() => undefined);
    await client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"etag-1"' }] } })).catch(() => undefined);
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
    // (The SDK retries a completion answered with an empty body, so its requests are picked out by kind.)
    const create = sdk.requests.find((request) => 'uploads' in request.query);
    const uploadPart = sdk.requests.find((request) => request.method === 'PUT');
    const complete = sdk.requests.find((request) => request.method === 'POST' && 'uploadId' in request.query);
    const abort = sdk.requests.find((request) => request.method === 'DELETE');
    const address = (request: SentRequest) => ({ method: request.method, path: request.url.origin + request.url.pathname, query: queryOf(request.url) });
    const sdkAddress = (request: CapturedSdkRequest) => ({ method: request.method, path: sdkUrl(request).origin + sdkUrl(request).pathname, query: withoutOperationId(request.query) });
    expect(address(sent[0]!)).toEqual(sdkAddress(create!));
    expect(sent[0]!.headers['content-type']).toBe(create!.headers['content-type']);
    expect(address(sent[1]!)).toEqual(sdkAddress(uploadPart!));
    expect(address(sent[3]!)).toEqual(sdkAddress(complete!));

    // A failed completion reported in a 200 answer's body abandons the upload, at the SDK's address for that.
    part = 0;
    const failing = stubFetch([
      createAnswer,
      () => new Response(null, { status: 200, headers: { etag: `"etag-${++part}"` } }),
      () => new Response(null, { status: 200, headers: { etag: `"etag-${++part}"` } }),
      () => new Response('<Error><Code>InvalidPart</Code><Message>One or more of the specified parts could not be found.</Message></Error>', { status: 200 }),
      () => new Response(null, { status: 204 }),
    ]);
    await expect(uploadText({ bucket, key, contentType: 'application/x-ndjson', body: text(UPLOAD_PART_BYTES + 10) })).rejects.toMatchObject({ name: 'InvalidPart' });
    expect(failing.map((request) => request.method)).toEqual(['POST', 'PUT', 'PUT', 'POST', 'DELETE']);
    expect(address(failing[4]!)).toEqual(sdkAddress(abort!));
  });
});

describe('Lambda Invoke (startExportJob)', () => {
  it.each([['a function name', 'complaints-runAuditExportJob'], ['a function ARN', 'arn:aws:lambda:ap-east-1:123456789012:function:complaints-runAuditExportJob']])(
    'invokes %s asynchronously as the SDK does, signed as the SDK signs it',
    async (_label, functionName) => {
      vi.stubEnv('AUDIT_EXPORT_JOB_FUNCTION', functionName);
      const sent = stubFetch([() => new Response(null, { status: 202 })]);
      await startExportJob({ jobId: 'job-1', runId: 'run-1' });

      const sdk = capturingHandler(202);
      await new LambdaClient({ region: REGION, credentials, requestHandler: sdk.handler }).send(
        new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify({ jobId: 'job-1', runId: 'run-1' })) }),
      );
      const [expected] = sdk.requests;
      expect(sent[0]!.method).toBe('POST');
      expect(sent[0]!.url.href).toBe(sdkUrl(expected!).href);
      expect(sent[0]!.body?.toString('utf8')).toBe(Buffer.from(expected!.body!).toString('utf8'));
      for (const name of ['content-type', 'x-amz-invocation-type', 'x-amz-content-sha256', 'x-amz-date']) expect(sent[0]!.headers[name], name).toBe(expected!.headers[name]);
      expect(signatureOf((await resign('lambda', expected!)).authorization)).toBe(signatureOf(expected!.headers.authorization));
    },
  );
});

describe('endpoints', () => {
  it('addresses buckets virtual-hosted in AWS, path-style at a configured endpoint or when the name has dots', () => {
    expect(objectUrl('exports-bucket', 'a/b c.json').href).toBe('https://exports-bucket.s3.ap-east-1.amazonaws.com/a/b%20c.json');
    expect(objectUrl('with.dots', 'k').href).toBe('https://s3.ap-east-1.amazonaws.com/with.dots/k');
    vi.stubEnv('AWS_ENDPOINT_URL_S3', 'http://127.0.0.1:8006');
    expect(objectUrl('exports-bucket', 'a/b.json', { uploadId: 'x/y+z' }).href).toBe('http://127.0.0.1:8006/exports-bucket/a/b.json?uploadId=x%2Fy%2Bz');
  });

  it('takes AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL, then the regional endpoint (China regions under amazonaws.com.cn)', () => {
    expect(serviceEndpoint('lambda', 'cn-north-1').base.href).toBe('https://lambda.cn-north-1.amazonaws.com.cn/');
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:9000');
    expect(serviceEndpoint('lambda', REGION)).toEqual({ base: new URL('http://127.0.0.1:9000'), configured: true });
    vi.stubEnv('AWS_ENDPOINT_URL_LAMBDA', 'http://127.0.0.1:9001');
    expect(serviceEndpoint('lambda', REGION).base.href).toBe('http://127.0.0.1:9001/');
  });
});

describe('errors and retries', () => {
  it("reads S3's XML errors, Lambda's JSON errors and bare statuses", () => {
    expect(errorOf(404, new Headers(), '<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>')).toMatchObject({ name: 'NoSuchBucket', status: 404, retryable: false });
    expect(errorOf(404, new Headers({ 'x-amzn-ErrorType': 'ResourceNotFoundException:http://internal.amazon.com/' }), '{"Type":"User","message":"Function not found"}')).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Function not found',
    });
    expect(errorOf(429, new Headers(), '{"__type":"com.amazonaws#TooManyRequestsException","message":"Rate exceeded"}')).toMatchObject({ name: 'TooManyRequestsException', retryable: true });
    expect(errorOf(503, new Headers(), '')).toMatchObject({ name: 'Http503', retryable: true });
    expect(errorOf(412, new Headers(), '')).toMatchObject({ name: 'PreconditionFailed', retryable: false });
    expect(errorOf(400, new Headers(), '<Error><Code>SlowDown</Code></Error>')).toMatchObject({ name: 'SlowDown', retryable: true });
  });

  const request = () => ({ service: 's3' as const, method: 'GET' as const, url: new URL('https://b.s3.ap-east-1.amazonaws.com/k') });

  it('retries throttling, 5xx and connection failures, at most three attempts in all', async () => {
    let sent = stubFetch([() => new Response('<Error><Code>SlowDown</Code></Error>', { status: 503 }), () => new Response('ok', { status: 200 })]);
    expect(await (await sendAwsRequest(request())).text()).toBe('ok');
    expect(sent).toHaveLength(2);

    sent = stubFetch([
      () => {
        throw new TypeError('fetch failed');
      },
      () => new Response('ok', { status: 200 }),
    ]);
    expect((await sendAwsRequest(request())).status).toBe(200);
    expect(sent).toHaveLength(2);

    sent = stubFetch([() => new Response('<Error><Code>InternalError</Code></Error>', { status: 500 })]);
    await expect(sendAwsRequest(request())).rejects.toMatchObject({ name: 'InternalError' });
    expect(sent).toHaveLength(3);
  });

  it('does not retry a refusal, nor a request whose caller gave up', async () => {
    let sent = stubFetch([() => new Response('<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>', { status: 403 })]);
    await expect(sendAwsRequest(request())).rejects.toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(sent).toHaveLength(1);

    const controller = new AbortController();
    sent = stubFetch([
      () => {
        controller.abort(new Error('time limit'));
        throw new DOMException('aborted', 'AbortError');
      },
    ]);
    await expect(sendAwsRequest({ ...request(), signal: controller.signal })).rejects.toThrow('time limit');
    expect(sent).toHaveLength(1);
  });
});
