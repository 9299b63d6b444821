/**
 * Questions as xAPI `cmi.interaction` activities: interaction type, components, correct-response
 * pattern, and the learner's response in xAPI's response encoding. Pure.
 *
 * | question type | interactionType | response                        |
 * |---------------|-----------------|---------------------------------|
 * | single        | choice          | `b`                             |
 * | multiple      | choice          | `a[,]c`                         |
 * | true-false    | true-false      | `true`                          |
 * | ordering      | sequencing      | `detect[,]report[,]isolate`     |
 * | matching      | matching        | `sso[.]t-sso[,]cso[.]t-cso`     |
 */
import type { InteractionActivityDefinition, InteractionComponent } from '@xapi/xapi';
import type { Question } from '../content/schemas.ts';
import type { QuizResponse } from '../quiz/responses.ts';
import { ACTIVITY_TYPES } from './activity-ids.ts';

const text = (value: string, language: string) => ({ [language]: value });

/** Target ids of matching questions are the pair id with this prefix (sources use the pair id). */
export const MATCH_TARGET_PREFIX = 't-';

/** The activity definition of a question (a scenario is described by its first step). */
export function interactionDefinition(
  question: Question,
  language: string,
): InteractionActivityDefinition {
  const base = {
    type: ACTIVITY_TYPES.interaction,
    name: text(question.id, language),
    description: text(question.prompt, language),
  };
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const choices: InteractionComponent[] = question.choices.map((c) => ({
        id: c.id,
        description: text(c.text, language),
      }));
      const correct = question.choices.filter((c) => c.correct).map((c) => c.id);
      return {
        ...base,
        interactionType: 'choice',
        choices,
        correctResponsesPattern: [correct.join('[,]')],
      };
    }
    case 'true-false':
      return {
        ...base,
        interactionType: 'true-false',
        correctResponsesPattern: [question.answer ? 'true' : 'false'],
      };
    case 'ordering':
      return {
        ...base,
        interactionType: 'sequencing',
        choices: question.items.map((i) => ({ id: i.id, description: text(i.text, language) })),
        correctResponsesPattern: [question.items.map((i) => i.id).join('[,]')],
      };
    case 'matching':
      return {
        ...base,
        interactionType: 'matching',
        source: question.pairs.map((p) => ({ id: p.id, description: text(p.source, language) })),
        target: question.pairs.map((p) => ({
          id: `${MATCH_TARGET_PREFIX}${p.id}`,
          description: text(p.target, language),
        })),
        correctResponsesPattern: [
          question.pairs.map((p) => `${p.id}[.]${MATCH_TARGET_PREFIX}${p.id}`).join('[,]'),
        ],
      };
    case 'scenario':
      return scenarioStepDefinition(question, question.start, language);
  }
}

/** One step of a branching scenario as a `choice` interaction: each good option is a correct response. */
export function scenarioStepDefinition(
  question: Extract<Question, { type: 'scenario' }>,
  stepId: string,
  language: string,
): InteractionActivityDefinition {
  const step = question.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`scenario ${question.id} has no step ${stepId}`);
  return {
    type: ACTIVITY_TYPES.interaction,
    name: text(`${question.id} / ${step.id}`, language),
    description: text(step.text, language),
    interactionType: 'choice',
    choices: step.options.map((o) => ({ id: o.id, description: text(o.text, language) })),
    correctResponsesPattern: step.options.filter((o) => o.good).map((o) => o.id),
  };
}

/** The learner's response in xAPI encoding ('' when there is none). */
export function encodeResponse(question: Question, response: QuizResponse | undefined): string {
  if (!response) return '';
  switch (response.type) {
    case 'single':
      return response.choice;
    case 'multiple':
      return response.choices.join('[,]');
    case 'true-false':
      return String(response.value);
    case 'ordering':
      return response.order.join('[,]');
    case 'matching':
      return question.type === 'matching'
        ? question.pairs
            .filter((p) => response.matches[p.id])
            .map((p) => `${p.id}[.]${MATCH_TARGET_PREFIX}${response.matches[p.id]}`)
            .join('[,]')
        : '';
    case 'scenario':
      // Scenario steps are reported one statement each; the first step's choice stands for the whole.
      return response.path[0]?.option ?? '';
  }
}
