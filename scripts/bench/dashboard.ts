/**
 * Trainer dashboard benchmark: a 40-trainee classroom session with 5,000 statements in a local
 * records server (SQLite), read through the same client, feed and summary the dashboard uses.
 * Prints the first load (every statement, paged with `more`), an incremental refresh with nothing
 * new and with 100 new statements, and the summary computation alone.
 *
 * `node scripts/bench/dashboard.ts [--trainees 40] [--statements 5000] [--rounds 20]`
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Statement } from '@xapi/xapi';
import { StaffClient } from '../../src/staff/staff-client.ts';
import { activityIds } from '../../src/statements/activity-ids.ts';
import {
  buildAnsweredStatement,
  buildExperiencedStatement,
  buildLessonCompletedStatement,
} from '../../src/statements/build-statements.ts';
import { createClassroomSession } from '../../src/trainer/classroom-session.ts';
import { SessionFeed } from '../../src/trainer/session-feed.ts';
import {
  classroomLearnerContext,
  sessionHostStatement,
} from '../../src/trainer/session-statements.ts';
import { summariseSession } from '../../src/trainer/session-summary.ts';
import { removeDataDir, startLrs } from '../../tests/integration/support/lrs-process.ts';

const { values } = parseArgs({
  options: {
    trainees: { type: 'string', default: '40' },
    statements: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '20' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(
    'Usage: node scripts/bench/dashboard.ts [--trainees 40] [--statements 5000] [--rounds 20 (timed repeats)]',
  );
  process.exit(0);
}
const traineeCount = Number(values.trainees);
const statementCount = Number(values.statements);
const rounds = Number(values.rounds);

const ids = activityIds('https://gangway.example/');
const homePage = 'https://gangway.example/';
const course = { id: '3.27', title: 'Security awareness', language: 'en' };
const session = createClassroomSession(
  {
    course: { ...course, number: '3.27' },
    modules: ['m1', 'm2', 'm3', 'm4'],
    date: '2026-11-21',
    place: 'Bench room',
    className: 'Bench class',
    trainer: { name: 'Bench Trainer', id: 'TR-bench' },
    homePage,
  },
  { now: new Date(), uuid: randomUUID },
);
const lessons = Array.from({ length: 10 }, (_, i) => ({
  moduleId: `m${1 + Math.floor(i / 3)}`,
  moduleTitle: `Module ${1 + Math.floor(i / 3)}`,
  lessonId: `l${i}`,
  lessonTitle: `Lesson ${i}`,
}));
const questions = Array.from({ length: 30 }, (_, i) => ({
  id: `q${i}`,
  type: 'single' as const,
  objective: 'o1',
  reference: 'ISPS A/2.1',
  prompt: `Question ${i}`,
  explanation: 'x',
  choices: ['a', 'b', 'c', 'd'].map((id) => ({
    id,
    text: `Choice ${id}`,
    correct: id === 'a',
    feedback: 'f',
  })),
}));
const trainees = Array.from({ length: traineeCount }, (_, i) => ({
  objectType: 'Agent' as const,
  name: `Trainee ${i}`,
  account: { homePage, name: `S-${i}` },
}));

let clock = Date.parse('2026-11-21T08:00:00Z');
function studyStatement(n: number): Statement {
  const actor = trainees[n % traineeCount]!;
  const learner = classroomLearnerContext(ids, session, actor);
  const lesson = lessons[Math.floor(n / traineeCount) % lessons.length]!;
  const meta = { id: randomUUID(), timestamp: new Date((clock += 250)).toISOString() };
  const kind = n % 5;
  if (kind === 0)
    return buildExperiencedStatement({ ids, course, learner, meta, lesson, durationMs: 60_000 });
  if (kind === 1) return buildLessonCompletedStatement({ ids, course, learner, meta, lesson });
  const question = questions[n % questions.length]!;
  const choice = ['a', 'b', 'a', 'c'][n % 4]!;
  return buildAnsweredStatement({
    ids,
    course,
    learner,
    meta,
    quiz: { kind: 'lesson', moduleId: lesson.moduleId, lessonId: lesson.lessonId, title: 'Check' },
    question,
    response: { type: 'single', choice },
    correct: choice === 'a',
  });
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
const ms = (n: number) => `${n.toFixed(1)} ms`;

const lrs = await startLrs();
try {
  const client = new StaffClient(lrs);
  const all = [
    sessionHostStatement(ids, session, {
      id: randomUUID(),
      timestamp: new Date(clock).toISOString(),
    }),
  ];
  for (let n = 0; n < statementCount - 1; n++) all.push(studyStatement(n));
  for (let i = 0; i < all.length; i += 500) await client.send(all.slice(i, i + 500));
  const outline = {
    lessons: new Map(
      lessons.map((l) => [ids.lesson(course.id, l.moduleId, l.lessonId), l.lessonTitle]),
    ),
    moduleChecks: new Map<string, string>(),
    finalAssessment: ids.assessment(course.id, 'final'),
  };

  const firstLoad: number[] = [];
  const summaryOnly: number[] = [];
  let feed = new SessionFeed(session.registration);
  for (let round = 0; round < Math.max(3, Math.ceil(rounds / 4)); round++) {
    feed = new SessionFeed(session.registration);
    const started = performance.now();
    await feed.refresh(client);
    summariseSession(feed.statements(), outline);
    firstLoad.push(performance.now() - started);
  }
  const statements = feed.statements();
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    summariseSession(statements, outline);
    summaryOnly.push(performance.now() - started);
  }
  const idle: number[] = [];
  const busy: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let started = performance.now();
    await feed.refresh(client);
    summariseSession(feed.statements(), outline);
    idle.push(performance.now() - started);
    await client.send(
      Array.from({ length: 100 }, (_, i) => studyStatement(statementCount + round * 100 + i)),
    );
    started = performance.now();
    const added = await feed.refresh(client);
    summariseSession(feed.statements(), outline);
    busy.push(performance.now() - started);
    if (added !== 100) throw new Error(`the refresh found ${added} new statements, not 100`);
  }
  console.log(
    `Trainer dashboard: ${traineeCount} trainees, ${statementCount.toLocaleString('en')} statements (records server, SQLite)`,
  );
  console.log(
    `  first load (all pages + summary), median of ${firstLoad.length}: ${ms(median(firstLoad))}`,
  );
  console.log(`  refresh with nothing new, median of ${rounds}:              ${ms(median(idle))}`);
  console.log(`  refresh with 100 new statements, median of ${rounds}:       ${ms(median(busy))}`);
  console.log(
    `  summary of ${statements.length.toLocaleString('en')} statements alone, median of ${rounds}:  ${ms(median(summaryOnly))}`,
  );
} finally {
  await lrs.stop();
  removeDataDir(lrs.dataDir);
}
