/**
 * Keeps quiz state in the browser's local storage, one key per quiz. Unreadable or foreign data is
 * ignored rather than crashing the quiz.
 */
import { emptyQuizState, type QuizState } from './attempts.ts';

/** Local-storage key prefix of quiz states (`<prefix><quizId>`). */
export const QUIZ_STORAGE_PREFIX = 'gangway:quiz:v1:';
const PREFIX = QUIZ_STORAGE_PREFIX;

/** Loads the saved state of a quiz, or an empty one. */
export function loadQuizState(
  quizId: string,
  storage: Storage | undefined = globalThis.localStorage,
): QuizState {
  try {
    const raw = storage?.getItem(PREFIX + quizId);
    const parsed: unknown = raw ? JSON.parse(raw) : undefined;
    if (parsed && typeof parsed === 'object' && (parsed as QuizState).version === 1)
      return parsed as QuizState;
  } catch {
    // Corrupt storage must not lock the learner out of the quiz.
  }
  return emptyQuizState();
}

/** Saves the state of a quiz. Storage that is full or disabled is tolerated (the quiz still works). */
export function saveQuizState(
  quizId: string,
  state: QuizState,
  storage: Storage | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(
      PREFIX + quizId,
      JSON.stringify({ ...state, updatedAt: new Date().toISOString() }),
    );
  } catch {
    // Private browsing or a full quota: progress stays in memory for this page.
  }
}
