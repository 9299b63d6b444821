import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'gangway-build-errors-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the real `astro build` over a broken fixture folder and returns its exit code and output. */
function buildFixture(name: string) {
  const result = spawnSync('npm', ['run', '-s', 'build'], {
    env: {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      GANGWAY_COURSES_DIR: `tests/fixtures/broken-courses/${name}`,
      GANGWAY_OUT_DIR: join(scratch, name, 'dist'),
      GANGWAY_CACHE_DIR: join(scratch, name, 'cache'),
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('astro build of broken courses', () => {
  it('fails on a lesson missing a required field, naming the file and the field', () => {
    const { status, output } = buildFixture('missing-field');
    expect(status).not.toBe(0);
    expect(output).toContain('9.99/m1-basics/01-levels.mdx');
    expect(output).toContain('minutes: is required but missing');
  }, 120_000);

  it('fails on a question with an unknown objective, naming the file and the question', () => {
    const { status, output } = buildFixture('unknown-objective');
    expect(status).not.toBe(0);
    expect(output).toContain('9.99/m1-basics/questions.yaml');
    expect(output).toContain(
      'questions[0] "levels-single".objective: unknown objective "9.99-LO-1.7"',
    );
  }, 120_000);
});
