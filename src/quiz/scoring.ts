/**
 * Scoring: whether a response is right, and how an attempt scores against the mastery score.
 * Pure. A question is right or wrong as a whole (no partial credit), so a learner's score is the
 * share of questions answered fully right — the same rule the xAPI `success` flag reports.
 */
import type { Question } from '../content/schemas.ts';
import { isResponseComplete, scenarioChoices, type QuizResponse } from './responses.ts';

/** Whether the response is fully right. Incomplete responses are wrong. */
export function isResponseCorrect(question: Question, response: QuizResponse | undefined): boolean {
  if (!response || !isResponseComplete(question, response)) return false;
  switch (question.type) {
    case 'single':
      return (
        response.type === 'single' &&
        question.choices.find((c) => c.id === response.choice)?.correct === true
      );
    case 'multiple': {
      if (response.type !== 'multiple') return false;
      const right = question.choices.filter((c) => c.correct).map((c) => c.id);
      const chosen = new Set(response.choices);
      return chosen.size === right.length && right.every((id) => chosen.has(id));
    }
    case 'true-false':
      return response.type === 'true-false' && response.value === question.answer;
    case 'ordering':
      return (
        response.type === 'ordering' &&
        question.items.every((item, index) => response.order[index] === item.id)
      );
    case 'matching':
      return (
        response.type === 'matching' &&
        question.pairs.every((pair) => response.matches[pair.id] === pair.id)
      );
    case 'scenario':
      return response.type === 'scenario' && scenarioScore(question, response) === 1;
  }
}

/** Share of good choices on a scenario path (0–1); the question is right only at 1. */
export function scenarioScore(
  question: Extract<Question, { type: 'scenario' }>,
  response: QuizResponse | undefined,
): number {
  if (response?.type !== 'scenario') return 0;
  const walked = scenarioChoices(question, response.path);
  if (!walked || walked.choices.length === 0) return 0;
  return walked.choices.filter((c) => c.option.good).length / walked.choices.length;
}

/** The result of one attempt at a quiz. */
export interface AttemptScore {
  correct: number;
  total: number;
  /** correct / total, 0–1 (0 for an empty quiz). */
  scaled: number;
  /** Whether `scaled` reaches the mastery score. */
  passed: boolean;
}

/** Scores an attempt: how many right, the scaled score and pass/fail against `masteryScore`. */
export function scoreAttempt(correctFlags: boolean[], masteryScore: number): AttemptScore {
  const total = correctFlags.length;
  const correct = correctFlags.filter(Boolean).length;
  const scaled = total === 0 ? 0 : correct / total;
  // Compare with a small tolerance so that 7/10 passes a 0.7 mastery score despite float error.
  return { correct, total, scaled, passed: total > 0 && scaled + 1e-9 >= masteryScore };
}

/** Formats a 0–1 score as a whole percentage ("70 %"). */
export function formatPercent(scaled: number): string {
  return `${Math.round(scaled * 100)} %`;
}
