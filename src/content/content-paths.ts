/**
 * Where course files live and which URL each one gets. Pure functions: shared by the Astro
 * collections, the content checker, the search index and the pages.
 */

/** The ids a content file's path gives it (`<course>/<module>/<lesson>.mdx`). */
export interface ContentIds {
  /** Course folder name, e.g. "3.27". */
  courseId: string;
  /** Module folder name, e.g. "m1-awareness" (absent for `course.yaml`). */
  moduleId?: string;
  /** Lesson file name without extension (only for lessons). */
  lessonId?: string;
}

/** Lesson ids that would clash with pages the site makes itself. */
export const RESERVED_LESSON_IDS = ['check'];
/** Module ids that would clash with pages the site makes itself. */
export const RESERVED_MODULE_IDS = ['assessment'];

/** Reads the ids out of a path relative to the courses folder (`3.27/m1-x/lesson.mdx`). */
export function contentIdsFromPath(relativePath: string): ContentIds {
  const parts = relativePath.replace(/\\/g, '/').split('/');
  const [courseId, second, third] = parts;
  if (!courseId) throw new Error(`Not a course file: ${relativePath}`);
  if (parts.length === 2) return { courseId };
  const moduleId = second;
  if (third === 'module.mdx' || third === 'questions.yaml') return { courseId, moduleId };
  return { courseId, moduleId, lessonId: third?.replace(/\.mdx$/, '') };
}

/** The course page. */
export function courseUrl(courseId: string): string {
  return `/courses/${courseId}/`;
}

/** A lesson page. */
export function lessonUrl(courseId: string, moduleId: string, lessonId: string): string {
  return `/courses/${courseId}/${moduleId}/${lessonId}/`;
}

/** A module's check (its short quiz). */
export function moduleCheckUrl(courseId: string, moduleId: string): string {
  return `/courses/${courseId}/${moduleId}/check/`;
}

/** The course's final assessment. */
export function assessmentUrl(courseId: string): string {
  return `/courses/${courseId}/assessment/`;
}
