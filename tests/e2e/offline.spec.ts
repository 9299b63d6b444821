/**
 * Offline study: a learner makes 3.27 available offline, studies the whole course and passes the
 * final assessment without a connection, then reconnects. The LRS must end with the complete,
 * valid statement stream, each statement once, and the page must say all progress is saved.
 */
import { course } from './support/catalogue.ts';
import { validationWarnings } from '../support/xapi-validation.ts';
import { expect, statementsOf, test } from './support/fixtures.ts';
import {
  answerLessonQuestions,
  expectExactlyOnce,
  STATUS,
  takeFinalAssessment,
} from './support/tracking.ts';

test('a learner studies 3.27 offline for the whole course, passes, and reconnects', async ({
  page,
  context,
  learner,
}) => {
  test.setTimeout(240_000);
  const c = await course('3.27');
  await page.goto(c.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  const status = page.locator('#offline-course [data-status]');
  await expect(
    page.getByRole('button', { name: /Make this course available offline \(\d/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: /Make this course available offline/ }).click();
  await expect(status).toContainText('Available offline since');

  await context.setOffline(true);
  let answered = 0;
  for (const lesson of c.lessons) {
    await page.goto(lesson.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.data.title);
    if (lesson.data.questions.length > 0) answered += await answerLessonQuestions(page, true);
    await page.getByRole('button', { name: 'Mark this lesson as done' }).click();
    await expect(page.getByRole('button', { name: '✓ Lesson done (undo)' })).toBeVisible();
  }
  await page.goto(c.assessmentUrl);
  answered += await takeFinalAssessment(page, '3.27', true);
  await expect(page.locator('.quiz-result')).toContainText('Passed: 100 %');
  await expect(page.locator(STATUS)).toContainText('waiting to upload');

  await context.setOffline(false);
  await expectExactlyOnce(page, learner, answered);

  const stored = await statementsOf(page.request, learner);
  const verbs = (verb: string) =>
    stored.filter((s) => (s.verb as { id: string }).id.endsWith(`/${verb}`));
  expect(verbs('answered')).toHaveLength(answered);
  expect(verbs('passed')).toHaveLength(1);
  const completedIds = verbs('completed').map((s) => (s.object as { id: string }).id);
  expect(completedIds).toContain('https://gangway.example/courses/3.27');
  expect(completedIds.filter((id) => /\/courses\/3\.27\/m\d[^/]*\/[^/]+$/.test(id))).toHaveLength(
    c.lessons.length,
  );
  expect(completedIds.filter((id) => /\/courses\/3\.27\/m\d[^/]*$/.test(id))).toHaveLength(
    c.modules.length,
  );
  expect(verbs('experienced').length).toBeGreaterThanOrEqual(c.lessons.length);
  for (const statement of stored)
    expect(validationWarnings(statement), String(statement.id)).toEqual([]);
});
