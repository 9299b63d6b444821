/**
 * Reads only what the records export needs from a courses folder: each `<course>/course.yaml`,
 * checked against the same schema as the build. The full loader (`read-courses-folder.ts`)
 * parses every lesson too, which costs the CLI about 40 MiB of memory and a second of start-up
 * for facts it never uses.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { schemaProblems, type ContentProblem } from '../content/content-problems.ts';
import { CourseFrameworkSchema } from '../content/schemas.ts';
import type { CourseFacts } from './course-descriptor.ts';

/** The facts of every course in `coursesDir`, ordered by number as the catalogue orders them. */
export async function readCourseFacts(
  coursesDir: string,
  projectRoot = process.cwd(),
): Promise<{ courses: CourseFacts[]; problems: ContentProblem[] }> {
  const courses: CourseFacts[] = [];
  const problems: ContentProblem[] = [];
  const entries = await readdir(coursesDir, { withFileTypes: true });
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const absolute = join(coursesDir, entry.name, 'course.yaml');
    const file = relative(projectRoot, absolute) || absolute;
    let text: string;
    try {
      text = await readFile(absolute, 'utf8');
    } catch {
      continue; // Not a course folder.
    }
    let data: unknown;
    try {
      data = parseYaml(text);
    } catch (error) {
      problems.push({
        file,
        field: '',
        message: `is not valid YAML: ${String(error).split('\n')[0]}`,
      });
      continue;
    }
    const parsed = CourseFrameworkSchema.safeParse(data ?? {});
    if (!parsed.success) {
      problems.push(...schemaProblems(file, parsed.error, data));
      continue;
    }
    courses.push({
      id: entry.name,
      number: parsed.data.number,
      title: parsed.data.title,
      edition: parsed.data.edition,
      masteryScore: parsed.data.masteryScore,
    });
  }
  courses.sort((a, b) => a.number.localeCompare(b.number, 'en', { numeric: true }));
  return { courses, problems };
}
