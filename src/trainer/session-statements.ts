/**
 * The statements of a classroom session, from a {@link ClassroomSession}: the trainer's `host`
 * (which also describes the session, so sessions can be listed and reopened from any LRS), the
 * trainee's `joined`, the trainer's `attended` marks, and the context every statement a trainee
 * makes in the session carries. Pure.
 */
import type { Agent, Statement } from '@xapi/xapi';
import type { ActivityIds } from '../statements/activity-ids.ts';
import {
  buildAttendedStatement,
  buildHostStatement,
  buildJoinedStatement,
  type EventMeta,
  type LearnerContext,
  type SessionStatementInput,
} from '../statements/build-statements.ts';
import {
  classGroup,
  SESSION_EXTENSION,
  sessionActivity,
  sessionTitle,
  type ClassroomSession,
} from './classroom-session.ts';

function input(
  ids: ActivityIds,
  session: ClassroomSession,
  meta: EventMeta,
  describe: boolean,
): SessionStatementInput {
  return {
    ids,
    meta,
    trainer: session.trainer,
    registration: session.registration,
    team: classGroup(session),
    course: {
      id: session.course.id,
      title: session.course.title,
      language: session.course.language,
    },
    session: {
      sessionId: session.sessionId,
      title: sessionTitle(session),
      language: session.course.language,
      ...(describe ? { extensions: { [SESSION_EXTENSION]: session } } : {}),
    },
  };
}

/** The trainer's `host` statement, carrying the whole session description. */
export function sessionHostStatement(
  ids: ActivityIds,
  session: ClassroomSession,
  meta: EventMeta,
): Statement {
  return buildHostStatement(input(ids, session, meta, true));
}

/** The trainer marks a trainee present (sent with the trainer's own credential). */
export function sessionAttendedStatement(
  ids: ActivityIds,
  session: ClassroomSession,
  trainee: Agent,
  meta: EventMeta,
): Statement {
  return buildAttendedStatement({ ...input(ids, session, meta, false), trainee });
}

/** A trainee's device joined the session. */
export function sessionJoinedStatement(
  ids: ActivityIds,
  session: ClassroomSession,
  trainee: Agent,
  meta: EventMeta,
): Statement {
  return buildJoinedStatement({ ...input(ids, session, meta, false), trainee });
}

/**
 * The learner context inside a classroom session: the session's registration, the trainer as
 * `context.instructor`, the class as `context.team`, and the session activity in
 * `contextActivities.other` (without its description, to keep statements small).
 */
export function classroomLearnerContext(
  ids: ActivityIds,
  session: ClassroomSession,
  actor: Agent,
): LearnerContext {
  const { definition, ...activity } = sessionActivity(ids, session);
  return {
    actor,
    registration: session.registration,
    instructor: session.trainer,
    team: classGroup(session),
    contextTemplate: {
      contextActivities: {
        other: [{ ...activity, definition: { type: definition?.type, name: definition?.name } }],
      },
    },
  };
}
