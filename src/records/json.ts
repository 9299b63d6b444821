/**
 * JSON for machines: the export as an array of {@link CompletionRecord} (the admin page and
 * `--format json`), or as NDJSON, one record per line (`--format ndjson`), which a consumer can
 * read line by line. Pure.
 */
import type { CompletionRecord } from './completion-record.ts';

/** The records as a JSON array (indented, newline at the end). */
export function recordsToJson(records: CompletionRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}

/** One record as an NDJSON line. */
export function ndjsonLine(record: CompletionRecord): string {
  return `${JSON.stringify(record)}\n`;
}
