import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

/** Where the e2e records server keeps its data (credentials, certificate keys). */
export const E2E_DATA_DIR = '.cache/e2e-lrs';

/** Signs in on a staff page with the e2e server's staff credential (read and write). */
export async function signInAsAdministrator(page: Page): Promise<void> {
  const { staff } = JSON.parse(readFileSync(`${E2E_DATA_DIR}/credentials.json`, 'utf8')) as {
    staff: { key: string; secret: string };
  };
  await page.getByLabel('Key', { exact: true }).fill(staff.key);
  await page.getByLabel('Secret', { exact: true }).fill(staff.secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(/^Signed in as /)).toBeVisible();
}
