import { useMemo, useState } from 'react';
import type { Question } from '../content/schemas.ts';
import { seededRandom, shuffled } from './draw.ts';
import { scenarioChoices, type QuizResponse } from './responses.ts';

/** Props of {@link QuestionView}. */
export interface QuestionViewProps {
  question: Question;
  /** 1-based position, shown to the learner. */
  number: number;
  /** Seed for shuffling ordering items and matching targets (stable across reloads). */
  seed: number;
  response: QuizResponse | undefined;
  onChange: (response: QuizResponse) => void;
  /** When true the answer is locked and feedback is shown. */
  revealed: boolean;
  /** Whether the revealed answer was right (only read when `revealed`). */
  correct: boolean;
}

/** One question of any type, with its inputs and, once revealed, its feedback. */
export function QuestionView(props: QuestionViewProps) {
  const { question, number, revealed, correct } = props;
  const headingId = `q-${question.id}-prompt`;
  return (
    <fieldset className="question" data-question-id={question.id} aria-labelledby={headingId}>
      <legend id={headingId}>
        <span className="question-number">Question {number}</span> {question.prompt}
      </legend>
      <p className="question-hint">{hintFor(question)}</p>
      <QuestionInputs {...props} />
      <div aria-live="polite">
        {revealed && (
          <div
            className={`feedback ${correct ? 'feedback-right' : 'feedback-wrong'}`}
            role="status"
          >
            <p className="feedback-verdict">{correct ? 'Correct.' : 'Not quite.'}</p>
            {feedbackLines(question, props.response).map((line, index) => (
              <p key={index}>{line}</p>
            ))}
            {!correct && <CorrectAnswer question={question} />}
            <p>{question.explanation}</p>
            <p className="feedback-ref">
              Reference: <cite>{question.reference}</cite>
            </p>
          </div>
        )}
      </div>
    </fieldset>
  );
}

function hintFor(question: Question): string {
  switch (question.type) {
    case 'single':
      return 'Choose one answer.';
    case 'multiple':
      return 'Choose every answer that applies.';
    case 'true-false':
      return 'True or false?';
    case 'ordering':
      return 'Put the steps in the right order with the Move up and Move down buttons.';
    case 'matching':
      return 'Choose the right match for each item.';
    case 'scenario':
      return 'Choose what you would do, and see what happens next.';
  }
}

function QuestionInputs({ question, seed, response, onChange, revealed }: QuestionViewProps) {
  const name = `q-${question.id}`;
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const multiple = question.type === 'multiple';
      const chosen =
        response?.type === 'single'
          ? [response.choice]
          : response?.type === 'multiple'
            ? response.choices
            : [];
      return (
        <ul className="choices">
          {question.choices.map((choice) => (
            <li key={choice.id}>
              <label className={revealed && choice.correct ? 'choice choice-key' : 'choice'}>
                <input
                  type={multiple ? 'checkbox' : 'radio'}
                  name={name}
                  value={choice.id}
                  checked={chosen.includes(choice.id)}
                  disabled={revealed}
                  onChange={(event) => {
                    if (!multiple) return onChange({ type: 'single', choice: choice.id });
                    const next = event.target.checked
                      ? [...chosen, choice.id]
                      : chosen.filter((id) => id !== choice.id);
                    onChange({ type: 'multiple', choices: next });
                  }}
                />
                <span>{choice.text}</span>
              </label>
            </li>
          ))}
        </ul>
      );
    }
    case 'true-false': {
      const value = response?.type === 'true-false' ? response.value : undefined;
      return (
        <ul className="choices choices-inline">
          {[true, false].map((option) => (
            <li key={String(option)}>
              <label className="choice">
                <input
                  type="radio"
                  name={name}
                  value={String(option)}
                  checked={value === option}
                  disabled={revealed}
                  onChange={() => onChange({ type: 'true-false', value: option })}
                />
                <span>{option ? 'True' : 'False'}</span>
              </label>
            </li>
          ))}
        </ul>
      );
    }
    case 'ordering':
      return (
        <OrderingInput
          question={question}
          seed={seed}
          response={response}
          onChange={onChange}
          revealed={revealed}
        />
      );
    case 'matching':
      return (
        <MatchingInput
          question={question}
          seed={seed}
          response={response}
          onChange={onChange}
          revealed={revealed}
        />
      );
    case 'scenario':
      return (
        <ScenarioInput
          question={question}
          response={response}
          onChange={onChange}
          revealed={revealed}
        />
      );
  }
}

type OrderingQuestion = Extract<Question, { type: 'ordering' }>;
type MatchingQuestion = Extract<Question, { type: 'matching' }>;

function OrderingInput(props: {
  question: OrderingQuestion;
  seed: number;
  response: QuizResponse | undefined;
  onChange: (response: QuizResponse) => void;
  revealed: boolean;
}) {
  const { question, seed, response, onChange, revealed } = props;
  const initial = useMemo(
    () => shuffled(question.items, seededRandom(seed ^ hash(question.id))).map((item) => item.id),
    [question, seed],
  );
  const order = response?.type === 'ordering' ? response.order : initial;
  const byId = new Map(question.items.map((item) => [item.id, item.text]));
  const move = (index: number, by: -1 | 1) => {
    const next = [...order];
    const target = index + by;
    [next[index], next[target]] = [next[target] as string, next[index] as string];
    onChange({ type: 'ordering', order: next });
  };
  return (
    <>
      <ol className="ordering">
        {order.map((id, index) => (
          <li key={id}>
            <span className="ordering-text">{byId.get(id)}</span>
            <span className="ordering-buttons">
              <button
                type="button"
                disabled={revealed || index === 0}
                aria-label={`Move "${byId.get(id)}" up`}
                onClick={() => move(index, -1)}
              >
                ↑ Move up
              </button>
              <button
                type="button"
                disabled={revealed || index === order.length - 1}
                aria-label={`Move "${byId.get(id)}" down`}
                onClick={() => move(index, 1)}
              >
                ↓ Move down
              </button>
            </span>
          </li>
        ))}
      </ol>
      {!revealed && response?.type !== 'ordering' && (
        <button
          type="button"
          className="link-button"
          onClick={() => onChange({ type: 'ordering', order })}
        >
          This order is my answer
        </button>
      )}
    </>
  );
}

