import { loadCoursesFolder } from '../../../src/content/read-courses-folder.ts';
import type { Catalogue, CourseEntry } from '../../../src/content/build-catalogue.ts';

let cached: Promise<Catalogue> | undefined;

/** The real course catalogue, read from disk, so tests know the answer keys without hard-coding them. */
export async function catalogue(): Promise<Catalogue> {
  cached ??= loadCoursesFolder(process.env.GANGWAY_COURSES_DIR ?? 'courses').then(
    ({ catalogue, problems }) => {
      if (problems.length) throw new Error(`courses/ has problems: ${JSON.stringify(problems)}`);
      return catalogue;
    },
  );
  return cached;
}

/** One course of the catalogue by id. */
export async function course(id: string): Promise<CourseEntry> {
  const found = (await catalogue()).courses.find((c) => c.id === id);
  if (!found) throw new Error(`no course ${id}`);
  return found;
}
