/**
 * Records brought by hand and certificates, against a real records server process: a learner's
 * records file is imported twice (the second time everything is already present), a bad statement
 * is rejected with its reason, a changed statement under a stored id is rejected as a conflict;
 * the import, certificates and evidence CLIs run as an administrator would run them, with their
 * exit codes.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCertificate } from '../../src/certificates/certificate-code.ts';
import { importPublicKeys } from '../../src/certificates/signing-keys.ts';
import { loadCoursesFolder } from '../../src/content/read-courses-folder.ts';
import { activityIds } from '../../src/statements/activity-ids.ts';
import { buildAnsweredStatement } from '../../src/statements/build-statements.ts';
import { CONFLICT_REASON, importRecords } from '../../src/records/import-records.ts';
import { parseCsv } from '../../src/records/csv.ts';
import { parseRecordsFile } from '../../src/records/records-file.ts';
import { StaffClient } from '../../src/staff/staff-client.ts';
import { learnerStatements, recordsFileText } from '../support/learner-records.ts';
import { pdfText } from '../support/pdf-text.ts';
import { FIXTURE_BASE, postRecordsFixture, SESSIONS } from '../support/records-fixture.ts';
import { removeDataDir, startLrs, type LrsProcess } from './support/lrs-process.ts';

/** Runs a CLI script with Node 24 as `npm run` would; resolves with its exit code and output. */
function run(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, ...args],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The key and secret of a Basic header, as the CLIs take them from the environment. */
function credentialEnv(endpoint: string, basic: string): Record<string, string> {
  const [key, secret] = Buffer.from(basic.slice(6), 'base64').toString().split(':');
  return { GANGWAY_LRS_ENDPOINT: endpoint, GANGWAY_LRS_KEY: key!, GANGWAY_LRS_SECRET: secret! };
}

describe('importing a learner records file', () => {
  let lrs: LrsProcess;
  let staff: string;
  let client: StaffClient;
  const dir = mkdtempSync(join(tmpdir(), 'gangway-import-'));

  beforeAll(async () => {
    lrs = await startLrs();
    staff = lrs.credential('Administrator', 'statements/read,statements/write');
    client = new StaffClient({ endpoint: lrs.endpoint, auth: staff });
  });
  afterAll(async () => {
    await lrs?.stop();
    removeDataDir(lrs?.dataDir ?? '');
    removeDataDir(dir);
  });

  it('adds the statements with their ids, and a second import finds them all present', async () => {
    const good = learnerStatements('IMP-1');
    const bad = { ...learnerStatements('IMP-1')[0]!, verb: { id: 'not-an-iri' } };
    const file = parseRecordsFile(recordsFileText([good[0], bad, good[1], good[2]]), 'a.json');
    const progress: number[] = [];

    const first = await importRecords(client, file, (done) => progress.push(done));
    expect(first).toMatchObject({ total: 4, added: 3, alreadyPresent: 0 });
    expect(first.rejected).toEqual([
      {
        number: 2,
        id: bad.id,
        reason: expect.stringMatching(/^statement 2 is invalid: .*verb\.id/),
      },
    ]);
    expect(progress.at(-1)).toBe(6);
    for (const statement of good)
      expect(await client.statementState(statement.id as string)).toBe('stored');

    const second = await importRecords(client, file);
    expect(second).toMatchObject({ total: 4, added: 0, alreadyPresent: 3 });
    expect(second.rejected.map((r) => r.number)).toEqual([2]);
  });

  it('rejects a statement whose id the LRS holds with other content, and imports the rest', async () => {
    const [stored, other] = learnerStatements('IMP-2');
    await client.send([stored!]);
    const changed = { ...stored!, result: { duration: 'PT1H' } };
    const report = await importRecords(
      client,
      parseRecordsFile(recordsFileText([changed, other]), 'b.json'),
    );
    expect(report).toMatchObject({ total: 2, added: 1, alreadyPresent: 0 });
    expect(report.rejected).toEqual([
      { number: 1, id: stored!.id, reason: `statement 1 was rejected: ${CONFLICT_REASON}` },
    ]);
  });

  it('runs from the command line with exit codes for success, rejections and refusals', async () => {
    const env = credentialEnv(lrs.endpoint, staff);
    const clean = join(dir, 'clean.json');
    writeFileSync(clean, recordsFileText(learnerStatements('IMP-3'), 'IMP-3'));
    const once = await run('scripts/import-records.ts', [clean], env);
    expect(once.stdout).toContain('3 statements — 3 new, 0 already present, 0 rejected.');
    expect(once.code).toBe(0);
    const twice = await run('scripts/import-records.ts', [clean], env);
    expect(twice.stdout).toContain('3 statements — 0 new, 3 already present, 0 rejected.');
    expect(twice.code).toBe(0);

    const withBad = join(dir, 'bad.json');
    const [a, b] = learnerStatements('IMP-4');
    writeFileSync(withBad, recordsFileText([a, { ...b!, actor: { name: 'no id' } }], 'IMP-4'));
    const rejected = await run('scripts/import-records.ts', [withBad], env);
    expect(rejected.stdout).toContain('1 new, 0 already present, 1 rejected.');
    expect(rejected.stdout).toMatch(/rejected: statement 2 is invalid: .*actor/);
    expect(rejected.code).toBe(4);

    const notRecords = join(dir, 'package.json');
    writeFileSync(notRecords, '{"name": "something else"}');
    const refused = await run('scripts/import-records.ts', [notRecords], env);
    expect(refused.stderr).toContain('package.json is not a Gangway records file');
    expect(refused.code).toBe(2);

    const wrongSecret = await run('scripts/import-records.ts', [clean], {
      ...env,
      GANGWAY_LRS_SECRET: 'wrong',
    });
    expect(wrongSecret.stderr).toContain('did not accept this key and secret (401)');
    expect(wrongSecret.code).toBe(3);

    const readOnly = credentialEnv(lrs.endpoint, lrs.credential('Reader', 'statements/read'));
    const noWrite = await run('scripts/import-records.ts', [clean], readOnly);
    expect(noWrite.stderr).toContain('not allowed to write statements (403)');
    expect(noWrite.code).toBe(3);

    const noCredential = await run('scripts/import-records.ts', [clean], {
      ...env,
      GANGWAY_LRS_KEY: '',
    });
    expect(noCredential.stderr).toContain('No credential');
    expect(noCredential.code).toBe(2);

    const unreachable = await run('scripts/import-records.ts', [clean], {
      ...env,
      GANGWAY_LRS_ENDPOINT: 'http://127.0.0.1:9/xapi/',
    });
    expect(unreachable.stderr).toContain('Cannot reach the records server');
    expect(unreachable.code).toBe(1);
  });
});