function MatchingInput(props: {
  question: MatchingQuestion;
  seed: number;
  response: QuizResponse | undefined;
  onChange: (response: QuizResponse) => void;
  revealed: boolean;
}) {
  const { question, seed, response, onChange, revealed } = props;
  const targets = useMemo(
    () => shuffled(question.pairs, seededRandom(seed ^ hash(question.id))),
    [question, seed],
  );
  const matches = response?.type === 'matching' ? response.matches : {};
  return (
    <table className="matching">
      <tbody>
        {question.pairs.map((pair) => {
          const id = `q-${question.id}-${pair.id}`;
          return (
            <tr key={pair.id}>
              <th scope="row">
                <label htmlFor={id}>{pair.source}</label>
              </th>
              <td>
                <select
                  id={id}
                  value={matches[pair.id] ?? ''}
                  disabled={revealed}
                  onChange={(event) =>
                    onChange({
                      type: 'matching',
                      matches: { ...matches, [pair.id]: event.target.value },
                    })
                  }
                >
                  <option value="">Choose…</option>
                  {targets.map((target) => (
                    <option key={target.id} value={target.id}>
                      {target.target}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function feedbackLines(question: Question, response: QuizResponse | undefined): string[] {
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const chosen =
        response?.type === 'single'
          ? [response.choice]
          : response?.type === 'multiple'
            ? response.choices
            : [];
      return question.choices
        .filter((c) => chosen.includes(c.id))
        .map((c) => `“${c.text}”: ${c.feedback}`);
    }
    case 'true-false':
      if (response?.type !== 'true-false') return [];
      return [response.value ? question.feedbackTrue : question.feedbackFalse];
    default:
      return [];
  }
}

function CorrectAnswer({ question }: { question: Question }) {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return (
        <p>
          The right answer{question.type === 'multiple' ? 's are' : ' is'}:{' '}
          {question.choices
            .filter((c) => c.correct)
            .map((c) => `“${c.text}”`)
            .join('; ')}
          .
        </p>
      );
    case 'true-false':
      return <p>The statement is {question.answer ? 'true' : 'false'}.</p>;
    case 'ordering':
      return (
        <>
          <p>The right order:</p>
          <ol>
            {question.items.map((item) => (
              <li key={item.id}>{item.text}</li>
            ))}
          </ol>
        </>
      );
    case 'matching':
      return (
        <>
          <p>The right matches:</p>
          <ul>
            {question.pairs.map((pair) => (
              <li key={pair.id}>
                {pair.source} → {pair.target}
              </li>
            ))}
          </ul>
        </>
      );
    case 'scenario':
      return <p>A good course of action: {goodPath(question).join(' → ')}.</p>;
  }
}

type ScenarioQuestion = Extract<Question, { type: 'scenario' }>;

/** The texts of a good path through a scenario (the first good option at each step). */
function goodPath(question: ScenarioQuestion): string[] {
  const texts: string[] = [];
  let stepId: string | undefined = question.start;
  for (let guard = 0; stepId && guard < 10; guard++) {
    const step = question.steps.find((s) => s.id === stepId);
    const good = step?.options.find((o) => o.good);
    if (!good) break;
    texts.push(good.text);
    stepId = good.next;
  }
  return texts;
}

function ScenarioInput(props: {
  question: ScenarioQuestion;
  response: QuizResponse | undefined;
  onChange: (response: QuizResponse) => void;
  revealed: boolean;
}) {
  const { question, response, onChange, revealed } = props;
  const [pick, setPick] = useState('');
  const path = response?.type === 'scenario' ? response.path : [];
  const walked = scenarioChoices(question, path) ?? { choices: [], nextStep: question.start };
  const current = walked.nextStep
    ? question.steps.find((s) => s.id === walked.nextStep)
    : undefined;
  const stepText = (id: string) => question.steps.find((s) => s.id === id)?.text ?? '';
  return (
    <div className="scenario-steps">
      {walked.choices.map(({ step, option }, index) => (
        <div className="scenario-step" key={step}>
          <p className="scenario-situation">
            <span className="visually-hidden">Step {index + 1}: </span>
            {stepText(step)}
          </p>
          <p>
            <strong>You chose:</strong> {option.text}
          </p>
          <p
            className={option.good ? 'consequence consequence-good' : 'consequence consequence-bad'}
          >
            <strong>What happened:</strong> {option.feedback}
          </p>
        </div>
      ))}
      {current && !revealed && (
        <div className="scenario-step">
          <p className="scenario-situation">{current.text}</p>
          <ul className="choices">
            {current.options.map((option) => (
              <li key={option.id}>
                <label className="choice">
                  <input
                    type="radio"
                    name={`q-${question.id}-${current.id}`}
                    value={option.id}
                    checked={pick === option.id}
                    onChange={() => setPick(option.id)}
                  />
                  <span>{option.text}</span>
                </label>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button"
            disabled={!pick}
            onClick={() => {
              onChange({ type: 'scenario', path: [...path, { step: current.id, option: pick }] });
              setPick('');
            }}
          >
            Do this
          </button>
        </div>
      )}
    </div>
  );
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
