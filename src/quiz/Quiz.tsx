import { useEffect, useMemo, useRef, useState } from 'react';
import type { Question } from '../content/schemas.ts';
import { emitLearningEvent, type QuizKind } from '../learning/learning-events.ts';
import {
  canRetry,
  currentAttempt,
  emptyQuizState,
  finishAttempt,
  finishedAttempts,
  markChecked,
  recordResponse,
  startAttempt,
  type Attempt,
  type QuizState,
} from './attempts.ts';
import { drawQuestions, newSeed } from './draw.ts';
import { QuestionView } from './QuestionView.tsx';
import { loadQuizState, saveQuizState } from './quiz-storage.ts';
import { isResponseComplete, type QuizResponse } from './responses.ts';
import { formatPercent, isResponseCorrect, scoreAttempt } from './scoring.ts';

/** A question as the quiz receives it: with the module whose bank it comes from. */
export type QuizQuestion = Question & { moduleId: string };

/** Props of {@link Quiz}. */
export interface QuizProps {
  /** Stable id of the quiz (`<course>/<module>/<lesson>`, `<course>/<module>/check`, `<course>/assessment`). */
  quizId: string;
  kind: QuizKind;
  courseId: string;
  /** The module, for lesson quizzes and module checks. */
  moduleId?: string;
  /** The lesson, for a lesson's questions. */
  lessonId?: string;
  /** Heading shown above the questions. */
  title: string;
  /** The pool to draw from. */
  questions: QuizQuestion[];
  /** How many questions an attempt draws (all when equal to the pool). */
  drawCount: number;
  /** Pass mark 0–1. */
  masteryScore: number;
  /** Attempts allowed; undefined = unlimited. */
  maxAttempts?: number;
  /** Feedback after each question, or after submitting the whole attempt. */
  feedback: 'immediate' | 'on-submit';
}

