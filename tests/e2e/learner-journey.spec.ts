import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { answerQuestion } from './support/answer.ts';
import { course } from './support/catalogue.ts';

/** Answers every drawn question of the quiz on the page, rightly or wrongly. */
async function answerAll(page: Page, courseId: string, right: boolean) {
  const { questions } = await course(courseId);
  const fieldsets = page.locator('fieldset.question');
  await expect(fieldsets.first()).toBeVisible();
  for (const fieldset of await fieldsets.all()) {
    const id = await fieldset.getAttribute('data-question-id');
    const question = questions.find((q) => q.id === id);
    if (!question) throw new Error(`question ${id} is not in the bank`);
    await answerQuestion(fieldset, question, right);
  }
}

test('a learner finds 3.27 in the catalogue, studies a lesson and sees progress', async ({
  page,
}) => {
  const c = await course('3.27');
  await page.goto('/');
  await page.getByRole('radio', { name: 'Ship' }).check();
  await expect(page).toHaveURL(/audience=ship/);
  const card = page.getByRole('link', { name: c.framework.title });
  await expect(card).toBeVisible();
  await page.getByRole('radio', { name: 'Administration' }).check();
  await expect(card).toBeHidden();
  await page.getByRole('radio', { name: 'All' }).check();
  await card.click();

  await expect(page.getByRole('heading', { level: 1, name: c.framework.title })).toBeVisible();
  await expect(page.getByRole('table')).toContainText('Total');
  await page.getByRole('link', { name: 'Start the course' }).click();

  const first = c.lessons[0]!;
  await expect(page).toHaveURL(first.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(first.data.title);
  await expect(page.locator('#lesson-position')).toContainText(`Lesson 1 of ${c.lessons.length}`);
  await page.getByRole('button', { name: 'Mark this lesson as done' }).click();
  await expect(page.locator('#course-done-count')).toHaveText(
    `1 of ${c.lessons.length} lessons done`,
  );

  await page.getByRole('link', { name: `${c.lessons[1]!.data.title} →` }).click();
  await expect(page).toHaveURL(c.lessons[1]!.url);
  await page.goto(c.url);
  await expect(page.getByRole('link', { name: /^Continue: / })).toHaveAttribute(
    'href',
    c.lessons[1]!.url,
  );
  await expect(page.locator(`li[data-lesson-key="${first.entryId}"]`)).toHaveAttribute(
    'data-done',
    'true',
  );
});

test('lesson questions give immediate feedback, right and wrong, with the reference', async ({
  page,
}) => {
  const c = await course('3.27');
  const lesson = c.lessons.find((l) => l.data.questions.length >= 2)!;
  const questions = lesson.data.questions.map((id) => c.questions.find((q) => q.id === id)!);
  await page.goto(lesson.url);
  const quiz = page.getByRole('region', { name: 'Check your understanding' });
  // The quiz island hydrates when it scrolls into view, as it does for a reader.
  await quiz.scrollIntoViewIfNeeded();
  const [wrong, right] = [questions[0]!, questions[1]!];

  const wrongSet = quiz.locator(`fieldset[data-question-id="${wrong.id}"]`);
  await answerQuestion(wrongSet, wrong, false);
  await wrongSet.locator('xpath=..').getByRole('button', { name: 'Check answer' }).click();
  await expect(wrongSet.getByRole('status')).toContainText('Not quite.');
  await expect(wrongSet.getByRole('status')).toContainText(`Reference: ${wrong.reference}`);

  const rightSet = quiz.locator(`fieldset[data-question-id="${right.id}"]`);
  await answerQuestion(rightSet, right, true);
  await rightSet.locator('xpath=..').getByRole('button', { name: 'Check answer' }).click();
  await expect(rightSet.getByRole('status')).toContainText('Correct.');

  // Checked answers stay checked after a reload.
  await page.reload();
  await expect(
    quiz.locator(`fieldset[data-question-id="${right.id}"]`).getByRole('status'),
  ).toContainText('Correct.');
});

test('the final assessment fails a wrong attempt, passes a right one and remembers it', async ({
  page,
}) => {
  const c = await course('3.27');
  await page.goto(c.assessmentUrl);
  await page.getByRole('button', { name: 'Start the assessment' }).click();
  await expect(page.locator('fieldset.question')).toHaveCount(c.framework.assessment.questionCount);

  await page.getByRole('button', { name: 'Submit answers' }).click();
  await expect(page.getByRole('alert')).toContainText('Answer every question before submitting');

  await answerAll(page, c.id, false);
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await expect(page.locator('.quiz-result')).toContainText('Not passed yet: 0 %');
  await expect(page.locator('.feedback-wrong').first()).toBeVisible();

  await page.getByRole('button', { name: 'Take the assessment again' }).click();
  await expect(page.locator('.quiz-progress')).toContainText('Attempt 2');
  await answerAll(page, c.id, true);
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await expect(page.locator('.quiz-result')).toContainText('Passed: 100 %');

  await page.reload();
  await expect(page.locator('.quiz-result')).toContainText('Passed: 100 %');
});

test('a quiz can be answered with the keyboard alone', async ({ page }) => {
  const c = await course('3.27');
  await page.goto(c.modules[0]!.checkUrl!);
  await page.getByRole('button', { name: 'Start' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.quiz-progress')).toBeFocused();

  const first = page.locator('.question-list > li').first();
  const check = first.getByRole('button', { name: 'Check answer' });
  // Tab into the first question and operate each control the way a keyboard user would.
  for (let step = 0; step < 30 && !(await check.isEnabled()); step++) {
    await page.keyboard.press('Tab');
    const kind = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return el ? `${el.tagName}:${el.type ?? ''}` : '';
    });
    if (kind === 'SELECT:select-one') await page.keyboard.press('ArrowDown');
    else if (kind === 'INPUT:radio' || kind === 'INPUT:checkbox')
      await page.keyboard.press('Space');
    else if (
      kind.startsWith('BUTTON') &&
      !(await check.evaluate((b) => b === document.activeElement))
    ) {
      await page.keyboard.press('Enter');
    }
  }
  await expect(check).toBeEnabled();
  await check.focus();
  await page.keyboard.press('Enter');
  await expect(first.getByRole('status')).toContainText(/Correct\.|Not quite\./);
});
