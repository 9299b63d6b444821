import { defineCollection } from 'astro:content';
import { glob, type Loader } from 'astro/loaders';
import type { z } from 'astro/zod';
import { relative } from 'node:path';
import { CourseContentError, schemaProblems } from './content/content-problems.ts';
import {
  CourseFrameworkSchema,
  LessonSchema,
  ModuleSchema,
  QuestionBankSchema,
} from './content/schemas.ts';

/** The courses folder; the benchmark points it at a generated corpus. */
const coursesDir = process.env.GANGWAY_COURSES_DIR ?? './courses';

/**
 * A glob loader that checks each file against its schema first and, when it does not fit, fails
 * with the file's path and every wrong field in words a course writer understands.
 */
function courseFiles(pattern: string | string[], schema: z.ZodType): Loader {
  const inner = glob({
    pattern,
    base: coursesDir,
    generateId: ({ entry }) => entry.replace(/\.(mdx|ya?ml)$/, ''),
  });
  return {
    name: 'gangway-course-files',
    load: (context) =>
      inner.load({
        ...context,
        parseData: async (props) => {
          const result = schema.safeParse(props.data);
          if (!result.success) {
            const file = props.filePath ? relative(process.cwd(), props.filePath) : props.id;
            throw new CourseContentError(schemaProblems(file, result.error, props.data));
          }
          return context.parseData(props);
        },
      }),
  };
}

/** Course frameworks: `courses/<course>/course.yaml`. */
const courses = defineCollection({
  loader: courseFiles('*/course.yaml', CourseFrameworkSchema),
  schema: CourseFrameworkSchema,
});

/** Modules: `courses/<course>/<module>/module.mdx` (body = instructor notes). */
const modules = defineCollection({
  loader: courseFiles('*/*/module.mdx', ModuleSchema),
  schema: ModuleSchema,
});

/** Lessons: every other `.mdx` file in a module folder. */
const lessons = defineCollection({
  loader: courseFiles(['*/*/*.mdx', '!*/*/module.mdx'], LessonSchema),
  schema: LessonSchema,
});

/** Question banks: `courses/<course>/<module>/questions.yaml`. */
const questionBanks = defineCollection({
  loader: courseFiles('*/*/questions.yaml', QuestionBankSchema),
  schema: QuestionBankSchema,
});

export const collections = { courses, modules, lessons, questionBanks };
