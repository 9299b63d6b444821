/**
 * An administrator issues a certificate from the admin page with the training centre's private
 * key, the PDF states the learner and the verification code, and the verification page accepts
 * the code — offline too — and rejects a tampered one. The import page imports a learner's
 * records file and reports the counts; a second import finds everything already present.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { fromBase64Url, toBase64Url } from '../../src/certificates/certificate-code.ts';
import { activityIds } from '../../src/statements/activity-ids.ts';
import {
  buildAssessmentResultStatement,
  buildCourseCompletedStatement,
} from '../../src/statements/build-statements.ts';
import { learnerStatements, recordsFileText } from '../support/learner-records.ts';
import { pdfText } from '../support/pdf-text.ts';
import { expect, staffAuth, test, type TestLearner } from './support/fixtures.ts';
import { E2E_DATA_DIR, signInAsAdministrator } from './support/staff.ts';

const ids = activityIds('https://gangway.example/');

/** Posts a passed final assessment and the course completion of 3.27 for a learner. */
async function learnerPassed(page: Page, learner: TestLearner, name: string): Promise<void> {
  const base = {
    ids,
    course: { id: '3.27', title: 'Security awareness training for all seafarers', language: 'en' },
    learner: {
      actor: {
        objectType: 'Agent' as const,
        name,
        account: { homePage: 'https://gangway.example/', name: learner.traineeId },
      },
    },
  };
  const statements = [
    buildAssessmentResultStatement({
      ...base,
      meta: { id: crypto.randomUUID(), timestamp: '2026-11-20T09:00:00.000Z' },
      quiz: { kind: 'final', title: 'Final assessment' },
      correct: 9,
      total: 10,
      scaled: 0.9,
      passed: true,
      masteryScore: 0.7,
      durationMs: 600_000,
    }),
    buildCourseCompletedStatement({
      ...base,
      meta: { id: crypto.randomUUID(), timestamp: '2026-11-20T09:00:01.000Z' },
      scaled: 0.9,
    }),
  ];
  const response = await page.request.post('/xapi/statements', {
    headers: { Authorization: staffAuth(), 'X-Experience-API-Version': '1.0.3' },
    data: statements,
  });
  expect(response.status()).toBe(200);
}

/** The code with one character of the learner's name changed, the signature kept. */
function tamper(code: string): string {
  const [version, facts, signature] = code.split('.');
  const json = new TextDecoder().decode(fromBase64Url(facts!));
  const changed = json.replace(
    /"learnerName":"(.)/,
    (_, first: string) => `"learnerName":"${first === 'X' ? 'Y' : 'X'}`,
  );
  expect(changed).not.toBe(json);
  return `${version}.${toBase64Url(new TextEncoder().encode(changed))}.${signature}`;
}

