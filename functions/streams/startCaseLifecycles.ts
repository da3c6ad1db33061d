/**
 * Case table stream → Step Functions: every newly stored case gets its
 * lifecycle workflow, and a reopened case its stage-2 execution. Intake and
 * the decision that reopens only write to the table (one transaction each);
 * starting from the stream means a case can never be left without the
 * execution it needs, whatever happens to the request that stored it.
 * Starting is idempotent (executions are named after the case and stage), so
 * a redelivered record is harmless.
 */
import { logger } from '../platform/logger';
import { startComplaintLifecycle, startStage2Lifecycle } from '../platform/lifecycle';
import { tableStreamConsumer } from '../platform/tableStream';

export const handler = tableStreamConsumer('startCaseLifecycles', async ({ item }, context) => {
  const caseId = item.caseId;
  if (typeof caseId !== 'string' || caseId === '') throw new Error(`a ${String(item.type)} item without a caseId`);
  if (item.type === 'lifecycle-start' && item.entry === 'stage-2') await startStage2Lifecycle(caseId);
  else if (item.type === 'case') await startComplaintLifecycle(caseId);
  else throw new Error(`cannot start a lifecycle from a ${String(item.type)} item (entry ${String(item.entry)})`);
  logger.info('lifecycle started', { consumer: 'startCaseLifecycles', caseId, entry: item.type === 'case' ? 'stage-1' : item.entry, requestId: context.awsRequestId });
});
