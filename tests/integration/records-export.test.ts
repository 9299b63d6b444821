/**
 * The export CLI end to end: the fixture is posted to a real records server with the credentials
 * that would send it (site, trainers, administrator), `npm run export`'s script runs as a real
 * process with the administrator's credential in its environment, and every cell of the CSV and
 * of the XLSX (read back with exceljs) is checked. Exit codes and credential handling too.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionRecord } from '../../src/records/completion-record.ts';
import { parseCsv } from '../../src/records/csv.ts';
import {
  EXPECTED_ROWS,
  FIXTURE_BASE,
  SESSIONS,
  TRAINERS,
  postRecordsFixture,
  summariseRecord,
  type ExpectedRow,
} from '../support/records-fixture.ts';
import { removeDataDir, startLrs, type LrsProcess } from './support/lrs-process.ts';

const TITLES: Record<string, string> = {
  '3.19': 'Ship Security Officer',
  '3.27': 'Security awareness training for all seafarers',
};

/** Every cell of a fixture row as the CSV must show it (text, formula-looking text neutralised). */
function csvCells(row: ExpectedRow): string[] {
  const session = row.session ? SESSIONS[row.session] : undefined;
  const trainer = row.trainer ? TRAINERS[row.trainer] : undefined;
  const neutral = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
  return [
    neutral(row.learnerName),
    neutral(row.learnerId),
    row.organisation,
    row.courseId,
    TITLES[row.courseId]!,
    '2012',
    row.status,
    row.completedAt,
    row.finalScore,
    '70',
    row.attempts,
    row.timeSpent,
    session?.title ?? '',
    session ? `${FIXTURE_BASE}sessions/${session.sessionId}` : '',
    session?.registration ?? '',
    trainer?.name ?? '',
    trainer?.account?.name ?? '',
    row.attendance,
    `${FIXTURE_BASE}courses/${row.courseId}`,
  ];
}

