/**
 * Files go straight between the browser and S3, never through API Gateway or
 * Lambda payloads: a presigned POST to upload (S3 enforces the size with the
 * policy's content-length-range; the type is checked from the content after
 * the upload), a presigned GET for staff to view a case's file.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ulid } from 'ulid';
import { CASE_FILE_LIMITS } from '../domain/caseFiles';
import { getS3Client } from './mailStorage';

export const UPLOAD_LINK_SECONDS = 15 * 60;
export const DOWNLOAD_LINK_SECONDS = 5 * 60;

/** Where a resident's upload lands before it is checked: `uploads/<case>/<upload id>` (deleted by a lifecycle rule after a day). */
export const uploadKey = (caseId: string, uploadId: string) => `uploads/${caseId}/${uploadId}`;
export const UPLOAD_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export interface UploadSlot {
  uploadId: string;
  url: string;
  fields: Record<string, string>;
  maxBytes: number;
  expiresAt: string;
}

export async function presignUploads(bucket: string, caseId: string, count: number, now = new Date()): Promise<UploadSlot[]> {
  const slots: UploadSlot[] = [];
  for (let i = 0; i < count; i += 1) {
    const uploadId = ulid(now.getTime());
    const { url, fields } = await createPresignedPost(getS3Client(), {
      Bucket: bucket,
      Key: uploadKey(caseId, uploadId),
      Conditions: [['content-length-range', 1, CASE_FILE_LIMITS.maxBytes]],
      Expires: UPLOAD_LINK_SECONDS,
    });
    slots.push({ uploadId, url, fields, maxBytes: CASE_FILE_LIMITS.maxBytes, expiresAt: new Date(now.getTime() + UPLOAD_LINK_SECONDS * 1000).toISOString() });
  }
  return slots;
}

export async function presignDownload(bucket: string, key: string, fileName: string, contentType: string): Promise<string> {
  // Served as an attachment with the detected type: a file can never be rendered as a page of ours.
  const disposition = `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;
  return getSignedUrl(getS3Client(), new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: disposition, ResponseContentType: contentType }), { expiresIn: DOWNLOAD_LINK_SECONDS });
}
