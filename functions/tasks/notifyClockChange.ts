/** Workflow step `NotifyClockChange`: tell the complainant the clock was paused (and why) or resumed (and the new date). */
import * as z from 'zod/mini';
import { notifyClockChange } from '../domain/lifecycle/escalation';
import { stepDependencies } from '../platform/clients';
import { workflowTask } from '../platform/workflowTask';

export const handler = workflowTask('notifyClockChange', z.object({ caseId: z.string(), eventSeq: z.int(), paused: z.boolean(), reason: z.nullable(z.optional(z.string())) }), async (input, context) =>
  notifyClockChange(stepDependencies(), { caseId: input.caseId, requestId: context.awsRequestId, step: 'notifyClockChange' }, { eventSeq: input.eventSeq, paused: input.paused, ...(input.reason ? { reason: input.reason } : {}) }),
);
