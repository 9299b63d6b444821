import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CollectProgress } from '../../src/records/collect-completions.ts';
import {
  createProgressReporter,
  progressBar,
  progressLabel,
} from '../../src/records/cli-progress.ts';
import { parseExportOptions, UsageError } from '../../src/records/export-options.ts';
import { filtersFromForm, describeProgress } from '../../src/records/admin-export-page.ts';
import { readCourseFacts } from '../../src/records/read-course-facts.ts';

const env = {
  GANGWAY_LRS_ENDPOINT: 'https://records.example/xapi/',
  GANGWAY_LRS_KEY: 'admin-key',
  GANGWAY_LRS_SECRET: 'admin-secret',
};
const dir = mkdtempSync(join(tmpdir(), 'gangway-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('export command line', () => {
  it('reads filters, format and output', () => {
    const options = parseExportOptions(
      [
        '--course',
        '3.19',
        '--course',
        '3.27',
        '--since',
        '2026-01-01',
        '--until',
        '2026-12-31',
        '--status',
        'passed,failed',
        '--trainer',
        'T-LIM',
        '--format',
        'xlsx',
        '--out',
        'records.xlsx',
      ],
      env,
    );
    expect(options).toMatchObject({
      endpoint: env.GANGWAY_LRS_ENDPOINT,
      key: 'admin-key',
      secret: 'admin-secret',
      format: 'xlsx',
      out: 'records.xlsx',
      filters: {
        courses: ['3.19', '3.27'],
        since: '2026-01-01',
        until: '2026-12-31',
        status: ['passed', 'failed'],
        trainer: 'T-LIM',
      },
      pageSize: 500,
      activityBase: 'https://gangway.example/',
      coursesDir: 'courses',
    });
  });

  it('refuses a secret on the command line unless told to allow it', () => {
    expect(() => parseExportOptions(['--secret', 's3cret'], env)).toThrow(UsageError);
    expect(() => parseExportOptions(['--secret', 's3cret'], env)).toThrow('shell history');
    expect(parseExportOptions(['--secret', 's3cret', '--allow-secret-argument'], env).secret).toBe(
      's3cret',
    );
  });

  it('takes the credential from a file, its own or a records server’s credentials.json', () => {
    const own = join(dir, 'own.json');
    writeFileSync(
      own,
      JSON.stringify({ endpoint: 'https://lrs.example/xapi/', key: 'k', secret: 's' }),
    );
    expect(parseExportOptions(['--credential-file', own], {})).toMatchObject({
      endpoint: 'https://lrs.example/xapi/',
      key: 'k',
      secret: 's',
    });
    const server = join(dir, 'credentials.json');
    writeFileSync(
      server,
      JSON.stringify({ site: { key: 'a', secret: 'b' }, staff: { key: 'sk', secret: 'ss' } }),
    );
    expect(
      parseExportOptions(
        ['--credential-file', server, '--endpoint', 'https://x.example/xapi/'],
        {},
      ),
    ).toMatchObject({ key: 'sk', secret: 'ss' });
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"key": 1}');
    expect(() => parseExportOptions(['--credential-file', broken], env)).toThrow(
      `The credential file ${broken} has no "key" and "secret"`,
    );
    expect(() => parseExportOptions(['--credential-file', join(dir, 'missing.json')], env)).toThrow(
      'Cannot read the credential file',
    );
  });

  it('names each usage error', () => {
    const fails = (args: string[], message: string, environment: Record<string, string> = env) =>
      expect(() => parseExportOptions(args, environment)).toThrow(message);
    fails([], 'No LRS endpoint', {});
    fails([], 'No LRS key', { GANGWAY_LRS_ENDPOINT: env.GANGWAY_LRS_ENDPOINT });
    fails(['--endpoint', 'not a url'], 'The endpoint "not a url" is not a web address');
    fails(['--format', 'pdf'], '--format must be one of csv, xlsx, json, ndjson, not "pdf"');
    fails(['--since', 'yesterday'], 'The "since" date "yesterday" is not a date');
    fails(['--since', '2026-02-01', '--until', '2026-01-01'], 'is after the "until" date');
    fails(['--status', 'done'], 'The status "done" is not one of');
    fails(['--page-size', '0'], '--page-size must be a whole number above 0');
    fails(['--colour'], "Unknown option '--colour'");
  });

  it('answers --help without a credential', () => {
    expect(parseExportOptions(['--help'], {}).help).toBe(true);
  });
});

