/**
 * A classroom session: what a trainer creates (course, modules, date, place, class) and what a
 * trainee's device needs to join it (registration, trainer, class). Pure: ids, join codes, the
 * join link's payload, the host statement's description of the session, and the xAPI context every
 * statement made in the session carries.
 */
import type { Activity, Agent, Group, Statement } from '@xapi/xapi';
import { ACTIVITY_TYPES, type ActivityIds } from '../statements/activity-ids.ts';

/** The activity-definition extension of the session activity that describes the session. */
export const SESSION_EXTENSION = 'https://gangway.dev/xapi/extensions/classroom-session';
/** Letters and digits that cannot be mistaken for one another when read aloud or off a screen. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Join codes are this long: 32⁶ ≈ one billion codes. */
export const JOIN_CODE_LENGTH = 6;

/** Everything about one classroom session. */
export interface ClassroomSession {
  /** Short id, used in the session activity id and the dashboard's address. */
  sessionId: string;
  /** The registration UUID shared by every statement of the session. */
  registration: string;
  /** The code trainees type to join. */
  joinCode: string;
  /** The course taught. */
  course: { id: string; title: string; number: string; language: string };
  /** The modules to cover, by module id, in order. */
  modules: string[];
  /** Day of the session, YYYY-MM-DD. */
  date: string;
  /** Where it takes place (a classroom, a ship, a port facility). */
  place: string;
  /** The class: its display name and the id of its xAPI Group account. */
  className: string;
  classId: string;
  /** The trainer, as statements name them. */
  trainer: Agent;
  /** When the session was created (ISO 8601). */
  createdAt: string;
}

/** What the trainer fills in to create a session. */
export interface NewSessionInput {
  course: ClassroomSession['course'];
  modules: string[];
  date: string;
  place: string;
  className: string;
  trainer: { name: string; id: string };
  /** The organisation URL, the homePage of trainer and class accounts. */
  homePage: string;
}

/** A random source returning integers in [0, n). */
export type RandomInt = (n: number) => number;

/** The default random source: the platform's cryptographic generator. */
export const cryptoRandomInt: RandomInt = (n) => {
  const values = new Uint32Array(1);
  crypto.getRandomValues(values);
  return values[0]! % n;
};

/** A fresh join code such as `K7QW2M`. */
export function newJoinCode(random: RandomInt = cryptoRandomInt): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++)
    code += JOIN_CODE_ALPHABET[random(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** Normalises what a trainee typed ("k7q w2m" → "K7QW2M"); undefined when it cannot be a code. */
export function normaliseJoinCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]+/g, '');
  const valid = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);
  return valid.test(code) ? code : undefined;
}

/** The problems with a new-session form, each naming its field; empty when it can be created. */
export function newSessionProblems(input: Partial<NewSessionInput>): string[] {
  const problems: string[] = [];
  if (!input.course?.id) problems.push('Choose the course.');
  if (!input.modules?.length) problems.push('Choose at least one module to cover.');
  if (!input.date || !/^\d{4}-\d{2}-\d{2}$/.test(input.date))
    problems.push('Give the date as YYYY-MM-DD.');
  if (!input.className?.trim()) problems.push('Give the class a name.');
  if (!input.place?.trim()) problems.push('Say where the session takes place.');
  return problems;
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'class'
  );
}

/** Creates a session from the form: new id, registration and join code. */
export function createClassroomSession(
  input: NewSessionInput,
  options: { now: Date; uuid: () => string; random?: RandomInt },
): ClassroomSession {
  const random = options.random ?? cryptoRandomInt;
  const suffix = Array.from(
    { length: 4 },
    () => 'abcdefghjkmnpqrstuvwxyz23456789'[random(31)],
  ).join('');
  const sessionId = `${input.date}-${slug(input.className)}-${suffix}`;
  return {
    sessionId,
    registration: options.uuid(),
    joinCode: newJoinCode(random),
    course: input.course,
    modules: input.modules,
    date: input.date,
    place: input.place.trim(),
    className: input.className.trim(),
    classId: sessionId,
    trainer: {
      objectType: 'Agent',
      name: input.trainer.name.trim(),
      account: { homePage: input.homePage, name: input.trainer.id.trim() },
    },
    createdAt: options.now.toISOString(),
  };
}

/** The session's title as LRSs and dashboards show it. */
export function sessionTitle(session: ClassroomSession): string {
  return `${session.course.number} · ${session.className} · ${session.date}`;
}

