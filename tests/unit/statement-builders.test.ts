import { describe, expect, it } from 'vitest';
import { validationWarnings } from '../support/xapi-validation.ts';
import type { Question } from '../../src/content/schemas.ts';
import type { QuizResponse } from '../../src/quiz/responses.ts';
import { activityIds } from '../../src/statements/activity-ids.ts';
import {
  buildAnsweredStatement,
  buildAssessmentResultStatement,
  buildAttendedStatement,
  buildCourseCompletedStatement,
  buildExperiencedStatement,
  buildHostStatement,
  buildLessonCompletedStatement,
  buildModuleCompletedStatement,
  isoDuration,
  MASTERY_SCORE_EXTENSION,
  type BuildBase,
} from '../../src/statements/build-statements.ts';

const ids = activityIds('https://academy.example/gangway');
const trainer = {
  objectType: 'Agent' as const,
  name: 'Capt. Trainer',
  account: { homePage: 'https://academy.example', name: 'T-001' },
};
let n = 0;
const base = (): BuildBase => ({
  ids,
  learner: {
    actor: {
      objectType: 'Agent',
      name: 'Ana Learner',
      account: { homePage: 'https://academy.example', name: 'S-123' },
    },
    registration: '5d4b3c2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
    instructor: trainer,
    team: {
      objectType: 'Group',
      name: 'Class 7',
      account: { homePage: 'https://academy.example/classes', name: 'C-7' },
    },
  },
  course: { id: '3.27', title: 'Security awareness training for all seafarers', language: 'en' },
  meta: {
    id: `0f8b2c1e-7a6d-4e5f-9a0b-${String(++n).padStart(12, '0')}`,
    timestamp: '2026-11-21T10:00:00.000Z',
  },
});
const lesson = {
  moduleId: 'm2-levels-and-roles',
  moduleTitle: 'Security levels',
  lessonId: '01-security-levels',
  lessonTitle: 'Security levels',
};
const common = {
  objective: '3.27-LO-2.1',
  reference: 'ISPS A/2.1.10',
  prompt: 'What does level 2 mean?',
  explanation: 'Heightened risk.',
};

const cases: {
  question: Question;
  response: QuizResponse;
  encoded: string;
  pattern: string;
  interactionType: string;
}[] = [
  {
    question: {
      ...common,
      id: 'single',
      type: 'single',
      choices: [
        { id: 'a', text: 'Heightened risk', correct: true, feedback: 'Yes' },
        { id: 'b', text: 'Attack', correct: false, feedback: 'No' },
      ],
    },
    response: { type: 'single', choice: 'b' },
    encoded: 'b',
    pattern: 'a',
    interactionType: 'choice',
  },
  {
    question: {
      ...common,
      id: 'multi',
      type: 'multiple',
      choices: [
        { id: 'a', text: 'A', correct: true, feedback: 'f' },
        { id: 'b', text: 'B', correct: true, feedback: 'f' },
        { id: 'c', text: 'C', correct: false, feedback: 'f' },
      ],
    },
    response: { type: 'multiple', choices: ['a', 'c'] },
    encoded: 'a[,]c',
    pattern: 'a[,]b',
    interactionType: 'choice',
  },
  {
    question: {
      ...common,
      id: 'tf',
      type: 'true-false',
      answer: false,
      feedbackTrue: 'x',
      feedbackFalse: 'y',
    },
    response: { type: 'true-false', value: true },
    encoded: 'true',
    pattern: 'false',
    interactionType: 'true-false',
  },
  {
    question: {
      ...common,
      id: 'order',
      type: 'ordering',
      items: [
        { id: 'detect', text: 'Detect' },
        { id: 'report', text: 'Report' },
        { id: 'isolate', text: 'Isolate' },
      ],
    },
    response: { type: 'ordering', order: ['report', 'detect', 'isolate'] },
    encoded: 'report[,]detect[,]isolate',
    pattern: 'detect[,]report[,]isolate',
    interactionType: 'sequencing',
  },
  {
    question: {
      ...common,
      id: 'match',
      type: 'matching',
      pairs: [
        { id: 'sso', source: 'SSO', target: 'Inspections' },
        { id: 'cso', source: 'CSO', target: 'Assessment' },
      ],
    },
    response: { type: 'matching', matches: { sso: 'cso', cso: 'sso' } },
    encoded: 'sso[.]t-cso[,]cso[.]t-sso',
    pattern: 'sso[.]t-sso[,]cso[.]t-cso',
    interactionType: 'matching',
  },
];

