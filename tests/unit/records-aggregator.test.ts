import { describe, expect, it } from 'vitest';
import type { Statement } from '@xapi/xapi';
import { createCompletionAggregator } from '../../src/records/completion-aggregator.ts';
import type { CompletionRecord } from '../../src/records/completion-record.ts';
import { describeCourses } from '../../src/records/course-descriptor.ts';
import {
  EXPECTED_ROWS,
  FIXTURE_AUTHORITIES,
  FIXTURE_BASE,
  LEARNERS,
  SESSIONS,
  TRAINERS,
  recordsFixture,
  storedFixture,
  summariseRecord,
} from '../support/records-fixture.ts';

const courses = describeCourses(
  [
    {
      id: '3.19',
      number: '3.19',
      title: 'Ship Security Officer',
      edition: '2012',
      masteryScore: 0.7,
    },
    {
      id: '3.27',
      number: '3.27',
      title: 'Security awareness training for all seafarers',
      edition: '2012',
      masteryScore: 0.7,
    },
  ],
  FIXTURE_BASE,
);

function aggregate(statements: Statement[], pageSize = 3): CompletionRecord[] {
  const aggregator = createCompletionAggregator(courses);
  for (let i = 0; i < statements.length; i += pageSize)
    aggregator.add(statements.slice(i, i + pageSize));
  return aggregator.records();
}

const find = (records: CompletionRecord[], learnerId: string, courseId = '3.19') =>
  records.find((r) => r.learner.id === learnerId && r.course.id === courseId);

