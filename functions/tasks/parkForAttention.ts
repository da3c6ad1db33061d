/** Workflow task: park a case whose automated step failed for good, and alert the estate desk (state `ParkForAttention`). */
import * as z from 'zod/mini';
import { parkCaseForAttention } from '../domain/attention';
import { stepDependencies } from '../platform/clients';
import { workflowTask } from '../platform/workflowTask';

const inputSchema = z.object({
  caseId: z.string().check(z.minLength(1)),
  failedStep: z.string(),
  error: z.optional(z.object({ Error: z.optional(z.string()) })),
});

export const handler = workflowTask('parkForAttention', inputSchema, async (input, context) =>
  parkCaseForAttention(
    { caseId: input.caseId, failedStep: input.failedStep, errorName: input.error?.Error ?? 'unknown' },
    context.awsRequestId,
    stepDependencies(),
  ),
);
