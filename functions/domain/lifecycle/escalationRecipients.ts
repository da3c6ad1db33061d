/**
 * The estate-level escalation and the assistant manager (customer) (seed 001 §3.2, §5.6.3; issue 13). Where the
 * estate's directory has an enabled assistant manager (customer) who serves it by name, an escalation that goes to
 * the estate manager (level 1: a missed deadline the policy sends to the estate, an escalation by staff, the opening
 * of stage 2) is queued to the assistant manager first, then to the estate manager as before: the assistant manager
 * supervises the departments on the cases the manager gives a handling opinion on (§3.2), and the CS lead reports
 * progress to both (§5.6.3). Level 2 (HQ: a critical case missed under the seed policy, a second miss) is unchanged,
 * and so is every estate without one. Each email once per key (`<key>-via-<userId>`, the id as a mail tag may carry it: `assistant_est01`).
 */
import type { StaffDirectory } from '../admin/staffDirectory';
import type { Estate } from '../estate';
import { estateMembersWithRole } from '../estateStaff';
import type { EmailMessage } from '../notifications/emailMessage';
import { attemptTag } from '../notifications/outbox';
import { notifyOnce, type StepDependencies } from './notifyOnce';

export type EscalationDependencies = StepDependencies & { staffDirectory?: Pick<StaffDirectory, 'list'> };

/** The estate's assistant managers (customer) an estate-level escalation goes through; none without a directory. */
export async function assistantManagersOf(deps: Pick<EscalationDependencies, 'staffDirectory'>, estateId: string): Promise<{ userId: string; email: string }[]> {
  if (!deps.staffDirectory) return [];
  return estateMembersWithRole(await deps.staffDirectory.list(), estateId, 'assistant-manager').map((m) => ({ userId: m.userId, email: m.email }));
}

/** Queues an escalation email: level 1 through the estate's assistant managers (customer) to the estate manager; level 2 to HQ. */
export async function notifyEscalation(
  deps: EscalationDependencies,
  input: { caseId: string; estate: Pick<Estate, 'estateId' | 'managerEmail'>; level: 1 | 2; hqEmail: string; key: string; message: EmailMessage },
): Promise<string[]> {
  if (input.level === 2) {
    await notifyOnce(deps, input.caseId, input.key, input.hqEmail, input.message);
    return [input.hqEmail];
  }
  const assistants = await assistantManagersOf(deps, input.estate.estateId);
  for (const assistant of assistants) await notifyOnce(deps, input.caseId, `${input.key}-via-${attemptTag(assistant.userId)}`, assistant.email, input.message);
  await notifyOnce(deps, input.caseId, input.key, input.estate.managerEmail, input.message);
  return [...assistants.map((a) => a.email), input.estate.managerEmail];
}
