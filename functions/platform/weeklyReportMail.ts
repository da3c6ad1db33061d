/**
 * Sends an estate's archived weekly report to its CS leads with HQ in copy, once per estate, week and
 * language (docs/INSIGHT.md, "Weekly report"): the mailing is claimed in the case table before it is sent
 * and recorded sent after, so a rerun of the Monday task (or `npm run reports -- weekly`) sends only what
 * has not gone yet. A refusal by the mail service gives the claim back; a run that stops between sending
 * and recording leaves the mailing claimed, and it is not sent again (at most once: a second copy of a
 * report is worse than a person checking the log).
 */
import type { StaffMember } from '../domain/admin/staffDirectory';
import type { Estate } from '../domain/estate';
import { weeklyReportTables, type WeeklyReport } from '../domain/insight/weeklyReport';
import { weeklyReportEmail, weeklyReportFileName, weeklyReportMailings } from '../domain/insight/weeklyReportEmail';
import { EmailRefusedError } from '../domain/notifications/outbox';
import { sendReportEmail } from './email';
import { logger } from './logger';
import { tablesToXlsx } from './spreadsheet';
import { weeklyReportStore } from './weeklyReports';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface MailingOutcome {
  sent: number;
  alreadySent: number;
  refused: number;
}

export async function mailWeeklyReport(estate: Estate, report: WeeklyReport, context: { staff: readonly StaffMember[]; hqMailbox: string; now: () => string }): Promise<MailingOutcome> {
  const store = weeklyReportStore();
  const outcome: MailingOutcome = { sent: 0, alreadySent: 0, refused: 0 };
  for (const mailing of weeklyReportMailings(estate, context.staff, context.hqMailbox)) {
    const sendingSince = context.now();
    const ids = { estateId: estate.estateId, week: report.week, language: mailing.language };
    if (!(await store.claimMailing({ ...ids, sendingSince, recipients: mailing.to.length + mailing.cc.length }))) {
      outcome.alreadySent += 1;
      continue;
    }
    const estateName = estate.names[mailing.language];
    const message = weeklyReportEmail(report, mailing.language, estateName, estate.timeZone);
    const content = await tablesToXlsx(weeklyReportTables(report, mailing.language, estateName));
    try {
      const messageId = await sendReportEmail({
        to: mailing.to,
        cc: mailing.cc,
        ...message,
        attachment: { fileName: weeklyReportFileName(estate.estateId, report.week, mailing.language), contentType: XLSX_CONTENT_TYPE, content },
        tags: { report: 'weekly', estate: estate.estateId, week: report.week, language: mailing.language },
      });
      await store.recordMailingSent(ids.estateId, ids.week, ids.language, { sentAt: context.now(), messageId });
      outcome.sent += 1;
      logger.info('weekly report mailed', { ...ids, messageId, recipients: mailing.to.length + mailing.cc.length, bytes: content.byteLength });
    } catch (error) {
      if (!(error instanceof EmailRefusedError)) {
        logger.error('weekly report mailing in doubt: left claimed, not sent again', { ...ids, error: (error as Error).name });
        throw error;
      }
      await store.releaseMailing(ids.estateId, ids.week, ids.language, sendingSince);
      outcome.refused += 1;
      logger.warn('weekly report mailing refused: the next run tries again', { ...ids, error: error.message });
    }
  }
  return outcome;
}
