/** Workflow step `SendFollowUpRequest`: the satisfaction follow-up (回訪) with one-click ratings. */
import * as z from 'zod/mini';
import { sendFollowUpRequest } from '../domain/lifecycle/followUp';
import { stepDependencies } from '../platform/clients';
import { workflowTask } from '../platform/workflowTask';

export const handler = workflowTask('sendFollowUpRequest', z.object({ caseId: z.string() }), async (input, context) =>
  sendFollowUpRequest(stepDependencies(), { caseId: input.caseId, requestId: context.awsRequestId, step: 'sendFollowUpRequest' }),
);
