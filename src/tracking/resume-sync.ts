/**
 * Keeps a learner's resume document (bookmark, lessons done, quiz progress) in the LRS's State
 * API, so study can move from a ship's PC to a phone. The copy on the device is always the
 * fallback: an LRS without a State API (or an offline one) changes nothing for the learner.
 */
import XAPI from '@xapi/xapi';
import type { Agent } from '@xapi/xapi';
import { loadProgress, saveProgress } from '../progress/progress-store.ts';
import {
  emptyResume,
  mergeResume,
  sameResume,
  type ResumeDocument,
} from '../progress/resume-state.ts';
import type { QuizState } from '../quiz/attempts.ts';
import { QUIZ_STORAGE_PREFIX } from '../quiz/quiz-storage.ts';
import { fetchAdapter, type LrsTarget } from './sender.ts';

const STATE_ID = 'gangway-resume';

/** The device's copy of a course's resume document, read from local storage. */
export function localResume(courseId: string): ResumeDocument {
  const progress = loadProgress();
  const doc = emptyResume(courseId);
  for (const [key, at] of Object.entries(progress.completed))
    if (key.startsWith(`${courseId}/`)) doc.completed[key] = at;
  const lesson = progress.lastLesson[courseId];
  if (lesson)
    doc.bookmark = {
      lessonKey: lesson,
      at: progress.bookmarkedAt?.[courseId] ?? '1970-01-01T00:00:00.000Z',
    };
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i) ?? '';
    if (!key.startsWith(`${QUIZ_STORAGE_PREFIX}${courseId}/`)) continue;
    try {
      doc.quizzes[key.slice(QUIZ_STORAGE_PREFIX.length)] = JSON.parse(
        localStorage.getItem(key) ?? '',
      ) as QuizState;
    } catch {
      // A corrupt quiz entry is left out rather than shared.
    }
  }
  return doc;
}

/** Writes a merged document back to local storage. */
export function applyResume(doc: ResumeDocument): void {
  const progress = loadProgress();
  saveProgress({
    ...progress,
    completed: { ...progress.completed, ...doc.completed },
    lastLesson: doc.bookmark
      ? { ...progress.lastLesson, [doc.courseId]: doc.bookmark.lessonKey }
      : progress.lastLesson,
    bookmarkedAt: doc.bookmark
      ? { ...progress.bookmarkedAt, [doc.courseId]: doc.bookmark.at }
      : progress.bookmarkedAt,
  });
  for (const [quizId, state] of Object.entries(doc.quizzes))
    localStorage.setItem(QUIZ_STORAGE_PREFIX + quizId, JSON.stringify(state));
}

/**
 * Merges the device's and the LRS's copies of the course's resume document, stores the result in
 * both, and returns whether the device's copy changed (the page may then refresh what it shows).
 */
export async function syncResume(options: {
  lrs: LrsTarget;
  actor: Agent;
  activityId: string;
  courseId: string;
  registration?: string;
}): Promise<boolean> {
  const xapi = new XAPI({
    endpoint: options.lrs.endpoint,
    auth: options.lrs.auth,
    adapter: fetchAdapter(),
  });
  const params = {
    agent: options.actor,
    activityId: options.activityId,
    stateId: STATE_ID,
    ...(options.registration ? { registration: options.registration } : {}),
  };
  const local = localResume(options.courseId);
  let remote: ResumeDocument | undefined;
  try {
    const answer = await xapi.getState(params);
    remote = answer.data as unknown as ResumeDocument;
  } catch (error) {
    // 404 means nothing stored yet; anything else (no State API, offline) leaves the device's copy alone.
    if (!(
      error instanceof Error &&
      'status' in error &&
      (error as { status: number }).status === 404
    ))
      return false;
  }
  const merged = remote && remote.version === 1 ? mergeResume(local, remote) : local;
  const changedHere = !sameResume(merged, local);
  if (changedHere) applyResume(merged);
  if (!remote || !sameResume(merged, remote)) {
    await xapi.setState({ ...params, state: merged as never }).catch(() => undefined);
  }
  return changedHere;
}