describe('completion aggregator', () => {
  it('works out every field of every row of the fixture', () => {
    const records = aggregate(storedFixture());
    expect(records.map(summariseRecord)).toEqual(EXPECTED_ROWS);
    const ana = find(records, 'PH-001');
    expect(ana?.session).toEqual({
      id: `${FIXTURE_BASE}sessions/${SESSIONS.A.sessionId}`,
      title: SESSIONS.A.title,
      registration: SESSIONS.A.registration,
    });
    expect(ana?.trainer).toEqual({ name: 'Capt. Lim', id: 'T-LIM' });
    expect(ana?.masteryScore).toBe(0.7);
    expect(ana?.course).toEqual({
      activityId: `${FIXTURE_BASE}courses/3.19`,
      id: '3.19',
      number: '3.19',
      title: 'Ship Security Officer',
      edition: '2012',
    });
  });

  it('gives the same rows whatever the order and page size of the statements', () => {
    const statements = storedFixture();
    const expected = aggregate(statements);
    expect(aggregate([...statements].reverse(), 1)).toEqual(expected);
    expect(aggregate(statements, 500)).toEqual(expected);
  });

  it('counts a session statement seen twice once (pages of a course and of a session overlap)', () => {
    const statements = storedFixture();
    const sessionStatements = statements.filter((s) =>
      ['attended', 'host'].some((v) => s.verb.id.endsWith(v)),
    );
    expect(aggregate([...statements, ...sessionStatements])).toEqual(aggregate(statements));
  });

  it('ignores voiding statements and leaves a voided result uncounted', () => {
    const { statements, voidedId } = recordsFixture();
    const voiding = statements.find((s) => s.statement.verb.id.endsWith('/voided'));
    expect(voiding).toBeDefined();
    const records = aggregate(storedFixture());
    const ana = find(records, 'PH-001');
    // The LRS leaves the voided "passed 100 %" out; the voiding statement is not an attempt.
    expect(storedFixture().some((s) => s.id === voidedId)).toBe(false);
    expect(ana?.attempts).toBe(2);
    expect(ana?.finalScore).toBe(0.85);
  });

  it('takes the status and score from the latest final result: failed then passed, passed then retaken', () => {
    const records = aggregate(storedFixture());
    expect(find(records, 'PH-001')).toMatchObject({
      status: 'passed',
      attempts: 2,
      finalScore: 0.85,
    });
    expect(find(records, 'AE-002')).toMatchObject({
      status: 'passed',
      attempts: 2,
      finalScore: 0.95,
      completedAt: '2026-11-12T11:00:00.000Z',
    });
    const passedThenFailed = storedFixture().map((s) =>
      s.actor &&
      'account' in s.actor &&
      s.actor.account?.name === 'AE-002' &&
      s.result?.score?.scaled === 0.95
        ? {
            ...s,
            verb: { id: 'http://adlnet.gov/expapi/verbs/failed' },
            result: { ...s.result, score: { scaled: 0.5 } },
          }
        : s,
    );
    expect(find(aggregate(passedThenFailed), 'AE-002')).toMatchObject({
      status: 'failed',
      finalScore: 0.5,
      attempts: 2,
    });
  });

  it('tells trainer-confirmed attendance from self-reported and from none', () => {
    const records = aggregate(storedFixture());
    expect(find(records, 'PH-001')?.attendance).toBe('trainer-confirmed');
    expect(find(records, 'CN-003')?.attendance).toBe('trainer-confirmed');
    expect(find(records, 'AE-002')?.attendance).toBe('self-reported');
    expect(find(records, 'ES-004')?.attendance).toBe('none');
  });

  it('does not confirm attendance sent by a credential other than the host’s', () => {
    // Trainer B's credential marks Ana present in session A, which trainer A hosted.
    const statements = storedFixture().map((s) =>
      s.verb.id.endsWith('/attended') && s.authority && s.authority === FIXTURE_AUTHORITIES.trainerA
        ? { ...s, authority: FIXTURE_AUTHORITIES.trainerB }
        : s,
    );
    expect(find(aggregate(statements), 'PH-001')?.attendance).toBe('self-reported');
  });

  it('does not confirm attendance when the host shares the learner’s own credential', () => {
    const statements = storedFixture().map((s) =>
      s.authority === FIXTURE_AUTHORITIES.trainerB
        ? { ...s, authority: FIXTURE_AUTHORITIES.site }
        : s,
    );
    expect(find(aggregate(statements), 'CN-003')?.attendance).toBe('self-reported');
  });

  it('finds the session of a learner in two sessions: the one where the result was decided', () => {
    const statements = storedFixture();
    // Ana first sat in on session B (trainer B), then passed in session A.
    const visit = {
      ...statements.find(
        (s) => s.verb.id.endsWith('/experienced') && s.actor.name === 'Ana Reyes',
      )!,
      id: '0c0c0c0c-0000-4000-8000-999999999999',
      timestamp: '2026-11-09T09:00:00.000Z',
      context: {
        registration: SESSIONS.B.registration,
        instructor: TRAINERS.B,
        team: SESSIONS.B.team,
        contextActivities: { grouping: [{ id: `${FIXTURE_BASE}courses/3.19` }] },
      },
    } as Statement;
    const ana = find(aggregate([...statements, visit]), 'PH-001');
    expect(ana?.session?.registration).toBe(SESSIONS.A.registration);
    expect(ana?.trainer?.id).toBe('T-LIM');
    expect(ana?.timeSpentSeconds).toBe(19 * 60 + 10 * 60);
    // Without a decided result, the latest session counts.
    const jose = find(
      aggregate([
        ...statements,
        {
          ...visit,
          actor: LEARNERS.jose,
          timestamp: '2026-11-20T09:00:00.000Z',
          context: {
            ...visit.context,
            registration: SESSIONS.A.registration,
            instructor: TRAINERS.A,
          },
        } as Statement,
      ]),
      'ES-004',
    );
    expect(jose?.session?.registration).toBe(SESSIONS.A.registration);
    expect(jose?.trainer?.name).toBe('Capt. Lim');
  });

  it('names the learner by their latest display name and keys them by account', () => {
    const statements = storedFixture();
    const later = {
      ...statements.find((s) => s.actor.name === 'José Martínez-Ibáñez')!,
      id: '0c0c0c0c-0000-4000-8000-888888888888',
      actor: { ...LEARNERS.jose, name: 'José Martínez Ibáñez' },
      timestamp: '2026-11-20T09:00:00.000Z',
    } as Statement;
    const records = aggregate([...statements, later]);
    expect(records.filter((r) => r.learner.id === 'ES-004')).toHaveLength(1);
    expect(find(records, 'ES-004')?.learner.name).toBe('José Martínez Ibáñez');
    expect(find(records, 'ES-004')?.timeSpentSeconds).toBe(6 * 60);
  });

  it('ignores statements of other courses and of no course', () => {
    const other = {
      ...storedFixture()[2]!,
      id: '0c0c0c0c-0000-4000-8000-777777777777',
      object: { objectType: 'Activity', id: 'https://elsewhere.example/courses/3.19/m1/01' },
      context: {
        contextActivities: { grouping: [{ id: 'https://elsewhere.example/courses/3.19' }] },
      },
    } as Statement;
    const aggregator = createCompletionAggregator(courses);
    aggregator.add([other]);
    expect(aggregator.size).toBe(0);
    expect(aggregator.records()).toEqual([]);
  });

  it('keeps one state per learner × course, not per statement', () => {
    const aggregator = createCompletionAggregator(courses);
    const visit = storedFixture().find((s) => s.verb.id.endsWith('/experienced'))!;
    for (let i = 0; i < 1000; i++)
      aggregator.add([{ ...visit, id: `0c0c0c0c-0000-4000-8000-${String(i).padStart(12, '0')}` }]);
    expect(aggregator.size).toBe(1);
    expect(aggregator.records()[0]?.timeSpentSeconds).toBe(1000 * 10 * 60);
  });

  it('filters rows by status, completion date, organisation, trainer and session', () => {
    const aggregator = createCompletionAggregator(courses);
    aggregator.add(storedFixture());
    const ids = (filters: Parameters<typeof aggregator.records>[0]) =>
      aggregator.records(filters).map((r) => `${r.course.id}:${r.learner.id}`);
    expect(ids({ status: ['passed'] })).toEqual(['3.19:PH-001', '3.19:AE-002']);
    expect(ids({ since: '2026-11-12', until: '2026-11-13' })).toEqual([
      '3.19:AE-002',
      '3.19:CN-003',
    ]);
    expect(ids({ until: '2026-11-11' })).toEqual(['3.19:PH-001']);
    expect(ids({ organisation: 'port of' })).toEqual(['3.19:ES-004', '3.19:CN-003']);
    expect(ids({ trainer: 'T-LIM' })).toEqual(['3.19:PH-001', '3.19:AE-002']);
    expect(ids({ trainer: 'okafor' })).toEqual(['3.19:ES-004', '3.19:CN-003']);
    expect(ids({ session: 'November B' })).toEqual(['3.19:ES-004', '3.19:CN-003']);
    expect(ids({ courses: ['3.27'] })).toEqual(['3.27:@eve-005', '3.27:PH-001']);
    expect(ids({ courses: ['3.27'], status: ['in progress'] })).toEqual(['3.27:PH-001']);
  });
});
