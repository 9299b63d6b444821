/**
 * Statement builders: one pure function per event of the Gangway xAPI profile
 * (docs/xapi-profile.md). Each takes the event's facts and the learner's context and returns a
 * complete xAPI 1.0.3 statement with its id and timestamp already set, so a resend is idempotent.
 */
import type { Activity, Agent, Context, Group, Statement } from '@xapi/xapi';
import type { Question } from '../content/schemas.ts';
import type { QuizResponse } from '../quiz/responses.ts';
import { ACTIVITY_TYPES, type ActivityIds } from './activity-ids.ts';
import { encodeResponse, interactionDefinition, scenarioStepDefinition } from './interactions.ts';
import { scenarioChoices } from '../quiz/responses.ts';

/** ADL verbs used by the profile. */
export const VERBS = {
  experienced: 'http://adlnet.gov/expapi/verbs/experienced',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  attended: 'http://adlnet.gov/expapi/verbs/attended',
  hosted: 'http://activitystrea.ms/host',
  joined: 'http://activitystrea.ms/join',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
} as const;

/** The cmi5 context extension that carries the mastery score. */
export const MASTERY_SCORE_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';

/** Who is learning and in what setting; the same for every statement of a session. */
export interface LearnerContext {
  actor: Agent;
  /** The enrolment or classroom-session registration (UUID). */
  registration?: string;
  /** The trainer, inside a classroom session. */
  instructor?: Agent;
  /** The class, inside a classroom session. */
  team?: Group;
  /** Extra context extensions (e.g. the cmi5 session id). */
  extensions?: Record<string, unknown>;
  /** Extra category activities (e.g. the cmi5 category). */
  categories?: Activity[];
  /** A context every statement must carry (cmi5's `contextTemplate`): its extensions and context activities are added. */
  contextTemplate?: Context;
}

/** When and under which id an event happened (made on the device, before any send). */
export interface EventMeta {
  id: string;
  timestamp: string;
}

/** What the builders need to know about a course. */
export interface CourseInfo {
  id: string;
  title: string;
  language: string;
}

/** Shared inputs of every builder. */
export interface BuildBase {
  ids: ActivityIds;
  learner: LearnerContext;
  course: CourseInfo;
  meta: EventMeta;
}

const lang = (language: string, value: string) => ({ [language]: value });
const verb = (id: string, display: string) => ({ id, display: { 'en-US': display } });

