/**
 * Turns a stream of xAPI statements into completion records, one per learner and course. Keeps a
 * small state per learner × course (and per classroom session), never the statements themselves,
 * so memory grows with learners, not with statements: pages can be fed in as they arrive.
 * Statements may come in any order and a session's `attended`/`host` statements may be fed twice
 * (handling them is idempotent). Pure. The rules are documented in docs/administrators.md.
 */
import type { Statement } from '@xapi/xapi';
import { VERBS } from '../statements/build-statements.ts';
import { MASTERY_SCORE_EXTENSION } from '../statements/build-statements.ts';
import type { CompletionRecord, PersonRef } from './completion-record.ts';
import type { CourseDescriptor } from './course-descriptor.ts';
import { recordMatcher, type RecordFilters } from './record-filters.ts';
import {
  agentKey,
  durationSeconds,
  languageText,
  personOf,
  type AgentLike,
} from './statement-facts.ts';

/** The xAPI verb of a voiding statement. */
export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

// One fixed collation, so the browser and the CLI sort names alike whatever their locale.
const collator = new Intl.Collator('en');

// A learner's statements normally all carry the site's credential; a few more (an import, a
// cmi5 launch) are possible, but the set must stay small whatever the input.
const MAX_OWN_AUTHORITIES = 8;

/** The parts of a statement the records read, typed loosely: statements come from any LRS. */
interface StatementLike {
  id?: string;
  actor?: AgentLike;
  verb?: { id?: string };
  object?: {
    objectType?: string;
    id?: string;
    definition?: { name?: Record<string, string>; type?: string };
  };
  result?: {
    success?: boolean;
    completion?: boolean;
    duration?: string;
    score?: { scaled?: number; raw?: number; min?: number; max?: number };
  };
  context?: {
    registration?: string;
    instructor?: AgentLike;
    team?: AgentLike;
    extensions?: Record<string, unknown>;
    contextActivities?: Partial<
      Record<'parent' | 'grouping' | 'other' | 'category', { id?: string }[] | { id?: string }>
    >;
  };
  timestamp?: string;
  stored?: string;
  authority?: AgentLike;
}

/** A moment a fact was recorded at, ordered by timestamp then by stored time. */
interface Moment {
  timestamp: string;
  ms: number;
  storedMs: number;
}

interface FinalResult extends Moment {
  passed: boolean;
  scaled?: number;
  mastery?: number;
  registration?: string;
}

interface CourseCompletion extends Moment {
  scaled?: number;
  registration?: string;
}

/** A registration a learner used in a course. */
interface RegistrationSeen {
  lastMs: number;
  /** The trainer named on the learner's statements in it (`context.instructor`). */
  instructor?: PersonRef;
  /** Whether a statement in it named an instructor (a classroom session). */
  classroom: boolean;
}

/** What is kept per learner × course. */
interface LearnerCourseState {
  learnerKey: string;
  learner: PersonRef;
  learnerMs: number;
  homePage: string;
  team?: { name: string; ms: number };
  course: CourseDescriptor;
  final?: FinalResult;
  attempts: number;
  completion?: CourseCompletion;
  seconds: number;
  ownAuthorities: Set<string>;
  registrations: Map<string, RegistrationSeen>;
}

/** What is kept per classroom session (keyed by its registration). */
interface SessionState {
  activityId?: string;
  title?: string;
  /** The authority of the session's `host` statement. */
  hostAuthority?: string;
  /** The trainer who hosted it. */
  host?: PersonRef;
  /** The instructor named on `attended` statements. */
  instructor?: PersonRef;
}

