import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { catalogue, course } from './support/catalogue.ts';

/** Script URLs a page loads, once the network is quiet. */
async function scriptsLoadedBy(page: Page, path: string): Promise<string[]> {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  return scripts;
}

/** React, the island client and the quiz island's own chunk (not helper modules such as quiz-storage). */
const FRAMEWORK = /\/(react|client|Quiz)\.[^/]*\.js$/;

test('pages without questions ship no framework JavaScript', async ({ page }) => {
  const { courses } = await catalogue();
  const plainLessons = courses.flatMap((c) =>
    c.lessons.filter((l) => l.data.questions.length === 0),
  );
  const paths = [courses[0]!.url, ...plainLessons.slice(0, 3).map((l) => l.url)];
  for (const path of paths) {
    expect(
      (await scriptsLoadedBy(page, path)).filter((url) => FRAMEWORK.test(url)),
      path,
    ).toEqual([]);
    await expect(page.locator('astro-island')).toHaveCount(0);
  }
});

test('a lesson with questions hydrates the quiz island only', async ({ page }) => {
  const c = await course('3.27');
  const withQuiz = c.lessons.find((l) => l.data.questions.length > 0)!;
  await page.goto(withQuiz.url);
  await expect(page.locator('astro-island')).toHaveCount(1);
});

test('trainer view shows instructor notes and remembers the choice', async ({ page }) => {
  const c = await course('3.27');
  await page.goto(c.url);
  const notes = page.locator('.instructor-notes').first();
  await expect(notes).toBeHidden();
  await page.getByRole('button', { name: 'Trainer view: off' }).click();
  await expect(notes).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Trainer view: on' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(notes).toBeVisible();
});

test('a printed lesson is a clean handout: content without navigation or quiz', async ({
  page,
}) => {
  const c = await course('3.27');
  const lesson = c.lessons[0]!;
  await page.goto(lesson.url);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.lesson-nav')).toBeHidden();
  await expect(page.locator('.pager')).toBeHidden();
  await expect(page.locator('.instructor-notes').first()).toBeHidden();
});

test('on a phone the lesson reads in one column', async ({ page }) => {
  const c = await course('3.27');
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(c.lessons[0]!.url);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
});
