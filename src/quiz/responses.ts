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
  | { type: 'matching'; matches: Record<string, string> }
  | { type: 'scenario'; path: { step: string; option: string }[] };

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
    case 'scenario':
      return question.type === 'scenario' && scenarioPathEnded(question, response.path);
  }
}

type ScenarioQuestion = Extract<Question, { type: 'scenario' }>;

/** The options chosen along a path, in order; undefined where the path leaves the scenario's steps. */
export function scenarioChoices(
  question: ScenarioQuestion,
  path: { step: string; option: string }[],
) {
  const choices = [];
  let expected: string | undefined = question.start;
  for (const { step, option } of path) {
    if (step !== expected) return undefined;
    const chosen = question.steps.find((s) => s.id === step)?.options.find((o) => o.id === option);
    if (!chosen) return undefined;
    choices.push({ step, option: chosen });
    expected = chosen.next;
  }
  return { choices, nextStep: expected };
}

/** Whether the path follows the scenario from its start to an ending. */
export function scenarioPathEnded(
  question: ScenarioQuestion,
  path: { step: string; option: string }[],
): boolean {
  const walked = scenarioChoices(question, path);
  return Boolean(walked && walked.choices.length > 0 && walked.nextStep === undefined);
}
