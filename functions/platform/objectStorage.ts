/**
 * S3 for the audit trail: export files written by multipart upload in
 * constant memory, their short-lived download links, and small JSON objects
 * (manifests, published anchors). S3's REST operations signed by the SDK's
 * own signer (awsHttp.ts says why not the S3 client); in AWS the bucket's
 * virtual-hosted endpoint, locally the emulator at `AWS_ENDPOINT_URL_S3`,
 * addressed path-style.
 */
import { createHash } from 'node:crypto';
import { parseXML } from '@aws-sdk/xml-builder';
import { AwsServiceError, awsRegion, escapeUri, presignGet, requestUrl, sendAwsRequest, serviceEndpoint } from './awsHttp';

/** Multipart part size: 8 MiB parts take a file up to 80 GB (S3's 10,000 parts). */
export const UPLOAD_PART_BYTES = 8 * 1024 * 1024;
/** Parts in flight at once: memory stays under about (this + 1) × the part size, whatever the file's size. */
const UPLOAD_PARTS_IN_FLIGHT = 2;
/** A part of 8 MiB is given this long per attempt. */
const PART_TIMEOUT_MS = 120_000;

/** The URL of an object (or, with `key` empty, of its bucket), with an optional query. */
export function objectUrl(bucket: string, key: string, query: Record<string, string> = {}): URL {
  const region = awsRegion();
  const { base, configured } = serviceEndpoint('s3', region);
  const escapedKey = key.split('/').map(escapeUri).join('/');
  // Virtual-hosted addressing in AWS; a bucket name with dots would not match S3's TLS certificate that way.
  if (configured || bucket.includes('.')) return requestUrl(base, `/${bucket}/${escapedKey}`, query);
  return requestUrl(new URL(`${base.protocol}//${bucket}.${base.host}`), `/${escapedKey}`, query);
}

function base64Sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('base64');
}

async function putObject(bucket: string, key: string, body: Buffer, headers: Record<string, string>, signal?: AbortSignal): Promise<void> {
  const response = await sendAwsRequest({
    service: 's3',
    method: 'PUT',
    url: objectUrl(bucket, key),
    // An explicit checksum: S3 stores it with the object, and Object Lock buckets require one on every write.
    headers: { ...headers, 'x-amz-sdk-checksum-algorithm': 'SHA256', 'x-amz-checksum-sha256': base64Sha256(body) },
    body,
    ...(signal ? { signal } : {}),
    timeoutMs: PART_TIMEOUT_MS,
  });
  // Release the connection: the answer's body (empty) is not needed.
  await response.body?.cancel();
}

/**
 * An XML answer of S3, parsed. S3 can answer 200 and still report a failure in the body (CompleteMultipartUpload
 * does): such a body throws, as a failed status would.
 */
function parseS3Answer(text: string): Record<string, Record<string, unknown> | undefined> {
  const parsed = parseXML(text) as Record<string, Record<string, unknown> | undefined>;
  const failure = parsed.Error as { Code?: string; Message?: string } | undefined;
  if (failure) {
    const code = failure.Code ?? 'InternalError';
    throw new AwsServiceError(code, failure.Message ?? code, 200, false);
  }
  return parsed;
}

/**
 * A multipart upload, part by part. S3 keeps no part of an upload that is aborted; one that is neither
 * completed nor aborted (the process died) is removed by the bucket's lifecycle rule after a day.
 */
class MultipartUpload {
  private readonly parts: { partNumber: number; etag: string }[] = [];

  private constructor(
    private readonly bucket: string,
    private readonly key: string,
    private readonly uploadId: string,
    private readonly signal?: AbortSignal,
  ) {}

  static async create(bucket: string, key: string, contentType: string, signal?: AbortSignal): Promise<MultipartUpload> {
    const response = await sendAwsRequest({
      service: 's3',
      method: 'POST',
      url: objectUrl(bucket, key, { uploads: '' }),
      headers: { 'content-type': contentType },
      ...(signal ? { signal } : {}),
    });
    const uploadId = parseS3Answer(await response.text()).InitiateMultipartUploadResult?.UploadId;
    if (typeof uploadId !== 'string' || uploadId === '') throw new Error('S3 answered CreateMultipartUpload without an UploadId');
    return new MultipartUpload(bucket, key, uploadId, signal);
  }

  /** The part's integrity in transit is the signature's: it covers the part's SHA-256. */
  async uploadPart(partNumber: number, body: Buffer): Promise<void> {
    const response = await sendAwsRequest({
      service: 's3',
      method: 'PUT',
      url: objectUrl(this.bucket, this.key, { partNumber: String(partNumber), uploadId: this.uploadId }),
      body,
      ...(this.signal ? { signal: this.signal } : {}),
      timeoutMs: PART_TIMEOUT_MS,
    });
    await response.body?.cancel();
    const etag = response.headers.get('etag');
    if (!etag) throw new Error(`S3 answered part ${partNumber} without an ETag`);
    this.parts.push({ partNumber, etag });
  }

