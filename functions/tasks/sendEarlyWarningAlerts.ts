/**
 * Scheduled hourly (catalog `sendEarlyWarningAlerts`). The run in the group's reporting time zone's 08:00–08:59
 * emails every early warning of the group now (functions/platform/earlyWarnings.ts, the rule of functions/domain/insight/earlyWarning.ts)
 * is emailed to its estate's manager with HQ in copy, in the estate's language, with the cases behind it —
 * once per alert (estate, cause, window end), whatever the number of runs; other hours skip them. Every run reminds the
 * owners of outstanding actions of the estates whose own local time is 08:00–08:59 (./remindOutstandingActions.ts), so
 * each estate is reminded at 08:00 in its own time zone: one Lambda for both keeps the stack under CloudFormation's
 * 500 resources. An event with `detail.catchUp: true` (an operator after an outage, or a test) runs both for every
 * estate whatever the hour; the once-only keys still hold.
 */
import { earlyWarningAlertKey, earlyWarningEmail } from '../domain/insight/earlyWarningEmail';
import { estateLanguage } from '../domain/insight/weeklyReportEmail';
import { buildingOf } from '../domain/estate';
import { staffCaseUrl } from '../domain/lifecycle/emailFacts';
import { EmailRefusedError } from '../domain/notifications/outbox';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { platformNow } from '../platform/clock';
import { readConfig } from '../platform/config';
import { currentWarnings } from '../platform/earlyWarnings';
import { sendReportEmail } from '../platform/email';
import { logger } from '../platform/logger';
import { weeklyReportStore } from '../platform/weeklyReports';
import { EarlyWarningAlertStore } from '../store/earlyWarningAlertStore';
import { isReminderHour } from '../domain/lifecycle/actionReminders';
import { remindOutstandingActions } from './remindOutstandingActions';

async function sendEarlyWarnings(catchUp: boolean) {
  const now = () => platformNow().toISOString();
  const caseStore = getCaseStore();
  const alerts = new EarlyWarningAlertStore(getDocumentClient(), readConfig().tableName);
  // The alerts keep their 08:00 in the group's reporting time zone; the other hourly runs leave them.
  const settings = await caseStore.groupSettings();
  if (!catchUp && !isReminderHour(settings.reportingTimeZone, now())) return { skipped: true, warnings: 0, sent: 0, alreadySent: 0, refused: 0 };
  const [{ warnings, timeZone }, estates] = await Promise.all([currentWarnings({ groupWide: true }, now()), caseStore.listEstates()]);
  const estateById = new Map(estates.map((e) => [e.estateId, e]));
  const run = { skipped: false, warnings: warnings.length, sent: 0, alreadySent: 0, refused: 0 };
  for (const warning of warnings) {
    const estate = estateById.get(warning.estateId);
    if (!estate) continue;
    const { alertId } = earlyWarningAlertKey(warning);
    // The cases behind it: the estate's cases of that cause received in the window.
    const cases = (await weeklyReportStore().casesReceived(estate.estateId, warning.received.from, warning.received.to))
      .filter((c) => c.category === warning.category && !c.purge && (warning.buildingId === undefined || c.buildingId === warning.buildingId))
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    const sendingSince = now();
    if (!(await alerts.claim(estate.estateId, alertId, { sendingSince, count: warning.count, caseIds: cases.map((c) => c.caseId) }))) {
      run.alreadySent += 1;
      continue;
    }
    const language = estateLanguage(estate);
    // A building's alert names the building beside its estate (a building the estate no longer lists: its id).
    const building = warning.buildingId === undefined ? undefined : (buildingOf(estate, warning.buildingId)?.names[language] ?? warning.buildingId);
    const message = earlyWarningEmail({
      estateName: building === undefined ? estate.names[language] : `${estate.names[language]} · ${building}`,
      forBuilding: building !== undefined,
      category: warning.category,
      window: warning.window,
      count: warning.count,
      expected: warning.expected,
      pValue: warning.pValue,
      cases: cases.map((c) => ({ reference: c.reference, receivedAt: c.receivedAt, status: c.status, url: staffCaseUrl(readConfig().publicBaseUrl, c.caseId) })),
      timeZone,
    }, language);
    try {
      const messageId = await sendReportEmail({
        to: [estate.managerEmail],
        cc: settings.hqEmail.toLowerCase() === estate.managerEmail.toLowerCase() ? [] : [settings.hqEmail],
        ...message,
        tags: { report: 'early-warning', estate: estate.estateId, alert: alertId },
      });
      await alerts.recordSent(estate.estateId, alertId, { sentAt: now(), messageId });
      run.sent += 1;
      logger.info('early warning alert sent', { task: 'sendEarlyWarningAlerts', estateId: estate.estateId, buildingId: warning.buildingId, category: warning.category, window: warning.window, count: warning.count, messageId });
    } catch (error) {
      if (!(error instanceof EmailRefusedError)) throw error;
      await alerts.release(estate.estateId, alertId, sendingSince);
      run.refused += 1;
      logger.warn('early warning alert refused: the next run tries again', { task: 'sendEarlyWarningAlerts', estateId: estate.estateId, alertId, error: error.message });
    }
  }
  return run;
}

export const handler = async (event: { detail?: { catchUp?: unknown } } | undefined, context?: { awsRequestId?: string }) => {
  const catchUp = event?.detail?.catchUp === true;
  // Each runs whatever the other does; a failure of either fails the run at the end, so the scheduler retries (both are once-only).
  const [alerts, reminders] = await Promise.allSettled([sendEarlyWarnings(catchUp), remindOutstandingActions({ everyEstate: catchUp })]);
  if (alerts.status === 'fulfilled') logger.info('early warning alerts done', { task: 'sendEarlyWarningAlerts', ...alerts.value, requestId: context?.awsRequestId });
  if (reminders.status === 'fulfilled') {
    const { estates, cases, reminders: owed, failed } = reminders.value;
    logger.info('outstanding action reminders done', { task: 'sendEarlyWarningAlerts', estates, cases, reminders: owed, failed: failed.length, requestId: context?.awsRequestId });
  }
  if (alerts.status === 'rejected') throw alerts.reason;
  if (reminders.status === 'rejected') throw reminders.reason;
  if (alerts.value.refused) throw new Error(`early warning alerts: ${alerts.value.refused} refused`);
  if (reminders.value.failed.length) throw new Error(`outstanding action reminders: ${reminders.value.failed.length} estates failed`);
  return { ...alerts.value, actionReminders: reminders.value };
};
