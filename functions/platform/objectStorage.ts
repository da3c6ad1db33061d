/**
 * S3 for the audit trail: export files written by multipart upload in
 * constant memory, their short-lived download links, and small JSON objects
 * (manifests, published anchors). Through the SDK's S3 client, `lib-storage`
 * and the presigner (docs/decisions/sdk-clients-in-batch-functions.md); in AWS
 * the bucket's virtual-hosted endpoint, locally the emulator at
 * `AWS_ENDPOINT_URL_S3` (an IP address, which the SDK addresses path-style).
 */
import { ChecksumAlgorithm, GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/** Multipart part size: 8 MiB parts take a file up to 80 GB (S3's 10,000 parts). */
export const UPLOAD_PART_BYTES = 8 * 1024 * 1024;
/** Parts in flight at once: memory stays under about (this + 1) × the part size, whatever the file's size. */
const UPLOAD_PARTS_IN_FLIGHT = 2;
/**
 * An explicit checksum on every write: S3 stores it with the object, and Object Lock buckets
 * (the anchors bucket) require one. SHA-256 for each part and for single-request writes.
 */
const CHECKSUM = ChecksumAlgorithm.SHA256;

let client: S3Client | undefined;

/** One client per container, created on first use; the endpoint and credentials come from the environment as for every SDK client. */
function s3(): S3Client {
  client ??= new S3Client({});
  return client;
}

/** Drops the client, so the next call reads the environment afresh (tests move `AWS_ENDPOINT_URL_S3` between calls). */
export function forgetS3Client(): void {
  client?.destroy();
  client = undefined;
}

/**
 * Bytes of `body` as a pull-only stream: the next chunk is asked of the source only when the uploader
 * wants it (no read-ahead), and an abort of `signal` stops the reading at once. What the source threw is
 * kept, so that it, rather than the uploader's clean-up, is what the caller hears.
 */
function pulledBytes(body: AsyncIterable<string>, signal: AbortSignal | undefined, counter: { bytes: number; failure?: unknown }): ReadableStream<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          for (;;) {
            signal?.throwIfAborted();
            const next = await iterator.next();
            signal?.throwIfAborted();
            if (next.done) return controller.close();
            if (next.value.length === 0) continue;
            const bytes = Buffer.from(next.value, 'utf8');
            counter.bytes += bytes.length;
            return controller.enqueue(bytes);
          }
        } catch (error) {
          counter.failure = error;
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Writes text, produced chunk by chunk, to one object: one PutObject if it is no larger than a part,
 * else a multipart upload whose parts are sent as they fill (lib-storage). An error of the source, or
 * `signal` aborting, abandons the upload (AbortMultipartUpload; S3 then removes its parts) and rejects
 * with that error or the signal's reason. Returns the object's size.
 */
export async function uploadText(input: { bucket: string; key: string; contentType: string; body: AsyncIterable<string>; signal?: AbortSignal }): Promise<{ bytes: number }> {
  const { bucket, key, contentType, signal } = input;
  signal?.throwIfAborted();
  const read: { bytes: number; failure?: unknown } = { bytes: 0 };
  const upload = new Upload({
    client: s3(),
    params: { Bucket: bucket, Key: key, ContentType: contentType, ChecksumAlgorithm: CHECKSUM, Body: pulledBytes(input.body, signal, read) },
    partSize: UPLOAD_PART_BYTES,
    queueSize: UPLOAD_PARTS_IN_FLIGHT,
    // Abandon (AbortMultipartUpload) on failure; a process that dies leaves the upload to the bucket's lifecycle rule.
    leavePartsOnError: false,
  });
  try {
    await upload.done();
  } catch (error) {
    // The abandon request can itself fail (the emulator has no AbortMultipartUpload); the cause is what the caller needs.
    if (read.failure !== undefined) throw read.failure;
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
  return { bytes: read.bytes };
}

/**
 * Writes a small JSON object. `createOnly`: only if no object has the key (S3 conditional write,
 * `If-None-Match: *`); a key already taken rejects with an error named `PreconditionFailed`.
 */
export async function putJson(bucket: string, key: string, value: unknown, options: { createOnly?: boolean } = {}): Promise<void> {
  await s3().send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8'),
      ContentType: 'application/json; charset=utf-8',
      ChecksumAlgorithm: CHECKSUM,
      ...(options.createOnly ? { IfNoneMatch: '*' } : {}),
    }),
  );
}

/** A JSON object, parsed; `found: false` if there is no object under the key. Unparsable content is returned as its text. */
export async function getJson(bucket: string, key: string): Promise<{ found: false } | { found: true; content: unknown }> {
  let text: string;
  try {
    const object = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    text = (await object.Body?.transformToString('utf8')) ?? '';
  } catch (error) {
    // Only a missing key: a missing bucket (NoSuchBucket, also a 404) is a configuration fault and must not read as "never published".
    if (error instanceof NoSuchKey || (error instanceof S3ServiceException && error.name === 'NoSuchKey')) return { found: false };
    throw error;
  }
  try {
    return { found: true, content: JSON.parse(text) as unknown };
  } catch {
    return { found: true, content: text };
  }
}

/** Every key under a prefix, in key order (ListObjectsV2, page by page). */
export async function listKeys(bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** A presigned GET link to an object, saved by the browser under `fileName`. */
export async function downloadLink(bucket: string, key: string, fileName: string, expiresInSeconds: number): Promise<string> {
  return getSignedUrl(s3(), new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: `attachment; filename="${fileName}"` }), { expiresIn: expiresInSeconds });
}
