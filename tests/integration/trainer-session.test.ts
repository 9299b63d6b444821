/**
 * The trainer side through the same client the trainer pages use, against every LRS the platform
 * must work with: the session's host statement lists it, trainee statements are read back by
 * registration in incremental `since` refreshes paged with `more`, attendance marks are made and
 * undone by voiding, and the dashboard summary comes out right. Only standard xAPI is used.
 */
import { randomUUID } from 'node:crypto';
import type { Statement } from '@xapi/xapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaffClient, StaffCredentialError } from '../../src/staff/staff-client.ts';
import { activityIds } from '../../src/statements/activity-ids.ts';
import {
  buildAnsweredStatement,
  buildLessonCompletedStatement,
  buildVoidingStatement,
  VERBS,
} from '../../src/statements/build-statements.ts';
import {
  createClassroomSession,
  sessionFromStatement,
} from '../../src/trainer/classroom-session.ts';
import { SessionFeed } from '../../src/trainer/session-feed.ts';
import {
  classroomLearnerContext,
  sessionAttendedStatement,
  sessionHostStatement,
} from '../../src/trainer/session-statements.ts';
import { summariseSession } from '../../src/trainer/session-summary.ts';
import type { LrsEndpoint } from './support/lrs-process.ts';
import { LRS_TARGETS } from './support/lrs-targets.ts';

const ids = activityIds('https://academy.example/');
const homePage = 'https://academy.example/';
const now = (offsetMs = 0) => ({
  id: randomUUID(),
  timestamp: new Date(Date.now() + offsetMs).toISOString(),
});
const course = { id: '3.27', title: 'Security awareness', language: 'en' };
const lesson = {
  moduleId: 'm1',
  moduleTitle: 'Module 1',
  lessonId: '01',
  lessonTitle: 'Why ships need security',
};
const question = {
  id: 'q1',
  type: 'single' as const,
  objective: 'o1',
  reference: 'ISPS A/2.1.10',
  prompt: 'What does level 2 mean?',
  explanation: 'x',
  choices: [
    { id: 'a', text: 'Heightened risk', correct: true, feedback: 'f' },
    { id: 'b', text: 'Attack imminent', correct: false, feedback: 'f' },
  ],
};

describe.each(LRS_TARGETS)('a classroom session on $name', (target) => {
  let lrs: LrsEndpoint & { stop(): Promise<void> };
  beforeAll(async () => {
    if (!target.skip) lrs = await target.start();
  }, 60_000);
  afterAll(async () => {
    if (!target.skip) await lrs?.stop();
  });

  it.skipIf(target.skip)('is listed, followed live and its attendance kept', async () => {
    const client = new StaffClient(lrs);
    await client.check({ read: true, write: true });
    const trainerId = `TR-${randomUUID().slice(0, 8)}`;
    const session = createClassroomSession(
      {
        course: { ...course, number: '3.27' },
        modules: ['m1'],
        date: '2026-11-21',
        place: 'Room 2',
        className: 'Deck ratings',
        trainer: { name: 'Tess', id: trainerId },
        homePage,
      },
      { now: new Date(), uuid: randomUUID },
    );
    await client.send([sessionHostStatement(ids, session, now())]);
    const hosted = await client.all({
      verb: VERBS.hosted,
      agent: JSON.stringify({ account: session.trainer.account }),
    });
    expect(hosted.map(sessionFromStatement)).toEqual([session]);

    // 120 answers from 40 trainees arrive in two waves; the feed pages through them with `more`.
    const trainees = Array.from({ length: 40 }, (_, i) => ({
      objectType: 'Agent' as const,
      name: `Trainee ${i}`,
      account: { homePage, name: `S-${i}-${trainerId}` },
    }));
    const answers = (from: number, to: number) =>
      trainees.slice(from, to).flatMap((actor, i) =>
        Array.from({ length: 3 }, () =>
          buildAnsweredStatement({
            ids,
            course,
            learner: classroomLearnerContext(ids, session, actor),
            meta: now(i),
            quiz: { kind: 'lesson', moduleId: 'm1', lessonId: '01', title: 'Check' },
            question,
            response: { type: 'single', choice: i % 4 === 0 ? 'b' : 'a' },
            correct: i % 4 !== 0,
          }),
        ),
      );
    await client.send(answers(0, 20));
    // Small pages, so every refresh follows several `more` links.
    const feed = new SessionFeed(session.registration, 25);
    const outline = {
      lessons: new Map([[ids.lesson('3.27', 'm1', '01'), lesson.lessonTitle]]),
      moduleChecks: new Map(),
      finalAssessment: ids.assessment('3.27', 'final'),
    };
    // host + 60 answers
    expect(await feed.refresh(client)).toBe(61);
    await client.send([
      ...answers(20, 40),
      buildLessonCompletedStatement({
        ids,
        course,
        learner: classroomLearnerContext(ids, session, trainees[0]!),
        meta: now(),
        lesson,
      }),
    ]);
    expect(await feed.refresh(client)).toBe(61);
    expect(await feed.refresh(client)).toBe(0);

    const mark = sessionAttendedStatement(ids, session, trainees[1]!, now());
    const other = sessionAttendedStatement(ids, session, trainees[2]!, now());
    await client.send([mark, other]);
    expect(await feed.refresh(client)).toBe(2);
    await client.send([
      buildVoidingStatement({
        meta: now(),
        actor: session.trainer,
        targetId: mark.id!,
        registration: session.registration,
      }),
    ]);
    expect(await feed.refresh(client)).toBe(1);
    const summary = summariseSession(feed.statements() as Statement[], outline);
    expect(summary.roster).toHaveLength(40);
    expect(summary.roster.filter((r) => r.attendedStatementId).map((r) => r.traineeId)).toEqual([
      `S-2-${trainerId}`,
    ]);
    expect(summary.roster.find((r) => r.traineeId === `S-0-${trainerId}`)?.lessonsDone).toBe(1);
    expect(summary.questions).toEqual([
      expect.objectContaining({
        answered: 120,
        correctShare: 0.75,
        commonWrong: expect.objectContaining({ response: 'b', count: 30 }),
      }),
    ]);
  });

  // Learning Locker runs here with its test authentication, which accepts any credential.
  it.skipIf(target.skip || target.name.includes('Learning Locker'))(
    'names a wrong credential as such',
    async () => {
      const wrong = new StaffClient({
        endpoint: lrs.endpoint,
        auth: `Basic ${btoa('nobody:wrong')}`,
      });
      const failure = await wrong.check({ read: true, write: false }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(StaffCredentialError);
      expect((failure as StaffCredentialError).kind).toBe('wrong-credential');
    },
  );
});
