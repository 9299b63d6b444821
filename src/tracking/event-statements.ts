/**
 * Turns learning events into the statements of the profile. Pure: the page scripts and the quiz
 * island report what happened; this decides which statements that makes.
 */
import type { Statement } from '@xapi/xapi';
import type { LearningEvent } from '../learning/learning-events.ts';
import type { ActivityIds } from '../statements/activity-ids.ts';
import {
  buildAnsweredStatement,
  buildAssessmentResultStatement,
  buildCourseCompletedStatement,
  buildExperiencedStatement,
  buildLessonCompletedStatement,
  buildModuleCompletedStatement,
  buildScenarioStatements,
  type BuildBase,
  type CourseInfo,
  type LearnerContext,
  type QuizInfo,
} from '../statements/build-statements.ts';

/** What the tracker knows besides the event. */
export interface TrackingEnv {
  ids: ActivityIds;
  learner: LearnerContext;
  course: CourseInfo;
  /** Makes a new statement id. */
  newId: () => string;
}

/** The statements one event makes (none for events that only matter locally). */
export function statementsForEvent(event: LearningEvent, env: TrackingEnv): Statement[] {
  const base = (at: string): BuildBase => ({
    ids: env.ids,
    learner: env.learner,
    course: env.course,
    meta: { id: env.newId(), timestamp: at },
  });
  switch (event.type) {
    case 'lesson-opened':
      return [];
    case 'lesson-left':
      return [
        buildExperiencedStatement({
          ...base(event.at),
          lesson: event,
          durationMs: event.durationMs,
        }),
      ];
    case 'lesson-completed':
      return [buildLessonCompletedStatement({ ...base(event.at), lesson: event })];
    case 'module-completed':
      return [
        buildModuleCompletedStatement({
          ...base(event.at),
          moduleId: event.moduleId,
          moduleTitle: event.moduleTitle,
        }),
      ];
    case 'question-answered': {
      const quiz: QuizInfo = {
        kind: event.quizKind,
        moduleId: event.moduleId,
        lessonId: event.lessonId,
        title: event.quizTitle,
      };
      if (event.question.type === 'scenario') {
        const b = base(event.at);
        const steps = (event.response as { path?: unknown[] } | undefined)?.path?.length ?? 0;
        const stepIds = [b.meta.id, ...Array.from({ length: Math.max(0, steps - 1) }, env.newId)];
        return buildScenarioStatements({
          ...b,
          quiz,
          question: event.question,
          response: event.response as never,
          stepIds,
        });
      }
      return [
        buildAnsweredStatement({
          ...base(event.at),
          quiz,
          question: event.question,
          response: event.response as never,
          correct: event.correct,
        }),
      ];
    }
    case 'assessment-finished': {
      const quiz: QuizInfo = {
        kind: event.quizKind,
        moduleId: event.moduleId,
        title: event.quizTitle,
      };
      const result = buildAssessmentResultStatement({
        ...base(event.at),
        quiz,
        correct: event.correct,
        total: event.total,
        scaled: event.scaled,
        passed: event.passed,
        masteryScore: event.masteryScore,
        durationMs: event.durationMs,
      });
      if (event.quizKind !== 'final' || !event.passed) return [result];
      // Passing the final assessment completes the course: the fact the export counts.
      return [result, buildCourseCompletedStatement({ ...base(event.at), scaled: event.scaled })];
    }
  }
}
