/**
 * The notes window in the browser: asks the presenter page for its state, then follows it (slide,
 * clock and lesson) and sends Previous/Next back. Works from the URL hash alone when no presenter
 * answers.
 */
import {
  describeModuleUsage,
  emptyClock,
  formatClock,
  usedForModule,
  usedInSession,
  type SessionClock,
} from './presenter-clock.ts';
import { presenterChannelName, readPresenterMessage } from './presenter-messages.ts';
import { actionForKey, clampSlide, slideFromHash, slideHash } from './slides.ts';

/** Starts the notes window on the page rendered by NotesScreen.astro. */
export function startNotesScreen(): void {
  const root = document.querySelector<HTMLElement>('.presenter-notes-screen');
  if (!root) return;
  const { courseId = '', moduleId = '', lessonKey = '' } = root.dataset;
  const plannedHours = Number(root.dataset.plannedHours ?? 0);
  let titles: string[] = [];
  try {
    titles = JSON.parse(root.dataset.slideTitles ?? '[]') as string[];
  } catch {
    titles = [];
  }
  const connection = root.querySelector<HTMLElement>('[data-connection]');
  const noSlideNotes = root.querySelector<HTMLElement>('[data-no-slide-notes]');
  const text = (selector: string, value: string) =>
    root.querySelectorAll<HTMLElement>(selector).forEach((e) => (e.textContent = value));

  let clock: SessionClock = emptyClock();
  let connected = false;

  const show = (index: number) => {
    const slide = clampSlide(index, titles.length);
    text('[data-current-title]', titles[slide] ?? '');
    text('[data-current-number]', String(slide + 1));
    text('[data-next-title]', titles[slide + 1] ?? 'end of the lesson');
    root.querySelectorAll<HTMLElement>('[data-notes-for]').forEach((notes) => {
      notes.hidden = notes.dataset.notesFor !== String(slide);
    });
    if (noSlideNotes)
      noSlideNotes.hidden = Boolean(root.querySelector(`[data-notes-for="${slide}"]`));
    if (location.hash !== slideHash(slide)) history.replaceState(null, '', slideHash(slide));
  };

  const renderClock = () => {
    if (!connected) return;
    const now = Date.now();
    const usage = describeModuleUsage(usedForModule(clock, moduleId, now), plannedHours);
    root.querySelectorAll<HTMLElement>('[data-module-usage]').forEach((element) => {
      element.textContent = usage.text;
      element.classList.toggle('over', usage.over);
    });
    text('[data-session-total]', formatClock(usedInSession(clock, now)));
  };

  show(slideFromHash(location.hash, titles.length));

  if (!('BroadcastChannel' in window)) {
    if (connection) connection.textContent = 'This browser cannot link the notes to the slides.';
    return;
  }
  const channel = new BroadcastChannel(presenterChannelName(courseId));
  const send = (action: 'next' | 'previous') => channel.postMessage({ type: 'go', action });

  channel.addEventListener('message', (event: MessageEvent) => {
    const message = readPresenterMessage(event.data);
    if (message?.type !== 'state') return;
    if (message.lessonKey !== lessonKey) {
      // The presenter moved to another lesson of the course: follow it there.
      location.replace(`${message.notesUrl}${slideHash(message.slide)}`);
      return;
    }
    if (!connected && connection) connection.textContent = 'Following the presenter window';
    connected = true;
    clock = message.clock;
    show(message.slide);
    renderClock();
  });

  root.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button') : null;
    const go = target?.dataset.go;
    if (go === 'next' || go === 'previous') send(go);
  });
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented) return;
    if (event.target instanceof HTMLElement && event.target.closest('button, a, input')) {
      if (event.key === ' ' || event.key === 'Enter') return;
    }
    const action = actionForKey(event);
    if (action === 'next' || action === 'previous') {
      event.preventDefault();
      send(action);
    }
  });

  channel.postMessage({ type: 'hello' });
  setTimeout(() => {
    if (!connected && connection)
      connection.textContent =
        'No presenter window answered. Open presenter mode for this lesson in this browser.';
  }, 3000);
  setInterval(renderClock, 1000);
  root.dataset.ready = 'true';
}
