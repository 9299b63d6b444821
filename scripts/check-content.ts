/**
 * `npm run check:content [-- <courses folder>]`: checks every course without building the site
 * and prints each problem with its file and field, or a summary of what the catalogue holds.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatContentProblems } from '../src/content/content-problems.ts';
import { loadCoursesFolder } from '../src/content/read-courses-folder.ts';
import { coverageReport } from '../src/content/coverage.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { help: { type: 'boolean', short: 'h' }, coverage: { type: 'boolean' } },
});

if (values.help) {
  console.log(`Usage: npm run check:content [-- [--coverage] [courses-folder]]

Checks the course content (default folder: ./courses, or $GANGWAY_COURSES_DIR) against the
content schemas and the cross-file rules, without building the site.

  --coverage   also report competences and objectives that lack lessons or questions
               (every objective needs at least three questions)
  -h, --help   show this help

Exit code 0 when the content is sound, 1 when it has problems.`);
  process.exit(0);
}

const folder = resolve(positionals[0] ?? process.env.GANGWAY_COURSES_DIR ?? 'courses');
const { catalogue, problems } = await loadCoursesFolder(folder);
if (problems.length > 0) {
  console.error(formatContentProblems(problems));
  process.exit(1);
}
let gaps = 0;
for (const course of catalogue.courses) {
  const questions = course.questions.length;
  console.log(
    `${course.framework.number.padEnd(18)} ${course.framework.title}\n${''.padEnd(19)}${course.modules.length} modules, ${course.lessons.length} lessons, ${questions} questions, ${course.objectives.size} objectives`,
  );
  if (values.coverage) {
    for (const gap of coverageReport(course)) {
      gaps++;
      console.log(`${''.padEnd(19)}! ${gap}`);
    }
  }
}
console.log(
  `\n${catalogue.courses.length} course(s) checked: no problems${values.coverage ? `, ${gaps} coverage gap(s)` : ''}.`,
);
process.exit(gaps > 0 ? 1 : 0);
