/**
 * The one interface through which the site reports what a learner does. Pages and islands emit
 * events here; the tracking layer (xAPI) subscribes. No network code lives on this side.
 */

import type { Question } from '../content/schemas.ts';

/** Where a lesson sits, with the titles the statements name it by. */
export interface LessonRef {
  courseId: string;
  moduleId: string;
  lessonId: string;
  moduleTitle: string;
  lessonTitle: string;
}

/** What kind of quiz an answer or result belongs to. */
export type QuizKind = 'lesson' | 'module-check' | 'final';

/** A learning event, as the tracking layer receives it. */
export type LearningEvent =
  | ({ type: 'lesson-opened'; at: string } & LessonRef)
  | ({ type: 'lesson-left'; at: string; durationMs: number } & LessonRef)
  | ({ type: 'lesson-completed'; at: string } & LessonRef)
  | {
      type: 'module-completed';
      at: string;
      courseId: string;
      moduleId: string;
      moduleTitle: string;
    }
  | {
      type: 'question-answered';
      at: string;
      courseId: string;
      /** The module whose bank the question comes from. */
      moduleId: string;
      quizId: string;
      quizKind: QuizKind;
      quizTitle: string;
      /** For a lesson's questions: the lesson. */
      lessonId?: string;
      questionId: string;
      /** The question as asked (the statement describes it as a cmi.interaction). */
      question: Question;
      /** The learner's response, in the quiz engine's own encoding (see `responses.ts`). */
      response: unknown;
      correct: boolean;
      attempt: number;
    }
  | {
      type: 'assessment-finished';
      at: string;
      courseId: string;
      /** The module for a module check; absent for the final assessment. */
      moduleId?: string;
      quizId: string;
      quizKind: QuizKind;
      quizTitle: string;
      attempt: number;
      /** Score as a fraction 0–1. */
      scaled: number;
      correct: number;
      total: number;
      masteryScore: number;
      passed: boolean;
      durationMs: number;
    };

/** Fired on the window when progress from the learner's other devices was merged into this one. */
export const RESUME_UPDATED = 'gangway:resume-updated';

/** The DOM event name the events travel under (islands and page scripts are separate bundles). */
export const LEARNING_EVENT = 'gangway:learning';

/** Reports a learning event to whoever listens. */
export function emitLearningEvent(event: LearningEvent): void {
  if (typeof window === 'undefined') return;
  window.dispatchEvent(new CustomEvent<LearningEvent>(LEARNING_EVENT, { detail: event }));
}

/** Listens to learning events; returns the function that stops listening. */
export function onLearningEvent(listener: (event: LearningEvent) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<LearningEvent>).detail);
  window.addEventListener(LEARNING_EVENT, handler);
  return () => window.removeEventListener(LEARNING_EVENT, handler);
}
