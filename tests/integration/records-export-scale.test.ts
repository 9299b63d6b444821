/**
 * The export's memory stays bounded while it pages through many statements: 100,000 statements
 * in a real records server, `npm run export`'s script run as a child process, its peak resident
 * memory (VmHWM, reported by `--report-memory`) below a stated ceiling, and the row count and
 * statuses right. The statements are written straight into the store with the server stopped
 * (as the benchmark does): over HTTP the load alone would take minutes on two cores, and the
 * export reads them back over HTTP anyway, which is what is under test. The statements are as
 * full as the site's own, so that keeping them would show in the peak.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LrsStore } from '../../src/lrs/store/lrs-store.ts';
import { openSqlite } from '../../src/lrs/store/sql-db.ts';
import { parseCsv } from '../../src/records/csv.ts';
import { removeDataDir, startLrs, type LrsProcess } from './support/lrs-process.ts';
import { CORPUS_BASE, CORPUS_COURSES, fillCorpus } from './support/statement-corpus.ts';

const STATEMENTS = 100_000;
const LEARNERS = 2_000;
/**
 * The ceiling on the export process's peak memory. Node with the CLI's modules takes about
 * 110 MiB before reading anything and the export about 180 MiB at its peak; merely keeping the
 * 100,000 statements in memory takes over 360 MiB.
 */
const CEILING_MIB = 256;

/** The command `npm run export` runs (its node flags matter for memory), as execFile arguments. */
function exportCommand(): string[] {
  const scripts = (
    JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const [node, ...args] = (scripts.export ?? '').split(/\s+/);
  if (node !== 'node')
    throw new Error(`package.json's export script does not start with node: ${scripts.export}`);
  return args;
}

/** The status each learner × course must have, worked out from the corpus's own formula. */
function expectedStatuses(): Map<string, string> {
  const verbs = [
    'experienced',
    'answered',
    'answered',
    'answered',
    'completed',
    'passed',
    'attended',
  ];
  const found = new Map<string, Set<string>>();
  for (let n = 0; n < STATEMENTS; n++) {
    const key = `learner-${n % LEARNERS}|${CORPUS_COURSES[n % CORPUS_COURSES.length]}`;
    const set = found.get(key) ?? new Set<string>();
    set.add(verbs[n % verbs.length] as string);
    found.set(key, set);
  }
  return new Map(
    [...found].map(([key, set]) => [
      key,
      set.has('passed') ? 'passed' : set.has('completed') ? 'completed' : 'in progress',
    ]),
  );
}

describe('exporting from 100,000 statements', () => {
  let lrs: LrsProcess;
  let dir: string;

  beforeAll(async () => {
    lrs = await startLrs();
    await lrs.stop();
    const store = new LrsStore(openSqlite(join(lrs.dataDir, 'lrs.sqlite')));
    await fillCorpus(store, STATEMENTS, { learners: LEARNERS, registrations: 200, rich: true });
    await store.close();
    lrs = await lrs.restart();
    dir = mkdtempSync(join(tmpdir(), 'gangway-export-scale-'));
  }, 480_000);
  afterAll(async () => {
    await lrs?.stop();
    if (lrs) removeDataDir(lrs.dataDir);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`keeps the CLI's peak memory below ${CEILING_MIB} MiB and writes every row`, async () => {
    const [key, secret] = Buffer.from(lrs.auth.slice('Basic '.length), 'base64')
      .toString()
      .split(':') as [string, string];
    const out = join(dir, 'records.csv');
    const stderr = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [...exportCommand(), '--format', 'csv', '--out', out, '--report-memory'],
        {
          env: {
            PATH: process.env.PATH ?? '',
            GANGWAY_LRS_ENDPOINT: lrs.endpoint,
            GANGWAY_LRS_KEY: key,
            GANGWAY_LRS_SECRET: secret,
            GANGWAY_ACTIVITY_BASE: CORPUS_BASE,
          },
        },
        (error, _stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stderr),
      ),
    );
    const peak = Number(/peak memory: ([\d.]+) MiB/.exec(stderr)?.[1]);
    expect(stderr).toMatch(/18,000 records from [\d,]+ statements/);
    expect(peak).toBeGreaterThan(0);
    // For the CI log: how close to the ceiling the export came.
    console.info(`export of ${STATEMENTS} statements: peak memory ${peak} MiB`);
    expect(peak).toBeLessThan(CEILING_MIB);

    const rows = parseCsv(readFileSync(out, 'utf8')).slice(1);
    const expected = expectedStatuses();
    expect(rows).toHaveLength(expected.size);
    const statusColumn = 6;
    const got = new Map(rows.map((row) => [`${row[1]}|${row[3]}`, row[statusColumn]]));
    expect(got).toEqual(expected);
  }, 480_000);
});