test('an administrator downloads a certificate that the verification page accepts, offline too', async ({
  page,
  context,
  learner,
}, testInfo) => {
  test.setTimeout(120_000);
  const name = 'Zoë Ångström-Núñez';
  await learnerPassed(page, learner, name);

  await page.goto('/admin/certificates/');
  await signInAsAdministrator(page);
  await page.getByLabel('Course', { exact: true }).selectOption('3.27');
  await page.getByRole('button', { name: 'Show learners' }).click();
  const row = page.getByRole('row').filter({ hasText: learner.traineeId });
  await expect(row).toContainText(name);
  await expect(row).toContainText('90 %');

  await page
    .getByLabel('Private signing key file')
    .setInputFiles(`${E2E_DATA_DIR}/certificate-signing-key.json`);
  await expect(page.locator('#certificate-key-status')).toContainText('is ready');
  await expect(page.locator('#certificate-key-status')).not.toContainText('Warning');
  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: `Certificate for ${name} (${learner.traineeId})` }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^certificate-3\\.27-${learner.traineeId}-[0-9A-Z-]{14}\\.pdf$`),
  );
  const pdfPath = testInfo.outputPath('certificate.pdf');
  await download.saveAs(pdfPath);
  const text = await pdfText(new Uint8Array(readFileSync(pdfPath)));
  expect(text).toContain(name);
  expect(text).toContain(`Trainee id ${learner.traineeId}`);
  expect(text).toContain('3.27 Security awareness training for all seafarers');
  expect(text).toContain('with a final score of 90 %');
  const code = /v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}/.exec(text.replace(/\s+/g, ''))?.[0];
  expect(code).toBeDefined();

  // The whole session's certificates in one ZIP: this learner studied alone (no session).
  await page.getByLabel('Session').selectOption({ label: 'No session (self-study)' });
  const zipping = page.waitForEvent('download');
  await page.getByRole('button', { name: 'All certificates for this session (ZIP)' }).click();
  const zip = unzipSync(new Uint8Array(readFileSync(await (await zipping).path())));
  const ours = Object.keys(zip).filter((file) => file.includes(learner.traineeId));
  expect(ours).toEqual([download.suggestedFilename()]);
  expect(await pdfText(zip[ours[0]!]!)).toContain(name);

  await page.goto(`/verify/#${code}`);
  const verdict = page.locator('#verify-verdict');
  await expect(verdict).toHaveText('Valid certificate issued by Training centre');
  await expect(page.locator('#verify-facts')).toContainText(name);
  await expect(page.locator('#verify-facts')).toContainText('90 %');

  await page.goto(`/verify/#${tamper(code!)}`);
  await expect(verdict).toContainText('This code is not valid: the signature does not match');

  // Once the key has been fetched, checking needs no connection at all.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  await page.goto('/verify/');
  await page.getByLabel('Verification code or address').fill(`http://anywhere/verify/#${code}`);
  await page.getByRole('button', { name: 'Check the code' }).click();
  await expect(verdict).toHaveText('Valid certificate issued by Training centre');
  await expect(verdict).toBeFocused();
  // The key comes from the service worker's cache or this device's saved copy (unit-tested).
  await expect(page.locator('#verify-key-note')).toContainText("training centre's public key");
  await page.getByLabel('Verification code or address').fill(tamper(code!));
  await page.getByRole('button', { name: 'Check the code' }).click();
  await expect(verdict).toContainText('This code is not valid');
  await context.setOffline(false);
});

test('the import page imports a records file, and a second import finds it all present', async ({
  page,
  learner,
}, testInfo) => {
  const file = testInfo.outputPath(`gangway-records-${learner.traineeId}.json`);
  writeFileSync(file, recordsFileText(learnerStatements(learner.traineeId), learner.traineeId));
  const notRecords = testInfo.outputPath('notes.json');
  writeFileSync(notRecords, '{"hello": "world"}');

  await page.goto('/admin/import/');
  await signInAsAdministrator(page);
  const results = page.locator('#import-results');
  const input = page.getByLabel('Records files (.json)');
  await input.setInputFiles(file);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(results).toContainText('3 statements: 3 new, 0 already present, 0 rejected.');

  await input.setInputFiles([file, notRecords]);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(results).toContainText('3 statements: 0 new, 3 already present, 0 rejected.');
  await expect(results).toContainText('notes.json is not a Gangway records file');

  // The imported answer is evidence: objective 3.27-LO-1.1 demonstrated by this learner.
  await page.goto('/admin/evidence/');
  await page.getByLabel('Course', { exact: true }).selectOption('3.27');
  await page.getByRole('button', { name: 'Show the evidence' }).click();
  const row = page.getByRole('row').filter({ hasText: learner.traineeId });
  const column = await page
    .locator('#evidence-table thead th')
    .evaluateAll((cells) => cells.findIndex((cell) => cell.textContent === '3.27-LO-1.1'));
  expect(column).toBeGreaterThan(0);
  await expect(row.locator('th, td').nth(column)).toHaveText('Yes: 1 of 1');
  await expect(row.locator('td').filter({ hasText: /^Yes/ })).toHaveCount(1);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download evidence CSV' }).click();
  const csv = readFileSync(await (await downloading).path(), 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv).toMatch(
    new RegExp(`${learner.traineeId},3\\.27,3\\.27-LO-1\\.1,[^\\r]*,1,1,yes\\r\\n`),
  );
});
