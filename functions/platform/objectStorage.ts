/**
 * S3 for the audit trail: export files written by multipart upload in
 * constant memory, their short-lived download links, and small JSON objects
 * (manifests, published anchors). Only the ordinary S3 client, at the
 * endpoint the SDK finds itself: S3 in AWS, the local emulator when the local
 * runtime sets `AWS_ENDPOINT_URL_S3` (an IP-address endpoint, which the SDK
 * addresses path-style by itself, so no client setting differs).
 */
import { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

let client: S3Client | undefined;

export function getS3Client(): S3Client {
  client ??= new S3Client({});
  return client;
}

/** Multipart part size: 8 MiB parts take a file up to 80 GB (S3's 10,000 parts). */
export const UPLOAD_PART_BYTES = 8 * 1024 * 1024;
/** Parts in flight at once: memory stays under about (this + 1) × the part size, whatever the file's size. */
const UPLOAD_PARTS_IN_FLIGHT = 2;

/**
 * Writes text, produced chunk by chunk, to one object: one PutObject if it is smaller than a part,
 * else a multipart upload whose parts are sent as they fill. An error of the source, or `signal`
 * aborting, abandons the upload (its parts are removed) and rejects. Returns the object's size.
 */
export async function uploadText(input: { bucket: string; key: string; contentType: string; body: AsyncIterable<string>; signal?: AbortSignal }): Promise<{ bytes: number }> {
  let bytes = 0;
  async function* encoded(): AsyncGenerator<Buffer> {
    for await (const chunk of input.body) {
      const buffer = Buffer.from(chunk, 'utf8');
      bytes += buffer.length;
      yield buffer;
    }
  }
  const upload = new Upload({
    client: getS3Client(),
    params: { Bucket: input.bucket, Key: input.key, Body: Readable.from(encoded()), ContentType: input.contentType },
    partSize: UPLOAD_PART_BYTES,
    queueSize: UPLOAD_PARTS_IN_FLIGHT,
    leavePartsOnError: false,
  });
  const abort = () => void upload.abort().catch(() => undefined);
  input.signal?.addEventListener('abort', abort, { once: true });
  try {
    await upload.done();
  } finally {
    input.signal?.removeEventListener('abort', abort);
  }
  return { bytes };
}

/**
 * Writes a small JSON object. `createOnly`: only if no object has the key (S3 conditional write,
 * `If-None-Match: *`); a key already taken rejects with `PreconditionFailed`.
 */
export async function putJson(bucket: string, key: string, value: unknown, options: { createOnly?: boolean } = {}): Promise<void> {
  await getS3Client().send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: `${JSON.stringify(value, null, 2)}\n`,
      ContentType: 'application/json; charset=utf-8',
      // An explicit checksum: S3 stores it with the object, and Object Lock buckets require one on every write.
      ChecksumAlgorithm: 'SHA256',
      ...(options.createOnly ? { IfNoneMatch: '*' } : {}),
    }),
  );
}

/** A JSON object, parsed; `found: false` if there is no object under the key. Unparsable content is returned as its text. */
export async function getJson(bucket: string, key: string): Promise<{ found: false } | { found: true; content: unknown }> {
  let text: string;
  try {
    const result = await getS3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    text = (await result.Body?.transformToString('utf8')) ?? '';
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey' || (error as Error).name === 'NotFound') return { found: false };
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
  return getSignedUrl(getS3Client(), new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: `attachment; filename="${fileName}"` }), { expiresIn: expiresInSeconds });
}
