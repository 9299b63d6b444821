/**
 * The completion-records collector against real LRS processes: the fixture is posted with the
 * credentials that would send it in real life (the site's write-only credential, each trainer's,
 * the administrator's), so `authority` is the LRS's own, and the collector reads it back with an
 * administrator's read credential through standard queries only.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectCompletionRecords } from '../../src/records/collect-completions.ts';
import { describeCourses } from '../../src/records/course-descriptor.ts';
import { StaffClient } from '../../src/staff/staff-client.ts';
import {
  EXPECTED_ROWS,
  FIXTURE_BASE,
  postRecordsFixture,
  summariseRecord,
} from '../support/records-fixture.ts';
import { startLearningLocker, type LearningLocker } from './support/learning-locker.ts';
import { removeDataDir, startLrs, type LrsProcess } from './support/lrs-process.ts';
import { xapi } from './support/xapi-client.ts';

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

describe('collecting completion records from the records server', () => {
  let lrs: LrsProcess;
  let reader: StaffClient;

  beforeAll(async () => {
    lrs = await startLrs();
    await postRecordsFixture(lrs.endpoint, {
      site: lrs.credential('Gangway site (write-only)', 'statements/write'),
      trainerA: lrs.credential('Capt. Lim', 'statements/write,statements/read'),
      trainerB: lrs.credential('Ms. Okafor', 'statements/write,statements/read'),
      admin: lrs.auth,
    });
    reader = new StaffClient({
      endpoint: lrs.endpoint,
      auth: lrs.credential('Administrator', 'statements/read'),
    });
  });
  afterAll(async () => {
    await lrs?.stop();
    if (lrs) removeDataDir(lrs.dataDir);
  });

  it('gives every row of the fixture, paging in small pages', async () => {
    const seen: number[] = [];
    const records = await collectCompletionRecords(reader, {
      courses,
      pageSize: 2,
      onProgress: (progress) => seen.push(progress.statements),
    });
    expect(records.map(summariseRecord)).toEqual(EXPECTED_ROWS);
    // Many pages of two: the progress grew page by page.
    expect(new Set(seen).size).toBeGreaterThan(10);
    expect(records[0]?.session?.title).toBe('SSO course, November A');
  });

  it('finds learners who started before the "since" date and keeps their whole history', async () => {
    // Kai failed before the date (stored before it) and passed after it: the row must count
    // both attempts and all the time spent, though the LRS's `since` is on `stored`.
    const kai = {
      objectType: 'Agent',
      name: 'Kai Nakamura',
      account: { homePage: FIXTURE_BASE, name: 'JP-006' },
    };
    const final = `${FIXTURE_BASE}courses/3.19/assessments/final`;
    const result = (verb: string, scaled: number, timestamp: string) => ({
      id: randomUUID(),
      actor: kai,
      verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
      object: { objectType: 'Activity', id: final },
      result: { score: { scaled }, success: verb === 'passed', duration: 'PT10M' },
      context: { contextActivities: { grouping: [{ id: `${FIXTURE_BASE}courses/3.19` }] } },
      timestamp,
    });
    const post = (body: unknown) =>
      xapi(lrs, 'POST', 'statements', { body }).then((a) => expect(a.status).toBe(200));
    await post([result('failed', 0.5, new Date(Date.now() - 60_000).toISOString())]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await post([result('passed', 0.9, new Date().toISOString())]);

    const rows = await collectCompletionRecords(reader, {
      courses,
      filters: { since },
      pageSize: 2,
    });
    expect(rows.map((r) => [r.learner.id, r.status, r.attempts, r.timeSpentSeconds])).toEqual([
      ['JP-006', 'passed', 2, 1200],
    ]);
    // Without the date, Kai is one more row among the fixture's.
    const all = await collectCompletionRecords(reader, { courses });
    expect(all.filter((r) => r.learner.id !== 'JP-006').map(summariseRecord)).toEqual(
      EXPECTED_ROWS,
    );

    const november = await collectCompletionRecords(reader, {
      courses,
      filters: { since: '2026-11-12', until: '2026-11-13' },
    });
    expect(november.map(summariseRecord)).toEqual(
      EXPECTED_ROWS.filter((r) => ['AE-002', 'CN-003'].includes(r.learnerId)),
    );
  });

  it('narrows by course, status, trainer, session and organisation', async () => {
    const ids = async (filters: Parameters<typeof collectCompletionRecords>[1]['filters']) =>
      (await collectCompletionRecords(reader, { courses, filters })).map(
        (r) => `${r.course.id}:${r.learner.id}`,
      );
    expect(await ids({ courses: ['3.27'] })).toEqual(['3.27:@eve-005', '3.27:PH-001']);
    expect(await ids({ status: ['failed'] })).toEqual(['3.19:CN-003']);
    expect(await ids({ trainer: 'Capt. Lim' })).toEqual(['3.19:PH-001', '3.19:AE-002']);
    expect(await ids({ session: 'b0b0b0b0' })).toEqual(['3.19:ES-004', '3.19:CN-003']);
    expect(await ids({ organisation: 'MV Example' })).toEqual(['3.19:PH-001', '3.19:AE-002']);
  });

  it('refuses an unknown course or a bad date, naming it', async () => {
    await expect(
      collectCompletionRecords(reader, { courses, filters: { courses: ['9.99'] } }),
    ).rejects.toThrow('No course "9.99"');
    await expect(
      collectCompletionRecords(reader, { courses, filters: { since: '21/11/2026' } }),
    ).rejects.toThrow('"since" date "21/11/2026"');
  });

  it('says a wrong credential is wrong', async () => {
    const wrong = new StaffClient({
      endpoint: lrs.endpoint,
      auth: `Basic ${Buffer.from('nobody:nothing').toString('base64')}`,
    });
    await expect(collectCompletionRecords(wrong, { courses })).rejects.toThrow(
      'did not accept this key and secret (401)',
    );
  });
});

describe("collecting completion records from Learning Locker's statements service", () => {
  let ll: LearningLocker;
  beforeAll(async () => {
    ll = await startLearningLocker();
    // Its test auth accepts any credential under one authority, so attendance cannot be told
    // apart there; every other column must come out the same.
    await postRecordsFixture(ll.endpoint, {
      site: ll.auth,
      trainerA: ll.auth,
      trainerB: ll.auth,
      admin: ll.auth,
    });
  });
  afterAll(async () => {
    await ll?.stop();
  });

  it('gives the same rows through standard queries', async () => {
    const records = await collectCompletionRecords(
      new StaffClient({ endpoint: ll.endpoint, auth: ll.auth }),
      { courses, pageSize: 3 },
    );
    const withoutAttendance = (rows: typeof EXPECTED_ROWS) =>
      rows.map(({ attendance, ...rest }) => ({ ...rest, attended: attendance !== 'none' }));
    expect(withoutAttendance(records.map(summariseRecord))).toEqual(
      withoutAttendance(EXPECTED_ROWS),
    );
    expect(records.find((r) => r.learner.id === 'PH-001')?.attendance).toBe('self-reported');
  });
});