describe('certificates and the evidence matrix from the command line', () => {
  let lrs: LrsProcess;
  let staff: string;
  const dir = mkdtempSync(join(tmpdir(), 'gangway-certificates-'));

  beforeAll(async () => {
    lrs = await startLrs();
    staff = lrs.credential('Administrator', 'statements/read,statements/write');
    await postRecordsFixture(lrs.endpoint, {
      site: lrs.credential('Gangway site (write-only)', 'statements/write'),
      trainerA: lrs.credential('Capt. Lim', 'statements/write,statements/read'),
      trainerB: lrs.credential('Ms. Okafor', 'statements/write,statements/read'),
      admin: staff,
    });
  });
  afterAll(async () => {
    await lrs?.stop();
    removeDataDir(lrs?.dataDir ?? '');
    removeDataDir(dir);
  });

  it('makes a key pair and issues verifiable certificates for a session', async () => {
    const key = join(dir, 'signing-key.json');
    const publicKey = join(dir, 'public-key.json');
    const keygen = await run(
      'scripts/certificates.ts',
      ['keygen', '--key', key, '--public', publicKey],
      {},
    );
    expect(keygen.code).toBe(0);
    expect(keygen.stdout).toContain('Made certificate signing key');
    const out = join(dir, 'session-a.zip');
    const env = credentialEnv(lrs.endpoint, staff);
    const issued = await run(
      'scripts/certificates.ts',
      [
        'issue',
        '--session',
        SESSIONS.A.sessionId,
        '--key',
        key,
        '--out',
        out,
        '--centre',
        'Academy of the Sea',
        '--site-url',
        'https://academy.example/',
        '--activity-base',
        FIXTURE_BASE,
      ],
      env,
    );
    expect(issued.stderr).toBe('');
    expect(issued.stdout).toContain('Wrote 2 certificates');
    expect(issued.code).toBe(0);
    const files = unzipSync(new Uint8Array(readFileSync(out)));
    const keys = await importPublicKeys(JSON.parse(readFileSync(publicKey, 'utf8')));
    const learners: string[] = [];
    for (const pdf of Object.values(files)) {
      const text = (await pdfText(pdf)).replace(/\s+/g, '');
      const code = /v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(text)?.[0] ?? '';
      const result = await verifyCertificate(code, keys);
      expect(result.valid).toBe(true);
      if (result.valid) learners.push(`${result.facts.learnerName} ${result.facts.trainer}`);
    }
    expect(learners.sort()).toEqual(['Ana Reyes Capt. Lim', 'محمد العلي Capt. Lim']);

    const wrongKey = await run(
      'scripts/certificates.ts',
      ['issue', '--course', '3.19', '--key', publicKey, '--centre', 'A'],
      env,
    );
    expect(wrongKey.stderr).toContain('holds a public key only');
    expect(wrongKey.code).toBe(2);
    const again = await run('scripts/certificates.ts', ['keygen', '--key', key], {});
    expect(again.stderr).toContain('exists already');
    expect(again.code).toBe(2);
  });

  it('writes the evidence and coverage CSVs of a course', async () => {
    const { catalogue } = await loadCoursesFolder('courses');
    const course = catalogue.courses.find((c) => c.id === '3.19')!;
    const [question] = course.questions;
    const ids = activityIds(FIXTURE_BASE);
    const learner = {
      actor: {
        objectType: 'Agent' as const,
        name: 'Evi Dence',
        account: { homePage: FIXTURE_BASE, name: 'EV-1' },
      },
    };
    const answer = (correct: boolean, minute: number) =>
      buildAnsweredStatement({
        ids,
        course: { id: '3.19', title: course.framework.title, language: 'en' },
        learner,
        meta: { id: randomUUID(), timestamp: `2026-11-20T10:0${minute}:00.000Z` },
        quiz: { kind: 'final', title: 'Final assessment' },
        question: question!,
        response: undefined,
        correct,
      });
    await new StaffClient({ endpoint: lrs.endpoint, auth: staff }).send([
      answer(false, 1),
      answer(true, 2),
    ]);
    const out = join(dir, 'evidence.csv');
    const coverage = join(dir, 'coverage.csv');
    const result = await run(
      'scripts/evidence.ts',
      [
        '--course',
        '3.19',
        '--out',
        out,
        '--coverage-out',
        coverage,
        '--activity-base',
        FIXTURE_BASE,
      ],
      credentialEnv(lrs.endpoint, staff),
    );
    expect(result.code).toBe(0);
    const rows = parseCsv(readFileSync(out, 'utf8').slice(1));
    expect(rows[0]).toContain('Demonstrated');
    const evi = rows.filter((row) => row[1] === 'EV-1');
    expect(evi).toHaveLength(course.objectives.size);
    expect(evi.find((row) => row[3] === question!.objective)?.slice(7)).toEqual(['2', '1', 'yes']);
    expect(evi.filter((row) => row[9] === 'yes')).toHaveLength(1);
    const objectives = parseCsv(readFileSync(coverage, 'utf8').slice(1)).slice(1);
    expect(objectives.length).toBeGreaterThan(5);
    for (const row of objectives) {
      expect(row[1]).toMatch(/^3\.19-LO-\d+\.\d+$/);
      expect(row[4]).not.toBe('');
      expect(Number(row[5])).toBeGreaterThanOrEqual(3);
    }
    const throughExport = join(dir, 'evidence-export.csv');
    const viaExport = await run(
      'scripts/export-records.ts',
      ['--evidence', '--course', '3.19', '--out', throughExport, '--activity-base', FIXTURE_BASE],
      credentialEnv(lrs.endpoint, staff),
    );
    expect(viaExport.code).toBe(0);
    expect(readFileSync(throughExport, 'utf8')).toBe(readFileSync(out, 'utf8'));
    const missing = await run(
      'scripts/evidence.ts',
      ['--course', '9.99'],
      credentialEnv(lrs.endpoint, staff),
    );
    expect(missing.stderr).toContain('No course "9.99"');
    expect(missing.code).toBe(2);
  });
});

