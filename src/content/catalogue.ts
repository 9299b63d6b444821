/**
 * The catalogue as the pages see it: every collection entry, checked across files and assembled
 * once per build. Broken content throws a {@link CourseContentError}, which fails the build with
 * each file and field at fault.
 */
import { getCollection } from 'astro:content';
import { buildCatalogue, type Catalogue, type SourceFile } from './build-catalogue.ts';
import { CourseContentError } from './content-problems.ts';

let cached: Promise<Catalogue> | undefined;

/** Loads and checks the whole catalogue (memoised for the build). */
export function getCatalogue(): Promise<Catalogue> {
  cached ??= loadCatalogue();
  return cached;
}

async function loadCatalogue(): Promise<Catalogue> {
  const [courses, modules, lessons, banks] = await Promise.all([
    getCollection('courses'),
    getCollection('modules'),
    getCollection('lessons'),
    getCollection('questionBanks'),
  ]);
  const toSource = <T>(
    entry: { id: string; filePath?: string; data: T; body?: string },
    extension: string,
  ): SourceFile<T> => ({
    file: entry.filePath ?? `${entry.id}${extension}`,
    relativePath: `${entry.id}${extension}`,
    data: entry.data,
    body: entry.body,
  });
  const { catalogue, problems } = buildCatalogue({
    courses: courses.map((e) => toSource(e, '.yaml')),
    modules: modules.map((e) => toSource(e, '.mdx')),
    lessons: lessons.map((e) => toSource(e, '.mdx')),
    banks: banks.map((e) => toSource(e, '.yaml')),
  });
  if (problems.length > 0) throw new CourseContentError(problems);
  return catalogue;
}

/** Finds a course by id, or throws (for `getStaticPaths` consumers that already know it exists). */
export async function getCourse(courseId: string) {
  const course = (await getCatalogue()).courses.find((c) => c.id === courseId);
  if (!course) throw new Error(`No course "${courseId}" in the catalogue`);
  return course;
}
