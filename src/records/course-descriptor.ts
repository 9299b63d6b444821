/**
 * What the completion records need to know about a course: its activity ids under the
 * installation's activity base, and the facts a record row shows (number, title, edition, mastery
 * score). Built from the catalogue (Astro pages) or from the courses folder (the CLI). Pure.
 */
import type { CourseEntry } from '../content/build-catalogue.ts';
import { activityIds } from '../statements/activity-ids.ts';

/** The catalogue facts of a course, without activity ids (they depend on the activity base). */
export interface CourseFacts {
  /** The course id in Gangway ("3.19"). */
  id: string;
  /** IMO model course number or toolkit short name. */
  number: string;
  title: string;
  edition: string;
  /** The mastery score of the final assessment, 0–1. */
  masteryScore: number;
}

/** A course as the completion records see it. */
export interface CourseDescriptor extends CourseFacts {
  /** The course activity id (`{base}/courses/{id}`). */
  activityId: string;
  /** The final assessment's activity id (`{course}/assessments/final`). */
  finalAssessmentId: string;
}

/** The facts of each catalogue course, in catalogue order (serialisable for a page). */
export function courseFacts(courses: CourseEntry[]): CourseFacts[] {
  return courses.map((course) => ({
    id: course.id,
    number: course.framework.number,
    title: course.framework.title,
    edition: course.framework.edition,
    masteryScore: course.framework.masteryScore,
  }));
}

/** Adds the activity ids of the installation whose canonical base is `activityBase`. */
export function describeCourses(facts: CourseFacts[], activityBase: string): CourseDescriptor[] {
  const ids = activityIds(activityBase);
  return facts.map((course) => ({
    ...course,
    activityId: ids.course(course.id),
    finalAssessmentId: ids.assessment(course.id, 'final'),
  }));
}
