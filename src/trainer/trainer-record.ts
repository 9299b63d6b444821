/**
 * A trainer's train-the-trainer record, from standard xAPI alone: the sessions they hosted (their
 * `host` statements), the trainees they trained (statements naming them in `context.instructor`)
 * and how those trainees did in final assessments; and the trainer's own completions with who
 * instructed them, which is how the "trained by" lineage is followed upwards. Pure.
 */
import type { Agent, Statement } from '@xapi/xapi';
import { sessionFromStatement, type ClassroomSession } from './classroom-session.ts';
import { actorKey } from './session-summary.ts';

/** One hosted session with its figures. */
export interface HostedSession {
  session: ClassroomSession;
  hostedAt: string;
  joined: number;
  attended: number;
  passed: number;
  failed: number;
}

/** A trainer's record as a trainer. */
export interface TrainerHistory {
  sessions: HostedSession[];
  /** Distinct trainees who studied with this trainer as instructor. */
  trainees: number;
  /** Trainees whose latest final assessment (per course) was a pass, and those who have one at all. */
  passed: number;
  assessed: number;
}

/** One of the trainer's own completions, with whoever instructed them. */
export interface OwnCompletion {
  courseId: string;
  courseTitle: string;
  verdict: 'completed' | 'passed' | 'failed';
  at: string;
  scaled?: number;
  instructor?: Agent;
}

type Json = Record<string, unknown>;
const verbOf = (s: Statement) => s.verb.id.slice(s.verb.id.lastIndexOf('/') + 1);
const isFinal = (id: string) => id.endsWith('/assessments/final');
const name = (value: unknown) => {
  const map = (value ?? {}) as Record<string, string>;
  return Object.values(map)[0] ?? '';
};

function withoutVoided(statements: Statement[]): Statement[] {
  const voided = new Set(
    statements.filter((s) => verbOf(s) === 'voided').map((s) => (s.object as { id?: string }).id),
  );
  return statements.filter((s) => verbOf(s) !== 'voided' && !voided.has(s.id));
}

/** Works out a trainer's record from the statements related to them. */
export function summariseTrainerHistory(statements: Statement[], trainer: Agent): TrainerHistory {
  const me = actorKey(trainer);
  const kept = withoutVoided(statements);
  const sessions = new Map<string, HostedSession>();
  for (const s of kept) {
    if (verbOf(s) !== 'host' || actorKey(s.actor) !== me) continue;
    const session = sessionFromStatement(s);
    if (session && !sessions.has(session.registration))
      sessions.set(session.registration, {
        session,
        hostedAt: String(s.timestamp ?? ''),
        joined: 0,
        attended: 0,
        passed: 0,
        failed: 0,
      });
  }
  const joined = new Map<string, Set<string>>();
  const attended = new Map<string, Set<string>>();
  const trainees = new Set<string>();
  // Latest final result per trainee and course, and per session.
  const finals = new Map<string, { at: string; passed: boolean; registration?: string }>();
  for (const s of kept) {
    const ctx = (s.context ?? {}) as Json;
    const instructed = ctx.instructor && actorKey(ctx.instructor) === me;
    const who = actorKey(s.actor);
    const registration = typeof ctx.registration === 'string' ? ctx.registration : undefined;
    const verb = verbOf(s);
    if (verb === 'attended' && registration) {
      (attended.get(registration) ?? attended.set(registration, new Set()).get(registration)!).add(
        who,
      );
    }
    if (!instructed || who === me || verb === 'attended') continue;
    trainees.add(who);
    if (verb === 'join' && registration)
      (joined.get(registration) ?? joined.set(registration, new Set()).get(registration)!).add(who);
    const objectId = String((s.object as { id?: string }).id ?? '');
    if ((verb === 'passed' || verb === 'failed') && isFinal(objectId)) {
      const key = `${who} ${objectId}`;
      const at = String(s.timestamp ?? '');
      const previous = finals.get(key);
      if (!previous || previous.at <= at)
        finals.set(key, { at, passed: verb === 'passed', registration });
    }
  }
  for (const [registration, hosted] of sessions) {
    hosted.joined = joined.get(registration)?.size ?? 0;
    hosted.attended = attended.get(registration)?.size ?? 0;
  }
  let passed = 0;
  for (const result of finals.values()) {
    if (result.passed) passed++;
    const hosted = result.registration ? sessions.get(result.registration) : undefined;
    if (hosted) {
      if (result.passed) hosted.passed++;
      else hosted.failed++;
    }
  }
  return {
    sessions: [...sessions.values()].sort((a, b) => b.session.date.localeCompare(a.session.date)),
    trainees: trainees.size,
    passed,
    assessed: finals.size,
  };
}

/** A person's own course completions and final results, each with the trainer who instructed them. */
export function ownCompletions(statements: Statement[], person: Agent): OwnCompletion[] {
  const me = actorKey(person);
  const found: OwnCompletion[] = [];
  for (const s of withoutVoided(statements)) {
    if (actorKey(s.actor) !== me) continue;
    const verb = verbOf(s);
    const object = (s.object ?? {}) as unknown as Json;
    const objectId = String(object.id ?? '');
    const definition = (object.definition ?? {}) as Json;
    const ctx = (s.context ?? {}) as Json;
    const grouping = ((ctx.contextActivities as Json | undefined)?.grouping ?? []) as Json[];
    const course = grouping[0] as Json | undefined;
    const isCourse = String(definition.type ?? '').endsWith('/activities/course');
    if (
      !(verb === 'completed' && isCourse) &&
      !((verb === 'passed' || verb === 'failed') && isFinal(objectId))
    )
      continue;
    const courseActivityId = isCourse ? objectId : String(course?.id ?? '');
    const courseTitle = name(
      isCourse ? definition.name : ((course?.definition ?? {}) as Json).name,
    );
    const scaled = ((s.result ?? {}) as { score?: { scaled?: number } }).score?.scaled;
    found.push({
      courseId: decodeURIComponent(courseActivityId.slice(courseActivityId.lastIndexOf('/') + 1)),
      courseTitle,
      verdict: verb as OwnCompletion['verdict'],
      at: String(s.timestamp ?? ''),
      ...(typeof scaled === 'number' ? { scaled } : {}),
      ...(ctx.instructor ? { instructor: ctx.instructor as Agent } : {}),
    });
  }
  return found.sort((a, b) => b.at.localeCompare(a.at));
}