/** The quiz engine: draws, asks, checks, scores and remembers attempts; reports through learning events. */
export default function Quiz(props: QuizProps) {
  const { quizId, kind, questions, drawCount, masteryScore, maxAttempts, feedback } = props;
  const byId = useMemo(() => new Map(questions.map((q) => [q.id, q])), [questions]);
  const [state, setState] = useState<QuizState>(emptyQuizState);
  const [loaded, setLoaded] = useState(false);
  const [unansweredWarning, setUnansweredWarning] = useState<number[]>([]);
  const resultRef = useRef<HTMLDivElement>(null);
  const progressRef = useRef<HTMLParagraphElement>(null);

  // Local storage is only readable in the browser; restore once after hydration.
  useEffect(() => {
    const saved = loadQuizState(quizId);
    const usable = currentAttempt(saved)?.questionIds.every((id) => byId.has(id)) ?? true;
    const restored = usable ? saved : emptyQuizState();
    // A lesson's "check your understanding" needs no start button: show its questions at once.
    if (kind === 'lesson' && !currentAttempt(restored)) {
      const seed = newSeed();
      const drawn = drawQuestions(questions, drawCount, seed).map((q) => q.id);
      setState(startAttempt(restored, seed, drawn, new Date().toISOString()));
    } else {
      setState(restored);
    }
    setLoaded(true);
  }, [quizId, byId, kind, questions, drawCount]);

  const update = (next: QuizState) => {
    setState(next);
    saveQuizState(quizId, next);
  };

  const begin = (base: QuizState) => {
    const seed = newSeed();
    const drawn = drawQuestions(questions, drawCount, seed).map((q) => q.id);
    update(startAttempt(base, seed, drawn, new Date().toISOString()));
    setUnansweredWarning([]);
    // The start button disappears: put keyboard focus at the top of the questions.
    requestAnimationFrame(() => progressRef.current?.focus());
  };

  const attempt = currentAttempt(state);
  const attemptNumber = state.attempts.length;
  const drawn = (attempt?.questionIds ?? [])
    .map((id) => byId.get(id))
    .filter((q) => q !== undefined);

  const emitAnswered = (
    question: QuizQuestion,
    response: QuizResponse | undefined,
    correct: boolean,
  ) =>
    emitLearningEvent({
      type: 'question-answered',
      at: new Date().toISOString(),
      courseId: props.courseId,
      moduleId: question.moduleId,
      quizId,
      quizKind: kind,
      quizTitle: props.title,
      lessonId: props.lessonId,
      questionId: question.id,
      question: stripModule(question),
      response,
      correct,
      attempt: attemptNumber,
    });

  const finish = (current: QuizState, finished: Attempt) => {
    const flags = finished.questionIds.map((id) => finished.checked[id] === true);
    const score = scoreAttempt(flags, masteryScore);
    const now = new Date();
    update(finishAttempt(current, score, now.toISOString()));
    if (kind !== 'lesson') {
      emitLearningEvent({
        type: 'assessment-finished',
        at: now.toISOString(),
        courseId: props.courseId,
        moduleId: props.moduleId,
        quizId,
        quizKind: kind,
        quizTitle: props.title,
        attempt: attemptNumber,
        scaled: score.scaled,
        correct: score.correct,
        total: score.total,
        masteryScore,
        passed: score.passed,
        durationMs: now.getTime() - Date.parse(finished.startedAt),
      });
    }
    requestAnimationFrame(() => resultRef.current?.focus());
  };

  const checkOne = (question: QuizQuestion) => {
    if (!attempt) return;
    const response = attempt.responses[question.id];
    const correct = isResponseCorrect(question, response);
    const next = markChecked(state, { [question.id]: correct });
    emitAnswered(question, response, correct);
    const updated = currentAttempt(next);
    if (updated && updated.questionIds.every((id) => id in updated.checked)) finish(next, updated);
    else update(next);
  };

  const submitAll = () => {
    if (!attempt) return;
    const missing = drawn
      .map((q, index) => (isResponseComplete(q, attempt.responses[q.id]) ? -1 : index + 1))
      .filter((n) => n > 0);
    if (missing.length > 0) {
      setUnansweredWarning(missing);
      return;
    }
    const results: Record<string, boolean> = {};
    for (const question of drawn) {
      const correct = isResponseCorrect(question, attempt.responses[question.id]);
      results[question.id] = correct;
      emitAnswered(question, attempt.responses[question.id], correct);
    }
    const next = markChecked(state, results);
    const updated = currentAttempt(next);
    if (updated) finish(next, updated);
  };

  if (!loaded) {
    return (
      <section className="quiz" aria-label={props.title}>
        <h2>{props.title}</h2>
        <p>Loading the questions…</p>
      </section>
    );
  }

  const finished = Boolean(attempt?.finishedAt);
  const answered = drawn.filter((q) => isResponseComplete(q, attempt?.responses[q.id])).length;
  const retryAllowed = canRetry(state, maxAttempts);

  return (
    <section className="quiz" aria-label={props.title} data-quiz-kind={kind}>
      <h2>{props.title}</h2>
      {!attempt && (
        <div className="quiz-intro">
          <p>{introText(props)}</p>
          <button type="button" className="button" onClick={() => begin(state)}>
            {kind === 'final' ? 'Start the assessment' : 'Start'}
          </button>
        </div>
      )}
      {attempt && (
        <>
          <p className="quiz-progress" aria-live="polite" ref={progressRef} tabIndex={-1}>
            {kind !== 'lesson' &&
              `Attempt ${attemptNumber}${maxAttempts ? ` of ${maxAttempts}` : ''}. `}
            {answered} of {drawn.length} answered.
          </p>
          <ol className="question-list">
            {drawn.map((question, index) => {
              const revealed = finished || question.id in attempt.checked;
              return (
                <li key={question.id} id={`question-${index + 1}`}>
                  <QuestionView
                    question={question}
                    number={index + 1}
                    seed={attempt.seed}
                    response={attempt.responses[question.id]}
                    onChange={(response) => update(recordResponse(state, question.id, response))}
                    revealed={revealed}
                    correct={attempt.checked[question.id] === true}
                  />
                  {feedback === 'immediate' && !revealed && (
                    <button
                      type="button"
                      className="button"
                      disabled={!isResponseComplete(question, attempt.responses[question.id])}
                      onClick={() => checkOne(question)}
                    >
                      Check answer
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
          {feedback === 'on-submit' && !finished && (
            <div className="quiz-submit">
              {unansweredWarning.length > 0 && (
                <p className="warning" role="alert">
                  Answer every question before submitting. Still open:{' '}
                  {unansweredWarning.map((n, i) => (
                    <span key={n}>
                      {i > 0 && ', '}
                      <a href={`#question-${n}`}>question {n}</a>
                    </span>
                  ))}
                  .
                </p>
              )}
              <button type="button" className="button" onClick={submitAll}>
                Submit answers
              </button>
            </div>
          )}
          {finished && attempt.score && (
            <div className="quiz-result" ref={resultRef} tabIndex={-1} role="status">
              <p className={attempt.score.passed ? 'result-pass' : 'result-fail'}>
                <strong>
                  {kind === 'lesson'
                    ? `You answered ${attempt.score.correct} of ${attempt.score.total} correctly.`
                    : `${attempt.score.passed ? 'Passed' : 'Not passed yet'}: ${formatPercent(attempt.score.scaled)} (${attempt.score.correct} of ${attempt.score.total}); the pass mark is ${formatPercent(masteryScore)}.`}
                </strong>
              </p>
              {retryAllowed ? (
                <button type="button" className="button" onClick={() => begin(state)}>
                  {kind === 'final' ? 'Take the assessment again' : 'Try again'}
                </button>
              ) : (
                <p>
                  You have used all {maxAttempts} attempts. Ask your trainer or training centre how
                  to continue.
                </p>
              )}
              {kind === 'final' && maxAttempts && retryAllowed && (
                <p>{maxAttempts - finishedAttempts(state)} attempt(s) left.</p>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

function stripModule({ moduleId: _moduleId, ...question }: QuizQuestion): Question {
  return question as Question;
}

function introText({ kind, drawCount, masteryScore, maxAttempts, feedback }: QuizProps): string {
  const count = `${drawCount} question${drawCount === 1 ? '' : 's'}`;
  if (kind === 'lesson') return `Check your understanding with ${count}. Nothing is graded.`;
  const when = feedback === 'immediate' ? 'after each answer' : 'after you submit';
  const attempts = maxAttempts ? ` You have ${maxAttempts} attempts.` : '';
  return `${count}, feedback ${when}. The pass mark is ${formatPercent(masteryScore)}.${attempts} Your answers are kept on this device if you leave and come back.`;
}
