/**
 * The filters an administrator narrows the completion records with, and the test each row must
 * pass. Dates filter on the completion date, so rows without one (in progress) are left out as
 * soon as a date is given. Text filters match a name or an id, ignoring case. Pure.
 */
import type { CompletionRecord, CompletionStatus } from './completion-record.ts';

/** What to keep. Every filter left empty keeps everything. */
export interface RecordFilters {
  /** Course ids ("3.19"); empty for every course. */
  courses?: string[];
  /** Completed on or after (ISO date `2026-01-01` or timestamp). */
  since?: string;
  /** Completed on or before (a date alone includes that whole day, UTC). */
  until?: string;
  /** Part of the organisation (team name or account home page). */
  organisation?: string;
  /** Part of the trainer's name, or their id. */
  trainer?: string;
  /** Part of the session title, its activity id, or its registration. */
  session?: string;
  /** The statuses to keep; empty for all. */
  status?: CompletionStatus[];
}

/** Every status, in the order forms and documents list them. */
export const STATUSES: CompletionStatus[] = ['in progress', 'completed', 'passed', 'failed'];

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds of a `since` bound, or throws naming the filter. */
export function sinceMs(since: string): number {
  const ms = Date.parse(DATE_ONLY.test(since) ? `${since}T00:00:00Z` : since);
  if (Number.isNaN(ms))
    throw new RangeError(`The "since" date "${since}" is not a date (use YYYY-MM-DD).`);
  return ms;
}

/** Milliseconds of an `until` bound (a date alone means the end of that day, UTC), or throws. */
export function untilMs(until: string): number {
  const ms = Date.parse(DATE_ONLY.test(until) ? `${until}T23:59:59.999Z` : until);
  if (Number.isNaN(ms))
    throw new RangeError(`The "until" date "${until}" is not a date (use YYYY-MM-DD).`);
  return ms;
}

/** The problems with a set of filters, naming each; empty when they can be used. */
export function filterProblems(filters: RecordFilters): string[] {
  const problems: string[] = [];
  for (const [name, parse] of [
    ['since', sinceMs],
    ['until', untilMs],
  ] as const) {
    const value = filters[name];
    if (!value) continue;
    try {
      parse(value);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (filters.since && filters.until && !problems.length) {
    if (sinceMs(filters.since) > untilMs(filters.until))
      problems.push(
        `The "since" date ${filters.since} is after the "until" date ${filters.until}.`,
      );
  }
  for (const status of filters.status ?? []) {
    if (!STATUSES.includes(status))
      problems.push(`The status "${status}" is not one of: ${STATUSES.join(', ')}.`);
  }
  return problems;
}

const contains = (haystack: string | undefined, needle: string) =>
  (haystack ?? '').toLocaleLowerCase().includes(needle.trim().toLocaleLowerCase());

/** Builds the test of one row against the filters (dates parsed once). */
export function recordMatcher(filters: RecordFilters): (record: CompletionRecord) => boolean {
  const from = filters.since ? sinceMs(filters.since) : undefined;
  const to = filters.until ? untilMs(filters.until) : undefined;
  const courses = filters.courses?.length ? new Set(filters.courses) : undefined;
  const statuses = filters.status?.length ? new Set(filters.status) : undefined;
  const organisation = filters.organisation?.trim();
  const trainer = filters.trainer?.trim();
  const session = filters.session?.trim();
  return (record) => {
    if (courses && !courses.has(record.course.id)) return false;
    if (statuses && !statuses.has(record.status)) return false;
    if (from !== undefined || to !== undefined) {
      if (!record.completedAt) return false;
      const at = Date.parse(record.completedAt);
      if (from !== undefined && at < from) return false;
      if (to !== undefined && at > to) return false;
    }
    if (organisation && !contains(record.organisation, organisation)) return false;
    if (
      trainer &&
      !(contains(record.trainer?.name, trainer) || contains(record.trainer?.id, trainer))
    )
      return false;
    if (
      session &&
      !(
        contains(record.session?.title, session) ||
        contains(record.session?.id, session) ||
        contains(record.session?.registration, session)
      )
    )
      return false;
    return true;
  };
}
