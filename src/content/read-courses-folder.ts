/**
 * Reads a courses folder from disk without Astro: for the content checker CLI, the unit tests of
 * broken fixtures and the benchmarks. The Astro build reads the same files through content
 * collections and applies the same schemas and checks.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'astro/zod';
import {
  buildCatalogue,
  type Catalogue,
  type CatalogueSource,
  type SourceFile,
} from './build-catalogue.ts';
import { schemaProblems, type ContentProblem } from './content-problems.ts';
import {
  CourseFrameworkSchema,
  LessonSchema,
  ModuleSchema,
  QuestionBankSchema,
} from './schemas.ts';

/** Reads, validates and assembles every course under `coursesDir`. */
export async function loadCoursesFolder(
  coursesDir: string,
  projectRoot = process.cwd(),
): Promise<{ catalogue: Catalogue; problems: ContentProblem[] }> {
  const source: CatalogueSource = {
    courses: [],
    modules: [],
    lessons: [],
    banks: [],
    invalidFiles: [],
  };
  const problems: ContentProblem[] = [];

  for (const relativePath of await listFiles(coursesDir)) {
    const absolute = join(coursesDir, relativePath);
    const file = relative(projectRoot, absolute) || absolute;
    const depth = relativePath.split('/').length;
    const text = await readFile(absolute, 'utf8');
    if (depth === 2 && relativePath.endsWith('/course.yaml')) {
      add(source.courses, CourseFrameworkSchema, file, relativePath, () => ({
        data: parseYaml(text),
      }));
    } else if (depth === 3 && relativePath.endsWith('/questions.yaml')) {
      add(source.banks, QuestionBankSchema, file, relativePath, () => ({ data: parseYaml(text) }));
    } else if (depth === 3 && relativePath.endsWith('/module.mdx')) {
      add(source.modules, ModuleSchema, file, relativePath, () => splitFrontmatter(text));
    } else if (depth === 3 && relativePath.endsWith('.mdx')) {
      add(source.lessons, LessonSchema, file, relativePath, () => splitFrontmatter(text));
    }
  }

  const built = buildCatalogue(source);
  return { catalogue: built.catalogue, problems: [...problems, ...built.problems] };

  function add<T>(
    into: SourceFile<T>[],
    schema: z.ZodType<T>,
    file: string,
    relativePath: string,
    read: () => { data: unknown; body?: string },
  ): void {
    let parsed: { data: unknown; body?: string };
    try {
      parsed = read();
    } catch (error) {
      const detail = error instanceof YAMLParseError ? error.message.split('\n')[0] : String(error);
      problems.push({ file, field: '', message: `is not valid YAML: ${detail}` });
      source.invalidFiles?.push(relativePath);
      return;
    }
    const result = schema.safeParse(parsed.data ?? {});
    if (!result.success) {
      problems.push(...schemaProblems(file, result.error, parsed.data));
      source.invalidFiles?.push(relativePath);
      return;
    }
    into.push({ file, relativePath, data: result.data, body: parsed.body });
  }
}

/** Splits an MDX file into its YAML frontmatter (parsed) and body. */
export function splitFrontmatter(text: string): { data: unknown; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return { data: {}, body: text };
  return { data: parseYaml(match[1] ?? '') ?? {}, body: text.slice(match[0].length) };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replace(/\\/g, '/'))
    .sort();
}
