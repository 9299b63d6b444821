import { expect, test } from './support/fixtures.ts';
import { course } from './support/catalogue.ts';

test('searching "security level" from the header lands on the security-levels lesson', async ({
  page,
}) => {
  const c = await course('3.27');
  const target = c.lessons.find((l) => /security levels?/i.test(l.data.title));
  expect(target, 'course 3.27 has a lesson about security levels').toBeDefined();
  await page.goto('/');
  const indexRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('search-index.json')) indexRequests.push(request.url());
  });
  await page.waitForLoadState('networkidle');
  expect(indexRequests, 'the index is not loaded before the learner searches').toEqual([]);

  await page.getByRole('searchbox', { name: 'Search the courses' }).fill('security level');
  await page.getByRole('searchbox', { name: 'Search the courses' }).press('Enter');
  await expect(page).toHaveURL(/\/search\/\?q=security\+level/);
  const results = page.locator('#search-results li');
  await expect(results.first()).toBeVisible();
  await expect(results.first()).toContainText(c.framework.title);
  await results.first().getByRole('link').click();
  await expect(page).toHaveURL(target!.url);
});

test('a regulation code finds the lessons that cite it, and nonsense says so', async ({ page }) => {
  const c = await course('3.27');
  const citing = c.lessons.find((l) => /<Ref code="[^"]*\/[^"]*"/.test(l.body))!;
  const code = /<Ref code="([^"]*)"/.exec(citing.body)![1]!;
  const paragraph = code.split(' ').at(-1)!;
  await page.goto(`/search/?q=${encodeURIComponent(paragraph)}`);
  await expect(page.getByRole('status')).toContainText(`found for “${paragraph}”`);
  await expect(page.locator('#search-results a', { hasText: citing.data.title })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search words or a regulation code' }).fill('zzqxv');
  await expect(page.getByRole('status')).toContainText('No lesson matches “zzqxv”');
});
