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

/** Options of the records sheet: the header row stays in view when scrolling. */
export const SHEET_OPTIONS = { views: [{ state: 'frozen' as const, ySplit: 1 }] };

/** Sets up the header row, widths and number formats of a records sheet. */
export function prepareSheet(sheet: Worksheet, columns: RecordColumn[] = RECORD_COLUMNS): void {
  sheet.columns = columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: Math.max(12, Math.min(40, column.header.length + 4)),
    ...(column.numberFormat ? { style: { numFmt: column.numberFormat } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
}

// Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF).
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as a spreadsheet cell can hold it: line breaks as LF (XML reads a CR as LF anyway) and
 * characters XML cannot carry replaced by U+FFFD, so one odd name cannot corrupt the file.
 */
export function xlsxText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(NOT_XML, '\uFFFD');
}

/** A record's cells as spreadsheet values, keyed by column. */
export function xlsxRow(
  record: CompletionRecord,
  columns: RecordColumn[] = RECORD_COLUMNS,
): Record<string, string | number | Date | null> {
  return Object.fromEntries(
    columns.map((column) => {
      const value = column.value(record);
      return [column.key, typeof value === 'string' ? xlsxText(value) : (value ?? null)];
    }),
  );
}

/** Fills a workbook with one records sheet. */
export function addRecordsSheet(
  workbook: Workbook,
  records: Iterable<CompletionRecord>,
  columns: RecordColumn[] = RECORD_COLUMNS,
): Worksheet {
  const sheet = workbook.addWorksheet(SHEET_NAME, SHEET_OPTIONS);
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