const progress = (overrides: Partial<CollectProgress>): CollectProgress => ({
  phase: 'course',
  courseNumber: 1,
  courseCount: 2,
  pages: 3,
  statements: 1500,
  records: 10,
  course: {
    id: '3.19',
    number: '3.19',
    title: 'Ship Security Officer',
    edition: '2012',
    masteryScore: 0.7,
    activityId: 'https://gangway.example/courses/3.19',
    finalAssessmentId: 'https://gangway.example/courses/3.19/assessments/final',
  },
  ...overrides,
});

describe('export progress', () => {
  it('bounces while the total is unknown and fills once it is known', () => {
    expect(progressBar(progress({}), 0)).toBe(`[####${'.'.repeat(20)}]`);
    expect(progressBar(progress({}), 5)).toBe(`[.....####${'.'.repeat(15)}]`);
    expect(progressBar(progress({ phase: 'learners', done: 1, total: 2 }), 9)).toBe(
      `[${'#'.repeat(12)}${'.'.repeat(12)}]`,
    );
    expect(progressLabel(progress({ phase: 'learners', done: 1, total: 2 }))).toBe(
      'course 1/2 3.19 learners 1/2',
    );
    expect(progressLabel(progress({ phase: 'sessions', done: 3, total: 4 }))).toBe('sessions 3/4');
  });

  it('redraws in place on a terminal and prints occasional lines elsewhere', () => {
    let clock = 0;
    const tty = {
      out: '',
      isTTY: true,
      write(text: string) {
        this.out += text;
      },
    };
    const reporter = createProgressReporter(tty, () => clock);
    clock = 1000;
    reporter.update(progress({}));
    clock = 1010;
    reporter.update(progress({ statements: 2000 })); // throttled
    reporter.done('Done.');
    expect(tty.out).toBe(
      `\r\x1b[2K[${'.'.repeat(1)}####${'.'.repeat(19)}] course 1/2 3.19: 1,500 statements, 3 pages, 1,500/s\r\x1b[2KDone.\n`,
    );
    clock = 0;
    const log = {
      out: '',
      isTTY: false,
      write(text: string) {
        this.out += text;
      },
    };
    const plain = createProgressReporter(log, () => clock);
    clock = 2000;
    plain.update(progress({}));
    clock = 3000;
    plain.update(progress({ statements: 1600 }));
    plain.update(progress({ phase: 'sessions', done: 0, total: 4 }));
    expect(log.out).toBe(
      'course 1/2 3.19: 1,500 statements, 3 pages, 750/s\nsessions 0/4: 1,500 statements, 3 pages, 500/s\n',
    );
  });
});

describe('admin page helpers', () => {
  it('turns the form into filters, leaving blanks out', () => {
    expect(
      filtersFromForm({
        course: '3.19',
        status: '',
        since: '2026-01-01',
        until: '',
        organisation: ' MV ',
        trainer: '',
        session: '',
      }),
    ).toEqual({ courses: ['3.19'], since: '2026-01-01', organisation: 'MV' });
  });

  it('describes progress in words', () => {
    expect(describeProgress(progress({}))).toBe(
      'Course 1 of 2, 3.19 Ship Security Officer: 1,500 statements read in 3 pages.',
    );
    expect(
      describeProgress(progress({ phase: 'sessions', done: 1, total: 2, pages: 1, statements: 1 })),
    ).toBe('Checking attendance in classroom sessions: 1 of 2. 1 statement read in 1 page.');
  });
});

describe('course facts for the CLI', () => {
  it('reads each course.yaml of the courses folder, in catalogue order', async () => {
    const { courses, problems } = await readCourseFacts('courses');
    expect(problems).toEqual([]);
    expect(courses.find((c) => c.id === '3.19')).toEqual({
      id: '3.19',
      number: '3.19',
      title: 'Ship Security Officer',
      edition: '2012',
      masteryScore: 0.7,
    });
    const numbers = courses.map((c) => c.number);
    expect(numbers.slice(0, 2)).toEqual(['3.19', '3.20']);
  });

  it('names the file and field of a broken course.yaml', async () => {
    const folder = mkdtempSync(join(dir, 'courses-'));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(folder, 'x'));
    writeFileSync(join(folder, 'x', 'course.yaml'), 'number: "1"\ntitle: T\n');
    const { courses, problems } = await readCourseFacts(folder, folder);
    expect(courses).toEqual([]);
    expect(problems[0]?.file).toBe('x/course.yaml');
    expect(problems.map((p) => p.field)).toContain('edition');
  });
});
