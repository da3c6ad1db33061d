/**
 * `GET /api/v1/estates/{estateId}/duty-log`: the estate's duty log (《值班記錄表》, seed 001 §5.1.2 C), every entry of
 * its class-3 cases, oldest observation first (functions/domain/lifecycle/dutyLog.ts). `?format=csv` gives the same
 * lines as a CSV file (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese; cells that would start
 * a formula are escaped by csv-stringify). Staff who may list the estate's cases may read it; entries hold personal
 * data (the complaint is quoted), so the response is never cached.
 */
import { stringify } from 'csv-stringify/sync';
import { dutyLogRows, type DutyLogRow } from '../domain/lifecycle/dutyLog';
import { estateIdSchema } from '../domain/estateIdSchema';
import { requirePermission, requireStaff } from '../platform/auth';
import { getDocumentClient } from '../platform/clients';
import { platformNow } from '../platform/clock';
import { readConfig } from '../platform/config';
import { HttpError, httpEndpoint, json, SECURITY_HEADERS } from '../platform/http';
import { casesOfEstate } from '../store/estateCases';

const CSV_COLUMNS = ['reference', 'caseId', 'entryId', 'stage', 'observedAt', 'observed', 'actionTaken', 'recordedBy', 'recordedAt', 'source', 'caseStatus'] as const satisfies readonly (keyof DutyLogRow)[];

export function dutyLogCsv(rows: readonly DutyLogRow[]): string {
  return `\uFEFF${stringify([[...CSV_COLUMNS], ...rows.map((row) => CSV_COLUMNS.map((column) => String(row[column])))], { escape_formulas: true, record_delimiter: 'windows' })}`;
}

export const handler = httpEndpoint('dutyLog', async (event) => {
  const identity = requireStaff(event);
  const parsed = estateIdSchema.safeParse(event.pathParameters?.estateId);
  if (!parsed.success) throw new HttpError(404, 'not_found', 'not found');
  const estateId = parsed.data;
  requirePermission(identity, 'case.list', { estateId });
  const format = event.queryStringParameters?.format ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new HttpError(400, 'validation_failed', 'format must be json or csv', { format: 'must be json or csv' });
  const now = platformNow().toISOString();
  const rows = dutyLogRows(await casesOfEstate(getDocumentClient(), readConfig().tableName, estateId, { caseClass: 3 }, now));
  if (format === 'csv') {
    return {
      statusCode: 200,
      headers: { ...SECURITY_HEADERS, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="duty-log-${estateId}.csv"`, 'cache-control': 'no-store' },
      body: dutyLogCsv(rows),
    };
  }
  return json(200, { estateId, entries: rows }, { 'cache-control': 'no-store' });
});
