/** Workflow step `OpenStage2`: a dissatisfied complainant's case is reopened as stage 2 with a new deadline and a different handler. */
import * as z from 'zod/mini';
import { openStage2 } from '../domain/lifecycle/followUp';
import { getStaffDirectory } from '../platform/administration';
import { stepDependencies } from '../platform/clients';
import { workflowTask } from '../platform/workflowTask';

export const handler = workflowTask('openStage2', z.object({ caseId: z.string() }), async (input, context) =>
  openStage2({ ...stepDependencies(), staffDirectory: await getStaffDirectory() }, { caseId: input.caseId, requestId: context.awsRequestId, step: 'openStage2' }),
);
