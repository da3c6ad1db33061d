/**
 * Scheduled on Monday morning in the group's time zone (catalog `compileWeeklyReports`): compiles and archives
 * last week's report of every estate (seed 001 §5.3) and mails it to the estate's CS leads with HQ in copy,
 * each in their language, the XLSX attached. Idempotent: a week already archived is left as it is, and a
 * mailing already sent is not sent again, so a rerun, or `npm run reports -- weekly`, changes nothing that
 * was done. One estate's failure does not stop the others; the run fails at the end if any did.
 */
import * as z from 'zod/mini';
import { estateIdSchema } from '../domain/estateIdSchema';
import { getStaffDirectory } from '../platform/administration';
import { getCaseStore } from '../platform/clients';
import { logger } from '../platform/logger';
import { lastWeekOf, weekHasEnded, weeklyReportFor } from '../platform/weeklyReports';
import { mailWeeklyReport } from '../platform/weeklyReportMail';
import { platformNow } from '../platform/clock';

export interface WeeklyReportRun {
  estates: number;
  mailed: number;
  alreadyMailed: number;
  refused: number;
  failed: string[];
}

/** Every estate's report of `week` (default: each estate's last week), or only `estateIds`'. */
export async function compileAndMailWeeklyReports(options: { week?: string; estateIds?: string[] } = {}): Promise<WeeklyReportRun> {
  const now = () => platformNow().toISOString();
  const caseStore = getCaseStore();
  const [allEstates, staff, settings] = await Promise.all([caseStore.listEstates(), (await getStaffDirectory()).list(), caseStore.groupSettings()]);
  const estates = options.estateIds ? allEstates.filter((e) => options.estateIds!.includes(e.estateId)) : allEstates;
  const run: WeeklyReportRun = { estates: 0, mailed: 0, alreadyMailed: 0, refused: 0, failed: [] };
  for (const estate of estates) {
    const week = options.week ?? lastWeekOf(estate, now());
    if (!weekHasEnded(estate, week, now())) continue;
    try {
      const report = await weeklyReportFor(estate, week, now());
      run.estates += 1;
      const mailed = await mailWeeklyReport(estate, report, { staff, hqMailbox: settings.hqEmail, now });
      run.mailed += mailed.sent;
      run.alreadyMailed += mailed.alreadySent;
      run.refused += mailed.refused;
      logger.info('weekly report archived', { task: 'compileWeeklyReports', estateId: estate.estateId, week, received: report.summary.received, open: report.summary.open, mailed: mailed.sent });
    } catch (error) {
      run.failed.push(estate.estateId);
      logger.error('weekly report failed', { task: 'compileWeeklyReports', estateId: estate.estateId, week, error: (error as Error).name });
    }
  }
  return run;
}

/** On demand (`npm run reports -- weekly`, or a direct invocation): a given week and/or estates. The schedule's own event has neither. */
const onDemandSchema = z.object({
  week: z.optional(z.string().check(z.regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'week must be an ISO week such as 2026-W41'))),
  estateIds: z.optional(z.array(estateIdSchema)),
});

export const handler = async (event: unknown, context?: { awsRequestId?: string }) => {
  const request = onDemandSchema.parse(event ?? {});
  const run = await compileAndMailWeeklyReports({ ...(request.week ? { week: request.week } : {}), ...(request.estateIds ? { estateIds: request.estateIds } : {}) });
  logger.info('weekly reports done', { task: 'compileWeeklyReports', ...run, failed: run.failed.length, requestId: context?.awsRequestId });
  // Failing makes the scheduler retry: what was done is skipped, what failed or was refused is tried again.
  if (run.failed.length || run.refused) throw new Error(`weekly reports: ${run.failed.length} estates failed, ${run.refused} mailings refused`);
  return run;
};
