import { expect, type Locator } from '@playwright/test';
import type { Question } from '../../../src/content/schemas.ts';

/** Answers a rendered question the way a learner would, rightly or wrongly. */
export async function answerQuestion(
  fieldset: Locator,
  question: Question,
  right: boolean,
): Promise<void> {
  switch (question.type) {
    case 'single': {
      const choice = question.choices.find((c) => c.correct === right) ?? question.choices[0];
      await fieldset.locator(`input[value="${choice?.id}"]`).check();
      break;
    }
    case 'multiple': {
      const choices = right
        ? question.choices.filter((c) => c.correct)
        : [question.choices.find((c) => !c.correct) ?? question.choices[0]];
      for (const choice of choices) await fieldset.locator(`input[value="${choice?.id}"]`).check();
      break;
    }
    case 'true-false':
      await fieldset
        .locator(`input[value="${String(right ? question.answer : !question.answer)}"]`)
        .check();
      break;
    case 'ordering': {
      const target = question.items.map((item) => item.text);
      if (!right) [target[0], target[1]] = [target[1] as string, target[0] as string];
      for (let i = 0; i < target.length; i++) {
        const shown = await fieldset.locator('.ordering-text').allTextContents();
        const from = shown.indexOf(target[i] as string);
        for (let step = from; step > i; step--) {
          await fieldset
            .getByRole('button', { name: `Move "${target[i]}" up`, exact: true })
            .click();
        }
      }
      const accept = fieldset.getByRole('button', { name: 'This order is my answer' });
      if (await accept.isVisible()) await accept.click();
      await expect(fieldset.locator('.ordering-text')).toHaveText(target);
      break;
    }
    case 'scenario': {
      // Walk the scenario: the first good option at each step, or a bad one where there is one.
      let stepId: string | undefined = question.start;
      for (let guard = 0; stepId && guard < 5; guard++) {
        const step = question.steps.find((s) => s.id === stepId)!;
        const option =
          (right ? step.options.find((o) => o.good) : step.options.find((o) => !o.good)) ??
          step.options[0]!;
        await fieldset
          .locator(`input[name="q-${question.id}-${step.id}"][value="${option.id}"]`)
          .check();
        await fieldset.getByRole('button', { name: 'Do this' }).click();
        await expect(fieldset.locator('.consequence').last()).toContainText(
          option.feedback.slice(0, 30),
        );
        stepId = option.next;
      }
      break;
    }
    case 'matching': {
      const ids = question.pairs.map((p) => p.id);
      if (!right) [ids[0], ids[1]] = [ids[1] as string, ids[0] as string];
      for (const [index, pair] of question.pairs.entries()) {
        await fieldset.getByLabel(pair.source, { exact: true }).selectOption(ids[index] as string);
      }
      break;
    }
  }
}
