/** Workflow steps `EscalateOverdue` / `EscalateUntriaged`: the deadline passed — up one level, interim response to the complainant. */
import * as z from 'zod/mini';
import { escalateOverdue } from '../domain/lifecycle/escalation';
import { getStaffDirectory } from '../platform/administration';
import { stepDependencies } from '../platform/clients';
import { workflowTask } from '../platform/workflowTask';

export const handler = workflowTask('escalateOverdue', z.object({ caseId: z.string(), expectedEscalationCount: z.int() }), async (input, context) =>
  escalateOverdue({ ...stepDependencies(), staffDirectory: await getStaffDirectory() }, { caseId: input.caseId, requestId: context.awsRequestId, step: 'escalateOverdue' }, input.expectedEscalationCount),
);
