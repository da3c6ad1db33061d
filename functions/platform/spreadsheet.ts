/** Tables to an XLSX workbook (one sheet per table) with `write-excel-file`, for reports people open in Excel. */
import writeXlsxFile from 'write-excel-file/node';
import type { SheetData } from 'write-excel-file/node';

export type SpreadsheetCell = string | number | null;

/** Sheet names: at most 31 characters, none of []:*?/\ (Excel's rules). */
const sheetName = (title: string) => title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

export async function tablesToXlsx(tables: { title: string; rows: SpreadsheetCell[][] }[]): Promise<Buffer> {
  const sheets = tables.map((table, index) => ({
    sheet: sheetName(table.title),
    data: table.rows.map((row, r) => row.map((value) => (value === null ? null : { value, ...(r === 0 && index > 0 ? { fontWeight: 'bold' as const } : {}) }))) as SheetData,
    ...(index > 0 ? { stickyRowsCount: 1 } : {}),
  }));
  return (await writeXlsxFile(sheets).toBuffer()) as Buffer;
}
