import { describe, expect, it } from 'vitest';
import {
  canRetry,
  currentAttempt,
  emptyQuizState,
  finishAttempt,
  markChecked,
  recordResponse,
  startAttempt,
} from '../../src/quiz/attempts.ts';
import { drawQuestions, seededRandom, shuffled } from '../../src/quiz/draw.ts';
import { loadQuizState, saveQuizState } from '../../src/quiz/quiz-storage.ts';

class MemoryStorage implements Pick<Storage, 'getItem' | 'setItem'> {
  values = new Map<string, string>();
  getItem(key: string) {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.values.set(key, value);
  }
}

describe('drawing questions', () => {
  const pool = ['a', 'b', 'c'].flatMap((objective) =>
    [1, 2, 3].map((n) => ({ id: `${objective}${n}`, objective })),
  );

  it('draws the same questions for the same seed (a reload shows the same attempt)', () => {
    expect(drawQuestions(pool, 5, 42)).toEqual(drawQuestions(pool, 5, 42));
    expect(drawQuestions(pool, 9, 1).map((q) => q.id)).not.toEqual(
      drawQuestions(pool, 9, 2).map((q) => q.id),
    );
  });

  it('samples every objective before repeating one', () => {
    const drawn = drawQuestions(pool, 3, 7);
    expect(new Set(drawn.map((q) => q.objective)).size).toBe(3);
  });

  it('never draws more than the pool or the same question twice', () => {
    const drawn = drawQuestions(pool, 50, 3);
    expect(drawn).toHaveLength(9);
    expect(new Set(drawn.map((q) => q.id)).size).toBe(9);
  });

  it('shuffles deterministically without losing items', () => {
    const items = [1, 2, 3, 4, 5, 6];
    const once = shuffled(items, seededRandom(9));
    expect(once).toEqual(shuffled(items, seededRandom(9)));
    expect([...once].sort()).toEqual(items);
  });
});

describe('attempt state', () => {
  it('records responses until a question is checked, then locks it', () => {
    let state = startAttempt(emptyQuizState(), 1, ['q1', 'q2'], '2026-01-01T00:00:00Z');
    state = recordResponse(state, 'q1', { type: 'single', choice: 'a' });
    state = markChecked(state, { q1: true });
    state = recordResponse(state, 'q1', { type: 'single', choice: 'b' });
    expect(currentAttempt(state)?.responses.q1).toEqual({ type: 'single', choice: 'a' });
  });

  it('enforces the retry policy', () => {
    let state = startAttempt(emptyQuizState(), 1, ['q1'], 'now');
    state = finishAttempt(state, { correct: 0, total: 1, scaled: 0, passed: false }, 'later');
    expect(canRetry(state, 2)).toBe(true);
    state = startAttempt(state, 2, ['q1'], 'now');
    state = finishAttempt(state, { correct: 0, total: 1, scaled: 0, passed: false }, 'later');
    expect(canRetry(state, 2)).toBe(false);
    expect(canRetry(state, undefined)).toBe(true);
  });

  it('survives a reload through storage and ignores corrupt data', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const state = startAttempt(emptyQuizState(), 5, ['q1'], 'now');
    saveQuizState('c/assessment', state, storage);
    expect(loadQuizState('c/assessment', storage)).toEqual({
      ...state,
      updatedAt: expect.any(String),
    });
    storage.setItem('gangway:quiz:v1:broken', '{not json');
    expect(loadQuizState('broken', storage)).toEqual(emptyQuizState());
  });
});
