import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { signCertificate } from '../../src/certificates/certificate-code.ts';
import { importSigningKey } from '../../src/certificates/signing-keys.ts';
import { learnerStatements, recordsFileText } from '../support/learner-records.ts';
import { expect, test } from './support/fixtures.ts';
import { E2E_DATA_DIR, signInAsAdministrator } from './support/staff.ts';

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
// Presenter pages share one template per course: check the first lesson's of each course here
// (the presenter test below checks one with its panels open) rather than all of them.
const sampledPages = pages.filter((path) => {
  const presenter = /^\/courses\/([^/]+)\/[^/]+\/[^/]+\/present\/(notes\/)?$/.exec(path);
  if (!presenter) return true;
  return (
    pages.find(
      (p) =>
        p.startsWith(`/courses/${presenter[1]}/`) && p.endsWith(`/present/${presenter[2] ?? ''}`),
    ) === path
  );
});

test('the build produced pages to check', () => {
  expect(pages.length).toBeGreaterThan(5);
});

for (const path of sampledPages) {
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

test('no violations in presenter mode with its panels and key list open, nor in its notes window', async ({
  page,
}) => {
  const presenter = pages.find((p) => /^\/courses\/3\.27\/m1-[^/]+\/[^/]+\/present\/$/.test(p))!;
  await page.goto(`${presenter}#slide-3`);
  await expect(page.locator('.presenter[data-ready="true"]')).toBeAttached();
  await page.keyboard.press('n');
  await page.keyboard.press('t');
  await expect(page.getByRole('complementary', { name: 'Instructor notes' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Timetable' })).toBeVisible();
  let { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Presenter keys' })).toBeVisible();
  ({ violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze());
  expect(violations.map((v) => v.id)).toEqual([]);

  await page.goto(`${presenter}notes/#slide-5`);
  await expect(page.locator('.presenter-notes-screen[data-ready="true"]')).toBeAttached();
  ({ violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze());
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

test.describe('certificate and administration pages in use', () => {
  test('the verification page showing a valid and a refused certificate', async ({ page }) => {
    const key = await importSigningKey(
      readFileSync(`${E2E_DATA_DIR}/certificate-signing-key.json`, 'utf8'),
    );
    const code = await signCertificate(
      {
        id: 'AAAA-BBBB-CCCC',
        learnerName: 'محمد العلي',
        learnerId: 'AE-002',
        courseNumber: '3.27',
        courseTitle: 'Security awareness training for all seafarers',
        completed: '2026-11-20',
        scorePercent: 90,
        centre: 'Training centre',
        trainer: 'Capt. Lim',
      },
      key,
    );
    await page.goto(`/verify/#${code}`);
    await expect(page.locator('#verify-verdict')).toHaveText(
      'Valid certificate issued by Training centre',
    );
    expect((await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations).toEqual([]);
    await page.getByLabel('Verification code or address').fill(code.slice(0, -2));
    await page.getByRole('button', { name: 'Check the code' }).click();
    await expect(page.locator('#verify-verdict')).toContainText('This code is not valid');
    expect((await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations).toEqual([]);
  });

  test('the certificates, import and evidence pages once signed in', async ({ page }, testInfo) => {
    await page.goto('/admin/certificates/');
    await signInAsAdministrator(page);
    await page.getByLabel('Course', { exact: true }).selectOption('3.27');
    await page.getByRole('button', { name: 'Show learners' }).click();
    await expect(page.locator('#certificates-results')).toBeVisible();
    expect((await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations).toEqual([]);

    await page.goto('/admin/import/');
    const file = testInfo.outputPath('records.json');
    writeFileSync(file, recordsFileText(learnerStatements('A11Y-1'), 'A11Y-1'));
    await page.getByLabel('Records files (.json)').setInputFiles(file);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.locator('#import-results')).toContainText('3 statements');
    expect((await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations).toEqual([]);

    await page.goto('/admin/evidence/');
    await page.getByLabel('Course', { exact: true }).selectOption('3.27');
    await page.getByRole('button', { name: 'Show the evidence' }).click();
    await expect(page.locator('#evidence-results')).toBeVisible();
    expect((await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations).toEqual([]);
  });
});
