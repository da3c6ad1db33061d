/**
 * Hourly, with the early warnings (catalog `sendEarlyWarningAlerts`, whose handler runs this too: a Lambda of its own
 * would take the stack past CloudFormation's 500 resources); each run takes the estates whose own local time is
 * 08:00–08:59 (`isReminderHour`), so every estate is reminded at 08:00 in its time zone. It reminds the owner of each
 * outstanding action of a response that falls due or is overdue, and the estate manager of one long overdue
 * (functions/domain/lifecycle/actionReminders.ts). Each reminder goes through the case's email outbox once per key,
 * so a rerun sends nothing twice. Reads each estate's cases whose response lists actions (a filter on the case
 * listing's estate partition, never a Scan).
 */
import type { StaffMember } from '../domain/admin/staffDirectory';
import type { ComplaintCase } from '../domain/complaintCase';
import type { Estate } from '../domain/estate';
import { departmentOf, staffCaseUrl } from '../domain/lifecycle/emailFacts';
import { actionReminderPolicyOf } from '../domain/groupSettings';
import { actionReminderEmail, actionRemindersOwed, isReminderHour } from '../domain/lifecycle/actionReminders';
import { notifyOnce } from '../domain/lifecycle/notifyOnce';
import { staffLanguage } from '../domain/notifications/staffNotices';
import { getStaffDirectory } from '../platform/administration';
import { getDocumentClient, stepDependencies } from '../platform/clients';
import { readConfig } from '../platform/config';
import { logger } from '../platform/logger';
import { casesOfEstate } from '../store/estateCases';

export interface ActionReminderRun {
  /** Estates whose reminder hour this run was (all of them for a catch-up run). */
  estates: number;
  cases: number;
  /** Reminders owed now (each queued once: those already queued are skipped). */
  reminders: number;
  failed: string[];
}

/** `everyEstate`: an operator's catch-up run reminds every estate now, whatever its local hour (still once per key). */
export async function remindOutstandingActions(options: { everyEstate?: boolean } = {}): Promise<ActionReminderRun> {
  const deps = stepDependencies();
  const now = deps.now().toISOString();
  const directory = await getStaffDirectory();
  const policy = actionReminderPolicyOf(await deps.store.groupSettings());
  const staff = new Map<string, StaffMember | undefined>();
  const member = async (userId: string | undefined) => {
    if (!userId) return undefined;
    if (!staff.has(userId)) staff.set(userId, await directory.get(userId));
    const found = staff.get(userId);
    return found?.enabled && found.email ? found : undefined;
  };
  const run: ActionReminderRun = { estates: 0, cases: 0, reminders: 0, failed: [] };
  for (const estate of await deps.store.listEstates()) {
    if (!options.everyEstate && !isReminderHour(estate.timeZone, now)) continue;
    run.estates += 1;
    try {
      const cases = await casesOfEstate(getDocumentClient(), readConfig().tableName, estate.estateId, { withOutstandingActions: true }, now);
      for (const complaintCase of cases) {
        const owed = actionRemindersOwed(complaintCase, estate, now, policy);
        if (owed.length === 0) continue;
        run.cases += 1;
        for (const reminder of owed) {
          const owner = await member(reminder.action.owner);
          const to = reminder.to === 'manager' ? { email: estate.managerEmail, language: staffLanguage(estate) } : await ownerAddress(complaintCase, estate, owner, member);
          await notifyOnce(deps, complaintCase.caseId, reminder.key, to.email, actionReminderEmail(reminder, {
            language: to.language,
            reference: complaintCase.reference,
            estateName: estate.names[to.language],
            timeZone: estate.timeZone,
            caseUrl: staffCaseUrl(deps.publicBaseUrl, complaintCase.caseId),
            ...(owner ? { ownerName: owner.name } : {}),
          }));
          run.reminders += 1;
        }
      }
    } catch (error) {
      run.failed.push(estate.estateId);
      logger.error('outstanding action reminders failed', { task: 'remindOutstandingActions', estateId: estate.estateId, error: (error as Error).name });
    }
  }
  return run;
}

/**
 * The owner's directory address, in their language or else the estate's; an action with no owner (or one no longer
 * enabled) goes to whoever has the case: its assignee, else its department's mailbox, else the estate's customer service.
 */
async function ownerAddress(c: ComplaintCase, estate: Estate, owner: StaffMember | undefined, member: (id: string | undefined) => Promise<StaffMember | undefined>) {
  const person = owner ?? (await member(c.assigneeId));
  if (person) return { email: person.email, language: staffLanguage(estate, person.language) };
  return { email: departmentOf(estate, c.departmentId)?.email ?? estate.customerServiceEmail, language: staffLanguage(estate) };
}
