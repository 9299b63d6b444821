import type { Statement } from '@xapi/xapi';
import { describe, expect, it } from 'vitest';
import { activityIds } from '../../src/statements/activity-ids.ts';
import { buildVoidingStatement } from '../../src/statements/build-statements.ts';
import {
  createClassroomSession,
  decodeJoinPayload,
  encodeJoinPayload,
  JOIN_CODE_ALPHABET,
  joinLink,
  newJoinCode,
  newSessionProblems,
  normaliseJoinCode,
  sessionFromStatement,
} from '../../src/trainer/classroom-session.ts';
import { SessionFeed } from '../../src/trainer/session-feed.ts';
import {
  classroomLearnerContext,
  sessionAttendedStatement,
  sessionHostStatement,
  sessionJoinedStatement,
} from '../../src/trainer/session-statements.ts';
import { summariseSession } from '../../src/trainer/session-summary.ts';
import { ownCompletions, summariseTrainerHistory } from '../../src/trainer/trainer-record.ts';
import { validationWarnings } from '../support/xapi-validation.ts';

const ids = activityIds('https://academy.example/');
const homePage = 'https://academy.example/';
let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
const meta = (minute: number) => ({
  id: uuid(),
  timestamp: `2026-11-21T09:${String(minute).padStart(2, '0')}:00.000Z`,
});
const session = createClassroomSession(
  {
    course: { id: '3.27', number: '3.27', title: 'Security awareness', language: 'en' },
    modules: ['m1', 'm2'],
    date: '2026-11-21',
    place: 'Room 2',
    className: 'Déck ratings, Nov',
    trainer: { name: 'Tess Trainer', id: 'TR-1' },
    homePage,
  },
  { now: new Date('2026-11-21T08:00:00Z'), uuid, random: () => 5 },
);
const trainee = (name: string, id: string) => ({
  objectType: 'Agent' as const,
  name,
  account: { homePage, name: id },
});

describe('classroom sessions', () => {
  it('gives a session an id, a registration and an unambiguous join code', () => {
    expect(session.sessionId).toBe('2026-11-21-deck-ratings-nov-ffff');
    expect(session.joinCode).toBe(JOIN_CODE_ALPHABET[5]!.repeat(6));
    expect(newJoinCode()).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(normaliseJoinCode(' k7q-w2m ')).toBe('K7QW2M');
    expect(normaliseJoinCode('K7QW2O')).toBeUndefined();
    expect(normaliseJoinCode('K7QW2')).toBeUndefined();
  });

  it('names every missing field of the new-session form', () => {
    expect(newSessionProblems({ modules: [], date: '21/11/2026' })).toEqual([
      'Choose the course.',
      'Choose at least one module to cover.',
      'Give the date as YYYY-MM-DD.',
      'Give the class a name.',
      'Say where the session takes place.',
    ]);
  });

  it('carries the whole session in its join link, and refuses a damaged one', () => {
    const link = joinLink(session, 'https://ship.example');
    const payload = new URL(link).searchParams.get('s')!;
    expect(decodeJoinPayload(payload)).toEqual(session);
    expect(() => decodeJoinPayload(payload.slice(0, 40))).toThrow(/damaged|does not describe/);
    expect(() =>
      decodeJoinPayload(encodeJoinPayload({ ...session, registration: 1 as never })),
    ).toThrow('does not describe a classroom session');
  });

  it('makes valid statements: host describes the session; trainees carry registration, trainer and class', () => {
    const host = sessionHostStatement(ids, session, meta(0));
    expect(sessionFromStatement(host)).toEqual(session);
    const joined = sessionJoinedStatement(ids, session, trainee('Ana', 'S-1'), meta(1));
    const attended = sessionAttendedStatement(ids, session, trainee('Ana', 'S-1'), meta(2));
    for (const statement of [host, joined, attended])
      expect(validationWarnings(statement)).toEqual([]);
    expect(attended.context?.instructor).toEqual(session.trainer);
    const context = classroomLearnerContext(ids, session, trainee('Ana', 'S-1'));
    expect(context.registration).toBe(session.registration);
    expect(context.team).toMatchObject({ objectType: 'Group', name: 'Déck ratings, Nov' });
    expect(context.contextTemplate?.contextActivities?.other?.[0]?.id).toBe(
      ids.session(session.sessionId),
    );
  });
});

