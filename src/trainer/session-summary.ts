/**
 * What a trainer's live dashboard shows, worked out from the statements of one classroom session
 * (the session's registration): a roster with each trainee's current lesson, lessons done,
 * module-check scores and final result; per-question analysis (share correct, most chosen wrong
 * answer); and a timeline. Pure, so it is unit-tested and can be recomputed after every
 * incremental `since` query. Reads only standard xAPI fields.
 */
import type { Agent, Statement } from '@xapi/xapi';

/** What the dashboard needs to know about the course being taught. */
export interface SessionCourseOutline {
  /** Lesson activity id → title, in study order. */
  lessons: Map<string, string>;
  /** Module-check activity id → module title. */
  moduleChecks: Map<string, string>;
  /** The final assessment's activity id. */
  finalAssessment: string;
}

/** One trainee's row. */
export interface RosterRow {
  /** Stable key of the actor (account or mbox). */
  key: string;
  /** The trainee's name as sent: untrusted text, to be rendered as text only. */
  name: string;
  currentLesson?: string;
  lessonsDone: number;
  /** Module title → latest scaled score (0–1). */
  moduleChecks: Record<string, number>;
  final?: { passed: boolean; scaled: number };
  lastSeen: string;
  /** The trainee as an xAPI agent (for the trainer's attendance statements). */
  actor: Agent;
  /** The trainee's id (account name, or mailbox). */
  traineeId: string;
  /** When the trainee's device joined the session, if it did. */
  joinedAt?: string;
  /** The id of the `attended` statement marking the trainee present (to void it for undo). */
  attendedStatementId?: string;
}

/** How the class answered one question. */
export interface QuestionAnalysis {
  questionId: string;
  prompt: string;
  answered: number;
  correctShare: number;
  /** The wrong response chosen most often, with how many chose it. */
  commonWrong?: { response: string; label: string; count: number };
}

/** The dashboard's model of a session. */
export interface SessionSummary {
  roster: RosterRow[];
  questions: QuestionAnalysis[];
  timeline: { at: string; who: string; what: string }[];
}

type Json = Record<string, unknown>;

const VERB = (s: Statement) => s.verb.id.slice(s.verb.id.lastIndexOf('/') + 1);

/** A stable key for an actor: its account, mbox or openid. */
export function actorKey(actor: unknown): string {
  const a = (actor ?? {}) as Json;
  const account = a.account as { homePage?: string; name?: string } | undefined;
  if (account?.name) return `account:${account.homePage}|${account.name}`;
  return String(a.mbox ?? a.mbox_sha1sum ?? a.openid ?? 'unknown');
}

function label(definition: Json | undefined, response: string): string {
  const choices =
    (definition?.choices as { id: string; description?: Record<string, string> }[] | undefined) ??
    [];
  const parts = response
    .split('[,]')
    .map((id) => Object.values(choices.find((c) => c.id === id)?.description ?? {})[0] ?? id);
  return parts.join('; ');
}

