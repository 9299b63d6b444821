import { randomUUID } from 'node:crypto';
import type { Statement } from '@xapi/xapi';
import type { Question } from '../../src/content/schemas.ts';
import { activityIds } from '../../src/statements/activity-ids.ts';
import {
  buildAnsweredStatement,
  buildExperiencedStatement,
  buildLessonCompletedStatement,
} from '../../src/statements/build-statements.ts';

const ids = activityIds('https://gangway.example/');
const course = { id: '3.27', title: 'Security awareness', language: 'en' };
// A question of the real 3.27 bank (courses/3.27/m1-maritime-security/questions.yaml), so the
// evidence matrix counts the answer under objective 3.27-LO-1.1.
const question: Question = {
  id: 'm1-security-vs-safety',
  type: 'single',
  objective: '3.27-LO-1.1',
  reference: 'SOLAS XI-2/1.1.13',
  prompt: 'Which of these is a matter of maritime security rather than safety?',
  explanation: 'x',
  choices: [
    { id: 'a', text: 'A person trying to board the ship at night', correct: true, feedback: 'f' },
    { id: 'b', text: 'A leaking hydraulic pipe on a deck crane.', correct: false, feedback: 'f' },
  ],
};

/** Real learner statements in 3.27 (lesson studied, lesson done, a question answered right), fresh ids. */
export function learnerStatements(traineeId: string, name = 'Ana Reyes'): Statement[] {
  const learner = {
    actor: {
      objectType: 'Agent' as const,
      name,
      account: { homePage: 'https://gangway.example/', name: traineeId },
    },
  };
  const meta = (minute: number) => ({
    id: randomUUID(),
    timestamp: `2026-11-21T09:${String(minute).padStart(2, '0')}:00.000Z`,
  });
  const lesson = {
    moduleId: 'm1-maritime-security',
    moduleTitle: 'Maritime security',
    lessonId: '01-why-security',
    lessonTitle: 'Why security matters',
  };
  return [
    buildExperiencedStatement({ ids, course, learner, meta: meta(1), lesson, durationMs: 60_000 }),
    buildLessonCompletedStatement({ ids, course, learner, meta: meta(2), lesson }),
    buildAnsweredStatement({
      ids,
      course,
      learner,
      meta: meta(3),
      quiz: { kind: 'lesson', moduleId: lesson.moduleId, lessonId: lesson.lessonId, title: 'T' },
      question,
      response: { type: 'single', choice: 'a' },
      correct: true,
    }),
  ];
}

/** The records file "Download my records" saves, holding these statements. */
export function recordsFileText(statements: unknown[], traineeId = 'PH-1'): string {
  return JSON.stringify(
    {
      format: 'gangway-learner-records',
      version: 1,
      exportedAt: '2026-11-21T10:00:00.000Z',
      learner: { name: 'Ana Reyes', traineeId, organisation: 'MV Example' },
      statements,
      states: statements.map((s) => ({ id: (s as Statement).id, state: 'pending' })),
    },
    null,
    2,
  );
}
