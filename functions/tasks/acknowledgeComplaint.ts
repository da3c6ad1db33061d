/**
 * Workflow step `AcknowledgeComplaint`: acknowledge a new complaint and email
 * the complainant; if the rules see a critical complaint, alert HQ at once; a possible crisis
 * (crisis signals below critical) emails the customer-service lead at once.
 */
import * as z from 'zod/mini';
import { acknowledgeComplaint } from '../domain/acknowledgement';
import { alertCsLeadIfUrgentTriage, alertHqIfProposedCritical } from '../domain/lifecycle/routing';
import { stepDependencies } from '../platform/clients';
import { workflowTask } from '../platform/workflowTask';

const inputSchema = z.object({ caseId: z.string().check(z.minLength(1)) });

export const handler = workflowTask('acknowledgeComplaint', inputSchema, async (input, context) => {
  const deps = stepDependencies();
  const outcome = await acknowledgeComplaint(input.caseId, context.awsRequestId, deps);
  const hqAlerted = await alertHqIfProposedCritical(deps, input.caseId);
  // The safety net: crisis signals below critical reach the customer-service lead at once, not HQ.
  const csLeadAlerted = await alertCsLeadIfUrgentTriage(deps, input.caseId);
  return { ...outcome, hqAlerted, csLeadAlerted };
});
