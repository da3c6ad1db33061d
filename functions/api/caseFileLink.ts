/**
 * `GET /api/v1/cases/{id}/files/{fileId}` — a short-lived download link (presigned GET, 5 minutes) to
 * one of a case's files, for staff who may see the case. The file never passes through the function.
 */
import { requireStaff } from '../platform/auth';
import { presignDownload, DOWNLOAD_LINK_SECONDS } from '../platform/caseFileLinks';
import { caseForCaller } from '../platform/caseRequests';
import { caseFilesBucket } from '../platform/config';
import { HttpError, httpEndpoint, json } from '../platform/http';

export const handler = httpEndpoint('caseFileLink', async (event) => {
  const identity = requireStaff(event);
  const complaintCase = await caseForCaller(event, identity);
  const file = complaintCase.files?.find((f) => f.fileId === event.pathParameters?.fileId);
  if (!file || complaintCase.erasure) throw new HttpError(404, 'not_found', 'not found');
  const url = await presignDownload(caseFilesBucket(), file.objectKey, file.name, file.contentType);
  return json(200, { fileId: file.fileId, name: file.name, contentType: file.contentType, size: file.size, url, expiresInSeconds: DOWNLOAD_LINK_SECONDS }, { 'cache-control': 'no-store' });
});
