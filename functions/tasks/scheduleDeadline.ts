/** Workflow steps `ScheduleDeadline` / `ScheduleTriageDeadline`: how long to wait for a person before the deadline passes. */
import * as z from 'zod/mini';
import { scheduleDeadline } from '../domain/lifecycle/escalation';
import { getCaseStore } from '../platform/clients';
import { workflowTask } from '../platform/workflowTask';
import { platformNow } from '../platform/clock';

export const handler = workflowTask('scheduleDeadline', z.object({ caseId: z.string() }), async (input) => scheduleDeadline({ store: getCaseStore(), now: platformNow }, input.caseId));
