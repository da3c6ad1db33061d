/**
 * Reads an estate file into a header and numbered rows for the import
 * (functions/domain/admin/estateImport.ts): CSV (RFC 4180, UTF-8, BOM allowed)
 * with csv-parse, XLSX (first sheet) with read-excel-file. A file that cannot
 * be read at all is one problem on the line where reading stopped.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import type { EstateFileRow, ImportProblem } from '../domain/admin/estateImport';
import { problem } from '../domain/admin/problems';

export const ESTATE_FILE_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export type EstateFile = { ok: true; header: string[]; rows: EstateFileRow[] } | { ok: false; problems: ImportProblem[] };

export function readEstateCsv(text: string): EstateFile {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: false, trim: false }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, problems: [{ line: Number((error as CsvError & { lines?: number }).lines ?? 1), column: '(row)', ...problem('unreadableCsv', `not readable as CSV: ${error.message.replace(/^Invalid [^:]+: /, '')}`) }] };
    throw error;
  }
  const [first, ...rest] = records;
  if (!first) return { ok: false, problems: [{ line: 1, column: '(file)', ...problem('emptyFile', 'the file is empty') }] };
  const header = first.record.map((c) => c.trim());
  // `info.lines` is the line a record ends on: a quoted cell may span lines.
  const rows = rest.map(({ record, info }) => ({ line: info.lines, cells: Object.fromEntries(header.map((column, i) => [column, record[i] ?? ''])) }));
  return { ok: true, header, rows };
}

export async function readEstateXlsx(content: Buffer): Promise<EstateFile> {
  let data: unknown[][];
  try {
    data = (await readSheet(content, { parseNumber: (value: string) => value, trim: true })) as unknown[][];
  } catch (error) {
    return { ok: false, problems: [{ line: 1, column: '(file)', ...problem('unreadableXlsx', `not readable as an XLSX workbook: ${(error as Error).message}`) }] };
  }
  const cell = (value: unknown) => (value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value));
  const [first, ...rest] = data;
  if (!first) return { ok: false, problems: [{ line: 1, column: '(file)', ...problem('emptyFile', 'the first sheet is empty') }] };
  const header = first.map((c) => cell(c).trim());
  const rows: EstateFileRow[] = [];
  rest.forEach((row, index) => {
    if (row.every((value) => cell(value).trim() === '')) return;
    rows.push({ line: index + 2, cells: Object.fromEntries(header.map((column, i) => [column, cell(row[i])])) });
  });
  return { ok: true, header, rows };
}