const HEADERS = [
  'Learner name',
  'Learner id',
  'Organisation',
  'Course number',
  'Course title',
  'Edition',
  'Status',
  'Completion date (UTC)',
  'Final score (%)',
  'Mastery score (%)',
  'Final assessment attempts',
  'Time spent (h:mm)',
  'Session',
  'Session activity id',
  'Session registration',
  'Trainer name',
  'Trainer id',
  'Attendance',
  'Course activity id',
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the export script as `npm run export` does, with the given environment. */
function runExport(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/export-records.ts', ...args],
      {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
        maxBuffer: 20_000_000,
      },
      (error, stdout, stderr) =>
        resolve({
          code: error ? ((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

describe('npm run export', () => {
  let lrs: LrsProcess;
  let dir: string;
  let env: Record<string, string>;
  let key: string;
  let secret: string;
  const split = (basic: string) =>
    Buffer.from(basic.slice('Basic '.length), 'base64').toString().split(':') as [string, string];

  beforeAll(async () => {
    lrs = await startLrs();
    dir = mkdtempSync(join(tmpdir(), 'gangway-export-'));
    await postRecordsFixture(lrs.endpoint, {
      site: lrs.credential('Gangway site (write-only)', 'statements/write'),
      trainerA: lrs.credential('Capt. Lim', 'statements/write,statements/read'),
      trainerB: lrs.credential('Ms. Okafor', 'statements/write,statements/read'),
      admin: lrs.auth,
    });
    [key, secret] = split(lrs.credential('Administrator', 'statements/read'));
    env = {
      GANGWAY_LRS_ENDPOINT: lrs.endpoint,
      GANGWAY_LRS_KEY: key,
      GANGWAY_LRS_SECRET: secret,
      GANGWAY_ACTIVITY_BASE: FIXTURE_BASE,
    };
  });
  afterAll(async () => {
    await lrs?.stop();
    if (lrs) removeDataDir(lrs.dataDir);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes a CSV with every cell right', async () => {
    const out = join(dir, 'records.csv');
    const run = await runExport(['--format', 'csv', '--out', out, '--page-size', '4'], env);
    expect(run.stderr).toContain('6 records from');
    expect(run.code).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')).toHaveLength(EXPECTED_ROWS.length + 2);
    expect(parseCsv(text)).toEqual([HEADERS, ...EXPECTED_ROWS.map(csvCells)]);
  });

  it('writes an XLSX with every cell right, typed', async () => {
    const out = join(dir, 'records.xlsx');
    const run = await runExport(['--format', 'xlsx', '--out', out], env);
    expect(run.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet('Completion records')!;
    expect(sheet.rowCount).toBe(EXPECTED_ROWS.length + 1);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    for (const [index, row] of EXPECTED_ROWS.entries()) {
      const cells = csvCells(row);
      const values = HEADERS.map((_, column) => sheet.getRow(index + 2).getCell(column + 1).value);
      const expected: unknown[] = cells.map((cell) => cell || null);
      // Text is stored as text (never a formula), so it keeps its exact characters.
      expected[0] = row.learnerName;
      expected[1] = row.learnerId;
      expected[7] = row.completedAt ? new Date(row.completedAt) : null;
      expected[8] = row.finalScore ? Number(row.finalScore) : null;
      expected[9] = 70;
      expected[10] = Number(row.attempts);
      const [hours, minutes] = row.timeSpent.split(':').map(Number) as [number, number];
      // exceljs reads a cell formatted [h]:mm back as a Date from Excel's epoch (1899-12-30).
      expected[11] = new Date(Date.UTC(1899, 11, 30) + (hours * 60 + minutes) * 60_000);
      expect(values, `row ${index + 2}`).toEqual(expected);
      expect(sheet.getRow(index + 2).getCell(1).type).toBe(ExcelJS.ValueType.String);
    }
  });

  it('writes JSON to standard output, and NDJSON', async () => {
    const json = await runExport(['--format', 'json', '--out', '-', '--quiet'], env);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    const records = JSON.parse(json.stdout) as CompletionRecord[];
    expect(records.map(summariseRecord)).toEqual(EXPECTED_ROWS);
    const ndjson = await runExport(['--format', 'ndjson', '--out', '-', '--quiet'], env);
    const lines = ndjson.stdout.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line) as CompletionRecord)).toEqual(records);
  });

  it('filters by course and completion date', async () => {
    const run = await runExport(
      ['--course', '3.19', '--since', '2026-11-12', '--until', '2026-11-13', '--out', '-'],
      env,
    );
    expect(run.code).toBe(0);
    expect(parseCsv(run.stdout).slice(1)).toEqual(
      EXPECTED_ROWS.filter((r) => ['AE-002', 'CN-003'].includes(r.learnerId)).map(csvCells),
    );
    // Plain progress lines when standard error is not a terminal.
    expect(run.stderr).toMatch(/course 1\/1 3\.19 learners \d+\/\d+: \d+ statements, \d+ pages/);
  });

  it('reads the credential from a file, and from a records server credentials.json', async () => {
    const file = join(dir, 'credential.json');
    writeFileSync(file, JSON.stringify({ endpoint: lrs.endpoint, key, secret }));
    const plain = await runExport(['--credential-file', file, '--out', '-', '--quiet'], {
      GANGWAY_ACTIVITY_BASE: FIXTURE_BASE,
    });
    expect(plain.code).toBe(0);
    expect(parseCsv(plain.stdout)).toHaveLength(EXPECTED_ROWS.length + 1);
    const serverFile = join(dir, 'credentials.json');
    writeFileSync(
      serverFile,
      JSON.stringify({ site: { key: 'x', secret: 'y' }, staff: { key, secret } }),
    );
    const staff = await runExport(
      ['--credential-file', serverFile, '--endpoint', lrs.endpoint, '--out', '-', '--quiet'],
      { GANGWAY_ACTIVITY_BASE: FIXTURE_BASE },
    );
    expect(staff.code).toBe(0);
    expect(parseCsv(staff.stdout)).toHaveLength(EXPECTED_ROWS.length + 1);
  });

  it('exits 3 when the credential is refused, saying why', async () => {
    const wrong = await runExport(['--out', '-'], { ...env, GANGWAY_LRS_SECRET: 'not-the-secret' });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain('did not accept this key and secret (401)');
    expect(wrong.stdout).toBe('');
    const [writeKey, writeSecret] = split(lrs.credential('Write only', 'statements/write'));
    const noRead = await runExport(['--out', '-'], {
      ...env,
      GANGWAY_LRS_KEY: writeKey,
      GANGWAY_LRS_SECRET: writeSecret,
    });
    expect(noRead.code).toBe(3);
    expect(noRead.stderr).toContain('(403)');
  });

  it('exits 1 when the LRS cannot be reached, leaving no file behind', async () => {
    const out = join(dir, 'unreachable.csv');
    const run = await runExport(['--out', out], {
      ...env,
      GANGWAY_LRS_ENDPOINT: 'http://127.0.0.1:9/xapi/',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Cannot reach the records server');
    expect(() => readFileSync(out)).toThrow();
  });

  it('exits 2 on usage errors and refuses a secret on the command line', async () => {
    const badDate = await runExport(['--since', '21/11/2026'], env);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('"since" date "21/11/2026"');
    const unknownCourse = await runExport(['--course', '9.99'], env);
    expect(unknownCourse.code).toBe(2);
    expect(unknownCourse.stderr).toContain('No course "9.99"');
    const secretArg = await runExport(['--secret', secret, '--out', '-'], {
      ...env,
      GANGWAY_LRS_SECRET: '',
    });
    expect(secretArg.code).toBe(2);
    expect(secretArg.stderr).toContain('Refusing --secret');
    const allowed = await runExport(
      ['--secret', secret, '--allow-secret-argument', '--out', '-', '--quiet'],
      { ...env, GANGWAY_LRS_SECRET: '' },
    );
    expect(allowed.code).toBe(0);
    const help = await runExport(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    expect(help.stdout).toContain('3  the LRS refused the credential');
  });
});
