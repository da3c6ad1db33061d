/** Workflow step `RouteComplaint`: notify by class (department, developer, external party), alert HQ if critical. */
import * as z from 'zod/mini';
import { routeComplaint } from '../domain/lifecycle/routing';
import { stepDependencies } from '../platform/clients';
import { workflowTask } from '../platform/workflowTask';

export const handler = workflowTask('routeComplaint', z.object({ caseId: z.string() }), async (input, context) =>
  routeComplaint(stepDependencies(), { caseId: input.caseId, requestId: context.awsRequestId, step: 'routeComplaint' }),
);
