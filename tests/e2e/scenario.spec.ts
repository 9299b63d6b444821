/**
 * Branching scenarios: a learner walks a good path and a bad path through the same situation,
 * sees the consequence of each choice, and the records server receives one `choice`
 * interaction per step with the choice made and whether it was good.
 */
import type { Page } from '@playwright/test';
import { catalogue } from './support/catalogue.ts';
import { expect, statementsOf, test } from './support/fixtures.ts';
import { STATUS } from './support/tracking.ts';

async function firstScenarioLesson() {
  const { courses } = await catalogue();
  for (const course of courses) {
    for (const lesson of course.lessons) {
      const question = lesson.data.questions
        .map((id) => course.questions.find((q) => q.id === id))
        .find((q) => q?.type === 'scenario');
      if (question?.type === 'scenario') return { lesson, question };
    }
  }
  throw new Error('no lesson asks a branching scenario');
}

async function walk(page: Page, good: boolean) {
  const { lesson, question } = await firstScenarioLesson();
  await page.goto(lesson.url);
  // The quiz island hydrates when it scrolls into view, as it does for a reader.
  await page.locator('.quiz').scrollIntoViewIfNeeded();
  const item = page.locator('.question-list > li', {
    has: page.locator(`fieldset[data-question-id="${question.id}"]`),
  });
  const fieldset = item.locator('fieldset.question');
  await expect(fieldset).toBeVisible();
  const chosen: { step: string; option: string; good: boolean }[] = [];
  let stepId: string | undefined = question.start;
  while (stepId) {
    const step = question.steps.find((s) => s.id === stepId)!;
    const option = step.options.find((o) => o.good === good) ?? step.options.find((o) => o.good)!;
    await fieldset.getByRole('radio', { name: option.text, exact: true }).check();
    await fieldset.getByRole('button', { name: 'Do this' }).click();
    await expect(fieldset.locator('.consequence').last()).toContainText(
      option.feedback.slice(0, 40),
    );
    chosen.push({ step: step.id, option: option.id, good: option.good });
    stepId = option.next;
  }
  await item.getByRole('button', { name: 'Check answer' }).click();
  return { question, chosen, fieldset };
}

test('a good path through a branching scenario is scored right and reported step by step', async ({
  page,
  learner,
}) => {
  const { question, chosen, fieldset } = await walk(page, true);
  await expect(fieldset.getByRole('status').last()).toContainText('Correct.');
  await expect(page.locator(STATUS)).toHaveText('All progress saved', { timeout: 30_000 });
  const answered = (await statementsOf(page.request, learner)).filter((s) =>
    (s.object as { id: string }).id.includes(`/questions/${question.id}/`),
  );
  expect(
    answered
      .map((s) => [
        (s.object as { id: string }).id.split('/').pop(),
        (s.result as { response: string; success: boolean }).response,
        (s.result as { success: boolean }).success,
      ])
      .sort(),
  ).toEqual(chosen.map((c) => [c.step, c.option, c.good]).sort());
});

test('a bad path shows its consequences, is scored wrong and shows a good course of action', async ({
  page,
  learner,
}) => {
  const { question, chosen, fieldset } = await walk(page, false);
  expect(chosen.some((c) => !c.good)).toBe(true);
  await expect(fieldset.getByRole('status').last()).toContainText('Not quite.');
  await expect(fieldset).toContainText('A good course of action:');
  await expect(page.locator(STATUS)).toHaveText('All progress saved', { timeout: 30_000 });
  const answered = (await statementsOf(page.request, learner)).filter((s) =>
    (s.object as { id: string }).id.includes(`/questions/${question.id}/`),
  );
  expect(answered).toHaveLength(chosen.length);
  expect(answered.some((s) => (s.result as { success: boolean }).success === false)).toBe(true);
});
