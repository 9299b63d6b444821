/**
 * Activity ids and types of the Gangway xAPI profile. Ids derive from a configured canonical base
 * IRI, never from the host serving the page, so a course served from a ship's server and from
 * shore reports the same ids. Pure.
 */

/** ADL activity types used by the profile. */
export const ACTIVITY_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  module: 'http://adlnet.gov/expapi/activities/module',
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  meeting: 'http://adlnet.gov/expapi/activities/meeting',
} as const;

/** Builds the activity ids of one installation from its canonical base IRI. */
export function activityIds(base: string) {
  const root = base.replace(/\/+$/, '');
  const course = (courseId: string) => `${root}/courses/${encodeURIComponent(courseId)}`;
  return {
    course,
    module: (courseId: string, moduleId: string) => `${course(courseId)}/${moduleId}`,
    lesson: (courseId: string, moduleId: string, lessonId: string) =>
      `${course(courseId)}/${moduleId}/${lessonId}`,
    /** `final` for the course's final assessment, `<module>-check` for a module check. */
    assessment: (courseId: string, assessmentId: string) =>
      `${course(courseId)}/assessments/${assessmentId}`,
    /** A question, under the assessment or lesson that asked it. */
    question: (parentId: string, questionId: string) => `${parentId}/questions/${questionId}`,
    session: (sessionId: string) => `${root}/sessions/${encodeURIComponent(sessionId)}`,
  };
}

/** The activity-id helpers for one base. */
export type ActivityIds = ReturnType<typeof activityIds>;
