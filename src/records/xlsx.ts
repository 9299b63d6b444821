/**
 * XLSX with exceljs (a maintained library, not hand-written XML): one sheet of completion records
 * with typed cells (numbers, dates, durations) and the same headers as the CSV. Text cells are
 * written as strings, which a spreadsheet never runs as formulas, so they keep their exact text.
 * This in-memory workbook works in the browser and in Node; the CLI streams instead
 * (`xlsx-stream.ts`).
 */
import type { Workbook, Worksheet } from 'exceljs';
import type { CompletionRecord } from './completion-record.ts';
import { RECORD_COLUMNS, type RecordColumn } from './columns.ts';

/** The name of the records sheet. */
export const SHEET_NAME = 'Completion records';

/** Sets up the header row, widths and number formats of a records sheet. */
export function prepareSheet(sheet: Worksheet, columns: RecordColumn[] = RECORD_COLUMNS): void {
  sheet.columns = columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: Math.max(12, Math.min(40, column.header.length + 4)),
    ...(column.numberFormat ? { style: { numFmt: column.numberFormat } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** A record's cells as spreadsheet values, keyed by column. */
export function xlsxRow(
  record: CompletionRecord,
  columns: RecordColumn[] = RECORD_COLUMNS,
): Record<string, string | number | Date | null> {
  return Object.fromEntries(columns.map((column) => [column.key, column.value(record) ?? null]));
}

/** Fills a workbook with one records sheet. */
export function addRecordsSheet(
  workbook: Workbook,
  records: Iterable<CompletionRecord>,
  columns: RecordColumn[] = RECORD_COLUMNS,
): Worksheet {
  const sheet = workbook.addWorksheet(SHEET_NAME);
  prepareSheet(sheet, columns);
  for (const record of records) sheet.addRow(xlsxRow(record, columns));
  return sheet;
}

/** The XLSX file of some records, as bytes (loads exceljs on first use). */
export async function recordsToXlsx(
  records: Iterable<CompletionRecord>,
  columns: RecordColumn[] = RECORD_COLUMNS,
): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gangway';
  addRecordsSheet(workbook, records, columns);
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}