/** The streaming aggregator of completion records. */
export interface CompletionAggregator {
  /** Feeds a page of statements (any order; voiding and non-course statements are ignored). */
  add(statements: readonly Statement[]): void;
  /** The records so far, filtered and sorted by course (catalogue order), learner name, id. */
  records(filters?: RecordFilters): CompletionRecord[];
  /** Registrations of classroom sessions seen so far, to look up their `attended`/`host` statements. */
  sessionRegistrations(): string[];
  /** How many learner × course states are held (for progress and memory checks). */
  readonly size: number;
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function momentOf(statement: StatementLike): Moment {
  const storedMs = Date.parse(statement.stored ?? '') || 0;
  const parsed = Date.parse(statement.timestamp ?? '');
  const ms = Number.isNaN(parsed) ? storedMs : parsed;
  return { timestamp: new Date(ms).toISOString(), ms, storedMs };
}

const later = (a: Moment, b: Moment | undefined) =>
  !b || a.ms > b.ms || (a.ms === b.ms && a.storedMs > b.storedMs);

/** Creates an aggregator for the given courses; statements about other courses are ignored. */
export function createCompletionAggregator(courses: CourseDescriptor[]): CompletionAggregator {
  const byActivity = new Map(courses.map((course) => [course.activityId, course]));
  const order = new Map(courses.map((course, index) => [course.activityId, index]));
  const states = new Map<string, LearnerCourseState>();
  const sessions = new Map<string, SessionState>();
  // learner key + "\n" + registration → authorities of `attended` statements for that learner.
  const attendance = new Map<string, Set<string>>();

  /** The course an activity id belongs to: itself, or an activity under it. */
  function courseOfActivity(id: string | undefined): CourseDescriptor | undefined {
    if (!id) return undefined;
    const exact = byActivity.get(id);
    if (exact) return exact;
    for (let cut = id.lastIndexOf('/'); cut > 0; cut = id.lastIndexOf('/', cut - 1)) {
      const found = byActivity.get(id.slice(0, cut));
      if (found) return found;
    }
    return undefined;
  }

  function courseOf(statement: StatementLike): CourseDescriptor | undefined {
    const activities = statement.context?.contextActivities;
    for (const activity of [
      ...asArray(activities?.grouping),
      ...asArray(activities?.parent),
      ...asArray(activities?.other),
    ]) {
      const found = byActivity.get(activity.id ?? '');
      if (found) return found;
    }
    return statement.object?.objectType === 'SubStatement' ||
      statement.object?.objectType === 'StatementRef' ||
      statement.object?.objectType === 'Agent' ||
      statement.object?.objectType === 'Group'
      ? undefined
      : courseOfActivity(statement.object?.id);
  }

  function stateFor(
    statement: StatementLike,
    course: CourseDescriptor,
    moment: Moment,
  ): LearnerCourseState | undefined {
    const actor = statement.actor;
    if (!actor || actor.objectType === 'Group') return undefined;
    const learnerKey = agentKey(actor);
    if (!learnerKey) return undefined;
    const key = `${course.activityId}\n${learnerKey}`;
    let state = states.get(key);
    if (!state) {
      state = {
        learnerKey,
        learner: personOf(actor),
        learnerMs: moment.ms,
        homePage: actor.account?.homePage ?? '',
        course,
        attempts: 0,
        seconds: 0,
        ownAuthorities: new Set(),
        registrations: new Map(),
      };
      states.set(key, state);
    } else if (actor.name && (moment.ms >= state.learnerMs || !state.learner.name)) {
      // The most recent display name wins: a learner may correct a typo in their name.
      state.learner = { ...state.learner, name: actor.name };
      state.learnerMs = moment.ms;
    }
    return state;
  }

  function noteRegistration(
    state: LearnerCourseState,
    statement: StatementLike,
    moment: Moment,
  ): void {
    const registration = statement.context?.registration;
    if (!registration) return;
    const instructor = statement.context?.instructor;
    const seen = state.registrations.get(registration) ?? { lastMs: moment.ms, classroom: false };
    seen.lastMs = Math.max(seen.lastMs, moment.ms);
    if (instructor) {
      seen.classroom = true;
      seen.instructor = personOf(instructor);
    }
    state.registrations.set(registration, seen);
  }

  function session(registration: string): SessionState {
    let found = sessions.get(registration);
    if (!found) {
      found = {};
      sessions.set(registration, found);
    }
    return found;
  }

  function noteSessionActivity(target: SessionState, statement: StatementLike): void {
    const object = statement.object;
    if (!object?.id) return;
    target.activityId = object.id;
    const title = languageText(object.definition?.name);
    if (title) target.title = title;
  }

  function addSessionStatement(statement: StatementLike, verb: string, moment: Moment): void {
    const registration = statement.context?.registration;
    if (!registration) return;
    const target = session(registration);
    noteSessionActivity(target, statement);
    if (verb === VERBS.hosted) {
      target.hostAuthority = agentKey(statement.authority);
      if (statement.actor) target.host = personOf(statement.actor);
      return;
    }
    // attended: actor = trainee, sent with the trainer's credential (or, wrongly, the learner's).
    if (statement.context?.instructor) target.instructor = personOf(statement.context.instructor);
    const learnerKey = agentKey(statement.actor);
    if (!learnerKey) return;
    const key = `${learnerKey}\n${registration}`;
    const authorities = attendance.get(key) ?? new Set<string>();
    authorities.add(agentKey(statement.authority));
    attendance.set(key, authorities);
    // An attended statement naming its course in `grouping` ties the learner to the course.
    const course = courseOf(statement);
    if (!course) return;
    const state = stateFor(statement, course, moment);
    if (!state) return;
    noteRegistration(state, statement, moment);
    const seen = state.registrations.get(registration);
    if (seen) seen.classroom = true;
  }

  function addCourseStatement(statement: StatementLike, verb: string, moment: Moment): void {
    const course = courseOf(statement);
    if (!course) return;
    const state = stateFor(statement, course, moment);
    if (!state) return;
    if (statement.authority && state.ownAuthorities.size < MAX_OWN_AUTHORITIES)
      state.ownAuthorities.add(agentKey(statement.authority));
    const team = statement.context?.team;
    if (team?.name && (!state.team || moment.ms >= state.team.ms))
      state.team = { name: team.name, ms: moment.ms };
    noteRegistration(state, statement, moment);
    const objectId = statement.object?.id;
    const isCourse = objectId === course.activityId;
    // The course completion repeats the total time; counting it would count everything twice.
    if (!isCourse) state.seconds += durationSeconds(statement.result?.duration);
    const isFinal = objectId === course.finalAssessmentId || isCourse;
    if (isFinal && (verb === VERBS.passed || verb === VERBS.failed)) {
      state.attempts++;
      if (later(moment, state.final)) {
        const mastery = statement.context?.extensions?.[MASTERY_SCORE_EXTENSION];
        state.final = {
          ...moment,
          passed: verb === VERBS.passed,
          scaled: statement.result?.score?.scaled,
          mastery: typeof mastery === 'number' ? mastery : undefined,
          registration: statement.context?.registration,
        };
      }
    } else if (isCourse && verb === VERBS.completed) {
      // The first completion is the date the course was completed; later ones are repeats.
      if (!state.completion || moment.ms < state.completion.ms)
        state.completion = {
          ...moment,
          scaled: statement.result?.score?.scaled,
          registration: statement.context?.registration,
        };
    }
  }

  /** A classroom session: named with an instructor on the learner's statements, or hosted/attended. */
  const isSession = (registration: string, seen: RegistrationSeen) =>
    seen.classroom || sessions.has(registration);

  function chooseSession(state: LearnerCourseState): string | undefined {
    // The session in which the status was decided, else the latest session the learner was in.
    const deciding = state.final?.registration ?? state.completion?.registration;
    const decidingSeen = deciding ? state.registrations.get(deciding) : undefined;
    if (deciding && decidingSeen && isSession(deciding, decidingSeen)) return deciding;
    let chosen: string | undefined;
    let chosenMs = -Infinity;
    for (const [registration, seen] of state.registrations) {
      if (isSession(registration, seen) && seen.lastMs > chosenMs) {
        chosen = registration;
        chosenMs = seen.lastMs;
      }
    }
    return chosen;
  }

  function attendanceOf(
    state: LearnerCourseState,
    registration: string | undefined,
  ): CompletionRecord['attendance'] {
    if (!registration) return 'none';
    const authorities = attendance.get(`${state.learnerKey}\n${registration}`);
    if (!authorities?.size) return 'none';
    const host = sessions.get(registration)?.hostAuthority;
    if (host && authorities.has(host) && !state.ownAuthorities.has(host))
      return 'trainer-confirmed';
    return 'self-reported';
  }

  function toRecord(state: LearnerCourseState): CompletionRecord {
    const { course, final, completion } = state;
    const status: CompletionRecord['status'] = final
      ? final.passed
        ? 'passed'
        : 'failed'
      : completion
        ? 'completed'
        : 'in progress';
    const registration = chooseSession(state);
    const sessionState = registration ? sessions.get(registration) : undefined;
    const trainer = registration
      ? (state.registrations.get(registration)?.instructor ??
        sessionState?.host ??
        sessionState?.instructor)
      : undefined;
    const record: CompletionRecord = {
      learner: { ...state.learner },
      organisation: state.team?.name ?? state.homePage,
      course: {
        activityId: course.activityId,
        id: course.id,
        number: course.number,
        title: course.title,
        edition: course.edition,
      },
      status,
      attempts: state.attempts,
      timeSpentSeconds: Math.round(state.seconds),
      attendance: attendanceOf(state, registration),
    };
    const completedAt = final?.timestamp ?? completion?.timestamp;
    if (completedAt) record.completedAt = completedAt;
    const score = final ? final.scaled : completion?.scaled;
    if (score !== undefined) record.finalScore = score;
    record.masteryScore = final?.mastery ?? course.masteryScore;
    if (registration)
      record.session = {
        id: sessionState?.activityId ?? '',
        title: sessionState?.title ?? '',
        registration,
      };
    if (trainer) record.trainer = { ...trainer };
    return record;
  }

  return {
    add(statements) {
      for (const raw of statements) {
        const statement = raw as unknown as StatementLike;
        const verb = statement.verb?.id ?? '';
        // The LRS leaves voided statements out of queries; the voiding statements themselves are
        // not learning events.
        if (verb === VOIDED_VERB) continue;
        const moment = momentOf(statement);
        if (verb === VERBS.hosted || verb === VERBS.attended)
          addSessionStatement(statement, verb, moment);
        else addCourseStatement(statement, verb, moment);
      }
    },
    records(filters = {}) {
      const matches = recordMatcher(filters);
      const rows: CompletionRecord[] = [];
      for (const state of states.values()) {
        const record = toRecord(state);
        if (matches(record)) rows.push(record);
      }
      return rows.sort(
        (a, b) =>
          (order.get(a.course.activityId) ?? 0) - (order.get(b.course.activityId) ?? 0) ||
          collator.compare(a.learner.name, b.learner.name) ||
          collator.compare(a.learner.id, b.learner.id),
      );
    },
    sessionRegistrations() {
      const found = new Set<string>(sessions.keys());
      for (const state of states.values())
        for (const [registration, seen] of state.registrations)
          if (seen.classroom) found.add(registration);
      return [...found];
    },
    get size() {
      return states.size;
    },
  };
}
