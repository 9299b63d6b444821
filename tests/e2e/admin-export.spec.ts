/**
 * The administrator's completion records on /admin/: signing in with the staff credential of the
 * e2e records server, exporting a learner's records (posted with that credential), reading the
 * rows on the page and in the downloaded CSV and XLSX, the empty state, and the wrong-secret
 * message.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { APIRequestContext, Page } from '@playwright/test';
import { parseCsv } from '../../src/records/csv.ts';
import { expect, staffAuth, test, type TestLearner } from './support/fixtures.ts';

const BASE = 'https://gangway.example/';
const COURSE = `${BASE}courses/3.27`;

function staffCredential(): { key: string; secret: string } {
  return (
    JSON.parse(readFileSync('.cache/e2e-lrs/credentials.json', 'utf8')) as {
      staff: { key: string; secret: string };
    }
  ).staff;
}

/** Posts a learner's 3.27 records: a lesson, a failed then a passed final, the completion. */
async function postRecords(request: APIRequestContext, learner: TestLearner, organisation: string) {
  const actor = {
    objectType: 'Agent',
    name: learner.name,
    account: { homePage: BASE, name: learner.traineeId },
  };
  const context = {
    team: {
      objectType: 'Group',
      name: organisation,
      account: { homePage: `${BASE}classes`, name: organisation },
    },
    contextActivities: { grouping: [{ objectType: 'Activity', id: COURSE }] },
  };
  const final = (verb: 'passed' | 'failed', scaled: number, timestamp: string) => ({
    id: randomUUID(),
    actor,
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } },
    object: { objectType: 'Activity', id: `${COURSE}/assessments/final` },
    result: { score: { scaled }, success: verb === 'passed', completion: true, duration: 'PT10M' },
    context,
    timestamp,
  });
  const statements = [
    {
      id: randomUUID(),
      actor,
      verb: {
        id: 'http://adlnet.gov/expapi/verbs/experienced',
        display: { 'en-US': 'experienced' },
      },
      object: { objectType: 'Activity', id: `${COURSE}/m1-awareness/01-why-security` },
      result: { duration: 'PT25M' },
      context,
      timestamp: '2026-11-20T09:00:00.000Z',
    },
    final('failed', 0.55, '2026-11-20T10:00:00.000Z'),
    final('passed', 0.9, '2026-11-21T10:00:00.000Z'),
    {
      id: randomUUID(),
      actor,
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
      object: { objectType: 'Activity', id: COURSE },
      result: { completion: true, score: { scaled: 0.9 } },
      context: { team: context.team },
      timestamp: '2026-11-21T10:00:01.000Z',
    },
  ];
  const response = await request.post('/xapi/statements', {
    headers: { Authorization: staffAuth(), 'X-Experience-API-Version': '1.0.3' },
    data: statements,
  });
  expect(response.status()).toBe(200);
}

async function signIn(page: Page, secret = staffCredential().secret) {
  await page.goto('/admin/');
  await page.getByLabel('Key', { exact: true }).fill(staffCredential().key);
  await page.getByLabel('Secret', { exact: true }).fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('completion records on /admin/', () => {
  test.use({ signedIn: false });

  test('an administrator exports a learner’s records and downloads CSV and XLSX', async ({
    page,
    learner,
  }) => {
    const named = { ...learner, name: 'Zoë <b>Ødegård</b> 王' };
    const organisation = `MV ${learner.traineeId}`;
    await postRecords(page.request, named, organisation);
    await signIn(page);
    await expect(page.getByText(/^Signed in as /)).toBeVisible();

    await page.getByLabel('Course', { exact: true }).selectOption('3.27');
    // A "from" date reads only the learners who completed since then, not every 3.27 statement
    // that the other tests are making on the same server at the same time.
    await page.getByLabel('Completed from', { exact: true }).fill('2026-11-21');
    await page.getByLabel('Organisation', { exact: true }).fill(organisation);
    await page.getByRole('button', { name: 'Export' }).click();
    await expect(page.getByRole('status')).toContainText('Done: 1 record.');
    const rows = page.locator('#export-table tbody tr');
    await expect(rows).toHaveCount(1);
    const cells = rows.first().locator('td');
    await expect(cells.nth(0)).toHaveText(named.name);
    // The name is shown as text: its markup is not turned into elements.
    await expect(rows.first().locator('b')).toHaveCount(0);
    await expect(cells.nth(1)).toHaveText(learner.traineeId);
    await expect(cells.nth(4)).toHaveText('passed');
    await expect(cells.nth(5)).toHaveText('2026-11-21T10:00:00Z');
    await expect(cells.nth(6)).toHaveText('90');
    await expect(cells.nth(7)).toHaveText('2');
    await expect(cells.nth(8)).toHaveText('0:45');

    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const csv = await csvDownload;
    expect(csv.suggestedFilename()).toMatch(/^gangway-records-3\.27-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...records] = parseCsv(text);
    expect(header?.slice(0, 3)).toEqual(['Learner name', 'Learner id', 'Organisation']);
    expect(records).toEqual([
      [
        named.name,
        learner.traineeId,
        organisation,
        '3.27',
        'Security awareness training for all seafarers',
        '2012',
        'passed',
        '2026-11-21T10:00:00Z',
        '90',
        '70',
        '2',
        '0:45',
        '',
        '',
        '',
        '',
        '',
        'none',
        COURSE,
      ],
    ]);

    const xlsxDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download XLSX' }).click();
    const xlsx = await xlsxDownload;
    expect(xlsx.suggestedFilename()).toMatch(/^gangway-records-3\.27-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsx.path())!);
    const sheet = workbook.getWorksheet('Completion records')!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe(named.name);
    expect(sheet.getRow(2).getCell(7).value).toBe('passed');
    expect(sheet.getRow(2).getCell(9).value).toBe(90);
  });

  test('says so when no records match', async ({ page }) => {
    await signIn(page);
    await page.getByLabel('Completed from', { exact: true }).fill('2099-01-01');
    await page
      .getByLabel('Organisation', { exact: true })
      .fill(`no such organisation ${randomUUID()}`);
    await page.getByRole('button', { name: 'Export' }).click();
    await expect(page.getByText('No records match these filters.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Download CSV' })).toBeDisabled();
  });

  test('a wrong secret is refused with the 401 message', async ({ page }) => {
    await signIn(page, 'not-the-secret');
    await expect(page.getByRole('alert').filter({ hasText: '401' })).toContainText(
      'did not accept this key and secret (401)',
    );
    await expect(page.getByRole('button', { name: 'Export' })).toBeHidden();
  });
});
