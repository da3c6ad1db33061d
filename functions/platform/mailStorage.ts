/**
 * The two buckets of complaints by email and resident files, through the S3
 * client (@aws-sdk/client-s3): the inbound-mail bucket (raw messages, written
 * by SES in AWS and by the SMTP listener locally) and the case-files bucket
 * (photos and documents of cases). Locally the client reaches the S3
 * emulator through AWS_ENDPOINT_URL_S3, path-style.
 */
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { CaseFileStorage } from '../domain/caseFiles';

let s3: S3Client | undefined;

export function getS3Client(): S3Client {
  // An endpoint given by address (the local emulator) is addressed path-style, as the SDK does for IP endpoints.
  s3 ??= new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) });
  return s3;
}

export async function objectSize(bucket: string, key: string): Promise<number> {
  const head = await getS3Client().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  return head.ContentLength ?? 0;
}

/** The object, or its first `maxBytes` (enough for the headers of a message too large to take). */
export async function readObject(bucket: string, key: string, maxBytes?: number): Promise<Uint8Array> {
  const result = await getS3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(maxBytes ? { Range: `bytes=0-${maxBytes - 1}` } : {}) }));
  if (!result.Body) return new Uint8Array();
  return result.Body.transformToByteArray();
}

/** Moves a raw message to where its disposition files it (copy, then delete: a failure between leaves it in both places, never in none). */
export async function moveObject(bucket: string, from: string, to: string): Promise<void> {
  await getS3Client().send(new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: `${bucket}/${from.split('/').map(encodeURIComponent).join('/')}` }));
  await getS3Client().send(new DeleteObjectCommand({ Bucket: bucket, Key: from }));
}

export function s3CaseFileStorage(bucket: string): CaseFileStorage {
  return {
    async put(key, content, contentType) {
      await getS3Client().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: content, ContentType: contentType }));
    },
  };
}
