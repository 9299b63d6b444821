import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatContentProblems } from '../../src/content/content-problems.ts';
import { loadCoursesFolder } from '../../src/content/read-courses-folder.ts';

const fixtures = 'tests/fixtures';
const brokenDir = join(fixtures, 'broken-courses');

describe('course content checks', () => {
  it('accepts the valid fixture course without problems', async () => {
    const { catalogue, problems } = await loadCoursesFolder(join(fixtures, 'valid-courses'));
    expect(problems).toEqual([]);
    const [course] = catalogue.courses;
    expect(course?.lessons.map((l) => l.id)).toEqual(['01-levels', '02-order']);
    expect(course?.questions).toHaveLength(6);
    expect(course?.modules[0]?.checkUrl).toBe('/courses/9.99/m1-basics/check/');
  });

  // Each folder holds the valid fixture with one defect and expected.txt: the file and the message.
  for (const name of readdirSync(brokenDir)) {
    it(`reports ${name} with the file and the field`, async () => {
      const [file, message] = readFileSync(join(brokenDir, name, 'expected.txt'), 'utf8')
        .trim()
        .split('\n');
      const { problems } = await loadCoursesFolder(join(brokenDir, name));
      const text = formatContentProblems(problems);
      const lines = problems
        .filter((p) => p.file.endsWith(file ?? ''))
        .map((p) => (p.field ? `${p.field}: ${p.message}` : p.message));
      expect(
        lines.filter((line) => line.includes(message ?? '')),
        text,
      ).toHaveLength(1);
      expect(text).toContain(join(brokenDir, name));
    });
  }
});
