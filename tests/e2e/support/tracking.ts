import type { Page } from '@playwright/test';
import { answerQuestion } from './answer.ts';
import { course } from './catalogue.ts';
import { expect, statementsOf, type TestLearner } from './fixtures.ts';

/** The upload status in the header. */
export const STATUS = '#sync-status';

/** Answers the questions shown on the page (right or wrong) and checks each. */
export async function answerLessonQuestions(page: Page, right: boolean): Promise<number> {
  const c = await course('3.27');
  const quiz = page.locator('.quiz');
  await quiz.scrollIntoViewIfNeeded();
  const items = page.locator('.question-list > li');
  await expect(items.first()).toBeVisible();
  const count = await items.count();
  for (const item of await items.all()) {
    const fieldset = item.locator('fieldset.question');
    const id = await fieldset.getAttribute('data-question-id');
    const question = c.questions.find((q) => q.id === id)!;
    await answerQuestion(fieldset, question, right);
    await item.getByRole('button', { name: 'Check answer' }).click();
    await expect(fieldset.getByRole('status')).toBeVisible();
  }
  return count;
}

/** Statement ids the learner made, as the page's outbox knows them (pending or delivered). */
export async function outboxIds(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    return new Promise<string[]>((resolve, reject) => {
      const open = indexedDB.open('gangway-outbox');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction(['pending', 'delivered'], 'readonly');
        const ids: string[] = [];
        let left = 2;
        for (const store of ['pending', 'delivered']) {
          const req = tx.objectStore(store).getAllKeys();
          req.onsuccess = () => {
            ids.push(...(req.result as string[]));
            if (--left === 0) resolve(ids);
          };
        }
      };
    });
  });
}

/** Waits until the LRS holds exactly the statements of the page's outbox, each once. */
export async function expectExactlyOnce(page: Page, learner: TestLearner, minimum: number) {
  await expect(page.locator(STATUS)).toHaveText('All progress saved', { timeout: 45_000 });
  const made = (await outboxIds(page)).sort();
  expect(made.length).toBeGreaterThanOrEqual(minimum);
  const stored = (await statementsOf(page.request, learner)).map((s) => String(s.id));
  expect(new Set(stored).size, 'no statement is stored twice').toBe(stored.length);
  expect(stored.sort()).toEqual(made);
}

/** Starts the course's final assessment on the current page and answers every question, rightly or wrongly. */
export async function takeFinalAssessment(
  page: Page,
  courseId: string,
  right: boolean,
): Promise<number> {
  const c = await course(courseId);
  await page.getByRole('button', { name: 'Start the assessment' }).click();
  const fieldsets = await page.locator('fieldset.question').all();
  for (const fieldset of fieldsets) {
    const id = await fieldset.getAttribute('data-question-id');
    await answerQuestion(
      fieldset,
      c.questions.find((q) => q.id === id)!,
      right,
    );
  }
  await page.getByRole('button', { name: 'Submit answers' }).click();
  return fieldsets.length;
}
