/**
 * `npm run evidence -- --course 3.19 --out evidence.csv` (also `npm run export -- --evidence …`):
 * the evidence matrix of a course for an
 * auditor — per learner and learning objective, the questions answered and answered correctly,
 * with each objective's STCW / ISPS references — and optionally the course's coverage (questions
 * per objective). Reads the course's `answered` statements from the LRS with a staff credential.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCoursesFolder } from '../content/read-courses-folder.ts';
import { collectEvidence } from '../records/collect-evidence.ts';
import { coverageCsv, evidenceCourse, evidenceCsv } from '../records/evidence-matrix.ts';
import { activityIds } from '../statements/activity-ids.ts';
import {
  CLI_EXIT,
  credentialHelp,
  cliLrsTarget,
  lrsExitCode,
  UsageError,
} from '../staff/cli-credential.ts';
import { StaffClient } from '../staff/staff-client.ts';
import { DEFAULT_ACTIVITY_BASE } from '../tracking/site-config.ts';

const HELP = `The evidence matrix of a course: which learning objectives each learner demonstrated.

Usage: npm run evidence -- --course <id> [--out evidence.csv] [--coverage-out coverage.csv]
   or: npm run export -- --evidence --course <id> [--out evidence.csv] …

  --course <id>             the course (e.g. 3.19)
  --out <file>              the learner × objective CSV (default evidence-<course>.csv; - for
                            standard output): questions answered, answered correctly, and
                            "demonstrated" when at least one was answered correctly
  --coverage-out <file>     also write the course's coverage CSV: each objective, its STCW / ISPS
                            references and how many bank questions assess it
  --courses-dir <folder>    the courses folder (default ./courses; env GANGWAY_COURSES_DIR)
  --activity-base <iri>     canonical base of activity ids (default ${DEFAULT_ACTIVITY_BASE};
                            env GANGWAY_ACTIVITY_BASE)
  --quiet                   no progress on standard error

${credentialHelp()}

  -h, --help                show this help

CSV files are UTF-8 with a byte-order mark, for Excel and LibreOffice.
Exit codes: 0 written, 1 the LRS failed, 2 usage error, 3 the LRS refused the credential.`;

/** Runs the evidence command line with these arguments; resolves with the exit code. */
export async function runEvidenceCli(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args,
      options: {
        course: { type: 'string' },
        out: { type: 'string' },
        'coverage-out': { type: 'string' },
        'courses-dir': { type: 'string' },
        'activity-base': { type: 'string' },
        endpoint: { type: 'string' },
        key: { type: 'string' },
        'credential-file': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\nRun with --help for the options.`);
    return CLI_EXIT.usage;
  }
  if (values.help) {
    console.log(HELP);
    return CLI_EXIT.ok;
  }
  try {
    if (!values.course) throw new UsageError('Name the course: --course <id>.');
    const target = cliLrsTarget(values);
    const { catalogue, problems } = await loadCoursesFolder(
      resolve(values['courses-dir'] ?? process.env.GANGWAY_COURSES_DIR ?? 'courses'),
    );
    if (problems.length)
      throw new UsageError(
        `The courses folder has ${problems.length} problem(s); run npm run check:content.`,
      );
    const course = catalogue.courses.find((c) => c.id === values.course);
    if (!course) throw new UsageError(`No course "${values.course}" in the catalogue.`);
    const activityBase =
      values['activity-base'] ?? process.env.GANGWAY_ACTIVITY_BASE ?? DEFAULT_ACTIVITY_BASE;
    const tty = process.stderr.isTTY && !values.quiet;
    const matrix = await collectEvidence(
      new StaffClient(target),
      evidenceCourse(course),
      activityIds(activityBase).course(course.id),
      (read) => {
        if (tty)
          process.stderr.write(`\r\x1b[2KReading answers: ${read.toLocaleString('en')} statements`);
      },
    );
    if (tty) process.stderr.write('\r\x1b[2K');
    const out = values.out ?? `evidence-${course.id}.csv`;
    if (out === '-') process.stdout.write(evidenceCsv(matrix));
    else await writeFile(out, evidenceCsv(matrix));
    if (values['coverage-out']) await writeFile(values['coverage-out'], coverageCsv(matrix));
    const summary = `${matrix.learners.length} learner(s) × ${matrix.objectives.length} objective(s)${matrix.unknownQuestions ? `; ${matrix.unknownQuestions} answer(s) to questions no longer in the bank were left out` : ''}.`;
    (out === '-' ? console.error : console.log)(
      `${out === '-' ? 'Wrote' : `Wrote ${out}:`} ${summary}`,
    );
    return CLI_EXIT.ok;
  } catch (error) {
    console.error(`Error: ${(error as Error).message}`);
    if (error instanceof UsageError) return CLI_EXIT.usage;
    return lrsExitCode(error);
  }
}
