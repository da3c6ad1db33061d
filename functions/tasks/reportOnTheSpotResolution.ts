/** Workflow step `ReportOnTheSpotResolution`: a complaint resolved at receipt is reported to the customer-service lead. */
import * as z from 'zod/mini';
import { reportOnTheSpotResolution } from '../domain/lifecycle/routing';
import { stepDependencies } from '../platform/clients';
import { workflowTask } from '../platform/workflowTask';

export const handler = workflowTask('reportOnTheSpotResolution', z.object({ caseId: z.string() }), async (input, context) =>
  reportOnTheSpotResolution(stepDependencies(), { caseId: input.caseId, requestId: context.awsRequestId, step: 'reportOnTheSpotResolution' }),
);