describe('answered statements', () => {
  for (const { question, response, encoded, pattern, interactionType } of cases) {
    it(`encode a ${question.type} question as a valid ${interactionType} interaction`, () => {
      const statement = buildAnsweredStatement({
        ...base(),
        quiz: { kind: 'final', title: 'Final assessment' },
        question,
        response,
        correct: false,
      });
      expect(validationWarnings(statement)).toEqual([]);
      expect(statement.result?.response).toBe(encoded);
      expect(statement.result?.success).toBe(false);
      const definition = (
        statement.object as {
          definition: { interactionType: string; correctResponsesPattern: string[] };
        }
      ).definition;
      expect(definition.interactionType).toBe(interactionType);
      expect(definition.correctResponsesPattern).toEqual([pattern]);
      expect((statement.object as { id: string }).id).toBe(
        `https://academy.example/gangway/courses/3.27/assessments/final/questions/${question.id}`,
      );
    });
  }

  it('place a lesson question under the lesson and a module-check question under the check', () => {
    const inLesson = buildAnsweredStatement({
      ...base(),
      quiz: { kind: 'lesson', moduleId: 'm2', lessonId: '01', title: 'L' },
      question: cases[0]!.question,
      response: cases[0]!.response,
      correct: true,
    });
    expect((inLesson.object as { id: string }).id).toBe(
      'https://academy.example/gangway/courses/3.27/m2/01/questions/single',
    );
    const inCheck = buildAnsweredStatement({
      ...base(),
      quiz: { kind: 'module-check', moduleId: 'm2', title: 'Check' },
      question: cases[0]!.question,
      response: cases[0]!.response,
      correct: true,
    });
    expect(inCheck.context?.contextActivities?.parent?.[0]?.id).toBe(
      'https://academy.example/gangway/courses/3.27/assessments/m2-check',
    );
    expect(validationWarnings(inLesson)).toEqual([]);
    expect(validationWarnings(inCheck)).toEqual([]);
  });
});

describe('other statements of the profile', () => {
  it('lesson experienced, with the time on screen', () => {
    const s = buildExperiencedStatement({ ...base(), lesson, durationMs: 125_500 });
    expect(validationWarnings(s)).toEqual([]);
    expect(s.result?.duration).toBe('PT2M5.5S');
    expect(s.context?.contextActivities?.grouping?.[0]?.id).toBe(
      'https://academy.example/gangway/courses/3.27',
    );
    expect(s.context?.instructor).toEqual(trainer);
  });

  it('lesson, module and course completed', () => {
    for (const s of [
      buildLessonCompletedStatement({ ...base(), lesson }),
      buildModuleCompletedStatement({ ...base(), moduleId: 'm2', moduleTitle: 'Security levels' }),
      buildCourseCompletedStatement({ ...base(), scaled: 0.85, durationMs: 3_600_000 }),
    ]) {
      expect(validationWarnings(s)).toEqual([]);
      expect(s.verb.id).toBe('http://adlnet.gov/expapi/verbs/completed');
    }
  });

  it('passed and failed carry scaled score and mastery score', () => {
    const passed = buildAssessmentResultStatement({
      ...base(),
      quiz: { kind: 'final', title: 'Final' },
      correct: 17,
      total: 20,
      scaled: 0.85,
      passed: true,
      masteryScore: 0.7,
      durationMs: 600_000,
    });
    const failed = buildAssessmentResultStatement({
      ...base(),
      quiz: { kind: 'module-check', moduleId: 'm2', title: 'Check' },
      correct: 2,
      total: 5,
      scaled: 0.4,
      passed: false,
      masteryScore: 0.7,
      durationMs: 60_000,
    });
    expect(validationWarnings(passed)).toEqual([]);
    expect(validationWarnings(failed)).toEqual([]);
    expect(passed.verb.id).toBe('http://adlnet.gov/expapi/verbs/passed');
    expect(failed.verb.id).toBe('http://adlnet.gov/expapi/verbs/failed');
    expect(passed.result?.score).toEqual({ scaled: 0.85, raw: 17, min: 0, max: 20 });
    expect(passed.context?.extensions?.[MASTERY_SCORE_EXTENSION]).toBe(0.7);
  });

  it('attendance and hosting of a classroom session', () => {
    const session = { sessionId: 'S-2026-11-21-A', title: '3.27 with Class 7', language: 'en' };
    const meta = { id: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d', timestamp: '2026-11-21T09:00:00Z' };
    const attended = buildAttendedStatement({
      ids,
      meta,
      trainee: base().learner.actor,
      trainer,
      session,
      registration: base().learner.registration!,
    });
    const host = buildHostStatement({
      ids,
      meta: { ...meta, id: '8a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d' },
      trainer,
      session,
      registration: base().learner.registration!,
    });
    expect(validationWarnings(attended)).toEqual([]);
    expect(validationWarnings(host)).toEqual([]);
    expect((attended.object as { id: string }).id).toBe(
      'https://academy.example/gangway/sessions/S-2026-11-21-A',
    );
    expect(host.verb.id).toBe('http://activitystrea.ms/host');
  });

  it('formats durations in ISO 8601', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(3_723_450)).toBe('PT1H2M3.45S');
    expect(isoDuration(3_600_000)).toBe('PT1H');
  });
});
