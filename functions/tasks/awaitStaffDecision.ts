/**
 * Callback step of every `Await*` state: stores the task token so a person's
 * decision (staff action, compensation decision, resident's rating) can
 * complete it. A decision recorded before the wait began is carried into it,
 * and the table stream delivers it (functions/streams/deliverWorkflowSignals.ts). Waiting for the CS lead's
 * compensation summary also asks them for it by email (lifecycle/compensationSummaryRequest.ts), once.
 */
import * as z from 'zod/mini';
import { registerWait } from '../domain/lifecycle/waits';
import { WAIT_KINDS } from '../domain/lifecycle/workflowWait';
import { askForCompensationSummary } from '../domain/lifecycle/compensationSummaryRequest';
import { getStaffDirectory } from '../platform/administration';
import { getCaseStore, stepDependencies } from '../platform/clients';
import { workflowTask } from '../platform/workflowTask';
import { platformNow } from '../platform/clock';

const inputSchema = z.object({ caseId: z.string().check(z.minLength(1)), waitingFor: z.enum(WAIT_KINDS), taskToken: z.string().check(z.minLength(1)) });

export const handler = workflowTask('awaitStaffDecision', inputSchema, async (input) => {
  const registered = await registerWait(getCaseStore(), { ...input, now: platformNow().toISOString() });
  if (input.waitingFor === 'compensation-summary') await askForCompensationSummary({ ...stepDependencies(), staffDirectory: await getStaffDirectory() }, input.caseId);
  return registered;
});
