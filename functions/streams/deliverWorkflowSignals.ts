/**
 * Case table stream → Step Functions: a person's decision, stored as the
 * pending signal of the workflow's wait in the same transaction as the case
 * change, completes the waiting task (SendTaskSuccess) from here. The action
 * that recorded it never talks to Step Functions, so a decision cannot be
 * lost between the two; a redelivered record finds the wait gone or the
 * task already completed, which is harmless.
 */
import type { WorkflowWait } from '../domain/lifecycle/workflowWait';
import { deliverPendingSignal } from '../domain/lifecycle/waits';
import { getCaseStore } from '../platform/clients';
import { stepFunctionsCallbacks } from '../platform/lifecycle';
import { logger } from '../platform/logger';
import { tableStreamConsumer } from '../platform/tableStream';

export const handler = tableStreamConsumer('deliverWorkflowSignals', async ({ item }, context) => {
  const wait = item as unknown as WorkflowWait;
  const outcome = await deliverPendingSignal(getCaseStore(), stepFunctionsCallbacks, wait);
  if (outcome !== 'nothing-pending') logger.info('workflow signal', { consumer: 'deliverWorkflowSignals', caseId: wait.caseId, waitingFor: wait.waitingFor, outcome, requestId: context.awsRequestId });
});
