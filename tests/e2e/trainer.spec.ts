/**
 * A classroom session end to end, in three browser contexts against the real records server: a
 * trainer signs in with their own credential and creates a session; one trainee joins by code,
 * another by the QR code's link; they study and answer (one right, one wrong); the dashboard shows
 * both with the right scores and the question analysis; the trainer marks attendance (and undoes
 * a mark); the LRS holds the `host` and `attended` statements under the trainer's credential, and
 * the trainees' statements carry the session's registration, instructor and class.
 */
import { mkdirSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { course } from './support/catalogue.ts';
import { expect, staffAuth, test } from './support/fixtures.ts';
import { answerLessonQuestions, STATUS } from './support/tracking.ts';

/** The parts of a stored statement the test reads. */
interface StoredStatement {
  verb: { id: string };
  actor: { account: { name: string } };
  authority: { account: { name: string } };
  context: {
    registration: string;
    instructor: { account: { name: string } };
    team: { name: string };
    contextActivities: { other: { id: string }[] };
  };
}

const XSS_NAME = '<img src=x onerror="window.__xss=1">Bo';
const headers = () => ({ Authorization: staffAuth(), 'X-Experience-API-Version': '1.0.3' });

function staffCredential() {
  return (
    JSON.parse(readFileSync('.cache/e2e-lrs/credentials.json', 'utf8')) as {
      staff: { key: string; secret: string };
    }
  ).staff;
}

/** Doc screenshots: written to docs/images when UPDATE_DOC_SCREENSHOTS=1, else with the results. */
async function screenshot(page: Page, name: string) {
  const dir = process.env.UPDATE_DOC_SCREENSHOTS ? 'docs/images' : 'test-results/doc-images';
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

async function signInTrainer(page: Page, trainer: { name: string; id: string }, secret?: string) {
  const credential = staffCredential();
  await page.getByLabel('Name shown to trainees').fill(trainer.name);
  await page.getByLabel('Your trainer id').fill(trainer.id);
  await page.getByLabel('Key').fill(credential.key);
  await page.getByLabel('Secret').fill(secret ?? credential.secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function trainee(browser: Browser, name: string, traineeId: string) {
  const context = await browser.newContext();
  await context.addInitScript(
    (who) => {
      if (!localStorage.getItem('gangway:learner:v1'))
        localStorage.setItem('gangway:learner:v1', JSON.stringify(who));
    },
    { name, traineeId, organisation: 'MV Example' },
  );
  return { context, page: await context.newPage() };
}

test('a trainer runs a classroom session: join by code and QR, live dashboard, attendance', async ({
  page,
  browser,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  const unique = `${testInfo.testId.slice(0, 8)}${testInfo.retry}${testInfo.repeatEachIndex}`;
  const trainer = { name: 'Tess Trainer', id: `TR-${unique}` };
  const c = await course('3.27');
  const lesson = c.lessons.find((l) => l.data.questions.length > 0)!;

  // The trainer signs in and creates the session.
  await page.goto('/trainer/');
  await signInTrainer(page, trainer);
  await expect(page.getByText(`Signed in as ${trainer.name} (${trainer.id})`)).toBeVisible();
  await expect(page.getByText('You have not run a session yet')).toBeVisible();
  await page.getByLabel('Course', { exact: true }).selectOption('3.27');
  await page.getByLabel('Place').fill('Training room 2');
  await page.getByLabel('Class name').fill(`Deck ratings ${unique}`);
  await screenshot(page, 'trainer-new-session');
  await page.getByRole('button', { name: 'Create the session' }).click();
  await expect(page).toHaveURL(/\/trainer\/session\/\?id=/);
  const code = (await page.getByTestId('join-code').textContent())!.trim();
  expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  const link = (await page.getByTestId('join-link').getAttribute('href'))!;
  await expect(page.getByRole('img', { name: /QR code to join/ })).toHaveAttribute(
    'data-join-link',
    link,
  );
  await expect(page.getByText('No trainee has joined yet')).toBeVisible();

  // Ana joins by typing the code; Bo (an XSS payload as a name) by the QR code's link.
  const ana = await trainee(browser, 'Ana Right', `TA-${unique}`);
  await ana.page.goto('/join/');
  await ana.page.getByLabel('Session code').fill(code.toLowerCase());
  await ana.page.getByRole('button', { name: 'Find the session' }).click();
  await expect(ana.page.getByText(`Deck ratings ${unique}`)).toBeVisible();
  await expect(ana.page.getByText(trainer.name)).toBeVisible();
  await screenshot(ana.page, 'trainee-join');
  await ana.page.getByRole('button', { name: 'Join and start the course' }).click();
  await expect(ana.page).toHaveURL(c.url);
  await expect(ana.page.locator('#classroom-badge')).toContainText(`Deck ratings ${unique}`);

  const bo = await trainee(browser, XSS_NAME, `TB-${unique}`);
  await bo.page.goto(link);
  await bo.page.getByRole('button', { name: 'Join and start the course' }).click();
  await expect(bo.page).toHaveURL(c.url);

  // They study the same lesson: Ana answers right, Bo wrong; Ana marks the lesson done.
  await ana.page.goto(lesson.url);
  const asked = await answerLessonQuestions(ana.page, true);
  await ana.page.getByRole('button', { name: 'Mark this lesson as done' }).click();
  await bo.page.goto(lesson.url);
  await answerLessonQuestions(bo.page, false);
  for (const p of [ana.page, bo.page])
    await expect(p.locator(STATUS)).toHaveText('All progress saved', { timeout: 30_000 });

  // The dashboard shows both, with what each did, and what the class got wrong.
  const roster = page.getByTestId('roster');
  const anaRow = roster.locator(`tr[data-trainee-id="TA-${unique}"]`);
  const boRow = roster.locator(`tr[data-trainee-id="TB-${unique}"]`);
  await expect(anaRow).toContainText('Ana Right', { timeout: 30_000 });
  await expect(anaRow).toContainText(`1 of ${c.lessons.length}`);
  await expect(anaRow).toContainText(lesson.data.title);
  await expect(boRow).toContainText(XSS_NAME);
  await expect(boRow).toContainText(`0 of ${c.lessons.length}`);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  const analysis = page.getByTestId('question-analysis');
  await expect(analysis.locator('tbody tr')).toHaveCount(asked);
  for (const row of await analysis.locator('tbody tr').all()) {
    await expect(row.locator('td').nth(1)).toHaveText('2');
    await expect(row.locator('td').nth(2)).toHaveText('50 %');
    await expect(row.locator('td').nth(3)).toContainText('(1)');
  }
  await expect(page.getByTestId('timeline')).toContainText('joined the session');

  // Attendance: both present, one more without a device, then one mark undone.
  await anaRow.getByRole('checkbox').click();
  await expect(anaRow.getByRole('checkbox')).toBeChecked();
  await boRow.getByRole('checkbox').click();
  await expect(boRow.getByRole('checkbox')).toBeChecked();
  const manual = page.getByRole('form', { name: 'Mark present a trainee without a device' });
  await manual.getByLabel('Name').fill('Cy Paper');
  await manual.getByLabel('Trainee id').fill(`TC-${unique}`);
  await manual.getByRole('button', { name: 'Mark present' }).click();
  const cyRow = roster.locator(`tr[data-trainee-id="TC-${unique}"]`);
  await expect(cyRow.getByRole('checkbox')).toBeChecked();
  await boRow.getByRole('checkbox').click();
  await expect(boRow.getByRole('checkbox')).not.toBeChecked();
  await expect(page.getByText('2 marked present')).toBeVisible();
  await screenshot(page, 'trainer-dashboard');
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  expect(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
  const presentLink = page.getByRole('link', { name: 'present' }).first();
  await expect(presentLink).toHaveAttribute('href', /\/present\/$/);

  // The LRS holds the trainer's host statement and the attendance marks, under the trainer's credential.
  const sessionId = new URL(page.url()).searchParams.get('id')!;
  const sessionActivity = `https://gangway.example/sessions/${encodeURIComponent(sessionId)}`;
  const query = async (params: Record<string, string>) => {
    const response = await request.get(`/xapi/statements?${new URLSearchParams(params)}`, {
      headers: headers(),
    });
    expect(response.ok()).toBe(true);
    return ((await response.json()) as { statements: StoredStatement[] }).statements;
  };
  const host = await query({ verb: 'http://activitystrea.ms/host', activity: sessionActivity });
  expect(host).toHaveLength(1);
  expect(host[0]!.actor.account.name).toBe(trainer.id);
  // The voiding statement of Bo's mark comes back too (it references a matching statement).
  const attended = (
    await query({ verb: 'http://adlnet.gov/expapi/verbs/attended', activity: sessionActivity })
  ).filter((s) => s.verb.id.endsWith('/attended'));
  expect(attended.map((s) => s.actor.account.name).sort()).toEqual([
    `TA-${unique}`,
    `TC-${unique}`,
  ]);
  for (const s of attended) {
    expect(s.context.instructor.account.name).toBe(trainer.id);
    expect(s.authority.account.name).toBe(staffCredential().key);
  }
  const registration = host[0]!.context.registration as string;
  const answered = (
    await query({ registration, verb: 'http://adlnet.gov/expapi/verbs/answered' })
  ).map((s) => s);
  expect(answered).toHaveLength(asked * 2);
  for (const s of answered) {
    expect(s.context.instructor.account.name).toBe(trainer.id);
    expect(s.context.team.name).toBe(`Deck ratings ${unique}`);
    expect(s.context.contextActivities.other[0].id).toBe(sessionActivity);
  }

  // The session is listed on the trainer's home and counted in their record.
  await page.goto('/trainer/');
  await expect(page.getByRole('link', { name: `Deck ratings ${unique}` })).toBeVisible();
  await page.goto('/trainer/records/');
  await expect(page.getByTestId('hosted-sessions')).toContainText(`Deck ratings ${unique}`);
  await expect(page.getByTestId('trainer-summary')).toContainText('2 trainees trained');
  await ana.context.close();
  await bo.context.close();
});

test('a wrong secret and an unreachable records server give clear messages', async ({ page }) => {
  await page.goto('/trainer/');
  await signInTrainer(page, { name: 'Tess', id: 'TR-wrong' }, 'not-the-secret');
  await expect(
    page.getByRole('alert').filter({ hasText: 'did not accept this key and secret' }),
  ).toBeVisible();
  await page.route('**/xapi/**', (route) => route.abort('connectionrefused'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Cannot reach the records server' }),
  ).toBeVisible();
  await page.unroute('**/xapi/**');
  await signInTrainer(page, { name: 'Tess', id: 'TR-outage' });
  await expect(page.getByText('Signed in as Tess')).toBeVisible();
  // The LRS goes away while the trainer watches a session: the page says so and keeps going.
  await page.getByLabel('Place').fill('Room 1');
  await page.getByLabel('Class name').fill('Outage drill');
  await page.getByRole('button', { name: 'Create the session' }).click();
  await expect(page.getByTestId('join-code')).toBeVisible();
  await page.route('**/xapi/statements**', (route) => route.abort('connectionrefused'));
  await page.getByRole('button', { name: 'Refresh now' }).click();
  await expect(page.getByText(/Cannot refresh: Cannot reach the records server/)).toBeVisible();
  await expect(page.getByTestId('join-code')).toBeVisible();
});

test('a trainee typing an unknown code is told so', async ({ page }) => {
  await page.goto('/join/');
  await page.getByLabel('Session code').fill('ZZZZ22');
  await page.getByRole('button', { name: 'Find the session' }).click();
  await expect(page.getByRole('alert')).toContainText('No session has the code ZZZZ22');
  await page.getByLabel('Session code').fill('O0I1');
  await page.getByRole('button', { name: 'Find the session' }).click();
  await expect(page.getByRole('alert')).toContainText('six letters and digits');
});
