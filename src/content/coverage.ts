/**
 * Coverage of a course: every competence taught by lessons and assessed by questions, every
 * objective taught by a lesson and assessed by at least {@link MIN_QUESTIONS_PER_OBJECTIVE}
 * questions. Pure; used by the content checker and the course-library tests.
 */
import type { CourseEntry } from './build-catalogue.ts';

/** The least number of bank questions each learning objective needs. */
export const MIN_QUESTIONS_PER_OBJECTIVE = 3;

/** Lists, in words, what a course leaves uncovered; an empty list means full coverage. */
export function coverageReport(course: CourseEntry): string[] {
  const gaps: string[] = [];
  const objectives = [...course.objectives.values()];
  for (const competence of course.framework.competences) {
    const ids = objectives.filter((o) => o.competence === competence.id).map((o) => o.id);
    if (ids.length === 0)
      gaps.push(`competence "${competence.id}" (${competence.title}) has no objectives`);
    else if (!course.lessons.some((l) => l.data.objectives.some((id) => ids.includes(id)))) {
      gaps.push(`competence "${competence.id}" is taught by no lesson`);
    } else if (!course.questions.some((q) => ids.includes(q.objective))) {
      gaps.push(`competence "${competence.id}" is assessed by no question`);
    }
  }
  for (const objective of objectives) {
    if (!course.lessons.some((l) => l.data.objectives.includes(objective.id))) {
      gaps.push(`objective ${objective.id} is taught by no lesson`);
    }
    const count = course.questions.filter((q) => q.objective === objective.id).length;
    if (count < MIN_QUESTIONS_PER_OBJECTIVE) {
      gaps.push(
        `objective ${objective.id} has ${count} question(s); it needs ${MIN_QUESTIONS_PER_OBJECTIVE}`,
      );
    }
  }
  return gaps;
}
