/**
 * Starts a case's lifecycle workflow. The execution is named after the case,
 * so starting twice is harmless: Step Functions refuses a second execution of
 * the same name, which we take as "already started".
 */
import { ExecutionAlreadyExists, InvalidToken, SendTaskSuccessCommand, SFNClient, StartExecutionCommand, TaskDoesNotExist, TaskTimedOut } from '@aws-sdk/client-sfn';
import type { WorkflowCallbacks } from '../domain/lifecycle/waits';
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

/** Completes a waiting workflow task through the Step Functions API. */
export const stepFunctionsCallbacks: WorkflowCallbacks = {
  async complete(taskToken, signal) {
    sfn ??= new SFNClient({});
    try {
      await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(signal) }));
      return 'delivered';
    } catch (error) {
      if (error instanceof TaskDoesNotExist || error instanceof TaskTimedOut || error instanceof InvalidToken) return 'gone';
      throw error;
    }
  },
};

/** Reopening a closed case runs a new execution of the lifecycle that enters at stage 2. */
export async function startStage2Lifecycle(caseId: string): Promise<void> {
  sfn ??= new SFNClient({});
  try {
    await sfn.send(new StartExecutionCommand({ stateMachineArn: readConfig().stateMachineArn, name: `${caseId}-stage2`, input: JSON.stringify({ caseId, entry: 'stage-2' }) }));
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) return;
    throw error;
  }
}
