/**
 * `/admin/import/`: an administrator or trainer chooses learners' records files (saved by
 * "Download my records"), and the page imports them into the LRS with the staff credential,
 * keeping statement ids, then reports what was new, already present or rejected and why.
 */
import { bindStaffSignIn } from '../staff/staff-sign-in.ts';
import type { StaffClient } from '../staff/staff-client.ts';
import { importRecords, type ImportReport } from './import-records.ts';
import { parseRecordsFile } from './records-file.ts';

/** The one-line summary of an import, as the page and the CLI say it. */
export function describeImport(report: ImportReport): string {
  return `${report.total} statement${report.total === 1 ? '' : 's'}: ${report.added} new, ${report.alreadyPresent} already present, ${report.rejected.length} rejected.`;
}

/** Binds the sign-in and the import form. */
export function bindAdminImportPage(): void {
  const section = document.getElementById('records-import');
  const form = document.getElementById('import-form') as HTMLFormElement | null;
  const input = document.getElementById('import-files') as HTMLInputElement | null;
  const progress = document.getElementById('import-progress') as HTMLProgressElement | null;
  const status = document.getElementById('import-status');
  const results = document.getElementById('import-results');
  if (!section || !form || !input || !progress || !status || !results) return;
  let client: StaffClient | undefined;

  bindStaffSignIn({
    needs: { read: true, write: true },
    onReady(_session, staffClient) {
      client = staffClient;
      section.hidden = false;
    },
    onSignOut() {
      client = undefined;
      section.hidden = true;
    },
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const files = [...(input.files ?? [])];
    if (!client) return;
    if (files.length === 0) {
      status.textContent = 'Choose one or more records files first.';
      return;
    }
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button) button.disabled = true;
    results.replaceChildren();
    progress.hidden = false;
    const staffClient = client;
    void (async () => {
      for (const file of files) {
        const item = document.createElement('li');
        const title = document.createElement('strong');
        title.textContent = file.name;
        const line = document.createElement('p');
        item.append(title, line);
        results.append(item);
        try {
          const records = parseRecordsFile(await file.text(), file.name);
          status.textContent = `Importing ${file.name}…`;
          const report = await importRecords(staffClient, records, (done, total) => {
            progress.max = total;
            progress.value = done;
          });
          const who = records.learner
            ? ` Learner: ${records.learner.name} (trainee id ${records.learner.traineeId}).`
            : '';
          line.textContent = `${describeImport(report)}${who}`;
          item.dataset.outcome = report.rejected.length ? 'rejected' : 'ok';
          if (report.rejected.length) {
            const reasons = document.createElement('ul');
            reasons.append(
              ...report.rejected.map((refused) => {
                const li = document.createElement('li');
                li.textContent = refused.reason;
                return li;
              }),
            );
            item.append(reasons);
          }
        } catch (error) {
          item.dataset.outcome = 'refused';
          line.className = 'warning';
          line.textContent = error instanceof Error ? error.message : String(error);
        }
      }
      status.textContent = `Done: ${files.length} file${files.length === 1 ? '' : 's'}.`;
      progress.hidden = true;
      if (button) button.disabled = false;
    })();
  });
}
