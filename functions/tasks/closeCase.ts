/** Workflow steps `Close*`: close the case (satisfied, no response, finally dissatisfied, invalid, or withdrawn) and tell the complainant. */
import * as z from 'zod/mini';
import { closeCase } from '../domain/lifecycle/followUp';
import { stepDependencies } from '../platform/clients';
import { workflowTask } from '../platform/workflowTask';

export const handler = workflowTask('closeCase', z.object({ caseId: z.string(), reason: z.enum(['satisfied', 'no-response', 'final-dissatisfied', 'invalid', 'withdrawn']) }), async (input, context) =>
  closeCase(stepDependencies(), { caseId: input.caseId, requestId: context.awsRequestId, step: 'closeCase' }, input.reason),
);
