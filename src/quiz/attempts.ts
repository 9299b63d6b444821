/**
 * The state of a learner's attempts at one quiz, and the pure transitions between states. The
 * island keeps it in local storage (see `quiz-storage.ts`) so a reload resumes where it was.
 */
import type { QuizResponse } from './responses.ts';
import type { AttemptScore } from './scoring.ts';

/** One attempt: which questions it drew, what the learner answered, how it scored. */
export interface Attempt {
  /** Seed that drew the questions and shuffled ordering items and matching targets. */
  seed: number;
  /** The drawn questions, in the order shown. */
  questionIds: string[];
  /** Responses so far, by question id. */
  responses: Record<string, QuizResponse>;
  /** Questions whose answer has been checked (and locked), by id, with the result. */
  checked: Record<string, boolean>;
  /** ISO time the attempt began. */
  startedAt: string;
  /** ISO time the attempt was submitted or its last question checked. */
  finishedAt?: string;
  /** The score, once finished. */
  score?: AttemptScore;
}

/** Every attempt at a quiz, newest last. */
export interface QuizState {
  version: 1;
  attempts: Attempt[];
  /** ISO time of the last change, so the newest copy wins when devices are merged. */
  updatedAt?: string;
}

/** A fresh state with no attempts. */
export function emptyQuizState(): QuizState {
  return { version: 1, attempts: [] };
}

/** The attempt in progress or last finished, if any. */
export function currentAttempt(state: QuizState): Attempt | undefined {
  return state.attempts.at(-1);
}

/** Starts a new attempt with the given drawn questions. */
export function startAttempt(
  state: QuizState,
  seed: number,
  questionIds: string[],
  now: string,
): QuizState {
  const attempt: Attempt = { seed, questionIds, responses: {}, checked: {}, startedAt: now };
  return { ...state, attempts: [...state.attempts, attempt] };
}

/** Records a response to an unchecked question of the current attempt. */
export function recordResponse(
  state: QuizState,
  questionId: string,
  response: QuizResponse,
): QuizState {
  return updateCurrent(state, (attempt) =>
    attempt.finishedAt || questionId in attempt.checked
      ? attempt
      : { ...attempt, responses: { ...attempt.responses, [questionId]: response } },
  );
}

/** Marks questions checked with their results. */
export function markChecked(state: QuizState, results: Record<string, boolean>): QuizState {
  return updateCurrent(state, (attempt) => ({
    ...attempt,
    checked: { ...attempt.checked, ...results },
  }));
}

/** Closes the current attempt with its score. */
export function finishAttempt(state: QuizState, score: AttemptScore, now: string): QuizState {
  return updateCurrent(state, (attempt) => ({ ...attempt, score, finishedAt: now }));
}

/** How many attempts were finished. */
export function finishedAttempts(state: QuizState): number {
  return state.attempts.filter((a) => a.finishedAt).length;
}

/** Whether another attempt may start under `maxAttempts` (undefined = unlimited). */
export function canRetry(state: QuizState, maxAttempts: number | undefined): boolean {
  return maxAttempts === undefined || finishedAttempts(state) < maxAttempts;
}

function updateCurrent(state: QuizState, change: (attempt: Attempt) => Attempt): QuizState {
  const current = currentAttempt(state);
  if (!current) return state;
  return { ...state, attempts: [...state.attempts.slice(0, -1), change(current)] };
}
