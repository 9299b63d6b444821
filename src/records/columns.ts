/**
 * The columns of the completion records export, in their stable order, with their headers and
 * how each cell is written: as text (CSV, the admin table) and as a typed value (XLSX). Dates are
 * ISO 8601 in UTC, scores are percentages (the header says so) and time spent is h:mm. Adding a
 * column goes at the end, so scripts reading the CSV by position keep working. Pure.
 */
import type { CompletionRecord } from './completion-record.ts';

/** How a column's cells are typed in a spreadsheet. */
export type ColumnKind = 'text' | 'number' | 'date' | 'duration';

/** One column of the export. */
export interface RecordColumn {
  /** Stable machine name (JSON consumers and tests use it). */
  key: string;
  /** The header row's text. */
  header: string;
  kind: ColumnKind;
  /** The cell as text; empty when the record has no value. */
  text: (record: CompletionRecord) => string;
  /** The cell as a spreadsheet value (a number, a Date, or text); undefined when empty. */
  value: (record: CompletionRecord) => string | number | Date | undefined;
  /** The spreadsheet number format, for numbers, dates and durations. */
  numberFormat?: string;
}

/** `2026-11-21T09:15:02Z`: ISO 8601 in UTC, to the second. */
export function isoDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A 0–1 score as a percentage with at most one decimal (`85`, `92.5`); empty when absent. */
export function percent(scaled: number | undefined): number | undefined {
  return scaled === undefined ? undefined : Math.round(scaled * 1000) / 10;
}

/** Seconds as `h:mm` (rounded to the minute): 1170 → `0:20`, 4200 → `1:10`. */
export function hoursMinutes(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

const text = (
  key: string,
  header: string,
  read: (record: CompletionRecord) => string | undefined,
): RecordColumn => ({
  key,
  header,
  kind: 'text',
  text: (record) => read(record) ?? '',
  value: (record) => read(record) || undefined,
});

const number = (
  key: string,
  header: string,
  read: (record: CompletionRecord) => number | undefined,
  numberFormat = '0',
): RecordColumn => ({
  key,
  header,
  kind: 'number',
  text: (record) => {
    const value = read(record);
    return value === undefined ? '' : String(value);
  },
  value: read,
  numberFormat,
});

/** Every column, in export order. */
export const RECORD_COLUMNS: RecordColumn[] = [
  text('learnerName', 'Learner name', (r) => r.learner.name),
  text('learnerId', 'Learner id', (r) => r.learner.id),
  text('organisation', 'Organisation', (r) => r.organisation),
  text('courseNumber', 'Course number', (r) => r.course.number),
  text('courseTitle', 'Course title', (r) => r.course.title),
  text('edition', 'Edition', (r) => r.course.edition),
  text('status', 'Status', (r) => r.status),
  {
    key: 'completedAt',
    header: 'Completion date (UTC)',
    kind: 'date',
    text: (r) => isoDateTime(r.completedAt),
    value: (r) => (r.completedAt ? new Date(isoDateTime(r.completedAt)) : undefined),
    numberFormat: 'yyyy-mm-dd"T"hh:mm:ss"Z"',
  },
  number('finalScore', 'Final score (%)', (r) => percent(r.finalScore), '0.0'),
  number('masteryScore', 'Mastery score (%)', (r) => percent(r.masteryScore), '0.0'),
  number('attempts', 'Final assessment attempts', (r) => r.attempts),
  {
    key: 'timeSpent',
    header: 'Time spent (h:mm)',
    kind: 'duration',
    text: (r) => hoursMinutes(r.timeSpentSeconds),
    // A spreadsheet duration is a fraction of a day; [h]:mm shows hours past 24.
    value: (r) => Math.round(r.timeSpentSeconds / 60) / (24 * 60),
    numberFormat: '[h]:mm',
  },
  text('sessionTitle', 'Session', (r) => r.session?.title),
  text('sessionId', 'Session activity id', (r) => r.session?.id),
  text('sessionRegistration', 'Session registration', (r) => r.session?.registration),
  text('trainerName', 'Trainer name', (r) => r.trainer?.name),
  text('trainerId', 'Trainer id', (r) => r.trainer?.id),
  text('attendance', 'Attendance', (r) => r.attendance),
  text('courseActivityId', 'Course activity id', (r) => r.course.activityId),
];

/** The header row. */
export function headerRow(columns: RecordColumn[] = RECORD_COLUMNS): string[] {
  return columns.map((column) => column.header);
}

/** A record's cells as text, in column order. */
export function textRow(
  record: CompletionRecord,
  columns: RecordColumn[] = RECORD_COLUMNS,
): string[] {
  return columns.map((column) => column.text(record));
}
