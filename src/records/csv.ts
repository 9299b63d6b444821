/**
 * CSV as Excel and LibreOffice open it without asking: RFC 4180 quoting, CRLF line ends, UTF-8
 * with a byte-order mark (so Arabic or Chinese names are not garbled), and text cells that a
 * spreadsheet would run as a formula neutralised. Pure; the CLI streams the lines, the admin page
 * joins them into a Blob.
 */
import type { CompletionRecord } from './completion-record.ts';
import { RECORD_COLUMNS, type RecordColumn } from './columns.ts';

/** The UTF-8 byte-order mark that tells Excel the file is UTF-8. */
export const BOM = '\uFEFF';

/** Line end of every record, header included (RFC 4180). */
export const CRLF = '\r\n';

// A cell beginning with one of these is read as a formula by Excel, LibreOffice or Sheets.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage
 * return at the start) by prefixing `'`, which spreadsheets show as text. Only for text cells:
 * a number column's `-5` is a number, never a formula.
 */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Quotes a field when it holds a comma, quote, CR or LF (RFC 4180), doubling inner quotes. */
export function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** One CSV line (with its CRLF) from cells; `text` marks the cells to neutralise. */
export function csvLine(cells: string[], text: boolean[] = cells.map(() => true)): string {
  return (
    cells.map((cell, i) => quoteField(text[i] ? neutraliseFormula(cell) : cell)).join(',') + CRLF
  );
}

/** The header line, with the byte-order mark in front (the file's first characters). */
export function csvHeader(columns: RecordColumn[] = RECORD_COLUMNS): string {
  return BOM + csvLine(columns.map((column) => column.header));
}

/** One record as a CSV line. */
export function csvRecordLine(
  record: CompletionRecord,
  columns: RecordColumn[] = RECORD_COLUMNS,
): string {
  return csvLine(
    columns.map((column) => column.text(record)),
    columns.map((column) => column.kind === 'text'),
  );
}

/** A whole CSV document (header and records). */
export function recordsToCsv(
  records: Iterable<CompletionRecord>,
  columns: RecordColumn[] = RECORD_COLUMNS,
): string {
  let out = csvHeader(columns);
  for (const record of records) out += csvRecordLine(record, columns);
  return out;
}

/**
 * Parses CSV text (RFC 4180, with or without a BOM) into rows of fields; for tests and for
 * checking a file. Throws on an unterminated quoted field.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.startsWith(BOM) ? 1 : 0;
  for (; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  if (quoted) throw new SyntaxError('The CSV ends inside a quoted field.');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