  async complete(): Promise<void> {
    const parts = [...this.parts].sort((a, b) => a.partNumber - b.partNumber);
    const xml = `<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${parts
      .map((part) => `<Part><PartNumber>${part.partNumber}</PartNumber><ETag>${escapeXml(part.etag)}</ETag></Part>`)
      .join('')}</CompleteMultipartUpload>`;
    const response = await sendAwsRequest({
      service: 's3',
      method: 'POST',
      url: objectUrl(this.bucket, this.key, { uploadId: this.uploadId }),
      headers: { 'content-type': 'application/xml' },
      body: Buffer.from(xml, 'utf8'),
      ...(this.signal ? { signal: this.signal } : {}),
      timeoutMs: PART_TIMEOUT_MS,
    });
    parseS3Answer(await response.text());
  }

  async abort(): Promise<void> {
    const response = await sendAwsRequest({ service: 's3', method: 'DELETE', url: objectUrl(this.bucket, this.key, { uploadId: this.uploadId }) });
    await response.body?.cancel();
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Writes text, produced chunk by chunk, to one object: one PutObject if it is smaller than a part,
 * else a multipart upload whose parts are sent as they fill. An error of the source, or `signal`
 * aborting, abandons the upload (its parts are removed) and rejects. Returns the object's size.
 */
export async function uploadText(input: { bucket: string; key: string; contentType: string; body: AsyncIterable<string>; signal?: AbortSignal }): Promise<{ bytes: number }> {
  const { bucket, key, contentType, signal } = input;
  let bytes = 0;
  // The part being filled: text is copied into it once, and it is sent as it is when full.
  let part = Buffer.allocUnsafe(UPLOAD_PART_BYTES);
  let filled = 0;
  let upload: MultipartUpload | undefined;
  let partNumber = 0;
  const inFlight = new Set<Promise<void>>();
  let partFailure: unknown;

  const sendPart = async (partBody: Buffer) => {
    upload ??= await MultipartUpload.create(bucket, key, contentType, signal);
    const sending: Promise<void> = upload.uploadPart(++partNumber, partBody).then(
      () => void inFlight.delete(sending),
      (error: unknown) => {
        inFlight.delete(sending);
        partFailure ??= error;
      },
    );
    inFlight.add(sending);
    while (inFlight.size >= UPLOAD_PARTS_IN_FLIGHT) await Promise.race(inFlight);
    if (partFailure) throw partFailure;
  };

  try {
    for await (const chunk of input.body) {
      signal?.throwIfAborted();
      const buffer = Buffer.from(chunk, 'utf8');
      bytes += buffer.length;
      let rest = buffer;
      while (rest.length > 0) {
        const copied = rest.copy(part, filled);
        filled += copied;
        rest = rest.subarray(copied);
        if (filled === UPLOAD_PART_BYTES) {
          const full = part;
          part = Buffer.allocUnsafe(UPLOAD_PART_BYTES);
          filled = 0;
          await sendPart(full);
        }
      }
    }
    signal?.throwIfAborted();
    const last = part.subarray(0, filled);
    if (!upload) {
      await putObject(bucket, key, last, { 'content-type': contentType }, signal);
      return { bytes };
    }
    if (last.length > 0) await sendPart(last);
    await Promise.all(inFlight);
    if (partFailure) throw partFailure;
    await upload.complete();
    return { bytes };
  } catch (error) {
    await Promise.allSettled(inFlight);
    if (upload) await upload.abort().catch(() => undefined);
    throw error;
  }
}

/**
 * Writes a small JSON object. `createOnly`: only if no object has the key (S3 conditional write,
 * `If-None-Match: *`); a key already taken rejects with `PreconditionFailed`.
 */
export async function putJson(bucket: string, key: string, value: unknown, options: { createOnly?: boolean } = {}): Promise<void> {
  await putObject(bucket, key, Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8'), {
    'content-type': 'application/json; charset=utf-8',
    ...(options.createOnly ? { 'if-none-match': '*' } : {}),
  });
}

/** A JSON object, parsed; `found: false` if there is no object under the key. Unparsable content is returned as its text. */
export async function getJson(bucket: string, key: string): Promise<{ found: false } | { found: true; content: unknown }> {
  let text: string;
  try {
    const response = await sendAwsRequest({ service: 's3', method: 'GET', url: objectUrl(bucket, key) });
    text = await response.text();
  } catch (error) {
    // Only a missing key: a missing bucket (NoSuchBucket, also a 404) is a configuration fault and must not read as "never published".
    if (error instanceof AwsServiceError && (error.code === 'NoSuchKey' || error.code === 'NotFound')) return { found: false };
    throw error;
  }
  try {
    return { found: true, content: JSON.parse(text) as unknown };
  } catch {
    return { found: true, content: text };
  }
}

/** A presigned GET link to an object, saved by the browser under `fileName`. */
export async function downloadLink(bucket: string, key: string, fileName: string, expiresInSeconds: number): Promise<string> {
  // `x-id` as the SDK's presigner adds it, so a link is the same whichever of the two made it.
  return presignGet('s3', objectUrl(bucket, key, { 'response-content-disposition': `attachment; filename="${fileName}"`, 'x-id': 'GetObject' }), expiresInSeconds);
}
