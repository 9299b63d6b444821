import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/fixtures.ts';

/** Every page of the built site (dist/**\/index.html and 404.html) as a URL path. */
function builtPages(dir = process.env.GANGWAY_OUT_DIR ?? 'dist'): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map(
      (entry) =>
        '/' + relative(dir, join(entry.parentPath, entry.name)).replace(/index\.html$/, ''),
    )
    .sort();
}

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const pages = builtPages();

test('the build produced pages to check', () => {
  expect(pages.length).toBeGreaterThan(5);
});

for (const path of pages) {
  test(`no WCAG 2.2 A/AA violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    // Check what the learner sees once islands that load at once have hydrated.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('astro-island[client="load"]')].every(
        (island) => !island.hasAttribute('ssr'),
      ),
    );
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(
      violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      ),
    ).toEqual([]);
  });
}

test('no violations in trainer view and with quiz feedback showing', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('gangway:trainer-view', 'on'));
  const lesson = pages.find(
    (p) => /^\/courses\/3\.27\/m1-[^/]+\/[^/]+\/$/.test(p) && !p.endsWith('/check/'),
  )!;
  await page.goto(lesson);
  const quiz = page.locator('.quiz');
  if (await quiz.count()) {
    await quiz.scrollIntoViewIfNeeded();
    const fieldset = quiz.locator('fieldset.question').first();
    await fieldset.locator('input').first().check();
    await quiz.getByRole('button', { name: 'Check answer' }).first().click();
    await expect(fieldset.locator('.feedback')).toBeVisible();
  }
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
});

test.describe('the sign-in dialog', () => {
  test.use({ signedIn: false });

  test('has no violations and is operable by keyboard', async ({ page }) => {
    await page.goto('/courses/3.27/');
    const dialog = page.getByRole('dialog', { name: 'Who is learning?' });
    await expect(dialog).toBeVisible();
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(violations.map((v) => v.id)).toEqual([]);
    await page.keyboard.type('Ana Reyes');
    await page.keyboard.press('Tab');
    await page.keyboard.type('PH-2026-0042');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'Learner: Ana Reyes' })).toBeVisible();
  });
});

test.describe('the administration page', () => {
  test.use({ signedIn: false });

  test('has no violations once signed in, with filters, progress and results showing', async ({
    page,
  }) => {
    const { staff } = JSON.parse(readFileSync('.cache/e2e-lrs/credentials.json', 'utf8')) as {
      staff: { key: string; secret: string };
    };
    await page.goto('/admin/');
    await page.getByLabel('Key', { exact: true }).fill(staff.key);
    await page.getByLabel('Secret', { exact: true }).fill(staff.secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Today's completions only, so the check does not read every statement the other tests make.
    await page
      .getByLabel('Completed from', { exact: true })
      .fill(new Date().toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Export' }).click();
    await expect(page.getByRole('status')).toContainText('Done:');
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
