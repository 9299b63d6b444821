/**
 * Reads the completion records of some courses from an LRS with an administrator's credential:
 * pages through standard xAPI queries (following `more`) and feeds each page to the streaming
 * aggregator, so memory stays bounded by learners whatever the number of statements. Used by the
 * admin page and the CLI; any conformant LRS answers these queries.
 *
 * The date filter is on the completion date (the statement `timestamp`), while the LRS's
 * `since`/`until` are on `stored`. A completion is stored at or after it happened, so `since` can
 * narrow the search for *completions*; but a learner who started before `since` has earlier
 * statements (attempts, time spent, session) that `since` would cut off. So with a `since` date
 * the collector first finds the learners whose completion, pass or fail was stored since then,
 * then reads each of those learners' whole history in the course. `until` is never sent to the
 * LRS: a ship may upload a completion weeks after it happened, stored after `until` though it
 * happened before. Rows are filtered on the completion date at the end.
 */
import type { Statement } from '@xapi/xapi';
import { VERBS } from '../statements/build-statements.ts';
import type { StaffClient, StatementQuery } from '../staff/staff-client.ts';
import type { CompletionRecord } from './completion-record.ts';
import { createCompletionAggregator } from './completion-aggregator.ts';
import type { CourseDescriptor } from './course-descriptor.ts';
import { filterProblems, sinceMs, type RecordFilters } from './record-filters.ts';
import { agentIdentity, agentKey, type AgentLike } from './statement-facts.ts';

export { createCompletionAggregator, type CompletionAggregator } from './completion-aggregator.ts';

/** Where the collection is, for a progress bar. */
export interface CollectProgress {
  /** What is being read now. */
  phase: 'course' | 'learners' | 'sessions';
  /** The course being read (undefined while reading sessions). */
  course?: CourseDescriptor;
  /** 1-based position of the course, and how many courses. */
  courseNumber: number;
  courseCount: number;
  /** Pages and statements read so far, over all queries. */
  pages: number;
  statements: number;
  /**
   * Items done and to do in this phase when known (learners or sessions); a course's statements
   * are never counted in advance (xAPI gives no total), so `total` is undefined while paging them.
   */
  done?: number;
  total?: number;
  /** Learner × course records held so far. */
  records: number;
}

/** Options of {@link collectCompletionRecords}. */
export interface CollectOptions {
  /** The courses of the catalogue (activity ids under the installation's base). */
  courses: CourseDescriptor[];
  filters?: RecordFilters;
  /** Called after every page. */
  onProgress?: (progress: CollectProgress) => void;
  /** Statements per page to ask for (the LRS may send fewer). */
  pageSize?: number;
  /** Stops between pages when aborted (throws the signal's reason). */
  signal?: AbortSignal;
}

/** Verbs that give a learner a completion date in a course. */
const DECIDING_VERBS = [VERBS.completed, VERBS.passed, VERBS.failed];

/** Reads, aggregates and filters the completion records of the selected courses. */
export async function collectCompletionRecords(
  client: StaffClient,
  options: CollectOptions,
): Promise<CompletionRecord[]> {
  const filters = options.filters ?? {};
  const problems = filterProblems(filters);
  if (problems.length) throw new RangeError(problems.join(' '));
  const wanted = filters.courses?.length ? new Set(filters.courses) : undefined;
  const courses = options.courses.filter((course) => !wanted || wanted.has(course.id));
  if (wanted) {
    const unknown = [...wanted].filter((id) => !options.courses.some((c) => c.id === id));
    if (unknown.length)
      throw new RangeError(
        `No course ${unknown.map((id) => `"${id}"`).join(', ')} in the catalogue.`,
      );
  }
  const aggregator = createCompletionAggregator(courses);
  const limit = String(options.pageSize ?? 500);
  const progress: CollectProgress = {
    phase: 'course',
    courseNumber: 0,
    courseCount: courses.length,
    pages: 0,
    statements: 0,
    records: 0,
  };
  const report = () => {
    progress.records = aggregator.size;
    options.onProgress?.({ ...progress });
  };

  async function read(query: StatementQuery, use: (page: Statement[]) => void): Promise<void> {
    for await (const page of client.pages({ ...query, limit })) {
      options.signal?.throwIfAborted();
      use(page);
      progress.pages++;
      progress.statements += page.length;
      report();
    }
  }
  const feed = (page: Statement[]) => aggregator.add(page);

  for (const [index, course] of courses.entries()) {
    Object.assign(progress, {
      phase: 'course',
      course,
      courseNumber: index + 1,
      done: undefined,
      total: undefined,
    });
    report();
    if (!filters.since) {
      await read({ activity: course.activityId, related_activities: 'true' }, feed);
      continue;
    }
    // Learners whose completion, pass or fail was stored since the date (see the module comment).
    const since = new Date(sinceMs(filters.since)).toISOString();
    const learners = new Map<string, AgentLike>();
    const collect = (page: Statement[]) => {
      for (const statement of page) {
        const actor = statement.actor as AgentLike;
        const key = agentKey(actor);
        if (key && actor.objectType !== 'Group') learners.set(key, agentIdentity(actor));
      }
    };
    for (const verb of DECIDING_VERBS)
      for (const activity of [course.activityId, course.finalAssessmentId])
        if (verb !== VERBS.completed || activity === course.activityId)
          await read({ verb, activity, since }, collect);
    Object.assign(progress, { phase: 'learners', done: 0, total: learners.size });
    report();
    for (const learner of learners.values()) {
      await read(
        { agent: JSON.stringify(learner), activity: course.activityId, related_activities: 'true' },
        feed,
      );
      progress.done = (progress.done ?? 0) + 1;
      report();
    }
  }

  // Attendance and hosting may not name the course; they are found through the session's registration.
  const registrations = aggregator.sessionRegistrations();
  Object.assign(progress, {
    phase: 'sessions',
    course: undefined,
    done: 0,
    total: registrations.length,
  });
  report();
  for (const registration of registrations) {
    for (const verb of [VERBS.attended, VERBS.hosted]) await read({ registration, verb }, feed);
    progress.done = (progress.done ?? 0) + 1;
    report();
  }
  return aggregator.records(filters);
}
