/**
 * Starting an export job: an asynchronous invocation (`InvocationType:
 * Event`) of the job function with the job's id and run, by the SDK's Lambda
 * client. Lambda queues the event and answers at once; the function claims
 * the run, so a second start of the same run does nothing. Locally the
 * runtime's Lambda API takes the invocation (AWS_ENDPOINT_URL_LAMBDA) and runs
 * the same handler in-process.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { ExportJob } from '../domain/auditExportJob';
import { auditExportJobFunction } from './config';

/** What the job function is invoked with. */
export interface ExportJobEvent {
  jobId: string;
  runId: string;
}

let client: LambdaClient | undefined;

export async function startExportJob(job: Pick<ExportJob, 'jobId' | 'runId'>): Promise<void> {
  const event: ExportJobEvent = { jobId: job.jobId, runId: job.runId };
  client ??= new LambdaClient({});
  await client.send(new InvokeCommand({ FunctionName: auditExportJobFunction(), InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(event), 'utf8') }));
}
