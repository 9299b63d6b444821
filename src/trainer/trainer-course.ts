/**
 * What trainer pages know about each course (passed from the build to the page), and the
 * dashboard outline of a session worked out from it with the installation's activity ids. Pure.
 */
import type { CourseEntry } from '../content/build-catalogue.ts';
import type { ActivityIds } from '../statements/activity-ids.ts';
import type { SessionCourseOutline } from './session-summary.ts';

/** A course as trainer pages need it. */
export interface TrainerCourse {
  id: string;
  number: string;
  title: string;
  language: string;
  masteryScore: number;
  url: string;
  modules: {
    id: string;
    title: string;
    order: number;
    /** Planned hours from the course outline (theory + practical). */
    hours: number;
    hasCheck: boolean;
    lessons: { id: string; title: string; url: string }[];
  }[];
}

/** The outline the dashboard summarises a session against: the modules the session covers. */
export function sessionOutline(
  course: TrainerCourse,
  ids: ActivityIds,
  moduleIds: string[],
): SessionCourseOutline & { lessonCount: number } {
  const covered = course.modules.filter((m) => moduleIds.includes(m.id));
  const lessons = new Map<string, string>();
  const moduleChecks = new Map<string, string>();
  for (const module of covered) {
    for (const lesson of module.lessons)
      lessons.set(ids.lesson(course.id, module.id, lesson.id), lesson.title);
    if (module.hasCheck)
      moduleChecks.set(ids.assessment(course.id, `${module.id}-check`), module.title);
  }
  return {
    lessons,
    moduleChecks,
    finalAssessment: ids.assessment(course.id, 'final'),
    lessonCount: lessons.size,
  };
}

/** The trainer pages' view of a catalogue course (module hours from the course outline). */
export function toTrainerCourse(course: CourseEntry): TrainerCourse {
  return {
    id: course.id,
    number: course.framework.number,
    title: course.framework.title,
    language: course.framework.language,
    masteryScore: course.framework.masteryScore,
    url: course.url,
    modules: course.modules.map((m) => ({
      id: m.id,
      title: m.data.title,
      order: m.data.order,
      hours: course.framework.outline
        .filter((row) => row.module === m.id)
        .reduce((sum, row) => sum + row.theoryHours + row.practicalHours, 0),
      hasCheck: !!m.checkUrl,
      lessons: m.lessons.map((l) => ({ id: l.id, title: l.data.title, url: l.url })),
    })),
  };
}
