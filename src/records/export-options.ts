/**
 * The command line of `npm run export`: its help, and the reading of its arguments and
 * environment into options, or a usage error saying which argument is wrong. The LRS secret comes
 * from the environment or a credential file, never from the command line (which shells keep in
 * their history) unless the administrator insists. Pure apart from reading the credential file.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_ACTIVITY_BASE } from '../tracking/site-config.ts';
import type { CompletionStatus } from './completion-record.ts';
import type { ExportFormat } from './export-file-name.ts';
import { filterProblems, STATUSES, type RecordFilters } from './record-filters.ts';

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, lrsFailure: 1, usage: 2, credentialRefused: 3 } as const;

/** The help text. */
export const EXPORT_HELP = `Export completion records (one row per learner and course) from an xAPI LRS.

Usage: npm run export -- [options]

Example:
  GANGWAY_LRS_ENDPOINT=https://records.example/xapi/ GANGWAY_LRS_KEY=… GANGWAY_LRS_SECRET=… \\
    npm run export -- --course 3.19 --since 2026-01-01 --format csv --out records.csv

What to export (every filter is optional):
  --course <id>             a course id such as 3.19 (repeat for several; default: all courses)
  --since <date>            completed on or after this date (YYYY-MM-DD or an ISO timestamp)
  --until <date>            completed on or before this date (a date alone includes the whole day, UTC)
  --status <status>         in progress, completed, passed or failed (repeat, or comma-separate)
  --organisation <text>     organisation (class name or account home page) containing the text
  --trainer <text>          trainer name containing the text, or trainer id
  --session <text>          session title, activity id or registration containing the text
  A date range keeps only records with a completion date, so "in progress" rows are left out.

Output:
  --format <format>         csv (default; UTF-8 with BOM, for Excel and LibreOffice), xlsx,
                            json (an array of records) or ndjson (one record per line)
  --out <file>              where to write; - for standard output
                            (default: gangway-records-<course>-<date>.<format> here)

The records server and credential (an administrator's own, with statements/read):
  --endpoint <url>          xAPI endpoint (env GANGWAY_LRS_ENDPOINT)
  --key <key>               credential key (env GANGWAY_LRS_KEY)
  --credential-file <file>  JSON file with "key" and "secret" (and optionally "endpoint"),
                            or a records server's credentials.json (its "staff" entry is used)
  env GANGWAY_LRS_SECRET    the secret; it is not taken from the command line, where shell
                            history would keep it, unless --allow-secret-argument is given
                            with --secret <secret>

Courses and activity ids:
  --courses-dir <folder>    the courses folder (default ./courses; env GANGWAY_COURSES_DIR)
  --activity-base <iri>     canonical base of activity ids, as the site is configured
                            (default ${DEFAULT_ACTIVITY_BASE}; env GANGWAY_ACTIVITY_BASE)

Other:
  --page-size <n>           statements per LRS page (default 500)
  --report-memory           print the process's peak memory and CPU time on standard error at the end
  --quiet                   no progress on standard error
  --evidence                the evidence matrix of a --course instead (objectives demonstrated
                            per learner; npm run export -- --evidence --help for its options)
  -h, --help                show this help

Progress goes to standard error: a bar on a terminal, plain lines otherwise.

Exit codes:
  0  the records were written
  1  the LRS failed or could not be reached
  2  usage error (an unknown option, a bad date, an unknown course, a missing endpoint,
     an output file that cannot be written)
  3  the LRS refused the credential (wrong key or secret, or no statements/read scope)`;

/** What the CLI was asked to do. */
export interface ExportOptions {
  help: boolean;
  endpoint: string;
  key: string;
  secret: string;
  filters: RecordFilters;
  format: ExportFormat;
  /** A file path, `-` for standard output, or undefined for the default file name. */
  out?: string;
  coursesDir: string;
  activityBase: string;
  pageSize: number;
  reportMemory: boolean;
  quiet: boolean;
}

