/** Workflow step `SendResponse`: email the decision, its reasons, the remedy and how to escalate, in the complainant's language. */
import * as z from 'zod/mini';
import { sendResponse } from '../domain/lifecycle/response';
import { stepDependencies } from '../platform/clients';
import { workflowTask } from '../platform/workflowTask';

export const handler = workflowTask('sendResponse', z.object({ caseId: z.string() }), async (input, context) =>
  sendResponse(stepDependencies(), { caseId: input.caseId, requestId: context.awsRequestId, step: 'sendResponse' }),
);
