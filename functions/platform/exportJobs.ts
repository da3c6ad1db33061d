/**
 * Starting an export job: an asynchronous invocation (`InvocationType:
 * Event`) of the job function with the job's id and run. Lambda queues the
 * event and answers at once; the function claims the run, so a second start
 * of the same run does nothing. Locally the runtime's Lambda API takes the
 * invocation (AWS_ENDPOINT_URL_LAMBDA) and runs the same handler in-process.
 * Lambda's Invoke operation signed by the SDK's own signer (awsHttp.ts says
 * why not the Lambda client).
 */
import { escapeUri, requestUrl, sendAwsRequest, serviceEndpoint } from './awsHttp';
import type { ExportJob } from '../domain/auditExportJob';
import { auditExportJobFunction } from './config';

/** What the job function is invoked with. */
export interface ExportJobEvent {
  jobId: string;
  runId: string;
}

export async function startExportJob(job: Pick<ExportJob, 'jobId' | 'runId'>): Promise<void> {
  const event: ExportJobEvent = { jobId: job.jobId, runId: job.runId };
  const response = await sendAwsRequest({
    service: 'lambda',
    method: 'POST',
    url: requestUrl(serviceEndpoint('lambda').base, `/2015-03-31/functions/${escapeUri(auditExportJobFunction())}/invocations`),
    headers: { 'content-type': 'application/octet-stream', 'x-amz-invocation-type': 'Event' },
    body: Buffer.from(JSON.stringify(event), 'utf8'),
  });
  await response.body?.cancel();
}
