/**
 * The static paths of the presenter pages: one presenter page and one notes page per lesson,
 * with everything they show about the lesson's place in the course.
 */
import { getCatalogue } from '../content/catalogue.ts';
import type { CourseEntry, LessonEntry, ModuleEntry } from '../content/build-catalogue.ts';

/** What a presenter page (or its notes page) is given about its lesson. */
export interface PresenterPageProps {
  course: CourseEntry;
  module: ModuleEntry;
  lesson: LessonEntry;
  /** The next lesson of the course, if any. */
  next?: LessonEntry;
}

/** `getStaticPaths` for a page under `/courses/[course]/[module]/[lesson]/present/`. */
export async function presenterPaths(): Promise<
  { params: { course: string; module: string; lesson: string }; props: PresenterPageProps }[]
> {
  const { courses } = await getCatalogue();
  return courses.flatMap((course) =>
    course.modules.flatMap((module) =>
      module.lessons.map((lesson) => ({
        params: { course: course.id, module: module.id, lesson: lesson.id },
        props: { course, module, lesson, next: course.lessons[lesson.position + 1] },
      })),
    ),
  );
}
