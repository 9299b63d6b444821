/**
 * The "My progress" page: courses started on this device with lessons done and the final result,
 * the learner's records (waiting, uploaded, refused with the reason) and their download.
 */
import { loadQuizState } from '../quiz/quiz-storage.ts';
import { formatPercent } from '../quiz/scoring.ts';
import { loadLearner } from '../tracking/learner-profile.ts';
import { StatementOutbox } from '../tracking/outbox.ts';
import { countDone, loadProgress } from './progress-store.ts';

/** Fills the page from local storage and the outbox. */
export async function bindProgressPage(): Promise<void> {
  const progress = loadProgress();
  let started = 0;
  for (const row of document.querySelectorAll<HTMLTableRowElement>(
    '#progress-courses tr[data-course]',
  )) {
    const courseId = row.dataset.course ?? '';
    const lessons = JSON.parse(row.dataset.lessons ?? '[]') as string[];
    const done = countDone(progress, lessons);
    const final = loadQuizState(`${courseId}/assessment`).attempts.filter((a) => a.score);
    const best = final.map((a) => a.score).sort((a, b) => (b?.scaled ?? 0) - (a?.scaled ?? 0))[0];
    if (done === 0 && final.length === 0 && !(courseId in progress.lastLesson)) continue;
    started++;
    row.hidden = false;
    (row.querySelector('.lessons-done') as HTMLElement).textContent =
      `${done} of ${lessons.length}`;
    (row.querySelector('.final-result') as HTMLElement).textContent = best
      ? `${best.passed ? 'Passed' : 'Not passed yet'}: ${formatPercent(best.scaled)} (${final.length} attempt${final.length === 1 ? '' : 's'})`
      : 'Not taken';
  }
  const empty = document.getElementById('progress-empty');
  if (empty) empty.hidden = started > 0;
  const learner = loadLearner();
  const who = document.getElementById('progress-learner');
  if (who && learner)
    who.textContent = `Progress and results of ${learner.name} (trainee id ${learner.traineeId}) on this device.`;

  const outbox = new StatementOutbox();
  const counts = await outbox.counts();
  const summary = document.getElementById('records-summary');
  if (summary) {
    summary.textContent =
      counts.pending + counts.delivered + counts.dead === 0
        ? 'No records yet: they appear as you study.'
        : `${counts.delivered} uploaded, ${counts.pending} waiting to upload, ${counts.dead} refused.`;
  }
  const dead = await outbox.deadLetters();
  const section = document.getElementById('dead-letters');
  const list = document.getElementById('dead-letter-list');
  if (section && list && dead.length) {
    section.hidden = false;
    list.replaceChildren(
      ...dead.map((d) => {
        const item = document.createElement('li');
        item.textContent = `${new Date(d.deadAt).toLocaleString()}: ${d.statement.verb.id.split('/').pop()} — ${d.reason}`;
        return item;
      }),
    );
  }
  document.getElementById('download-records')?.addEventListener('click', async () => {
    const records = await outbox.everything();
    const file = {
      format: 'gangway-learner-records',
      version: 1,
      exportedAt: new Date().toISOString(),
      learner: learner ?? null,
      statements: records.map((r) => r.statement),
      states: records.map((r) => ({ id: r.statement.id, state: r.state })),
    };
    const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `gangway-records-${learner?.traineeId ?? 'learner'}-${new Date().toISOString().slice(0, 10)}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });
}
