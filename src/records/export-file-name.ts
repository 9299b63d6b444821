/**
 * File names of exports: `gangway-records-3.19-2026-11-21.csv`; `all-courses` in place
 * of the course when no course was chosen, ids joined by `_` when several were. Pure.
 */

/** The export formats. */
export type ExportFormat = 'csv' | 'xlsx' | 'json' | 'ndjson';

/** The file name for an export of some courses on a day. */
export function exportFileName(
  courseIds: string[],
  format: ExportFormat,
  day = new Date(),
): string {
  const which = courseIds.length ? courseIds.join('_') : 'all-courses';
  const safe = which.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `gangway-records-${safe}-${day.toISOString().slice(0, 10)}.${format}`;
}