/** Formats milliseconds as an ISO 8601 duration (`PT1H2M3.45S`). */
export function isoDuration(ms: number): string {
  const totalSeconds = Math.max(0, ms) / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = Math.round((totalSeconds % 60) * 100) / 100;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds || (!hours && !minutes) ? `${seconds}S` : ''}`;
}

function courseActivity({ ids, course }: BuildBase): Activity {
  return {
    objectType: 'Activity',
    id: ids.course(course.id),
    definition: { type: ACTIVITY_TYPES.course, name: lang(course.language, course.title) },
  };
}

function context(base: BuildBase, parents: Activity[]): Context {
  const { learner, course } = base;
  const ctx: Context = {
    contextActivities: {
      parent: parents,
      grouping: [courseActivity(base)],
      ...(learner.categories?.length ? { category: learner.categories } : {}),
    },
    platform: 'Gangway',
    language: course.language,
  };
  if (learner.registration) ctx.registration = learner.registration;
  if (learner.instructor) ctx.instructor = learner.instructor;
  if (learner.team) ctx.team = learner.team;
  if (learner.extensions && Object.keys(learner.extensions).length)
    ctx.extensions = { ...learner.extensions };
  const template = learner.contextTemplate;
  if (template) {
    if (template.extensions) ctx.extensions = { ...template.extensions, ...ctx.extensions };
    for (const kind of ['parent', 'grouping', 'category', 'other'] as const) {
      const extra = template.contextActivities?.[kind];
      if (extra?.length) {
        ctx.contextActivities = {
          ...ctx.contextActivities,
          [kind]: [...(ctx.contextActivities?.[kind] ?? []), ...extra],
        };
      }
    }
  }
  return ctx;
}

function statement(
  base: BuildBase,
  fields: Omit<Statement, 'actor' | 'id' | 'timestamp'>,
): Statement {
  return { id: base.meta.id, actor: base.learner.actor, timestamp: base.meta.timestamp, ...fields };
}

/** Where a lesson sits, with titles for the activity definitions. */
export interface LessonInfo {
  moduleId: string;
  moduleTitle: string;
  lessonId: string;
  lessonTitle: string;
}

function moduleActivity(base: BuildBase, moduleId: string, moduleTitle: string): Activity {
  return {
    objectType: 'Activity',
    id: base.ids.module(base.course.id, moduleId),
    definition: { type: ACTIVITY_TYPES.module, name: lang(base.course.language, moduleTitle) },
  };
}

function lessonActivity(base: BuildBase, lesson: LessonInfo): Activity {
  return {
    objectType: 'Activity',
    id: base.ids.lesson(base.course.id, lesson.moduleId, lesson.lessonId),
    definition: {
      type: ACTIVITY_TYPES.lesson,
      name: lang(base.course.language, lesson.lessonTitle),
    },
  };
}

/** A lesson was studied; `durationMs` is the time it was on screen. */
export function buildExperiencedStatement(
  base: BuildBase & { lesson: LessonInfo; durationMs?: number },
): Statement {
  return statement(base, {
    verb: verb(VERBS.experienced, 'experienced'),
    object: lessonActivity(base, base.lesson),
    ...(base.durationMs !== undefined
      ? { result: { duration: isoDuration(base.durationMs) } }
      : {}),
    context: context(base, [moduleActivity(base, base.lesson.moduleId, base.lesson.moduleTitle)]),
  });
}

/** A lesson was marked done. */
export function buildLessonCompletedStatement(base: BuildBase & { lesson: LessonInfo }): Statement {
  return statement(base, {
    verb: verb(VERBS.completed, 'completed'),
    object: lessonActivity(base, base.lesson),
    result: { completion: true },
    context: context(base, [moduleActivity(base, base.lesson.moduleId, base.lesson.moduleTitle)]),
  });
}

/** Every lesson of a module is done. */
export function buildModuleCompletedStatement(
  base: BuildBase & { moduleId: string; moduleTitle: string },
): Statement {
  return statement(base, {
    verb: verb(VERBS.completed, 'completed'),
    object: moduleActivity(base, base.moduleId, base.moduleTitle),
    result: { completion: true },
    context: context(base, [courseActivity(base)]),
  });
}

/** The quiz a question was asked in: a lesson's questions, a module check or the final assessment. */
export interface QuizInfo {
  kind: 'lesson' | 'module-check' | 'final';
  moduleId?: string;
  lessonId?: string;
  title: string;
}

/** The activity of a quiz (lesson, module-check assessment or final assessment). */
export function quizActivity(base: BuildBase, quiz: QuizInfo): Activity {
  const { ids, course } = base;
  if (quiz.kind === 'lesson' && quiz.moduleId && quiz.lessonId) {
    return {
      objectType: 'Activity',
      id: ids.lesson(course.id, quiz.moduleId, quiz.lessonId),
      definition: { type: ACTIVITY_TYPES.lesson, name: lang(course.language, quiz.title) },
    };
  }
  const assessmentId = quiz.kind === 'final' ? 'final' : `${quiz.moduleId}-check`;
  return {
    objectType: 'Activity',
    id: ids.assessment(course.id, assessmentId),
    definition: { type: ACTIVITY_TYPES.assessment, name: lang(course.language, quiz.title) },
  };
}

/** A question was answered (a `cmi.interaction` with the learner's response). */
export function buildAnsweredStatement(
  base: BuildBase & {
    quiz: QuizInfo;
    question: Question;
    response: QuizResponse | undefined;
    correct: boolean;
  },
): Statement {
  const parent = quizActivity(base, base.quiz);
  return statement(base, {
    verb: verb(VERBS.answered, 'answered'),
    object: {
      objectType: 'Activity',
      id: base.ids.question(parent.id, base.question.id),
      definition: interactionDefinition(base.question, base.course.language),
    },
    result: {
      response: encodeResponse(base.question, base.response),
      success: base.correct,
      score: { scaled: base.correct ? 1 : 0, raw: base.correct ? 1 : 0, min: 0, max: 1 },
    },
    context: context(base, [parent]),
  });
}

/**
 * A branching scenario was played through: one `answered` statement per step, each a `choice`
 * interaction (`{question id}/{step id}`) with the learner's choice and whether it was good.
 * Ids are derived from the base id so a resend of the same scenario is idempotent.
 */
export function buildScenarioStatements(
  base: BuildBase & {
    quiz: QuizInfo;
    question: Extract<Question, { type: 'scenario' }>;
    response: QuizResponse | undefined;
    stepIds: string[];
  },
): Statement[] {
  if (base.response?.type !== 'scenario') return [];
  const walked = scenarioChoices(base.question, base.response.path);
  if (!walked) return [];
  const parent = quizActivity(base, base.quiz);
  const questionId = base.ids.question(parent.id, base.question.id);
  return walked.choices.map((choice, index) => ({
    id: base.stepIds[index] ?? base.meta.id,
    actor: base.learner.actor,
    timestamp: base.meta.timestamp,
    verb: verb(VERBS.answered, 'answered'),
    object: {
      objectType: 'Activity',
      id: `${questionId}/${choice.step}`,
      definition: scenarioStepDefinition(base.question, choice.step, base.course.language),
    },
    result: {
      response: choice.option.id,
      success: choice.option.good,
      score: {
        scaled: choice.option.good ? 1 : 0,
        raw: choice.option.good ? 1 : 0,
        min: 0,
        max: 1,
      },
    },
    context: context(base, [parent]),
  }));
}

/** A module check or the final assessment was finished: passed or failed against the mastery score. */
export function buildAssessmentResultStatement(
  base: BuildBase & {
    quiz: QuizInfo;
    correct: number;
    total: number;
    scaled: number;
    passed: boolean;
    masteryScore: number;
    durationMs: number;
  },
): Statement {
  const ctx = context(base, [
    base.quiz.kind === 'final'
      ? courseActivity(base)
      : moduleActivity(base, base.quiz.moduleId ?? '', base.quiz.title),
  ]);
  ctx.extensions = { ...ctx.extensions, [MASTERY_SCORE_EXTENSION]: base.masteryScore };
  return statement(base, {
    verb: base.passed ? verb(VERBS.passed, 'passed') : verb(VERBS.failed, 'failed'),
    object: quizActivity(base, base.quiz),
    result: {
      score: {
        scaled: Math.round(base.scaled * 10000) / 10000,
        raw: base.correct,
        min: 0,
        max: base.total,
      },
      success: base.passed,
      completion: true,
      duration: isoDuration(base.durationMs),
    },
    context: ctx,
  });
}

/** The course is complete: the fact the administrators' export counts. */
export function buildCourseCompletedStatement(
  base: BuildBase & { scaled?: number; durationMs?: number },
): Statement {
  const { contextActivities, ...rest } = context(base, []);
  return statement(base, {
    verb: verb(VERBS.completed, 'completed'),
    object: courseActivity(base),
    result: {
      completion: true,
      ...(base.scaled !== undefined
        ? { score: { scaled: Math.round(base.scaled * 10000) / 10000 } }
        : {}),
      ...(base.durationMs !== undefined ? { duration: isoDuration(base.durationMs) } : {}),
    },
    context: {
      ...rest,
      ...(contextActivities?.category
        ? { contextActivities: { category: contextActivities.category } }
        : {}),
    },
  });
}

/** A classroom session, as an activity. */
export interface SessionInfo {
  sessionId: string;
  title: string;
  language: string;
  /** Activity-definition extensions (the host statement describes the session in one). */
  extensions?: Record<string, unknown>;
}

function sessionActivity(ids: ActivityIds, session: SessionInfo): Activity {
  return {
    objectType: 'Activity',
    id: ids.session(session.sessionId),
    definition: {
      type: ACTIVITY_TYPES.meeting,
      name: lang(session.language, session.title),
      ...(session.extensions ? { extensions: session.extensions } : {}),
    },
  };
}

/** What the classroom-session builders share. */
export interface SessionStatementInput {
  ids: ActivityIds;
  meta: EventMeta;
  trainer: Agent;
  session: SessionInfo;
  registration: string;
  team?: Group;
  course?: CourseInfo;
}

function sessionStatement(
  input: SessionStatementInput,
  actor: Agent,
  verbId: string,
  display: string,
  withInstructor: boolean,
): Statement {
  const grouping = input.course
    ? [
        {
          objectType: 'Activity' as const,
          id: input.ids.course(input.course.id),
          definition: {
            type: ACTIVITY_TYPES.course,
            name: lang(input.course.language, input.course.title),
          },
        },
      ]
    : [];
  return {
    id: input.meta.id,
    timestamp: input.meta.timestamp,
    actor,
    verb: verb(verbId, display),
    object: sessionActivity(input.ids, input.session),
    context: {
      registration: input.registration,
      ...(withInstructor ? { instructor: input.trainer } : {}),
      ...(input.team ? { team: input.team } : {}),
      ...(grouping.length ? { contextActivities: { grouping } } : {}),
      platform: 'Gangway',
      language: input.session.language,
    },
  };
}

/** A trainer records that a trainee attended a session (sent with the trainer's credential). */
export function buildAttendedStatement(
  input: SessionStatementInput & { trainee: Agent },
): Statement {
  return sessionStatement(input, input.trainee, VERBS.attended, 'attended', true);
}

/** A trainee's device joined a classroom session (by code, QR code or link). */
export function buildJoinedStatement(input: SessionStatementInput & { trainee: Agent }): Statement {
  return sessionStatement(input, input.trainee, VERBS.joined, 'joined', true);
}

/** Voids a statement made by mistake (e.g. an attendance mark), sent by whoever made it. */
export function buildVoidingStatement(input: {
  meta: EventMeta;
  actor: Agent;
  targetId: string;
  /** The registration of the voided statement, so queries by registration see the undo too. */
  registration?: string;
}): Statement {
  return {
    id: input.meta.id,
    timestamp: input.meta.timestamp,
    actor: input.actor,
    verb: verb(VERBS.voided, 'voided'),
    object: { objectType: 'StatementRef', id: input.targetId },
    ...(input.registration ? { context: { registration: input.registration } } : {}),
  };
}

/** A trainer ran a classroom session. */
export function buildHostStatement(input: SessionStatementInput): Statement {
  return sessionStatement(input, input.trainer, VERBS.hosted, 'hosted', false);
}
