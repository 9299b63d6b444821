/**
 * `/admin/evidence/`: the evidence matrix of a course for an auditor — per learner, each
 * objective demonstrated (questions answered correctly of asked) — and the course's coverage,
 * both downloadable as CSV. Reads `answered` statements with the administrator's credential.
 */
import { bindStaffSignIn } from '../staff/staff-sign-in.ts';
import type { StaffClient } from '../staff/staff-client.ts';
import { downloadFile } from '../staff/download-file.ts';
import { activityIds } from '../statements/activity-ids.ts';
import { loadSiteConfig } from '../tracking/site-config.ts';
import { collectEvidence } from './collect-evidence.ts';
import {
  coverageCsv,
  evidenceCsv,
  type EvidenceCourse,
  type EvidenceMatrix,
} from './evidence-matrix.ts';

const cell = (tag: 'td' | 'th', text: string, attributes: Record<string, string> = {}) => {
  const element = document.createElement(tag);
  // Names come from statements: text only, never markup.
  element.textContent = text;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
};

/** Fills the learner × objective table and the coverage table. */
function renderMatrix(matrix: EvidenceMatrix): void {
  const table = document.getElementById('evidence-table') as HTMLTableElement;
  const head = document.createElement('tr');
  head.append(cell('th', 'Learner', { scope: 'col' }));
  for (const objective of matrix.objectives)
    head.append(cell('th', objective.id, { scope: 'col', title: objective.text }));
  (table.tHead as HTMLTableSectionElement).replaceChildren(head);
  (table.tBodies[0] as HTMLTableSectionElement).replaceChildren(
    ...matrix.learners.map(({ learner, objectives }) => {
      const row = document.createElement('tr');
      row.append(cell('th', `${learner.name} (${learner.id})`, { scope: 'row' }));
      for (const objective of matrix.objectives) {
        const evidence = objectives[objective.id];
        const text = !evidence?.asked
          ? '—'
          : `${evidence.demonstrated ? 'Yes' : 'No'}: ${evidence.correct} of ${evidence.asked}`;
        row.append(cell('td', text, { class: evidence?.demonstrated ? 'result-pass' : '' }));
      }
      return row;
    }),
  );
  const coverage = document.getElementById('coverage-table') as HTMLTableElement;
  (coverage.tBodies[0] as HTMLTableSectionElement).replaceChildren(
    ...matrix.objectives.map((objective) => {
      const row = document.createElement('tr');
      row.append(
        cell('th', objective.id, { scope: 'row' }),
        cell('td', objective.text),
        cell('td', objective.references.join('; ')),
        cell('td', String(objective.questions), { class: 'num' }),
        cell(
          'td',
          String(matrix.learners.filter((l) => l.objectives[objective.id]?.demonstrated).length),
          { class: 'num' },
        ),
      );
      return row;
    }),
  );
}

/** Binds the sign-in, the course form and the downloads. */
export function bindAdminEvidencePage(): void {
  const section = document.getElementById('evidence');
  const form = document.getElementById('evidence-form') as HTMLFormElement | null;
  const status = document.getElementById('evidence-status');
  const error = document.getElementById('evidence-error');
  const results = document.getElementById('evidence-results');
  const empty = document.getElementById('evidence-empty');
  if (!section || !form || !status || !error || !results || !empty) return;
  const courses = JSON.parse(section.dataset.courses ?? '[]') as EvidenceCourse[];
  let client: StaffClient | undefined;
  let matrix: EvidenceMatrix | undefined;

  bindStaffSignIn({
    needs: { read: true, write: false },
    onReady(_session, staffClient) {
      client = staffClient;
      section.hidden = false;
    },
    onSignOut() {
      client = undefined;
      section.hidden = true;
      results.hidden = true;
    },
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const course = courses.find((c) => c.id === new FormData(form).get('course'));
    error.textContent = '';
    if (!client) return;
    if (!course) {
      error.textContent = 'Choose a course.';
      return;
    }
    status.textContent = 'Reading answers…';
    const staffClient = client;
    void loadSiteConfig()
      .then((config) =>
        collectEvidence(
          staffClient,
          course,
          activityIds(config.activityBase).course(course.id),
          (read) => {
            status.textContent = `Reading answers: ${read.toLocaleString('en')} statements.`;
          },
        ),
      )
      .then((found) => {
        matrix = found;
        renderMatrix(found);
        status.textContent = `${found.learners.length} learner${found.learners.length === 1 ? '' : 's'} × ${found.objectives.length} objectives.`;
        empty.hidden = found.learners.length > 0;
        results.hidden = false;
      })
      .catch((failure: unknown) => {
        status.textContent = '';
        error.textContent = failure instanceof Error ? failure.message : String(failure);
      });
  });

  results.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-download]');
    if (!button || !matrix) return;
    const which = button.dataset.download;
    const csv = which === 'coverage' ? coverageCsv(matrix) : evidenceCsv(matrix);
    downloadFile(`${which}-${matrix.course.id}.csv`, 'text/csv;charset=utf-8', csv);
  });
}
