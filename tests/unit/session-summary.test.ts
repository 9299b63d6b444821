import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/content/schemas.ts';
import { activityIds } from '../../src/statements/activity-ids.ts';
import {
  buildAnsweredStatement,
  buildAssessmentResultStatement,
  buildExperiencedStatement,
  buildLessonCompletedStatement,
  type LearnerContext,
} from '../../src/statements/build-statements.ts';
import { summariseSession } from '../../src/trainer/session-summary.ts';

const ids = activityIds('https://academy.example/');
const course = { id: '3.27', title: 'Security awareness', language: 'en' };
const registration = '0b5f2c1e-3d4a-4b6c-8d7e-9f0a1b2c3d4e';
const trainee = (name: string, id: string): LearnerContext => ({
  actor: { objectType: 'Agent', name, account: { homePage: 'https://academy.example', name: id } },
  registration,
});
const ana = trainee('Ana', 'S-1');
const ben = trainee('<img src=x onerror=alert(1)>', 'S-2');
const lesson = {
  moduleId: 'm1',
  moduleTitle: 'Module 1',
  lessonId: '01',
  lessonTitle: 'Why ships need security',
};
const question: Question = {
  id: 'q-levels',
  type: 'single',
  objective: '3.27-LO-2.1',
  reference: 'ISPS A/2.1.10',
  prompt: 'What does level 2 mean?',
  explanation: 'x',
  choices: [
    { id: 'a', text: 'Heightened risk', correct: true, feedback: 'f' },
    { id: 'b', text: 'Attack imminent', correct: false, feedback: 'f' },
  ],
};
let n = 0;
const meta = (t: string) => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  timestamp: `2026-11-21T09:${t}:00Z`,
});
const outline = {
  lessons: new Map([[ids.lesson('3.27', 'm1', '01'), 'Why ships need security']]),
  moduleChecks: new Map([[ids.assessment('3.27', 'm1-check'), 'Module 1']]),
  finalAssessment: ids.assessment('3.27', 'final'),
};

describe('a classroom session summary', () => {
  const quiz = { kind: 'module-check' as const, moduleId: 'm1', title: 'Module check' };
  const statements = [
    buildExperiencedStatement({
      ids,
      course,
      learner: ana,
      meta: meta('05'),
      lesson,
      durationMs: 60_000,
    }),
    buildLessonCompletedStatement({ ids, course, learner: ana, meta: meta('06'), lesson }),
    buildAnsweredStatement({
      ids,
      course,
      learner: ana,
      meta: meta('07'),
      quiz,
      question,
      response: { type: 'single', choice: 'a' },
      correct: true,
    }),
    buildAnsweredStatement({
      ids,
      course,
      learner: ben,
      meta: meta('08'),
      quiz,
      question,
      response: { type: 'single', choice: 'b' },
      correct: false,
    }),
    buildAssessmentResultStatement({
      ids,
      course,
      learner: ana,
      meta: meta('09'),
      quiz,
      correct: 4,
      total: 5,
      scaled: 0.8,
      passed: true,
      masteryScore: 0.7,
      durationMs: 1,
    }),
    buildAssessmentResultStatement({
      ids,
      course,
      learner: ben,
      meta: meta('10'),
      quiz: { kind: 'final', title: 'Final' },
      correct: 10,
      total: 20,
      scaled: 0.5,
      passed: false,
      masteryScore: 0.7,
      durationMs: 1,
    }),
  ].reverse();
  const summary = summariseSession(statements, outline);

  it('lists each trainee with current lesson, lessons done, check scores and final result', () => {
    const anaRow = summary.roster.find((r) => r.name === 'Ana')!;
    expect(anaRow).toMatchObject({
      currentLesson: 'Why ships need security',
      lessonsDone: 1,
      moduleChecks: { 'Module 1': 0.8 },
    });
    const benRow = summary.roster.find((r) => r.key === 'account:https://academy.example|S-2')!;
    expect(benRow.final).toEqual({ passed: false, scaled: 0.5 });
    // Names are data: kept as sent, for the page to render as text.
    expect(benRow.name).toBe('<img src=x onerror=alert(1)>');
  });

  it('shows what the class got wrong: share correct and the most chosen wrong answer', () => {
    expect(summary.questions).toEqual([
      {
        questionId: 'q-levels',
        prompt: 'What does level 2 mean?',
        answered: 2,
        correctShare: 0.5,
        commonWrong: { response: 'b', label: 'Attack imminent', count: 1 },
      },
    ]);
  });

  it('keeps a timeline in the order things happened', () => {
    expect(summary.timeline.map((t) => t.what)).toEqual([
      'studied “Why ships need security”',
      'finished “Why ships need security”',
      'passed the check of “Module 1” (80 %)',
      'failed the final assessment (50 %)',
    ]);
  });
});
