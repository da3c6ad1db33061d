/**
 * Scheduled on Monday morning (catalog `compileWeeklyReports`): compiles and archives last week's report of
 * every estate (seed 001 §5.3). Idempotent: a week already archived is left as it is, so a rerun, or a
 * request that compiled it on demand first, changes nothing.
 */
import { getCaseStore } from '../platform/clients';
import { logger } from '../platform/logger';
import { lastWeekOf, weeklyReportFor } from '../platform/weeklyReports';
import { platformNow } from '../platform/clock';

export const handler = async (_event: unknown, context?: { awsRequestId?: string }) => {
  const now = platformNow().toISOString();
  const estates = await getCaseStore().listEstates();
  let compiled = 0;
  for (const estate of estates) {
    const week = lastWeekOf(estate, now);
    const report = await weeklyReportFor(estate, week, now);
    compiled += 1;
    logger.info('weekly report archived', { task: 'compileWeeklyReports', estateId: estate.estateId, week, received: report.summary.received, open: report.summary.open, requestId: context?.awsRequestId });
  }
  return { estates: compiled };
};
