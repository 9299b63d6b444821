/**
 * Trainer view: shows instructor notes. A per-device preference kept in local storage and
 * reflected on `<html data-trainer-view>` so that CSS alone shows or hides the notes.
 */

const KEY = 'gangway:trainer-view';

/** Whether trainer view is on for this device. */
export function isTrainerViewOn(): boolean {
  return document.documentElement.dataset.trainerView === 'on';
}

/** Turns trainer view on or off and remembers the choice. */
export function setTrainerView(on: boolean): void {
  if (on) document.documentElement.dataset.trainerView = 'on';
  else delete document.documentElement.dataset.trainerView;
  try {
    localStorage.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // The switch still works for this page when storage is unavailable.
  }
}

/** Wires the footer switch: label and `aria-pressed` follow the state. */
export function bindTrainerViewToggle(button: HTMLElement | null): void {
  if (!button) return;
  const render = () => {
    const on = isTrainerViewOn();
    button.setAttribute('aria-pressed', String(on));
    button.textContent = `Trainer view: ${on ? 'on' : 'off'}`;
  };
  button.addEventListener('click', () => {
    setTrainerView(!isTrainerViewOn());
    render();
  });
  render();
}
