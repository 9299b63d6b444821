import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test as base, type APIRequestContext } from '@playwright/test';

/** A learner as the site stores them on the device. */
export interface TestLearner {
  name: string;
  traineeId: string;
  organisation: string;
}

/** Playwright's `test` with a learner (unique to the test) already signed in on the device. */
export const test = base.extend<{ signedIn: boolean; learner: TestLearner }>({
  signedIn: [true, { option: true }],
  // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  learner: async ({}, use, testInfo) => {
    const id = createHash('sha1')
      .update(testInfo.testId + testInfo.retry)
      .digest('hex')
      .slice(0, 10);
    await use({ name: 'Test Learner', traineeId: `E2E-${id}`, organisation: 'MV Example' });
  },
  page: async ({ page, signedIn, learner }, use) => {
    if (signedIn) {
      await page.addInitScript((who) => {
        if (!localStorage.getItem('gangway:learner:v1'))
          localStorage.setItem('gangway:learner:v1', JSON.stringify(who));
      }, learner);
    }
    await use(page);
  },
});

export { expect } from '@playwright/test';

/** The staff credential the records server created on its first start (read and write statements). */
export function staffAuth(): string {
  const credentials = JSON.parse(readFileSync('.cache/e2e-lrs/credentials.json', 'utf8')) as {
    staff: { key: string; secret: string };
  };
  return `Basic ${Buffer.from(`${credentials.staff.key}:${credentials.staff.secret}`).toString('base64')}`;
}

/** Every statement the records server holds for a learner, following `more` links. */
export async function statementsOf(
  request: APIRequestContext,
  learner: TestLearner,
  homePage = 'https://gangway.example/',
): Promise<Record<string, unknown>[]> {
  const agent = JSON.stringify({ account: { homePage, name: learner.traineeId } });
  const headers = { Authorization: staffAuth(), 'X-Experience-API-Version': '1.0.3' };
  const found: Record<string, unknown>[] = [];
  let url = `/xapi/statements?agent=${encodeURIComponent(agent)}&limit=200`;
  for (let page = 0; page < 50 && url; page++) {
    const response = await request.get(url, { headers });
    if (!response.ok()) throw new Error(`GET statements answered ${response.status()}`);
    const body = (await response.json()) as { statements: Record<string, unknown>[]; more: string };
    found.push(...body.statements);
    url = body.more;
  }
  return found;
}
