/**
 * A case's objects in storage, deleted at its erasure and its retention purge: its files
 * (`cases/<case>/` in the case-files bucket), unclaimed uploads (`uploads/<case>/`) and the raw
 * messages filed under it (`handled/complaint/<case>/`, `handled/reply/<case>/` in the inbound-mail
 * bucket; receiveInboundEmail.ts files them so). Deleting again finds nothing: a retry is harmless.
 */
import { DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { CaseObjectsDeleted } from '../domain/complaintCase';
import { DynamoRawMessageIndex } from '../store/rawMessageIndex';
import { getDocumentClient } from './clients';
import { caseFilesBucket, inboundMailBucket, readConfig } from './config';
import { getS3Client } from './mailStorage';

/** Listed rather than read: erasure may list and delete, never read a message. */
async function objectExists(bucket: string, key: string): Promise<boolean> {
  const page = await getS3Client().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key, MaxKeys: 1 }));
  return (page.Contents ?? []).some((object) => object.Key === key);
}

async function deleteUnder(bucket: string, prefix: string): Promise<number> {
  let deleted = 0;
  let token: string | undefined;
  do {
    const page = await getS3Client().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
    for (const object of page.Contents ?? []) {
      await getS3Client().send(new DeleteObjectCommand({ Bucket: bucket, Key: object.Key! }));
      deleted += 1;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return deleted;
}

export async function deleteCaseObjects(caseId: string, env: NodeJS.ProcessEnv = process.env): Promise<CaseObjectsDeleted> {
  // The case id is checked by the caller (CASE_ID_PATTERN); the trailing slash keeps one case's prefix from matching another's.
  const files = caseFilesBucket(env);
  const mail = inboundMailBucket(env);
  const counts = await Promise.all([deleteUnder(files, `cases/${caseId}/`), deleteUnder(files, `uploads/${caseId}/`)]);
  const messages = await Promise.all([deleteUnder(mail, `handled/complaint/${caseId}/`), deleteUnder(mail, `handled/reply/${caseId}/`)]);
  // Raw messages indexed under the case but kept elsewhere (filed before they were kept under their case): deleted by key.
  let elsewhere = 0;
  const underCase = (key: string) => key.startsWith(`handled/complaint/${caseId}/`) || key.startsWith(`handled/reply/${caseId}/`);
  for (const record of await new DynamoRawMessageIndex(getDocumentClient(), readConfig(env).tableName).list(caseId)) {
    if (underCase(record.objectKey)) continue;
    if (!(await objectExists(mail, record.objectKey))) continue;
    await getS3Client().send(new DeleteObjectCommand({ Bucket: mail, Key: record.objectKey }));
    elsewhere += 1;
  }
  return { files: counts[0] + counts[1], messages: messages[0] + messages[1] + elsewhere };
}
