/**
 * The admin page's completion-records export: once the administrator is signed in, reads the
 * filters, pages through the LRS with a progress bar, fills the table (names as text only) and
 * offers CSV, XLSX and JSON downloads of the rows.
 */
import { downloadFile } from '../staff/download-file.ts';
import { bindStaffSignIn } from '../staff/staff-sign-in.ts';
import type { StaffClient } from '../staff/staff-client.ts';
import { loadSiteConfig } from '../tracking/site-config.ts';
import { collectCompletionRecords, type CollectProgress } from './collect-completions.ts';
import type { CompletionRecord, CompletionStatus } from './completion-record.ts';
import { RECORD_COLUMNS } from './columns.ts';
import { describeCourses, type CourseFacts } from './course-descriptor.ts';
import { recordsToCsv } from './csv.ts';
import { exportFileName, type ExportFormat } from './export-file-name.ts';
import { recordsToJson } from './json.ts';
import { filterProblems, type RecordFilters } from './record-filters.ts';

/** The filters as the form holds them. */
export function filtersFromForm(values: Record<string, string>): RecordFilters {
  const filters: RecordFilters = {};
  if (values.course) filters.courses = [values.course];
  if (values.status) filters.status = [values.status as CompletionStatus];
  for (const key of ['since', 'until', 'organisation', 'trainer', 'session'] as const) {
    const value = values[key]?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

/** The progress line of a collection, in words. */
export function describeProgress(progress: CollectProgress): string {
  const read = `${progress.statements.toLocaleString('en')} statement${progress.statements === 1 ? '' : 's'} read in ${progress.pages.toLocaleString('en')} page${progress.pages === 1 ? '' : 's'}`;
  if (progress.phase === 'sessions')
    return `Checking attendance in classroom sessions: ${progress.done ?? 0} of ${progress.total ?? 0}. ${read}.`;
  const course = progress.course ? `${progress.course.number} ${progress.course.title}` : '';
  const where = `Course ${progress.courseNumber} of ${progress.courseCount}, ${course}`;
  if (progress.phase === 'learners')
    return `${where}: reading learners ${progress.done ?? 0} of ${progress.total ?? 0}. ${read}.`;
  return `${where}: ${read}.`;
}

/** Binds the sign-in and the export form of /admin/. */
export function bindAdminExportPage(): void {
  const section = document.getElementById('records-export');
  const form = document.getElementById('export-form') as HTMLFormElement | null;
  if (!section || !form) return;
  const facts = JSON.parse(section.dataset.courses ?? '[]') as CourseFacts[];
  const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const progressBox = $<HTMLElement>('export-progress');
  const progressText = $<HTMLElement>('export-progress-text');
  const progressBar = $<HTMLProgressElement>('export-progress-bar');
  const error = $<HTMLElement>('export-error');
  const results = $<HTMLElement>('export-results');
  const summary = $<HTMLElement>('export-summary');
  const empty = $<HTMLElement>('export-empty');
  const table = $<HTMLTableElement>('export-table');
  const start = $<HTMLButtonElement>('export-start');
  const cancel = $<HTMLButtonElement>('export-cancel');
  const tableColumns = (JSON.parse(table.dataset.columns ?? '[]') as string[]).map((key) =>
    RECORD_COLUMNS.find((column) => column.key === key)!,
  );

  let client: StaffClient | undefined;
  let rows: CompletionRecord[] = [];
  let exported: { courses: string[] } = { courses: [] };
  let running: AbortController | undefined;

  const showProgress = (progress: CollectProgress) => {
    progressText.textContent = describeProgress(progress);
    // Indeterminate while paging a course (xAPI gives no total), determinate once one is known.
    if (progress.total) {
      progressBar.max = progress.total;
      progressBar.value = progress.done ?? 0;
    } else progressBar.removeAttribute('value');
  };

  const showRows = (records: CompletionRecord[]) => {
    const body = table.tBodies[0] as HTMLTableSectionElement;
    body.replaceChildren(
      ...records.map((record) => {
        const tr = document.createElement('tr');
        for (const column of tableColumns) {
          const td = document.createElement('td');
          // Learner names and other statement text are untrusted: text only, never markup.
          td.textContent = column.text(record);
          if (column.kind === 'number' || column.kind === 'duration') td.className = 'num';
          tr.append(td);
        }
        return tr;
      }),
    );
    results.hidden = false;
    empty.hidden = records.length > 0;
    table.hidden = records.length === 0;
    for (const button of results.querySelectorAll<HTMLButtonElement>('[data-download]'))
      button.disabled = records.length === 0;
    summary.textContent = `${records.length.toLocaleString('en')} record${records.length === 1 ? '' : 's'} (one per learner and course).`;
  };

  bindStaffSignIn({
    needs: { read: true, write: false },
    onReady(_session, staffClient) {
      client = staffClient;
      section.hidden = false;
    },
    onSignOut() {
      running?.abort();
      client = undefined;
      section.hidden = true;
      results.hidden = true;
      rows = [];
    },
  });

  cancel.addEventListener('click', () => running?.abort(new Error('Export cancelled.')));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!client || running) return;
    const values = Object.fromEntries(
      [...new FormData(form).entries()].map(([key, value]) => [key, String(value)]),
    );
    const filters = filtersFromForm(values);
    const problems = filterProblems(filters);
    error.textContent = problems.join(' ');
    if (problems.length) return;
    running = new AbortController();
    const signal = running.signal;
    start.disabled = true;
    cancel.hidden = false;
    progressBox.hidden = false;
    progressText.textContent = 'Starting…';
    progressBar.removeAttribute('value');
    const staffClient = client;
    void loadSiteConfig()
      .then((config) =>
        collectCompletionRecords(staffClient, {
          courses: describeCourses(facts, config.activityBase),
          filters,
          onProgress: showProgress,
          signal,
        }),
      )
      .then((records) => {
        rows = records;
        exported = { courses: filters.courses ?? [] };
        showRows(records);
        progressText.textContent = `Done: ${records.length.toLocaleString('en')} record${records.length === 1 ? '' : 's'}.`;
        progressBar.max = 1;
        progressBar.value = 1;
      })
      .catch((failure: unknown) => {
        progressBox.hidden = true;
        error.textContent = failure instanceof Error ? failure.message : String(failure);
      })
      .finally(() => {
        running = undefined;
        start.disabled = false;
        cancel.hidden = true;
      });
  });

  results.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-download]');
    if (!button) return;
    const format = button.dataset.download as ExportFormat;
    const name = exportFileName(exported.courses, format);
    if (format === 'csv') downloadFile(name, 'text/csv;charset=utf-8', recordsToCsv(rows));
    else if (format === 'json') downloadFile(name, 'application/json', recordsToJson(rows));
    else {
      button.disabled = true;
      // exceljs is large: it is loaded only when an XLSX is asked for.
      void import('./xlsx.ts')
        .then(({ recordsToXlsx }) => recordsToXlsx(rows))
        .then((bytes) =>
          downloadFile(
            name,
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            bytes,
          ),
        )
        .catch((failure: unknown) => {
          error.textContent = `Could not make the XLSX file: ${failure instanceof Error ? failure.message : String(failure)}`;
        })
        .finally(() => (button.disabled = false));
    }
  });
}
