/**
 * Learner tracking against the real records server, with faults injected: offline, server errors,
 * Retry-After, a refused credential, a rejected statement, reloads and two tabs. After each
 * scenario the LRS must hold every statement the learner made exactly once.
 */
import type { Page, Route } from '@playwright/test';
import { course } from './support/catalogue.ts';
import { expect, statementsOf, test } from './support/fixtures.ts';
import { answerLessonQuestions, expectExactlyOnce, outboxIds, STATUS } from './support/tracking.ts';

async function firstQuizLesson(page: Page) {
  const c = await course('3.27');
  const lesson = c.lessons.find((l) => l.data.questions.length > 0)!;
  await page.goto(lesson.url);
  return lesson;
}

test('a learner’s answers and lesson progress reach the LRS exactly once', async ({
  page,
  learner,
}) => {
  await firstQuizLesson(page);
  const answered = await answerLessonQuestions(page, true);
  await page.getByRole('button', { name: 'Mark this lesson as done' }).click();
  await expectExactlyOnce(page, learner, answered + 1);
  const stored = await statementsOf(page.request, learner);
  const answeredStatements = stored.filter((s) =>
    (s.verb as { id: string }).id.endsWith('/answered'),
  );
  expect(answeredStatements).toHaveLength(answered);
  expect((answeredStatements[0]?.actor as { account: { name: string } }).account.name).toBe(
    learner.traineeId,
  );
});

test('answers given offline wait on the device and upload when the link returns', async ({
  page,
  context,
  learner,
}) => {
  await firstQuizLesson(page);
  await page.locator('.quiz').scrollIntoViewIfNeeded();
  await expect(page.locator('.question-list > li').first()).toBeVisible();
  await context.setOffline(true);
  const answered = await answerLessonQuestions(page, false);
  await expect(page.locator(STATUS)).toContainText(`${answered} records waiting to upload`);
  await context.setOffline(false);
  await expectExactlyOnce(page, learner, answered);
});

for (const [status, headers] of [
  [503, { 'Retry-After': '1' }],
  [429, { 'Retry-After': '1' }],
  [500, {}],
] as const) {
  test(`the outbox retries after ${status} and stores everything once`, async ({
    page,
    learner,
  }) => {
    let refused = 0;
    await page.route('**/xapi/statements', async (route: Route) => {
      if (route.request().method() === 'POST' && refused < 2) {
        refused++;
        return route.fulfill({
          status,
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: '{"message":"busy"}',
        });
      }
      return route.continue();
    });
    await firstQuizLesson(page);
    const answered = await answerLessonQuestions(page, true);
    await expectExactlyOnce(page, learner, answered);
    expect(refused).toBe(2);
  });
}

