/**
 * Compiling and archiving an estate's weekly report (the scheduled task on Mondays, and the API on demand
 * for a week that has ended and has none yet): read the week's and the open cases, compile, archive once.
 */
import type { Estate } from '../domain/estate';
import { compileWeeklyReport, type WeeklyReport } from '../domain/insight/weeklyReport';
import { currentPeriod, fromPeriodId, periodInstants, previousPeriod } from '../domain/insight/periods';
import { WeeklyReportStore } from '../store/weeklyReportStore';
import { getDocumentClient } from './clients';
import { readConfig } from './config';

let store: WeeklyReportStore | undefined;
export const weeklyReportStore = () => (store ??= new WeeklyReportStore(getDocumentClient(), readConfig().tableName));

/** The ISO week before the one `now` falls in, in the estate's time zone (`2026-W41`). */
export const lastWeekOf = (estate: Pick<Estate, 'timeZone'>, now: string) => fromPeriodId(previousPeriod(currentPeriod(now, estate.timeZone, 'week')));

/** Whether `week` has ended in the estate's time zone at `now`. */
export const weekHasEnded = (estate: Pick<Estate, 'timeZone'>, week: string, now: string) => periodInstants(`W${week}`, estate.timeZone).to <= now;

export async function weeklyReportFor(estate: Estate, week: string, now: string): Promise<WeeklyReport> {
  const reports = weeklyReportStore();
  const archived = await reports.get(estate.estateId, week);
  if (archived) return archived;
  const { from, to } = periodInstants(`W${week}`, estate.timeZone);
  const [received, open] = await Promise.all([reports.casesReceived(estate.estateId, from, to), reports.openCases(estate.estateId)]);
  return reports.archive(compileWeeklyReport({ estateId: estate.estateId, week, from, to, now, received, open }));
}
