/** Workflow steps `WarnBeforeDeadline` / `WarnBeforeTriageDeadline`: the warnings owed before the breach (docs/DEADLINES.md). */
import * as z from 'zod/mini';
import { warnBeforeDeadline } from '../domain/lifecycle/escalation';
import { getStaffDirectory } from '../platform/administration';
import { stepDependencies } from '../platform/clients';
import { workflowTask } from '../platform/workflowTask';

export const handler = workflowTask('warnBeforeDeadline', z.object({ caseId: z.string() }), async (input) =>
  warnBeforeDeadline({ ...stepDependencies(), staffDirectory: await getStaffDirectory() }, input.caseId),
);
