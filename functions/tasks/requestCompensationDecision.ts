/** Workflow steps `RequestCompensationDecision` / `RequestHqCompensationApproval`: ask the estate manager (or HQ) to decide the claim. */
import * as z from 'zod/mini';
import { requestCompensationDecision } from '../domain/lifecycle/response';
import { stepDependencies } from '../platform/clients';
import { workflowTask } from '../platform/workflowTask';

export const handler = workflowTask('requestCompensationDecision', z.object({ caseId: z.string(), approver: z.enum(['estate-manager', 'hq']) }), async (input) =>
  requestCompensationDecision(stepDependencies(), input.caseId, input.approver),
);
