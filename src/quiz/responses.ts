/**
 * How a learner's answer to each question type is held, and whether it is complete enough to
 * check. Pure.
 */
import type { Question } from '../content/schemas.ts';

/** A learner's response: choice id, choice ids, true/false, item ids in order, or source→target pair ids. */
export type QuizResponse =
  | { type: 'single'; choice: string }
  | { type: 'multiple'; choices: string[] }
  | { type: 'true-false'; value: boolean }
  | { type: 'ordering'; order: string[] }
  | { type: 'matching'; matches: Record<string, string> };

/** True when the response answers every part of the question. */
export function isResponseComplete(
  question: Question,
  response: QuizResponse | undefined,
): boolean {
  if (!response || response.type !== question.type) return false;
  switch (response.type) {
    case 'single':
      return response.choice !== '';
    case 'multiple':
      return response.choices.length > 0;
    case 'true-false':
      return true;
    case 'ordering':
      return question.type === 'ordering' && response.order.length === question.items.length;
    case 'matching':
      return (
        question.type === 'matching' &&
        question.pairs.every((pair) => Boolean(response.matches[pair.id]))
      );
  }
}
