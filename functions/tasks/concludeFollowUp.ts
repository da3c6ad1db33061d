/** Workflow step `ConcludeFollowUp`: the follow-up window ended — a late rating still counts, otherwise "no response". */
import * as z from 'zod/mini';
import { concludeFollowUp } from '../domain/lifecycle/followUp';
import { getCaseStore } from '../platform/clients';
import { workflowTask } from '../platform/workflowTask';
import { platformNow } from '../platform/clock';

export const handler = workflowTask('concludeFollowUp', z.object({ caseId: z.string() }), async (input) => concludeFollowUp({ store: getCaseStore(), now: platformNow }, input.caseId));
