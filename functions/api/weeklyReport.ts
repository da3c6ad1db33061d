/**
 * `GET /api/v1/reports/weekly?estateId&week[&format=json|xlsx][&language=zh-Hant|zh-Hans|en]` — an estate's
 * Monday report (seed 001 §5.3) from the archive; a week that has ended without one (before the schedule ran,
 * or before the platform existed) is compiled and archived on demand. `week` is an ISO week (`2026-W41`, the
 * estate's time zone); default: last week. XLSX in the reader's language (default: the estate's).
 */
import * as z from 'zod/mini';
import { estateIdSchema } from '../domain/estateIdSchema';
import { weeklyReportTables } from '../domain/insight/weeklyReport';
import { estateLanguage, weeklyReportFileName } from '../domain/insight/weeklyReportEmail';
import { LANGUAGES } from '../domain/vocabulary';
import { requirePermission, requireStaff } from '../platform/auth';
import { getCaseStore } from '../platform/clients';
import { HttpError, httpEndpoint, json } from '../platform/http';
import { validate } from '../platform/http';
import { tablesToXlsx } from '../platform/spreadsheet';
import { lastWeekOf, weekHasEnded, weeklyReportFor } from '../platform/weeklyReports';
import { platformNow } from '../platform/clock';

const querySchema = z.strictObject({
  estateId: estateIdSchema,
  week: z.optional(z.string().check(z.regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'week must be an ISO week such as 2026-W41'))),
  format: z.optional(z.enum(['json', 'xlsx'], 'format must be json or xlsx')),
  language: z.optional(z.enum(LANGUAGES, `language must be one of ${LANGUAGES.join(', ')}`)),
});

export const handler = httpEndpoint('weeklyReport', async (event) => {
  const identity = requireStaff(event);
  const query = validate(querySchema, event.queryStringParameters ?? {}, 'query');
  requirePermission(identity, 'report.weekly', { estateId: query.estateId });
  const estate = await getCaseStore().getEstate(query.estateId);
  if (!estate) throw new HttpError(404, 'not_found', 'not found');
  const now = platformNow().toISOString();
  const week = query.week ?? lastWeekOf(estate, now);
  if (!weekHasEnded(estate, week, now)) throw new HttpError(422, 'validation_failed', 'query has invalid fields: week', { week: 'the week has not ended yet: its report is made on the Monday after' });
  const report = await weeklyReportFor(estate, week, now);
  if (query.format !== 'xlsx') return json(200, report);
  const language = query.language ?? estateLanguage(estate);
  const workbook = await tablesToXlsx(weeklyReportTables(report, language, estate.names[language]));
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${weeklyReportFileName(estate.estateId, week, language)}"`,
      'cache-control': 'no-store',
    },
    body: workbook.toString('base64'),
    isBase64Encoded: true,
  };
});
