/**
 * The learner's progress on this device: which lessons are done and where they were last. Kept in
 * local storage under one key; the tracking layer reports the same facts as xAPI.
 */

/** Progress as stored. */
export interface ProgressData {
  version: 1;
  /** Lesson key (`<course>/<module>/<lesson>`) → ISO time it was marked done. */
  completed: Record<string, string>;
  /** Course id → lesson key last opened (the bookmark). */
  lastLesson: Record<string, string>;
  /** Course id → ISO time the bookmark was set (newest wins when devices are merged). */
  bookmarkedAt?: Record<string, string>;
}

const KEY = 'gangway:progress:v1';

/** Reads progress; unreadable data counts as none. */
export function loadProgress(storage: Storage | undefined = globalThis.localStorage): ProgressData {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(KEY) ?? 'null');
    if (parsed && typeof parsed === 'object' && (parsed as ProgressData).version === 1)
      return parsed as ProgressData;
  } catch {
    // Corrupt progress must not break the page.
  }
  return { version: 1, completed: {}, lastLesson: {} };
}

/** Writes progress, tolerating storage that is full or disabled. */
export function saveProgress(
  data: ProgressData,
  storage: Storage | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(KEY, JSON.stringify(data));
  } catch {
    // Progress for this page stays in memory.
  }
}

/** Marks a lesson done (or not) and returns the new progress. Pure. */
export function withLessonDone(
  data: ProgressData,
  lessonKey: string,
  done: boolean,
  now: string,
): ProgressData {
  const completed = { ...data.completed };
  if (done) completed[lessonKey] ??= now;
  else delete completed[lessonKey];
  return { ...data, completed };
}

/** Sets the course bookmark. Pure. */
export function withBookmark(
  data: ProgressData,
  courseId: string,
  lessonKey: string,
  now = new Date().toISOString(),
): ProgressData {
  return {
    ...data,
    lastLesson: { ...data.lastLesson, [courseId]: lessonKey },
    bookmarkedAt: { ...data.bookmarkedAt, [courseId]: now },
  };
}

/** How many of `lessonKeys` are done. Pure. */
export function countDone(data: ProgressData, lessonKeys: string[]): number {
  return lessonKeys.filter((key) => key in data.completed).length;
}
