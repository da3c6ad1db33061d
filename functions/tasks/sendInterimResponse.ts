/** Workflow step `SendInterimResponse`: the written interim response (reason and measures), or the notice of an extension. */
import * as z from 'zod/mini';
import { sendInterimResponse } from '../domain/lifecycle/escalation';
import { stepDependencies } from '../platform/clients';
import { workflowTask } from '../platform/workflowTask';

export const handler = workflowTask('sendInterimResponse', z.object({ caseId: z.string(), eventSeq: z.int(), reason: z.string(), measures: z.string() }), async (input, context) =>
  sendInterimResponse(stepDependencies(), { caseId: input.caseId, requestId: context.awsRequestId, step: 'sendInterimResponse' }, input),
);
