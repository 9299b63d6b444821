/**
 * Completion-records export benchmark: a local records server (SQLite) holding 1,000,000
 * statements from the records-server benchmark's corpus generator, and `npm run export` run
 * against it as a separate process, as an administrator would. Prints the export time, the rate
 * and the export process's peak memory.
 *
 * `node scripts/bench/export.ts [--statements 1000000]`
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LrsStore } from '../../src/lrs/store/lrs-store.ts';
import { openSqlite } from '../../src/lrs/store/sql-db.ts';
import { removeDataDir, startLrs } from '../../tests/integration/support/lrs-process.ts';
import { CORPUS_BASE, fillCorpus } from '../../tests/integration/support/statement-corpus.ts';

const { values } = parseArgs({
  options: {
    statements: { type: 'string', default: '1000000' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('Usage: node scripts/bench/export.ts [--statements N (default 1000000)]');
  process.exit(0);
}
const total = Number(values.statements);

function progress(label: string, done: number, all: number) {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / all) * width);
  process.stderr.write(
    `\r  ${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${all}`,
  );
  if (done >= all) process.stderr.write('\n');
}

/** The command `npm run export` runs, without its leading `node`. */
function exportCommand(): string[] {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as {
    scripts: Record<string, string>;
  };
  return (scripts.export ?? '').split(/\s+/).slice(1);
}

process.stderr.write(`• export: loading ${total} statements into a records server (SQLite)\n`);
let lrs = await startLrs();
await lrs.stop();
const store = new LrsStore(openSqlite(join(lrs.dataDir, 'lrs.sqlite')));
await fillCorpus(store, total, { onProgress: (done, all) => progress('loading', done, all) });
await store.db.exec('ANALYZE');
await store.close();
lrs = await lrs.restart();
const out = mkdtempSync(join(tmpdir(), 'gangway-bench-export-'));
const file = join(out, 'records.csv');
try {
  const [key, secret] = Buffer.from(lrs.auth.slice('Basic '.length), 'base64')
    .toString()
    .split(':') as [string, string];
  process.stderr.write('• export: npm run export -- --format csv (all courses)\n');
  const started = performance.now();
  const stderr = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      [...exportCommand(), '--format', 'csv', '--out', file, '--report-memory'],
      {
        env: {
          ...process.env,
          GANGWAY_LRS_ENDPOINT: lrs.endpoint,
          GANGWAY_LRS_KEY: key,
          GANGWAY_LRS_SECRET: secret,
          GANGWAY_ACTIVITY_BASE: CORPUS_BASE,
        },
      },
      (error, _stdout, text) =>
        error ? reject(new Error(`${error.message}\n${text}`)) : resolve(text),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const peak = /peak memory: ([\d.]+) MiB/.exec(stderr)?.[1] ?? '?';
  const read = /records from ([\d,]+) statements/.exec(stderr)?.[1] ?? '?';
  const cpu = /CPU time: ([\d.]+) s/.exec(stderr)?.[1] ?? '?';
  const rows = readFileSync(file, 'utf8').split('\r\n').length - 2;
  const bytes = statSync(file).size;
  console.log(
    [
      `\nCompletion records export (npm run export, CSV, local records server on SQLite, ${total.toLocaleString('en')} statements stored)`,
      `  export time                ${seconds.toFixed(1)} s (${Math.round(total / seconds).toLocaleString('en')} stored statements/s)`,
      `  statements read            ${read} (the courses' statements, then each session's attended and host statements)`,
      `  peak memory (VmHWM)        ${peak} MiB`,
      `  CPU time of the export     ${cpu} s (the rest of the time is the records server answering)`,
      `  rows (learner × course)    ${rows.toLocaleString('en')} (${(bytes / 1048576).toFixed(1)} MiB of CSV)`,
    ].join('\n'),
  );
} finally {
  await lrs.stop();
  removeDataDir(lrs.dataDir);
  rmSync(out, { recursive: true, force: true });
}