/** The session as an xAPI activity, with its description in an extension. */
export function sessionActivity(ids: ActivityIds, session: ClassroomSession): Activity {
  return {
    objectType: 'Activity',
    id: ids.session(session.sessionId),
    definition: {
      type: ACTIVITY_TYPES.meeting,
      name: { [session.course.language]: sessionTitle(session) },
      extensions: { [SESSION_EXTENSION]: session },
    },
  };
}

/** The class as an xAPI Group. */
export function classGroup(session: ClassroomSession): Group {
  const homePage = session.trainer.account?.homePage ?? 'https://gangway.example/';
  return {
    objectType: 'Group',
    name: session.className,
    account: { homePage, name: session.classId },
  };
}

/** Reads a session back from a statement about its activity (the host statement); undefined if not one. */
export function sessionFromStatement(statement: Statement): ClassroomSession | undefined {
  const object = statement.object as Activity;
  const described = object?.definition?.extensions?.[SESSION_EXTENSION] as
    ClassroomSession | undefined;
  return isClassroomSession(described) ? described : undefined;
}

/** Whether a value has the shape of a {@link ClassroomSession} (it may come from anywhere). */
export function isClassroomSession(value: unknown): value is ClassroomSession {
  const v = value as Partial<ClassroomSession> | undefined;
  return (
    !!v &&
    typeof v.sessionId === 'string' &&
    typeof v.registration === 'string' &&
    typeof v.joinCode === 'string' &&
    typeof v.course?.id === 'string' &&
    typeof v.className === 'string' &&
    typeof v.trainer === 'object' &&
    !!v.trainer?.account?.name &&
    Array.isArray(v.modules)
  );
}

/** Join links carry the session as a compact array (short links make QR codes easy to scan). */
const PAYLOAD_VERSION = 1;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Encodes a session for the join link and QR code (`/join/?s=…`): joining needs no lookup. */
export function encodeJoinPayload(session: ClassroomSession): string {
  const { course, trainer } = session;
  return toBase64Url(
    JSON.stringify([
      PAYLOAD_VERSION,
      session.sessionId,
      session.registration,
      session.joinCode,
      [course.id, course.number, course.title, course.language],
      session.modules,
      session.date,
      session.place,
      session.className,
      session.classId,
      [trainer.name ?? '', trainer.account?.name ?? '', trainer.account?.homePage ?? ''],
      session.createdAt,
    ]),
  );
}

/** Decodes a join link's payload; throws an error that says what is wrong with the link. */
export function decodeJoinPayload(payload: string): ClassroomSession {
  let value: unknown;
  try {
    const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    value = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    throw new Error(
      'this join link is damaged (it could not be read); ask your trainer for the code',
    );
  }
  const fields = Array.isArray(value) && value[0] === PAYLOAD_VERSION ? value : [];
  const [
    ,
    sessionId,
    registration,
    joinCode,
    course,
    modules,
    date,
    place,
    className,
    classId,
    trainer,
    createdAt,
  ] = fields as [
    number,
    string,
    string,
    string,
    string[],
    string[],
    string,
    string,
    string,
    string,
    string[],
    string,
  ];
  const session = {
    sessionId,
    registration,
    joinCode,
    course: course && {
      id: course[0] ?? '',
      number: course[1] ?? '',
      title: course[2] ?? '',
      language: course[3] ?? 'en',
    },
    modules,
    date,
    place,
    className,
    classId,
    trainer: trainer && {
      objectType: 'Agent' as const,
      name: trainer[0] ?? '',
      account: { name: trainer[1] ?? '', homePage: trainer[2] ?? '' },
    },
    createdAt,
  };
  if (!isClassroomSession(session))
    throw new Error(
      'this join link does not describe a classroom session; ask your trainer for the code',
    );
  return session;
}

/** The join link a trainer shares (and the QR code encodes). */
export function joinLink(session: ClassroomSession, siteOrigin: string): string {
  return new URL(`/join/?s=${encodeJoinPayload(session)}`, siteOrigin).href;
}

/**
 * Where the join code's lookup document lives in the State API (readable with the site's
 * credential, which has the `state` scope): one well-known agent and one activity per code.
 */
export function joinCodeDocument(ids: ActivityIds, code: string, homePage: string) {
  return {
    activityId: ids.session(`join-${code}`),
    agent: {
      objectType: 'Agent' as const,
      account: { homePage, name: 'gangway-join-codes' },
    },
    stateId: 'gangway-classroom-session',
  };
}
