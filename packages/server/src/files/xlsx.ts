// Excel workbooks in and out (exceljs). Imports read the first worksheet into the same records a
// CSV parse gives, so one validation path serves both formats; exports stream rows out so a
// million-row segment never sits in memory as a workbook.
import { PassThrough, type Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { CsvRecord } from '@bursar/core';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The problem an unreadable workbook gets: the caller turns it into a 400 naming the file. */
export class XlsxError extends Error {}

const MAX_SAFE_DIGITS = 15;

/**
 * One cell as the text a CSV would have held. Dates become ISO days (Excel stores a date cell as a
 * UTC midnight). A long number typed into a numeric cell (an 18-digit ID number, a phone) has
 * already lost its last digits inside Excel; it is refused rather than imported wrong.
 */
function cellText(value: ExcelJS.CellValue, where: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isInteger(value) && String(Math.abs(value)).length > MAX_SAFE_DIGITS)
      throw new XlsxError(
        `${where} holds a ${String(Math.abs(value)).length}-digit number, which Excel cannot keep exactly: format the column as Text and re-enter it`,
      );
    return String(value);
  }
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return cellText((value as ExcelJS.CellFormulaValue).result, where);
  if ('hyperlink' in value) return String(value.text);
  if ('error' in value) throw new XlsxError(`${where} holds the error ${value.error}`);
  return '';
}

/** The first worksheet's rows as records (line = the sheet's row number), header first; blank rows skipped. */
export async function readXlsxRecords(data: Uint8Array): Promise<CsvRecord[]> {
  // exceljs is loaded on first use: ~0.3 s that most processes never need.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new XlsxError('is not a readable .xlsx workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new XlsxError('has no worksheet');
  const records: CsvRecord[] = [];
  const width = sheet.getRow(1).cellCount;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const n = Math.max(width, row.cellCount);
    for (let c = 1; c <= n; c++) cells.push(cellText(row.getCell(c).value, `${row.getCell(c).address}`));
    while (cells.length > width && cells[cells.length - 1] === '') cells.pop();
    if (cells.every((v) => v.trim() === '')) return;
    records.push({ line: rowNumber, cells });
  });
  return records;
}

export type SheetCell = string | number | null;

/**
 * Stream a one-sheet workbook: the first row is the header (bold, frozen). Values stay text
 * unless they are numbers, so ID numbers and references are never reformatted by Excel.
 */
export function xlsxStream(sheetName: string, rows: AsyncIterable<SheetCell[]>): Readable {
  const out = new PassThrough();
  (async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
    const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    let first = true;
    for await (const cells of rows) {
      const row = sheet.addRow(cells);
      if (first) {
        row.font = { bold: true };
        first = false;
      }
      row.commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
