import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/content/schemas.ts';
import { isResponseComplete } from '../../src/quiz/responses.ts';
import { formatPercent, isResponseCorrect, scoreAttempt } from '../../src/quiz/scoring.ts';

const base = { objective: '9.99-LO-1.1', reference: 'ISPS A/2.1.9', prompt: 'p', explanation: 'e' };
const single: Question = {
  ...base,
  id: 's',
  type: 'single',
  choices: [
    { id: 'a', text: 'A', correct: true, feedback: 'f' },
    { id: 'b', text: 'B', correct: false, feedback: 'f' },
  ],
};
const multiple: Question = {
  ...base,
  id: 'm',
  type: 'multiple',
  choices: [
    { id: 'a', text: 'A', correct: true, feedback: 'f' },
    { id: 'b', text: 'B', correct: true, feedback: 'f' },
    { id: 'c', text: 'C', correct: false, feedback: 'f' },
  ],
};
const trueFalse: Question = {
  ...base,
  id: 't',
  type: 'true-false',
  answer: false,
  feedbackTrue: 'x',
  feedbackFalse: 'y',
};
const ordering: Question = {
  ...base,
  id: 'o',
  type: 'ordering',
  items: [
    { id: 'one', text: '1' },
    { id: 'two', text: '2' },
    { id: 'three', text: '3' },
  ],
};
const matching: Question = {
  ...base,
  id: 'x',
  type: 'matching',
  pairs: [
    { id: 'sso', source: 'SSO', target: 'Inspections' },
    { id: 'cso', source: 'CSO', target: 'SSA' },
  ],
};

describe('isResponseCorrect', () => {
  it('scores single choice by the marked choice', () => {
    expect(isResponseCorrect(single, { type: 'single', choice: 'a' })).toBe(true);
    expect(isResponseCorrect(single, { type: 'single', choice: 'b' })).toBe(false);
  });

  it('needs exactly the right set for multiple response', () => {
    expect(isResponseCorrect(multiple, { type: 'multiple', choices: ['b', 'a'] })).toBe(true);
    expect(isResponseCorrect(multiple, { type: 'multiple', choices: ['a'] })).toBe(false);
    expect(isResponseCorrect(multiple, { type: 'multiple', choices: ['a', 'b', 'c'] })).toBe(false);
  });

  it('compares true/false with the answer', () => {
    expect(isResponseCorrect(trueFalse, { type: 'true-false', value: false })).toBe(true);
    expect(isResponseCorrect(trueFalse, { type: 'true-false', value: true })).toBe(false);
  });

  it('needs the whole order right', () => {
    expect(isResponseCorrect(ordering, { type: 'ordering', order: ['one', 'two', 'three'] })).toBe(
      true,
    );
    expect(isResponseCorrect(ordering, { type: 'ordering', order: ['two', 'one', 'three'] })).toBe(
      false,
    );
  });

  it('needs every pair matched to its own target', () => {
    expect(
      isResponseCorrect(matching, { type: 'matching', matches: { sso: 'sso', cso: 'cso' } }),
    ).toBe(true);
    expect(
      isResponseCorrect(matching, { type: 'matching', matches: { sso: 'cso', cso: 'sso' } }),
    ).toBe(false);
  });

  it('treats missing, incomplete or mistyped responses as wrong', () => {
    expect(isResponseCorrect(single, undefined)).toBe(false);
    expect(isResponseCorrect(matching, { type: 'matching', matches: { sso: 'sso' } })).toBe(false);
    expect(isResponseCorrect(single, { type: 'true-false', value: true })).toBe(false);
    expect(isResponseComplete(multiple, { type: 'multiple', choices: [] })).toBe(false);
    expect(isResponseComplete(ordering, { type: 'ordering', order: ['one'] })).toBe(false);
  });
});

describe('scoreAttempt', () => {
  it('passes exactly at the mastery score despite floating point', () => {
    const flags = [true, true, true, true, true, true, true, false, false, false];
    expect(scoreAttempt(flags, 0.7)).toEqual({ correct: 7, total: 10, scaled: 0.7, passed: true });
  });

  it('fails below the mastery score', () => {
    expect(scoreAttempt([true, false, false], 0.7).passed).toBe(false);
  });

  it('never passes an empty attempt', () => {
    expect(scoreAttempt([], 0)).toEqual({ correct: 0, total: 0, scaled: 0, passed: false });
  });

  it('formats percentages for learners', () => {
    expect(formatPercent(0.7)).toBe('70 %');
    expect(formatPercent(2 / 3)).toBe('67 %');
  });
});
