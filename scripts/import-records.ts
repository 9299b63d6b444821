/**
 * `npm run import-records -- <file.json> …`: imports learners' records files (saved by "Download
 * my records" on the My progress page) into an LRS, keeping every statement's id, and reports how
 * many statements were new, already present or rejected, with the reasons.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { statementProblems } from '../src/lrs/xapi/validate-statement.ts';
import { importRecords } from '../src/records/import-records.ts';
import { parseRecordsFile, RecordsFileError } from '../src/records/records-file.ts';
import {
  CLI_EXIT,
  credentialHelp,
  cliLrsTarget,
  lrsExitCode,
  UsageError,
} from '../src/staff/cli-credential.ts';
import { StaffClient } from '../src/staff/staff-client.ts';

const HELP = `Import learners' records files into the records server (or any xAPI LRS).

Usage: npm run import-records -- [options] <records file> [more files…]

Example:
  GANGWAY_LRS_ENDPOINT=http://127.0.0.1:4321/xapi/ GANGWAY_LRS_KEY=… GANGWAY_LRS_SECRET=… \\
    npm run import-records -- gangway-records-PH-2026-0042-2026-11-21.json

Statements keep the ids made on the learner's device, so importing a file twice changes nothing:
the second time every statement is "already present".

${credentialHelp()}

Other:
  --quiet                   no progress on standard error
  -h, --help                show this help

Exit codes:
  0  every statement is in the LRS (new or already present)
  1  the LRS failed or could not be reached
  2  usage error, or a file that is not a Gangway records file
  3  the LRS refused the credential (wrong key or secret, or no statements/write scope)
  4  the files were imported, but some statements were rejected (the reasons are printed)`;

async function main(): Promise<number> {
  let values: {
    endpoint?: string;
    key?: string;
    'credential-file'?: string;
    quiet?: boolean;
    help?: boolean;
  };
  let files: string[];
  try {
    const parsed = parseArgs({
      allowPositionals: true,
      options: {
        endpoint: { type: 'string' },
        key: { type: 'string' },
        'credential-file': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    values = parsed.values;
    files = parsed.positionals;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    return CLI_EXIT.usage;
  }
  if (values.help) {
    console.log(HELP);
    return CLI_EXIT.ok;
  }
  try {
    if (files.length === 0) throw new UsageError('Name at least one records file to import.');
    const client = new StaffClient(cliLrsTarget(values));
    const parsed = [];
    for (const file of files) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
      }
      parsed.push({ file, records: parseRecordsFile(text, basename(file), statementProblems) });
    }
    await client.check({ read: true, write: true });
    let anyRejected = false;
    for (const { file, records } of parsed) {
      const tty = process.stderr.isTTY && !values.quiet;
      const report = await importRecords(client, records, (done, total) => {
        if (tty) process.stderr.write(`\r\x1b[2K${basename(file)}: ${done} of ${total} steps`);
      });
      if (tty) process.stderr.write('\r\x1b[2K');
      const who = records.learner
        ? ` (${records.learner.name}, trainee id ${records.learner.traineeId})`
        : '';
      console.log(
        `${file}${who}: ${report.total} statements — ${report.added} new, ${report.alreadyPresent} already present, ${report.rejected.length} rejected.`,
      );
      for (const refused of report.rejected) console.log(`  rejected: ${refused.reason}`);
      anyRejected ||= report.rejected.length > 0;
    }
    return anyRejected ? CLI_EXIT.rejected : CLI_EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError || error instanceof RecordsFileError) {
      console.error(`Error: ${error.message}`);
      if (error instanceof UsageError) console.error('Run with --help for the options.');
      return CLI_EXIT.usage;
    }
    console.error(`Error: ${(error as Error).message}`);
    return lrsExitCode(error);
  }
}

process.exitCode = await main();