/** A mistake in the command line; the CLI prints it and exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const FORMATS: ExportFormat[] = ['csv', 'xlsx', 'json', 'ndjson'];

interface CredentialFile {
  endpoint?: unknown;
  key?: unknown;
  secret?: unknown;
  staff?: { key?: unknown; secret?: unknown };
}

function readCredentialFile(path: string): { endpoint?: string; key: string; secret: string } {
  let data: CredentialFile;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as CredentialFile;
  } catch (error) {
    throw new UsageError(
      `Cannot read the credential file ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const source = data.staff && !data.key ? data.staff : data;
  if (typeof source.key !== 'string' || typeof source.secret !== 'string')
    throw new UsageError(
      `The credential file ${path} has no "key" and "secret" (or "staff": {"key", "secret"}).`,
    );
  return {
    endpoint: typeof data.endpoint === 'string' ? data.endpoint : undefined,
    key: source.key,
    secret: source.secret,
  };
}

/** Reads the arguments and environment; throws a {@link UsageError} naming what is wrong. */
export function parseExportOptions(
  args: string[],
  env: Record<string, string | undefined>,
): ExportOptions {
  let values;
  try {
    values = parseArgs({
      args,
      allowPositionals: false,
      options: {
        course: { type: 'string', multiple: true },
        since: { type: 'string' },
        until: { type: 'string' },
        status: { type: 'string', multiple: true },
        organisation: { type: 'string' },
        trainer: { type: 'string' },
        session: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string', short: 'o' },
        endpoint: { type: 'string' },
        key: { type: 'string' },
        secret: { type: 'string' },
        'allow-secret-argument': { type: 'boolean' },
        'credential-file': { type: 'string' },
        'courses-dir': { type: 'string' },
        'activity-base': { type: 'string' },
        'page-size': { type: 'string' },
        'report-memory': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const base = {
    coursesDir: values['courses-dir'] ?? env.GANGWAY_COURSES_DIR ?? 'courses',
    activityBase: values['activity-base'] ?? env.GANGWAY_ACTIVITY_BASE ?? DEFAULT_ACTIVITY_BASE,
    reportMemory: values['report-memory'] ?? false,
    quiet: values.quiet ?? false,
  };
  if (values.help)
    return {
      ...base,
      help: true,
      endpoint: '',
      key: '',
      secret: '',
      filters: {},
      format: 'csv',
      pageSize: 500,
    };

  if (values.secret !== undefined && !values['allow-secret-argument'])
    throw new UsageError(
      'Refusing --secret on the command line, where shell history keeps it. Set GANGWAY_LRS_SECRET or use --credential-file; add --allow-secret-argument to insist.',
    );
  const file = values['credential-file']
    ? readCredentialFile(values['credential-file'])
    : undefined;
  const endpoint = values.endpoint ?? env.GANGWAY_LRS_ENDPOINT ?? file?.endpoint;
  const key = values.key ?? file?.key ?? env.GANGWAY_LRS_KEY;
  const secret = values.secret ?? file?.secret ?? env.GANGWAY_LRS_SECRET;
  if (!endpoint)
    throw new UsageError(
      'No LRS endpoint: set GANGWAY_LRS_ENDPOINT or pass --endpoint <url> (or "endpoint" in the credential file).',
    );
  try {
    new URL(endpoint);
  } catch {
    throw new UsageError(`The endpoint "${endpoint}" is not a web address.`);
  }
  if (!key || !secret)
    throw new UsageError(
      `No LRS ${key ? 'secret' : 'key'}: set GANGWAY_LRS_KEY and GANGWAY_LRS_SECRET, or use --credential-file <json>.`,
    );

  const format = (values.format ?? 'csv') as ExportFormat;
  if (!FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}".`);
  const pageSize = Number(values['page-size'] ?? 500);
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new UsageError(
      `--page-size must be a whole number above 0, not "${values['page-size']}".`,
    );

  const status = (values.status ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean) as CompletionStatus[];
  const filters: RecordFilters = {
    ...(values.course?.length ? { courses: values.course } : {}),
    ...(status.length ? { status } : {}),
    ...(values.since ? { since: values.since } : {}),
    ...(values.until ? { until: values.until } : {}),
    ...(values.organisation ? { organisation: values.organisation } : {}),
    ...(values.trainer ? { trainer: values.trainer } : {}),
    ...(values.session ? { session: values.session } : {}),
  };
  const problems = filterProblems(filters);
  if (problems.length)
    throw new UsageError(
      problems.join(' ') +
        (status.some((s) => !STATUSES.includes(s))
          ? ' (--status takes one or more, comma-separated.)'
          : ''),
    );

  return {
    ...base,
    help: false,
    endpoint,
    key,
    secret,
    filters,
    format,
    out: values.out,
    pageSize,
  };
}