describe('the live session feed', () => {
  it('asks only for what is new (with overlap), keeps each statement once and drops voided ones', async () => {
    const ana = trainee('Ana', 'S-1');
    const mark = {
      ...sessionAttendedStatement(ids, session, ana, meta(3)),
      stored: '2026-11-21T09:03:00.500Z',
    };
    const joined = {
      ...sessionJoinedStatement(ids, session, ana, meta(1)),
      stored: '2026-11-21T09:01:00.500Z',
    };
    const undo = {
      ...buildVoidingStatement({ meta: meta(4), actor: session.trainer, targetId: mark.id! }),
      stored: '2026-11-21T09:04:00.500Z',
    };
    const answers: Statement[][][] = [[[joined], [mark]], [[mark, undo]]];
    const queries: Record<string, string | undefined>[] = [];
    const pager = {
      async *pages(query: Record<string, string | undefined>) {
        queries.push(query);
        for (const page of answers.shift() ?? []) yield page;
      },
    };
    const feed = new SessionFeed(session.registration);
    expect(await feed.refresh(pager)).toBe(2);
    expect(summariseSession(feed.statements(), emptyOutline()).roster[0]?.attendedStatementId).toBe(
      mark.id,
    );
    expect(await feed.refresh(pager)).toBe(1);
    expect(queries[0]).toEqual({ registration: session.registration, limit: '500' });
    expect(queries[1]?.since).toBe('2026-11-21T09:02:58.500Z');
    const summary = summariseSession(feed.statements(), emptyOutline());
    expect(summary.roster).toHaveLength(1);
    expect(summary.roster[0]).toMatchObject({ traineeId: 'S-1', joinedAt: joined.timestamp });
    expect(summary.roster[0]?.attendedStatementId).toBeUndefined();
  });
});

function emptyOutline() {
  return {
    lessons: new Map(),
    moduleChecks: new Map(),
    finalAssessment: ids.assessment('3.27', 'final'),
  };
}

describe('train-the-trainer records', () => {
  const final = ids.assessment('3.27', 'final');
  const result = (
    who: ReturnType<typeof trainee>,
    verb: 'passed' | 'failed',
    minute: number,
    instructor = session.trainer,
  ) =>
    ({
      id: uuid(),
      timestamp: `2026-11-21T10:${String(minute).padStart(2, '0')}:00.000Z`,
      actor: who,
      verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
      object: { objectType: 'Activity', id: final },
      result: { score: { scaled: verb === 'passed' ? 0.9 : 0.4 } },
      context: {
        registration: session.registration,
        instructor,
        contextActivities: {
          grouping: [
            { id: ids.course('3.27'), definition: { name: { en: 'Security awareness' } } },
          ],
        },
      },
    }) as Statement;

  it('counts hosted sessions, trainees and the latest final result of each', () => {
    const ana = trainee('Ana', 'S-1');
    const ben = trainee('Ben', 'S-2');
    const statements = [
      sessionHostStatement(ids, session, meta(0)),
      sessionJoinedStatement(ids, session, ana, meta(1)),
      sessionJoinedStatement(ids, session, ben, meta(2)),
      sessionAttendedStatement(ids, session, ana, meta(3)),
      result(ana, 'failed', 1),
      result(ana, 'passed', 2),
      result(ben, 'failed', 3),
    ];
    const history = summariseTrainerHistory(statements, session.trainer);
    expect(history).toMatchObject({ trainees: 2, passed: 1, assessed: 2 });
    expect(history.sessions).toHaveLength(1);
    expect(history.sessions[0]).toMatchObject({ joined: 2, attended: 1, passed: 1, failed: 1 });
  });

  it('finds a trainer’s own results with who instructed them', () => {
    const tess = session.trainer;
    const mentor = trainee('Mo Mentor', 'TR-0');
    const own = ownCompletions([result(tess as never, 'passed', 5, mentor)], tess);
    expect(own).toEqual([
      expect.objectContaining({
        courseId: '3.27',
        courseTitle: 'Security awareness',
        verdict: 'passed',
        instructor: mentor,
      }),
    ]);
  });
});
