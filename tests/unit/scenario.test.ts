import { describe, expect, it } from 'vitest';
import { validationWarnings } from '../support/xapi-validation.ts';
import type { Question } from '../../src/content/schemas.ts';
import { isResponseComplete, type QuizResponse } from '../../src/quiz/responses.ts';
import { isResponseCorrect, scenarioScore } from '../../src/quiz/scoring.ts';
import { activityIds } from '../../src/statements/activity-ids.ts';
import { buildScenarioStatements } from '../../src/statements/build-statements.ts';
import { statementsForEvent } from '../../src/tracking/event-statements.ts';

const scenario: Extract<Question, { type: 'scenario' }> = {
  id: 'borrowed-card',
  type: 'scenario',
  objective: 'IT-LO-2.1',
  reference: 'IMO/ICAO Insider Threat Toolkit (2024)',
  prompt: 'A colleague asks to borrow your access card.',
  explanation: 'An access card identifies one person.',
  start: 'ask',
  steps: [
    {
      id: 'ask',
      text: 'Sam asks to borrow your card at the gate.',
      options: [
        {
          id: 'lend',
          text: 'Lend it',
          good: false,
          feedback: 'The card is used that night.',
          next: 'found-out',
        },
        {
          id: 'refuse',
          text: 'Refuse politely and call security',
          good: true,
          feedback: 'Sam gets a visitor pass.',
        },
      ],
    },
    {
      id: 'found-out',
      text: 'The PFSO asks who used your card.',
      options: [
        {
          id: 'admit',
          text: 'Say you lent it',
          good: true,
          feedback: 'The gap is found and closed.',
        },
        {
          id: 'deny',
          text: 'Say you do not know',
          good: false,
          feedback: 'The investigation stalls.',
        },
      ],
    },
  ],
};
const path = (...steps: [string, string][]): QuizResponse => ({
  type: 'scenario',
  path: steps.map(([step, option]) => ({ step, option })),
});

describe('branching scenario scoring', () => {
  it('is right only when every choice on the path is good', () => {
    expect(isResponseCorrect(scenario, path(['ask', 'refuse']))).toBe(true);
    expect(isResponseCorrect(scenario, path(['ask', 'lend'], ['found-out', 'admit']))).toBe(false);
    expect(scenarioScore(scenario, path(['ask', 'lend'], ['found-out', 'admit']))).toBe(0.5);
    expect(scenarioScore(scenario, path(['ask', 'lend'], ['found-out', 'deny']))).toBe(0);
  });

  it('is complete only when the path reaches an ending by the scenario’s own branches', () => {
    expect(isResponseComplete(scenario, path(['ask', 'lend']))).toBe(false);
    expect(isResponseComplete(scenario, path(['ask', 'refuse']))).toBe(true);
    expect(isResponseComplete(scenario, path(['found-out', 'admit']))).toBe(false);
    expect(isResponseComplete(scenario, path(['ask', 'refuse'], ['found-out', 'admit']))).toBe(
      false,
    );
  });
});

describe('branching scenario statements', () => {
  const ids = activityIds('https://academy.example/');
  const learner = {
    actor: {
      objectType: 'Agent' as const,
      account: { homePage: 'https://academy.example', name: 'S-1' },
    },
  };
  const course = { id: 'insider-threat', title: 'Insider Threat', language: 'en' };

  it('reports each step as a valid choice interaction with the learner’s choice', () => {
    const statements = buildScenarioStatements({
      ids,
      learner,
      course,
      meta: { id: '11111111-1111-4111-8111-111111111111', timestamp: '2026-11-21T10:00:00Z' },
      quiz: { kind: 'final', title: 'Final' },
      question: scenario,
      response: path(['ask', 'lend'], ['found-out', 'admit']),
      stepIds: ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'],
    });
    expect(statements).toHaveLength(2);
    for (const s of statements) expect(validationWarnings(s)).toEqual([]);
    expect(statements.map((s) => (s.object as { id: string }).id)).toEqual([
      'https://academy.example/courses/insider-threat/assessments/final/questions/borrowed-card/ask',
      'https://academy.example/courses/insider-threat/assessments/final/questions/borrowed-card/found-out',
    ]);
    expect(statements.map((s) => [s.result?.response, s.result?.success])).toEqual([
      ['lend', false],
      ['admit', true],
    ]);
    const definition = (
      statements[0]?.object as {
        definition: { interactionType: string; correctResponsesPattern: string[] };
      }
    ).definition;
    expect(definition).toMatchObject({
      interactionType: 'choice',
      correctResponsesPattern: ['refuse'],
    });
  });

  it('turns an answered scenario event into one statement per step with distinct ids', () => {
    let n = 0;
    const statements = statementsForEvent(
      {
        type: 'question-answered',
        at: '2026-11-21T10:00:00Z',
        courseId: 'insider-threat',
        moduleId: 'm2',
        quizId: 'x',
        quizKind: 'module-check',
        quizTitle: 'Check',
        questionId: scenario.id,
        question: scenario,
        response: path(['ask', 'lend'], ['found-out', 'deny']),
        correct: false,
        attempt: 1,
      },
      {
        ids,
        learner,
        course,
        newId: () => `33333333-3333-4333-8333-${String(++n).padStart(12, '0')}`,
      },
    );
    expect(statements).toHaveLength(2);
    expect(new Set(statements.map((s) => s.id)).size).toBe(2);
  });
});
