/** Workflow step `NotifyEscalation`: staff escalated the case by hand — tell the estate manager or HQ. */
import * as z from 'zod/mini';
import { notifyStaffEscalation } from '../domain/lifecycle/escalation';
import { getStaffDirectory } from '../platform/administration';
import { stepDependencies } from '../platform/clients';
import { workflowTask } from '../platform/workflowTask';

export const handler = workflowTask('notifyStaffEscalation', z.object({ caseId: z.string(), eventSeq: z.int() }), async (input) =>
  notifyStaffEscalation({ ...stepDependencies(), staffDirectory: await getStaffDirectory() }, input.caseId, input.eventSeq),
);
