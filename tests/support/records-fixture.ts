/**
 * A small school's records for the completion-records tests, made with the site's own statement
 * builders so they have the profile's shapes: two classroom sessions with two trainers, retakes,
 * a failed then passed attempt, a voided result, trainer-confirmed and self-reported attendance,
 * Unicode names and a name that looks like a spreadsheet formula. Each statement says which
 * credential sends it (the LRS records that credential as its `authority`), and `expectedRows`
 * is what the export must show, worked out by hand.
 */
import type { Agent, Group, Statement } from '@xapi/xapi';
import type { CompletionRecord } from '../../src/records/completion-record.ts';
import { activityIds } from '../../src/statements/activity-ids.ts';
import {
  buildAssessmentResultStatement,
  buildAttendedStatement,
  buildCourseCompletedStatement,
  buildExperiencedStatement,
  buildHostStatement,
  type BuildBase,
  type LearnerContext,
} from '../../src/statements/build-statements.ts';

/** Who sends a statement: the site's write-only credential, a trainer's, or the administrator's. */
export type SenderRole = 'site' | 'trainerA' | 'trainerB' | 'admin';

/** A statement and the credential it is sent with. */
export interface FixtureStatement {
  statement: Statement;
  sender: SenderRole;
}

/** The canonical activity base of the fixture's installation. */
export const FIXTURE_BASE = 'https://academy.example/gangway/';
const ids = activityIds(FIXTURE_BASE);
const HOME = 'https://academy.example/gangway/';

const agent = (name: string, id: string): Agent => ({
  objectType: 'Agent',
  name,
  account: { homePage: HOME, name: id },
});
const team = (name: string, id: string): Group => ({
  objectType: 'Group',
  name,
  account: { homePage: `${HOME}classes`, name: id },
});

/** The two trainers. */
export const TRAINERS = { A: agent('Capt. Lim', 'T-LIM'), B: agent('Ms. Okafor', 'T-OKA') };

/** The two classroom sessions of course 3.19. */
export const SESSIONS = {
  A: {
    sessionId: 'sso-2026-11-a',
    title: 'SSO course, November A',
    registration: 'a0a0a0a0-1111-4111-8111-000000000001',
    team: team('MV Example Star', 'C-A'),
  },
  B: {
    sessionId: 'sso-2026-11-b',
    title: 'SSO course, November B',
    registration: 'b0b0b0b0-2222-4222-8222-000000000002',
    team: team('Port of Example', 'C-B'),
  },
};

/** The learners. */
export const LEARNERS = {
  ana: agent('Ana Reyes', 'PH-001'),
  mohammed: agent('محمد العلي', 'AE-002'),
  wang: agent('王芳', 'CN-003'),
  jose: agent('José Martínez-Ibáñez', 'ES-004'),
  eve: agent('=1+2 Eve', '@eve-005'),
};

const SSO = { id: '3.19', title: 'Ship Security Officer', language: 'en' };
const AWARENESS = {
  id: '3.27',
  title: 'Security awareness training for all seafarers',
  language: 'en',
};

