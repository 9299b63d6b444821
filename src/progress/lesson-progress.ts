/**
 * Page scripts for lesson progress: the lesson page reports opening, leaving and completing a
 * lesson, keeps the bookmark and shows progress; the course page ticks done lessons and offers
 * "Continue" from the bookmark. No framework code: lesson pages stay light.
 */
import { emitLearningEvent, RESUME_UPDATED, type LessonRef } from '../learning/learning-events.ts';
import {
  countDone,
  loadProgress,
  saveProgress,
  withBookmark,
  withLessonDone,
} from './progress-store.ts';

/** Ticks every `[data-lesson-key]` the learner has done. */
export function markCompletedLessons(): void {
  const progress = loadProgress();
  for (const item of document.querySelectorAll<HTMLElement>('[data-lesson-key]')) {
    if (item.tagName !== 'LI') continue;
    const done = (item.dataset.lessonKey ?? '') in progress.completed;
    item.dataset.done = String(done);
    const link = item.querySelector('a');
    if (link && done && !link.querySelector('.visually-hidden')) {
      link.insertAdjacentHTML('beforeend', '<span class="visually-hidden"> (done)</span>');
    }
  }
  const start = document.getElementById('course-start');
  const courseId = location.pathname.split('/')[2];
  const bookmark = courseId ? progress.lastLesson[decodeURIComponent(courseId)] : undefined;
  const target =
    bookmark &&
    document.querySelector<HTMLAnchorElement>(`li[data-lesson-key="${CSS.escape(bookmark)}"] a`);
  if (start instanceof HTMLAnchorElement && target) {
    start.href = target.getAttribute('href') ?? target.href;
    start.textContent = `Continue: ${target.textContent?.replace(' (done)', '') ?? ''}`;
  }
}

/** Wires a lesson page: events, bookmark, "done" switch and course progress bar. */
export function trackLessonPage(): void {
  const article = document.getElementById('lesson');
  if (!article) return;
  const ref: LessonRef = {
    courseId: article.dataset.courseId ?? '',
    moduleId: article.dataset.moduleId ?? '',
    lessonId: article.dataset.lessonId ?? '',
    moduleTitle: article.dataset.moduleTitle ?? '',
    lessonTitle: article.dataset.lessonTitle ?? '',
  };
  const key = article.dataset.lessonKey ?? '';
  const courseKeys = [
    ...document.querySelectorAll<HTMLElement>('.lesson-nav li[data-lesson-key]'),
  ].map((li) => li.dataset.lessonKey ?? '');
  let progress = withBookmark(loadProgress(), ref.courseId, key);
  saveProgress(progress);

  const button = document.getElementById('lesson-done-toggle');
  const bar = document.getElementById('course-progress');
  const count = document.getElementById('course-done-count');
  const render = () => {
    const done = key in progress.completed;
    button?.setAttribute('aria-pressed', String(done));
    if (button) button.textContent = done ? '✓ Lesson done (undo)' : 'Mark this lesson as done';
    const doneCount = countDone(progress, courseKeys);
    if (bar instanceof HTMLProgressElement) bar.value = doneCount;
    if (count) count.textContent = `${doneCount} of ${courseKeys.length} lessons done`;
    markCompletedLessons();
  };
  // Another device's progress was merged in: show it.
  addEventListener(RESUME_UPDATED, () => {
    progress = loadProgress();
    render();
  });
  // The button works only once this script runs; until then it stays disabled.
  button?.removeAttribute('disabled');
  button?.addEventListener('click', () => {
    const done = !(key in progress.completed);
    const now = new Date().toISOString();
    progress = withLessonDone(loadProgress(), key, done, now);
    saveProgress(progress);
    if (done) {
      emitLearningEvent({ type: 'lesson-completed', at: now, ...ref });
      // The module is complete when this click finished its last open lesson.
      const moduleKeys = courseKeys.filter((k) => k.startsWith(`${ref.courseId}/${ref.moduleId}/`));
      if (countDone(progress, moduleKeys) === moduleKeys.length) {
        emitLearningEvent({
          type: 'module-completed',
          at: now,
          courseId: ref.courseId,
          moduleId: ref.moduleId,
          moduleTitle: ref.moduleTitle,
        });
      }
    }
    render();
  });
  render();

  emitLearningEvent({ type: 'lesson-opened', at: new Date().toISOString(), ...ref });
  // Count only the time the lesson is actually on screen.
  let visibleSince = document.visibilityState === 'visible' ? performance.now() : undefined;
  let visibleMs = 0;
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') visibleSince = performance.now();
    else if (visibleSince !== undefined) {
      visibleMs += performance.now() - visibleSince;
      visibleSince = undefined;
    }
  });
  addEventListener('pagehide', () => {
    const durationMs =
      visibleMs + (visibleSince !== undefined ? performance.now() - visibleSince : 0);
    emitLearningEvent({
      type: 'lesson-left',
      at: new Date().toISOString(),
      durationMs: Math.round(durationMs),
      ...ref,
    });
  });
}
