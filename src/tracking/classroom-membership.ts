/**
 * Which classroom session this device has joined. Kept in localStorage (it must survive reloads
 * and days offline) until the trainee leaves it or joins another; statements for the session's
 * course then carry its registration, trainer and class.
 */
import { isClassroomSession, type ClassroomSession } from '../trainer/classroom-session.ts';

/** A joined session and whether the `joined` statement has been queued. */
export interface ClassroomMembership {
  session: ClassroomSession;
  joinedAt: string;
  /** Whether this device has queued its `joined` statement for the session. */
  announced: boolean;
}

const KEY = 'gangway:classroom:v1';

/** The session this device is in, if any. */
export function loadMembership(storage: Storage = localStorage): ClassroomMembership | undefined {
  try {
    const raw = JSON.parse(storage.getItem(KEY) ?? 'null') as ClassroomMembership | null;
    return raw && isClassroomSession(raw.session) ? raw : undefined;
  } catch {
    return undefined;
  }
}

/** Joins a session (replacing any other). */
export function joinSession(
  session: ClassroomSession,
  now: Date = new Date(),
  storage: Storage = localStorage,
): ClassroomMembership {
  const membership = { session, joinedAt: now.toISOString(), announced: false };
  storage.setItem(KEY, JSON.stringify(membership));
  return membership;
}

/** Records that the `joined` statement is queued. */
export function markAnnounced(storage: Storage = localStorage): void {
  const membership = loadMembership(storage);
  if (membership) storage.setItem(KEY, JSON.stringify({ ...membership, announced: true }));
}

/** Leaves the session: later statements are the trainee's own study again. */
export function leaveSession(storage: Storage = localStorage): void {
  storage.removeItem(KEY);
}