describe('the records server publishing the certificate public key', () => {
  it('makes the key pair on first start with --site, serves only the public key, and keeps it on restart', async () => {
    const site = mkdtempSync(join(tmpdir(), 'gangway-site-'));
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>site</title>');
    let lrs = await startLrs({ args: ['--site', site] });
    try {
      const origin = new URL(lrs.endpoint).origin;
      const privateFile = join(lrs.dataDir, 'certificate-signing-key.json');
      expect(statSync(privateFile).mode & 0o777).toBe(0o600);
      const privateJwk = JSON.parse(readFileSync(privateFile, 'utf8')) as { x: string; d: string };
      const published = await fetch(`${origin}/certificate-public-key.json`);
      expect(published.status).toBe(200);
      const set = (await published.json()) as { keys: { x: string; d?: string }[] };
      expect(set.keys.map((k) => k.x)).toEqual([privateJwk.x]);
      expect(JSON.stringify(set)).not.toContain(privateJwk.d);
      expect((await fetch(`${origin}/certificate-signing-key.json`)).status).toBe(404);

      await lrs.stop();
      lrs = await lrs.restart();
      const again = (await (
        await fetch(`${new URL(lrs.endpoint).origin}/certificate-public-key.json`)
      ).json()) as { keys: { x: string }[] };
      expect(again.keys.map((k) => k.x)).toEqual([privateJwk.x]);
    } finally {
      await lrs.stop();
      removeDataDir(lrs.dataDir);
      removeDataDir(site);
    }
  });
});
