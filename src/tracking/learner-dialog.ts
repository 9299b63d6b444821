/**
 * The "who is learning" dialog and header indicator for standalone study: asks for name and
 * trainee id on first use, shows who is signed in, and lets a shared computer switch learner.
 */
import {
  learnerProblems,
  loadLearner,
  saveLearner,
  type LearnerProfile,
} from './learner-profile.ts';

/** Opens the dialog; resolves with the saved profile (or the current one if cancelled). */
export function askForLearner(options: {
  required: boolean;
  organisation?: string;
}): Promise<LearnerProfile | undefined> {
  const dialog = document.getElementById('learner-dialog') as HTMLDialogElement | null;
  const form = dialog?.querySelector('form');
  if (!dialog || !form) return Promise.resolve(loadLearner());
  const current = loadLearner();
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  field('name').value = current?.name ?? '';
  field('traineeId').value = current?.traineeId ?? '';
  field('organisation').value = current?.organisation ?? options.organisation ?? '';
  const cancel = dialog.querySelector<HTMLButtonElement>('[data-action="cancel"]');
  if (cancel) cancel.hidden = options.required && !current;
  const errors = dialog.querySelector('[data-errors]');
  if (errors) errors.textContent = '';
  dialog.showModal();
  return new Promise((resolve) => {
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault();
      const profile = {
        name: field('name').value,
        traineeId: field('traineeId').value,
        organisation: field('organisation').value,
      };
      const problems = learnerProblems(profile);
      if (problems.length) {
        if (errors) errors.textContent = problems.join(' ');
        return;
      }
      saveLearner(profile);
      finish(loadLearner());
    };
    const onCancel = (event: Event) => {
      if (options.required && !current) {
        event.preventDefault();
        return;
      }
      finish(current);
    };
    const finish = (result: LearnerProfile | undefined) => {
      form.removeEventListener('submit', onSubmit);
      dialog.removeEventListener('cancel', onCancel);
      cancel?.removeEventListener('click', onCancel);
      dialog.close();
      renderLearnerBadge();
      resolve(result);
    };
    form.addEventListener('submit', onSubmit);
    dialog.addEventListener('cancel', onCancel);
    cancel?.addEventListener('click', onCancel);
  });
}

/** Shows who is learning in the header. */
export function renderLearnerBadge(launchedAs?: string): void {
  const badge = document.getElementById('learner-badge');
  if (!badge) return;
  const learner = loadLearner();
  const name = launchedAs ?? learner?.name;
  badge.textContent = name ? `Learner: ${name}` : 'Who is learning?';
  badge.title = launchedAs ? 'Launched by your training system' : 'Change or switch learner';
  if (launchedAs) badge.setAttribute('aria-disabled', 'true');
}
