/**
 * The resume document a learner's devices share through the xAPI State API: bookmark, lessons done
 * and quiz progress for one course. Merging is pure: lessons done are a union (earliest time
 * kept), the bookmark and each quiz take the newest copy.
 */
import type { QuizState } from '../quiz/attempts.ts';

/** `gangway-resume` state document of one course. */
export interface ResumeDocument {
  version: 1;
  courseId: string;
  bookmark?: { lessonKey: string; at: string };
  /** Lesson key → ISO time it was marked done. */
  completed: Record<string, string>;
  /** Quiz id → its state. */
  quizzes: Record<string, QuizState>;
}

/** An empty document for a course. */
export function emptyResume(courseId: string): ResumeDocument {
  return { version: 1, courseId, completed: {}, quizzes: {} };
}

const newer = (a?: string, b?: string) => (a ?? '') >= (b ?? '');

/** Merges two copies; the result is what both devices should hold. */
export function mergeResume(a: ResumeDocument, b: ResumeDocument): ResumeDocument {
  const completed: Record<string, string> = { ...b.completed };
  for (const [key, at] of Object.entries(a.completed)) {
    completed[key] = completed[key] && completed[key] < at ? completed[key] : at;
  }
  const quizzes: Record<string, QuizState> = { ...b.quizzes };
  for (const [id, state] of Object.entries(a.quizzes)) {
    const other = quizzes[id];
    if (!other || newer(state.updatedAt, other.updatedAt)) quizzes[id] = state;
  }
  const bookmark = !a.bookmark
    ? b.bookmark
    : !b.bookmark
      ? a.bookmark
      : newer(a.bookmark.at, b.bookmark.at)
        ? a.bookmark
        : b.bookmark;
  return {
    version: 1,
    courseId: a.courseId,
    ...(bookmark ? { bookmark } : {}),
    completed,
    quizzes,
  };
}

/** Whether two documents hold the same facts (to skip needless writes). */
export function sameResume(a: ResumeDocument, b: ResumeDocument): boolean {
  const canonical = (d: ResumeDocument) =>
    JSON.stringify({
      b: d.bookmark,
      c: Object.entries(d.completed).sort(),
      q: Object.entries(d.quizzes).sort(([x], [y]) => x.localeCompare(y)),
    });
  return canonical(a) === canonical(b);
}
