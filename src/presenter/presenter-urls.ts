/**
 * Where presenter mode lives: beside each lesson page. Pure, shared by the pages that link to it.
 */

/** The presenter page of a lesson, from the lesson's URL (`/courses/3.27/m1/01-why/`). */
export function presenterUrl(lessonUrl: string): string {
  return `${lessonUrl}present/`;
}

/** The second-screen notes page of a lesson, from the lesson's URL. */
export function presenterNotesUrl(lessonUrl: string): string {
  return `${lessonUrl}present/notes/`;
}
