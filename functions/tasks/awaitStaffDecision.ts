/**
 * Callback step of every `Await*` state: stores the task token so the staff
 * actions API (or the resident's rating) can complete it, and redelivers a
 * decision recorded before a restart.
 */
import * as z from 'zod/mini';
import { registerWait } from '../domain/lifecycle/waits';
import { WAIT_KINDS } from '../domain/lifecycle/workflowWait';
import { getCaseStore } from '../platform/clients';
import { stepFunctionsCallbacks } from '../platform/lifecycle';
import { workflowTask } from '../platform/workflowTask';

const inputSchema = z.object({ caseId: z.string().check(z.minLength(1)), waitingFor: z.enum(WAIT_KINDS), taskToken: z.string().check(z.minLength(1)) });

export const handler = workflowTask('awaitStaffDecision', inputSchema, async (input) =>
  registerWait(getCaseStore(), stepFunctionsCallbacks, { ...input, now: new Date().toISOString() }),
);