let counter = 0;
const nextId = () => `0c0c0c0c-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

function inSession(actor: Agent, key: 'A' | 'B'): LearnerContext {
  const session = SESSIONS[key];
  return {
    actor,
    registration: session.registration,
    instructor: TRAINERS[key],
    team: session.team,
  };
}

const lesson = {
  moduleId: 'm1-introduction',
  moduleTitle: 'Introduction',
  lessonId: '01-why-security',
  lessonTitle: 'Why security',
};

/** The fixture's statements in the order they are sent, and the id of the voided one. */
export function recordsFixture(): { statements: FixtureStatement[]; voidedId: string } {
  counter = 0;
  const out: FixtureStatement[] = [];
  const base = (learner: LearnerContext, timestamp: string, course = SSO): BuildBase => ({
    ids,
    learner,
    course,
    meta: { id: nextId(), timestamp },
  });
  const studied = (learner: LearnerContext, at: string, minutes: number, course = SSO) =>
    out.push({
      sender: 'site',
      statement: buildExperiencedStatement({
        ...base(learner, at, course),
        lesson,
        durationMs: minutes * 60_000,
      }),
    });
  const final = (
    learner: LearnerContext,
    at: string,
    scaled: number,
    minutes: number,
    course = SSO,
  ) => {
    const statement = buildAssessmentResultStatement({
      ...base(learner, at, course),
      quiz: { kind: 'final', title: 'Final assessment' },
      correct: Math.round(scaled * 20),
      total: 20,
      scaled,
      passed: scaled >= 0.7,
      masteryScore: 0.7,
      durationMs: minutes * 60_000,
    });
    out.push({ sender: 'site', statement });
    return statement;
  };
  const completed = (learner: LearnerContext, at: string, scaled?: number, course = SSO) =>
    out.push({
      sender: 'site',
      statement: buildCourseCompletedStatement({ ...base(learner, at, course), scaled }),
    });
  const sessionInput = (key: 'A' | 'B', at: string, withCourse: boolean) => ({
    ids,
    meta: { id: nextId(), timestamp: at },
    trainer: TRAINERS[key],
    session: { sessionId: SESSIONS[key].sessionId, title: SESSIONS[key].title, language: 'en' },
    registration: SESSIONS[key].registration,
    team: SESSIONS[key].team,
    ...(withCourse ? { course: SSO } : {}),
  });

  // Session A names its course on the host and attended statements; session B does not, so the
  // export must find B's through the registration.
  out.push({
    sender: 'trainerA',
    statement: buildHostStatement(sessionInput('A', '2026-11-10T08:00:00.000Z', true)),
  });
  out.push({
    sender: 'trainerB',
    statement: buildHostStatement(sessionInput('B', '2026-11-10T08:05:00.000Z', false)),
  });

  // Ana: failed, then passed; a later "passed 100 %" was a mistake and is voided.
  const ana = inSession(LEARNERS.ana, 'A');
  studied(ana, '2026-11-10T09:10:00.000Z', 10);
  final(ana, '2026-11-10T10:00:00.000Z', 0.5, 5);
  final(ana, '2026-11-11T10:00:00.000Z', 0.85, 4);
  completed(ana, '2026-11-11T10:00:01.000Z', 0.85);
  const mistaken = final(ana, '2026-11-12T08:00:00.000Z', 1, 1);
  out.push({
    sender: 'trainerA',
    statement: buildAttendedStatement({
      ...sessionInput('A', '2026-11-10T17:00:00.000Z', true),
      trainee: LEARNERS.ana,
    }),
  });
  out.push({
    sender: 'admin',
    statement: {
      id: nextId(),
      actor: agent('Records office', 'ADMIN-1'),
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } },
      object: { objectType: 'StatementRef', id: mistaken.id as string },
      timestamp: '2026-11-12T09:00:00.000Z',
    },
  });

  // Mohammed: passed, then retook it and passed higher; marked present with the site's
  // credential (self-reported), not by the trainer.
  const mohammed = inSession(LEARNERS.mohammed, 'A');
  studied(mohammed, '2026-11-10T09:20:00.000Z', 30);
  final(mohammed, '2026-11-10T11:00:00.000Z', 0.8, 6);
  completed(mohammed, '2026-11-10T11:00:01.000Z', 0.8);
  final(mohammed, '2026-11-12T11:00:00.000Z', 0.95, 5);
  out.push({
    sender: 'site',
    statement: buildAttendedStatement({
      ...sessionInput('A', '2026-11-10T17:01:00.000Z', true),
      trainee: LEARNERS.mohammed,
    }),
  });

  // Wang: failed once, in session B, attendance confirmed by trainer B.
  const wang = inSession(LEARNERS.wang, 'B');
  studied(wang, '2026-11-10T09:00:00.000Z', 62);
  final(wang, '2026-11-13T10:00:00.000Z', 0.4, 8);
  out.push({
    sender: 'trainerB',
    statement: buildAttendedStatement({
      ...sessionInput('B', '2026-11-13T17:00:00.000Z', false),
      trainee: LEARNERS.wang,
    }),
  });

  // José: only started, in session B, not marked present.
  studied(inSession(LEARNERS.jose, 'B'), '2026-11-13T09:00:00.000Z', 3);

  // Eve (a name that looks like a formula): self-paced 3.27, completed without a final result.
  const eve: LearnerContext = { actor: LEARNERS.eve };
  studied(eve, '2026-11-14T08:00:00.000Z', 12, AWARENESS);
  completed(eve, '2026-11-14T09:00:00.000Z', undefined, AWARENESS);

  // Ana also started 3.27 on her own.
  studied({ actor: LEARNERS.ana }, '2026-11-15T08:00:00.000Z', 2, AWARENESS);

  return { statements: out, voidedId: mistaken.id as string };
}

/** One expected row, in the export's column order (CSV text of each cell, before neutralising). */
export interface ExpectedRow {
  learnerName: string;
  learnerId: string;
  organisation: string;
  courseId: string;
  status: string;
  completedAt: string;
  finalScore: string;
  attempts: string;
  timeSpent: string;
  session: 'A' | 'B' | '';
  trainer: 'A' | 'B' | '';
  attendance: string;
}

/** What the export must show for the fixture, sorted as the export sorts (course, name, id). */
export const EXPECTED_ROWS: ExpectedRow[] = [
  {
    learnerName: 'Ana Reyes',
    learnerId: 'PH-001',
    organisation: 'MV Example Star',
    courseId: '3.19',
    status: 'passed',
    completedAt: '2026-11-11T10:00:00Z',
    finalScore: '85',
    attempts: '2',
    timeSpent: '0:19',
    session: 'A',
    trainer: 'A',
    attendance: 'trainer-confirmed',
  },
  {
    learnerName: 'José Martínez-Ibáñez',
    learnerId: 'ES-004',
    organisation: 'Port of Example',
    courseId: '3.19',
    status: 'in progress',
    completedAt: '',
    finalScore: '',
    attempts: '0',
    timeSpent: '0:03',
    session: 'B',
    trainer: 'B',
    attendance: 'none',
  },
  {
    learnerName: 'محمد العلي',
    learnerId: 'AE-002',
    organisation: 'MV Example Star',
    courseId: '3.19',
    status: 'passed',
    completedAt: '2026-11-12T11:00:00Z',
    finalScore: '95',
    attempts: '2',
    timeSpent: '0:41',
    session: 'A',
    trainer: 'A',
    attendance: 'self-reported',
  },
  {
    learnerName: '王芳',
    learnerId: 'CN-003',
    organisation: 'Port of Example',
    courseId: '3.19',
    status: 'failed',
    completedAt: '2026-11-13T10:00:00Z',
    finalScore: '40',
    attempts: '1',
    timeSpent: '1:10',
    session: 'B',
    trainer: 'B',
    attendance: 'trainer-confirmed',
  },
  {
    learnerName: '=1+2 Eve',
    learnerId: '@eve-005',
    organisation: HOME,
    courseId: '3.27',
    status: 'completed',
    completedAt: '2026-11-14T09:00:00Z',
    finalScore: '',
    attempts: '0',
    timeSpent: '0:12',
    session: '',
    trainer: '',
    attendance: 'none',
  },
  {
    learnerName: 'Ana Reyes',
    learnerId: 'PH-001',
    organisation: HOME,
    courseId: '3.27',
    status: 'in progress',
    completedAt: '',
    finalScore: '',
    attempts: '0',
    timeSpent: '0:02',
    session: '',
    trainer: '',
    attendance: 'none',
  },
];

/** A stand-in authority per sender, for tests that skip the LRS (which would set it). */
export const FIXTURE_AUTHORITIES: Record<SenderRole, Agent> = {
  site: agent('Gangway site (write-only)', 'site-key'),
  trainerA: agent('Capt. Lim credential', 'trainer-a-key'),
  trainerB: agent('Ms. Okafor credential', 'trainer-b-key'),
  admin: agent('Administrator credential', 'admin-key'),
};

/** The fixture as an LRS would return it: `authority` and `stored` set, the voided statement left out. */
export function storedFixture(): Statement[] {
  const { statements, voidedId } = recordsFixture();
  return statements
    .filter(({ statement }) => statement.id !== voidedId)
    .map(({ statement, sender }, index) => ({
      ...statement,
      authority: FIXTURE_AUTHORITIES[sender],
      stored: new Date(Date.parse('2026-11-16T00:00:00Z') + index * 1000).toISOString(),
    }));
}

/** A record in the shape of {@link ExpectedRow}, to compare a collection with the fixture. */
export function summariseRecord(record: CompletionRecord): ExpectedRow {
  const minutes = Math.round(record.timeSpentSeconds / 60);
  const which = (registration: string | undefined): ExpectedRow['session'] =>
    registration === SESSIONS.A.registration
      ? 'A'
      : registration === SESSIONS.B.registration
        ? 'B'
        : '';
  return {
    learnerName: record.learner.name,
    learnerId: record.learner.id,
    organisation: record.organisation,
    courseId: record.course.id,
    status: record.status,
    completedAt: record.completedAt?.replace(/\.\d{3}Z$/, 'Z') ?? '',
    finalScore:
      record.finalScore === undefined ? '' : String(Math.round(record.finalScore * 1000) / 10),
    attempts: String(record.attempts),
    timeSpent: `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`,
    session: which(record.session?.registration),
    trainer: record.trainer?.id === 'T-LIM' ? 'A' : record.trainer?.id === 'T-OKA' ? 'B' : '',
    attendance: record.attendance,
  };
}

/**
 * Posts the fixture to an LRS, each statement with its sender's credential (Basic headers by
 * role), in order, one request per sender run so the voiding comes after what it voids.
 */
export async function postRecordsFixture(
  endpoint: string,
  auth: Record<SenderRole, string>,
): Promise<void> {
  const { statements } = recordsFixture();
  for (let i = 0; i < statements.length;) {
    const sender = statements[i]!.sender;
    const batch: Statement[] = [];
    while (i < statements.length && statements[i]!.sender === sender)
      batch.push(statements[i++]!.statement);
    const response = await fetch(new URL('statements', endpoint), {
      method: 'POST',
      headers: {
        Authorization: auth[sender],
        'Content-Type': 'application/json',
        'X-Experience-API-Version': '1.0.3',
      },
      body: JSON.stringify(batch),
    });
    if (!response.ok)
      throw new Error(
        `POST statements as ${sender} answered ${response.status}: ${await response.text()}`,
      );
  }
}
