/**
 * Writes completion records to a file or standard output in Node, streaming: CSV and NDJSON line
 * by line, JSON element by element, XLSX through exceljs's streaming `WorkbookWriter`, which
 * commits each row as it goes instead of building the workbook in memory.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { CompletionRecord } from './completion-record.ts';
import { RECORD_COLUMNS } from './columns.ts';
import { csvHeader, csvRecordLine } from './csv.ts';
import type { ExportFormat } from './export-file-name.ts';
import { ndjsonLine } from './json.ts';
import { prepareSheet, SHEET_NAME, SHEET_OPTIONS, xlsxRow } from './xlsx.ts';

async function write(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function finish(stream: Writable, isStdout: boolean): Promise<void> {
  if (isStdout) return;
  stream.end();
  await once(stream, 'finish');
}

/**
 * Writes the records in a format to `out` (a path, or `-` for standard output). A file is
 * written only once the records are known, so a failed export leaves no half-written file.
 */
export async function writeRecords(
  records: Iterable<CompletionRecord>,
  format: ExportFormat,
  out: string,
): Promise<void> {
  const isStdout = out === '-';
  const stream: Writable = isStdout ? process.stdout : createWriteStream(out);
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  // A late error (after the race is decided) must not crash the process as unhandled.
  failed.catch(() => undefined);
  const work = (async () => {
    if (format === 'xlsx') {
      // Loaded only for XLSX: it is the slowest part of starting the CLI.
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream,
        useSharedStrings: false,
        useStyles: true,
      });
      workbook.creator = 'Gangway';
      const sheet = workbook.addWorksheet(SHEET_NAME, SHEET_OPTIONS);
      prepareSheet(sheet);
      for (const record of records) sheet.addRow(xlsxRow(record, RECORD_COLUMNS)).commit();
      sheet.commit();
      await workbook.commit();
      return;
    }
    if (format === 'csv') {
      await write(stream, csvHeader());
      for (const record of records) await write(stream, csvRecordLine(record));
    } else if (format === 'ndjson') {
      for (const record of records) await write(stream, ndjsonLine(record));
    } else {
      let first = true;
      await write(stream, '[');
      for (const record of records) {
        await write(stream, `${first ? '\n' : ',\n'}  ${JSON.stringify(record)}`);
        first = false;
      }
      await write(stream, first ? ']\n' : '\n]\n');
    }
    await finish(stream, isStdout);
  })();
  await Promise.race([work, failed]);
}