test('marking a lesson done and leaving the page at once still records it, once', async ({
  page,
  learner,
}) => {
  // A slow configuration (as offline) keeps tracking starting while the learner already acts.
  await page.route('**/config.json', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  const c = await course('3.27');
  const [lesson, next] = c.lessons;
  await page.goto(lesson!.url);
  await expect(page.getByRole('button', { name: 'Mark this lesson as done' })).toBeEnabled();
  // Click and navigate in one task, before tracking is ready and before any IndexedDB write.
  await Promise.all([
    page.waitForURL(next!.url),
    page.evaluate((url) => {
      document.querySelector<HTMLButtonElement>('#lesson-done-toggle')!.click();
      location.href = url;
    }, next!.url),
  ]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(next!.data.title);
  await expect(page.locator(STATUS)).toContainText('All progress saved');
  const completed = (await statementsOf(page.request, learner)).filter(
    (s) =>
      (s.verb as { id: string }).id.endsWith('/completed') &&
      (s.object as { id: string }).id.endsWith(`/${lesson!.id}`),
  );
  expect(completed).toHaveLength(1);
});

test('an unreachable LRS keeps records through a reload, then they upload once', async ({
  page,
  learner,
}) => {
  await page.route('**/xapi/statements', (route) =>
    route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue(),
  );
  const lesson = await firstQuizLesson(page);
  const answered = await answerLessonQuestions(page, true);
  await expect(page.locator(STATUS)).toContainText('waiting to upload');
  await page.reload();
  await expect(page.locator(STATUS)).toContainText(`${answered + 1} records waiting to upload`);
  await page.unroute('**/xapi/statements');
  await page.goto(lesson.url);
  // The reload sent the lesson's "experienced" statement too.
  await expectExactlyOnce(page, learner, answered + 1);
});

test('a refused credential stops uploads with a clear message and keeps the records', async ({
  page,
  learner,
}) => {
  await page.route('**/xapi/statements', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({
          status: 401,
          contentType: 'application/json',
          body: '{"message":"the key or secret is wrong"}',
        })
      : route.continue(),
  );
  await firstQuizLesson(page);
  const answered = await answerLessonQuestions(page, true);
  await expect(page.locator(STATUS)).toContainText(
    'Upload problem: the records server did not accept the site’s credential',
  );
  await page.unroute('**/xapi/statements');
  await page.reload();
  await expectExactlyOnce(page, learner, answered + 1);
});

test('a statement the LRS rejects is listed with its reason; the others arrive once', async ({
  page,
  learner,
}) => {
  let broken = false;
  await page.route('**/xapi/statements', async (route) => {
    const request = route.request();
    if (request.method() !== 'POST' || broken) return route.continue();
    const statements = JSON.parse(request.postData() ?? '[]') as Record<string, unknown>[];
    if (statements.length === 0) return route.continue();
    // Corrupt the first statement on its way out: the real LRS refuses it.
    broken = true;
    (statements[0] as { actor: unknown }).actor = { objectType: 'Agent', mbox: 'not-an-address' };
    return route.continue({ postData: JSON.stringify(statements) });
  });
  await firstQuizLesson(page);
  const answered = await answerLessonQuestions(page, true);
  await expect(page.locator(STATUS)).toContainText('Upload problem', { timeout: 30_000 });
  await page.goto('/progress/');
  await expect(page.locator('#dead-letters')).toBeVisible();
  await expect(page.locator('#dead-letter-list li')).toHaveCount(1);
  await expect(page.locator('#dead-letter-list li')).toContainText('mbox');
  expect(answered).toBeGreaterThan(1);
  // Everything else the learner made (answers, the lesson visit) is stored once.
  await expect
    .poll(
      async () => {
        const made = (await outboxIds(page)).sort();
        const stored = (await statementsOf(page.request, learner)).map((s) => String(s.id)).sort();
        return JSON.stringify(stored) === JSON.stringify(made) && made.length >= answered;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
});

test('two tabs open at once: every statement arrives once', async ({ page, context, learner }) => {
  const second = await context.newPage();
  await firstQuizLesson(page);
  await firstQuizLesson(second);
  const a = await answerLessonQuestions(page, true);
  await second.reload();
  await expect(page.locator(STATUS)).toHaveText('All progress saved', { timeout: 45_000 });
  await expectExactlyOnce(second, learner, a);
});

test('a learner on a shared computer signs in, and can switch learner', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const c = await course('3.27');
  await page.goto(c.url);
  const dialog = page.getByRole('dialog', { name: 'Who is learning?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Start learning' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Enter your name.');
  await dialog.getByLabel('Your name').fill('Maria Santos');
  await dialog.getByLabel('Trainee id').fill('PH-2026-0042');
  await dialog.getByRole('button', { name: 'Start learning' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Learner: Maria Santos' })).toBeVisible();
  await page.getByRole('button', { name: 'Learner: Maria Santos' }).click();
  await dialog.getByLabel('Your name').fill('Juan Cruz');
  await dialog.getByLabel('Trainee id').fill('PH-2026-0043');
  await dialog.getByRole('button', { name: 'Start learning' }).click();
  await expect(page.getByRole('button', { name: 'Learner: Juan Cruz' })).toBeVisible();
  await context.close();
});

test('progress follows the learner from a ship’s PC to a phone through the State API', async ({
  browser,
  learner,
}) => {
  const c = await course('3.27');
  const signIn = async () => {
    const context = await browser.newContext();
    await context.addInitScript(
      (who) => localStorage.setItem('gangway:learner:v1', JSON.stringify(who)),
      learner,
    );
    return context;
  };
  const shipPc = await signIn();
  const ship = await shipPc.newPage();
  await ship.goto(c.lessons[0]!.url);
  await ship.getByRole('button', { name: 'Mark this lesson as done' }).click();
  await ship.goto(c.lessons[2]!.url);
  await expect(ship.locator(STATUS)).toHaveText('All progress saved', { timeout: 30_000 });
  // The resume document is written a moment after the last change.
  await ship.waitForTimeout(2500);
  await shipPc.close();

  const phoneContext = await signIn();
  const phone = await phoneContext.newPage();
  await phone.goto(c.url);
  await expect(
    phone.getByRole('link', { name: `Continue: ${c.lessons[2]!.data.title}` }),
  ).toBeVisible({ timeout: 15_000 });
  await expect(phone.locator(`li[data-lesson-key="${c.lessons[0]!.entryId}"]`)).toHaveAttribute(
    'data-done',
    'true',
  );
  await phoneContext.close();
});

test('records wait across a browser restart and upload once when the LRS is back', async ({
  playwright,
  learner,
  baseURL,
}, testInfo) => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const profile = mkdtempSync(join(tmpdir(), 'gangway-profile-'));
  const launch = async () => {
    const context = await playwright.chromium.launchPersistentContext(profile, {
      ...testInfo.project.use.launchOptions,
      baseURL,
    });
    await context.addInitScript(
      (who) => localStorage.setItem('gangway:learner:v1', JSON.stringify(who)),
      learner,
    );
    return context;
  };
  try {
    const first = await launch();
    const page = first.pages()[0] ?? (await first.newPage());
    await page.route('**/xapi/statements', (route) =>
      route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue(),
    );
    await firstQuizLesson(page);
    const answered = await answerLessonQuestions(page, true);
    // Leaving the lesson records the visit; then the browser is closed with everything waiting.
    await page.goto('/progress/');
    await expect(page.locator(STATUS)).toContainText(`${answered + 1} records waiting to upload`);
    await first.close();

    const second = await launch();
    const again = second.pages()[0] ?? (await second.newPage());
    await firstQuizLesson(again);
    await expectExactlyOnce(again, learner, answered + 1);
    await second.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test('a launch link tracks the tab for the actor and registration it names', async ({
  page,
  request,
}) => {
  const c = await course('3.27');
  const actor = {
    objectType: 'Agent',
    name: 'Linked Learner',
    account: { homePage: 'https://lms.example', name: `link-${Date.now()}` },
  };
  const registration = '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b';
  const config = (await (await request.get('/config.json')).json()) as { lrs: { auth: string } };
  const params = new URLSearchParams({
    endpoint: '/xapi/',
    auth: config.lrs.auth,
    actor: JSON.stringify(actor),
    registration,
  });
  await page.goto(`${c.lessons[0]!.url}?${params}`);
  await expect(page.getByRole('dialog', { name: 'Who is learning?' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Learner: Linked Learner' })).toBeVisible();
  await page.getByRole('button', { name: 'Mark this lesson as done' }).click();
  await expect(page.locator(STATUS)).toHaveText('All progress saved', { timeout: 30_000 });
  const stored = await statementsOf(
    request,
    { name: 'Linked Learner', traineeId: actor.account.name, organisation: '' },
    'https://lms.example',
  );
  expect(stored.length).toBeGreaterThan(0);
  for (const statement of stored)
    expect((statement.context as { registration: string }).registration).toBe(registration);
});
