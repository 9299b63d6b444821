/**
 * `npm run export -- [options]`: the administrators' completion records export from the command
 * line. Reads the courses folder, checks the credential, pages through the LRS with bounded
 * memory (statements stream through the aggregator; only learner × course rows are kept) and
 * writes CSV, XLSX, JSON or NDJSON. `--help` lists the options and exit codes.
 */
import { resolve } from 'node:path';
import { formatContentProblems } from '../src/content/content-problems.ts';
import { createProgressReporter } from '../src/records/cli-progress.ts';
import { streamCompletionRecords } from '../src/records/collect-completions.ts';
import { describeCourses } from '../src/records/course-descriptor.ts';
import { runEvidenceCli } from '../src/records/evidence-cli.ts';
import { exportFileName } from '../src/records/export-file-name.ts';
import {
  EXIT,
  EXPORT_HELP,
  parseExportOptions,
  UsageError,
} from '../src/records/export-options.ts';
import { readCourseFacts } from '../src/records/read-course-facts.ts';
import { writeRecords } from '../src/records/write-records.ts';
import {
  normaliseEndpoint,
  StaffClient,
  StaffCredentialError,
  staffAuthHeader,
} from '../src/staff/staff-client.ts';

/** Peak resident memory of this process in MiB (VmHWM where /proc has it, else maxRSS). */
async function peakMemoryMiB(): Promise<number> {
  try {
    const { readFile } = await import('node:fs/promises');
    const status = await readFile('/proc/self/status', 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1]);
    if (kb) return kb / 1024;
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return process.resourceUsage().maxRSS / 1024;
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseExportOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\nRun npm run export -- --help for the options.`);
    return EXIT.usage;
  }
  if (options.help) {
    console.log(EXPORT_HELP);
    return EXIT.ok;
  }

  const coursesDir = resolve(options.coursesDir);
  let read;
  try {
    read = await readCourseFacts(coursesDir);
  } catch (error) {
    console.error(
      `Cannot read the courses folder ${coursesDir}: ${error instanceof Error ? error.message : String(error)}. Pass --courses-dir <folder>.`,
    );
    return EXIT.usage;
  }
  const { courses: facts, problems } = read;
  if (problems.length)
    console.error(
      `Some course files have problems; their courses may be missing from the export:\n${formatContentProblems(problems)}`,
    );
  if (!facts.length) {
    console.error(`No courses in ${coursesDir}. Pass --courses-dir <folder>.`);
    return EXIT.usage;
  }
  const courses = describeCourses(facts, options.activityBase);
  const unknown = (options.filters.courses ?? []).filter(
    (id) => !courses.some((course) => course.id === id),
  );
  if (unknown.length) {
    console.error(
      `No course ${unknown.map((id) => `"${id}"`).join(', ')} in ${coursesDir}. Courses: ${courses.map((c) => c.id).join(', ')}.`,
    );
    return EXIT.usage;
  }

  const client = new StaffClient({
    endpoint: normaliseEndpoint(options.endpoint),
    auth: staffAuthHeader(options.key, options.secret),
  });
  const reporter = createProgressReporter(options.quiet ? { write: () => true } : process.stderr);
  const started = performance.now();
  let statements = 0;
  let records;
  try {
    await client.check({ read: true, write: false });
    records = await streamCompletionRecords(client, {
      courses,
      filters: options.filters,
      pageSize: options.pageSize,
      onProgress: (progress) => {
        statements = progress.statements;
        reporter.update(progress);
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(message);
    if (
      error instanceof StaffCredentialError &&
      (error.kind === 'wrong-credential' || error.kind === 'missing-scope')
    )
      return EXIT.credentialRefused;
    return EXIT.lrsFailure;
  }

  const out = options.out ?? exportFileName(options.filters.courses ?? [], options.format);
  let written: number;
  try {
    written = await writeRecords(records, options.format, out === '-' ? '-' : resolve(out));
  } catch (error) {
    console.error(
      `Cannot write ${out === '-' ? 'to standard output' : out}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return EXIT.usage;
  }
  const seconds = (performance.now() - started) / 1000;
  reporter.done(
    `${written.toLocaleString('en')} record${written === 1 ? '' : 's'} from ${statements.toLocaleString('en')} statements in ${seconds.toFixed(1)} s${out === '-' ? '' : `, written to ${out}`}.`,
  );
  if (options.reportMemory)
    process.stderr.write(
      `peak memory: ${(await peakMemoryMiB()).toFixed(1)} MiB; CPU time: ${(process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6).toFixed(1)} s\n`,
    );
  return EXIT.ok;
}

// `--evidence` asks for the evidence matrix of a course instead (src/records/evidence-cli.ts).
process.exitCode = process.argv.includes('--evidence')
  ? await runEvidenceCli(process.argv.slice(2).filter((arg) => arg !== '--evidence'))
  : await main();