/** Summarises a session's statements; order of input does not matter, voided ones must be left out. */
export function summariseSession(
  statements: Statement[],
  outline: SessionCourseOutline,
): SessionSummary {
  const sorted = [...statements].sort((a, b) =>
    String(a.timestamp).localeCompare(String(b.timestamp)),
  );
  const rows = new Map<string, RosterRow & { done: Set<string> }>();
  const questions = new Map<
    string,
    {
      prompt: string;
      definition?: Json;
      answered: number;
      correct: number;
      wrong: Map<string, number>;
    }
  >();
  const timeline: SessionSummary['timeline'] = [];

  for (const statement of sorted) {
    const verb = VERB(statement);
    // The trainer's own record of the session and undo marks are not trainee activity.
    if (verb === 'host' || verb === 'voided') continue;
    const key = actorKey(statement.actor);
    const account = (statement.actor as Json).account as { name?: string } | undefined;
    const traineeId = account?.name ?? key.replace(/^mailto:/, '');
    const name = String((statement.actor as Json).name ?? traineeId);
    const row = rows.get(key) ?? {
      key,
      name,
      traineeId,
      actor: statement.actor as Agent,
      lessonsDone: 0,
      moduleChecks: {},
      lastSeen: '',
      done: new Set<string>(),
    };
    rows.set(key, row);
    const object = statement.object as unknown as Json;
    const objectId = String(object.id ?? '');
    const result = (statement.result ?? {}) as Json;
    const lessonTitle = outline.lessons.get(objectId);
    const at = String(statement.timestamp ?? row.lastSeen);
    if (verb === 'attended') {
      // Marked by the trainer: not a sign of the trainee's own activity.
      row.attendedStatementId = statement.id;
      timeline.push({ at, who: name, what: 'marked present' });
      continue;
    }
    row.lastSeen = at;

    if (verb === 'join') {
      row.joinedAt = row.joinedAt ?? at;
      timeline.push({ at, who: name, what: 'joined the session' });
    } else if (verb === 'experienced' && lessonTitle) {
      row.currentLesson = lessonTitle;
      timeline.push({ at: row.lastSeen, who: name, what: `studied “${lessonTitle}”` });
    } else if (verb === 'completed' && lessonTitle) {
      row.done.add(objectId);
      row.currentLesson = lessonTitle;
      timeline.push({ at: row.lastSeen, who: name, what: `finished “${lessonTitle}”` });
    } else if (verb === 'answered') {
      // A lesson's quiz says where the trainee is before the lesson visit itself is recorded.
      const parent: unknown = statement.context?.contextActivities?.parent ?? [];
      const parents = (Array.isArray(parent) ? parent : [parent]) as { id: string }[];
      const inLesson = parents.map((p) => outline.lessons.get(p.id)).find((t) => t);
      if (inLesson) row.currentLesson = inLesson;
      const definition = object.definition as Json | undefined;
      const q = questions.get(objectId) ?? {
        prompt: String(
          Object.values((definition?.description as Record<string, string>) ?? {})[0] ?? objectId,
        ),
        definition,
        answered: 0,
        correct: 0,
        wrong: new Map(),
      };
      questions.set(objectId, q);
      q.answered++;
      if (result.success === true) q.correct++;
      else if (typeof result.response === 'string')
        q.wrong.set(result.response, (q.wrong.get(result.response) ?? 0) + 1);
    } else if (verb === 'passed' || verb === 'failed') {
      const scaled = Number(((result.score ?? {}) as Json).scaled ?? 0);
      const module = outline.moduleChecks.get(objectId);
      if (module) {
        row.moduleChecks[module] = scaled;
        timeline.push({
          at: row.lastSeen,
          who: name,
          what: `${verb} the check of “${module}” (${Math.round(scaled * 100)} %)`,
        });
      } else if (objectId === outline.finalAssessment) {
        row.final = { passed: verb === 'passed', scaled };
        timeline.push({
          at: row.lastSeen,
          who: name,
          what: `${verb} the final assessment (${Math.round(scaled * 100)} %)`,
        });
      }
    }
    row.lessonsDone = row.done.size;
  }

  const roster = [...rows.values()]
    .map(({ done: _done, ...row }) => row)
    .sort((a, b) => a.name.localeCompare(b.name));
  const analysis = [...questions.entries()].map(([id, q]) => {
    const [response, count] = [...q.wrong.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
    return {
      questionId: id.slice(id.lastIndexOf('/') + 1),
      prompt: q.prompt,
      answered: q.answered,
      correctShare: q.answered ? q.correct / q.answered : 0,
      ...(response !== undefined && count
        ? { commonWrong: { response, label: label(q.definition, response), count } }
        : {}),
    };
  });
  // The questions the class found hardest come first: that is what the trainer discusses.
  analysis.sort((a, b) => a.correctShare - b.correctShare || b.answered - a.answered);
  return { roster, questions: analysis, timeline };
}
