/**
 * Starts a case's lifecycle workflow. The execution is named after the case,
 * so starting twice is harmless: Step Functions refuses a second execution of
 * the same name, which we take as "already started".
 */
import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { readConfig } from './config';

let sfn: SFNClient | undefined;

export async function startComplaintLifecycle(caseId: string): Promise<void> {
  sfn ??= new SFNClient({});
  try {
    await sfn.send(
      new StartExecutionCommand({ stateMachineArn: readConfig().stateMachineArn, name: caseId, input: JSON.stringify({ caseId }) }),
    );
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) return;
    throw error;
  }
}
