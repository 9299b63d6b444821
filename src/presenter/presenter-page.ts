/**
 * The presenter page in the browser: one slide at a time, kept in the URL hash; keys and toolbar
 * buttons; the notes and timetable panels; the session clock; and the channel that a notes window
 * on a second screen follows.
 */
import { loadClock, saveClock } from './clock-storage.ts';
import {
  describeModuleUsage,
  emptyClock,
  formatClock,
  pauseClock,
  presentModule,
  resumeClock,
  usedForModule,
  usedInSession,
  type SessionClock,
} from './presenter-clock.ts';
import {
  presenterChannelName,
  readPresenterMessage,
  type PresenterState,
} from './presenter-messages.ts';
import {
  actionForKey,
  slideAfter,
  slideFromHash,
  slideHash,
  type PresenterAction,
} from './slides.ts';

/** Which panels are open, remembered for the tab so the next lesson opens the same way. */
const PANELS_KEY = 'gangway:presenter-panels';
/** The window name of the notes window, so a second click reuses it. */
const NOTES_WINDOW = 'gangway-presenter-notes';

type Panel = 'notes' | 'timetable';

function readPanels(): Set<Panel> {
  try {
    const stored = JSON.parse(sessionStorage.getItem(PANELS_KEY) ?? '[]') as unknown;
    return new Set(
      Array.isArray(stored)
        ? stored.filter((p): p is Panel => p === 'notes' || p === 'timetable')
        : [],
    );
  } catch {
    return new Set();
  }
}

function writePanels(open: Set<Panel>): void {
  try {
    sessionStorage.setItem(PANELS_KEY, JSON.stringify([...open]));
  } catch {
    // Panels still toggle on this page.
  }
}

/** Whether a key press belongs to a control that needs it (typing, pressing a button). */
function belongsToControl(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('input, textarea, select')) return true;
  return (key === ' ' || key === 'Enter') && Boolean(target.closest('button, summary'));
}

/** Starts presenter mode on the page rendered by PresenterDeck.astro. */
export function startPresenter(): void {
  const root = document.querySelector<HTMLElement>('.presenter');
  if (!root) return;
  const {
    courseId = '',
    moduleId = '',
    lessonKey = '',
    lessonUrl = '/',
    notesUrl = '',
  } = root.dataset;
  const plannedHours = Number(root.dataset.plannedHours ?? 0);
  const slides = [...root.querySelectorAll<HTMLElement>('.slide')];
  const stage = root.querySelector<HTMLElement>('.presenter-slides');
  const counter = root.querySelector<HTMLElement>('[data-counter]');
  const status = root.querySelector<HTMLElement>('[data-slide-status]');
  const nextTitle = root.querySelector<HTMLElement>('[data-next-title]');
  const noSlideNotes = root.querySelector<HTMLElement>('[data-no-slide-notes]');
  const help = root.querySelector<HTMLDialogElement>('#presenter-help');
  const button = (action: string) =>
    root.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
  const panels: Record<Panel, HTMLElement | null> = {
    notes: root.querySelector('#presenter-notes'),
    timetable: root.querySelector('#presenter-timetable'),
  };
  const channel =
    'BroadcastChannel' in window ? new BroadcastChannel(presenterChannelName(courseId)) : null;

  let current = 0;
  let clock: SessionClock = presentModule(loadClock(courseId), moduleId, Date.now());
  saveClock(courseId, clock);

  const state = (): PresenterState => ({
    type: 'state',
    lessonKey,
    notesUrl,
    slide: current,
    count: slides.length,
    clock,
  });
  const broadcast = () => channel?.postMessage(state());

  const show = (index: number, how: { push: boolean; announce: boolean }) => {
    const focusWasInSlide = slides[current]?.contains(document.activeElement) ?? false;
    current = index;
    slides.forEach((slide, i) => (slide.hidden = i !== index));
    if (counter) counter.textContent = String(index + 1);
    const previousButton = button('previous');
    const nextButton = button('next');
    // aria-disabled rather than disabled: a button that keeps focus at the first or last slide.
    previousButton?.setAttribute('aria-disabled', String(index === 0));
    nextButton?.setAttribute('aria-disabled', String(index === slides.length - 1));
    root.querySelectorAll<HTMLElement>('[data-notes-for]').forEach((notes) => {
      notes.hidden = notes.dataset.notesFor !== String(index);
    });
    if (noSlideNotes)
      noSlideNotes.hidden = Boolean(root.querySelector(`[data-notes-for="${index}"]`));
    if (nextTitle) nextTitle.textContent = slides[index + 1]?.dataset.title ?? 'end of the lesson';
    if (how.push && location.hash !== slideHash(index))
      history.pushState(null, '', slideHash(index));
    if (how.announce && status)
      status.textContent = slides[index]?.getAttribute('aria-label') ?? '';
    if (focusWasInSlide) stage?.focus();
    window.scrollTo(0, 0);
    broadcast();
  };

  const setPanel = (panel: Panel, open: boolean) => {
    const element = panels[panel];
    if (!element) return;
    element.hidden = !open;
    button(`toggle-${panel}`)?.setAttribute('aria-pressed', String(open));
    root.classList.toggle(
      'has-panel',
      Object.values(panels).some((p) => p && !p.hidden),
    );
    const openPanels = new Set<Panel>(
      (Object.keys(panels) as Panel[]).filter((p) => panels[p] && !panels[p].hidden),
    );
    writePanels(openPanels);
  };

  const renderClock = () => {
    const now = Date.now();
    const usage = describeModuleUsage(usedForModule(clock, moduleId, now), plannedHours);
    root.querySelectorAll<HTMLElement>('[data-module-usage]').forEach((element) => {
      element.textContent = usage.text;
      element.classList.toggle('over', usage.over);
    });
    const total = formatClock(usedInSession(clock, now));
    root.querySelectorAll<HTMLElement>('[data-session-total]').forEach((element) => {
      element.textContent = total;
    });
    root.querySelectorAll<HTMLElement>('[data-used-for]').forEach((cell) => {
      cell.textContent = formatClock(usedForModule(clock, cell.dataset.usedFor ?? '', now));
    });
    const pause = button('clock-pause');
    if (pause) {
      pause.textContent = clock.paused ? 'Resume clock' : 'Pause clock';
      pause.setAttribute('aria-pressed', String(clock.paused));
    }
    const clockState = root.querySelector<HTMLElement>('[data-clock-state]');
    if (clockState) clockState.textContent = clock.paused ? '(paused)' : '';
  };

  const updateClock = (next: SessionClock) => {
    clock = next;
    saveClock(courseId, clock);
    renderClock();
    broadcast();
  };

  const openNotesWindow = () => {
    const notesWindow = window.open(
      `${notesUrl}${slideHash(current)}`,
      NOTES_WINDOW,
      'popup,width=960,height=720',
    );
    if (!notesWindow && status)
      status.textContent =
        'The browser blocked the notes window. Allow pop-ups for this site and try again.';
    notesWindow?.focus();
  };

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen().catch(() => undefined);
  };

  const act = (action: PresenterAction) => {
    const target = slideAfter(action, current, slides.length);
    if (target !== null) {
      if (target !== current) show(target, { push: true, announce: true });
      return;
    }
    switch (action) {
      case 'toggle-notes':
        setPanel('notes', panels.notes?.hidden === true);
        break;
      case 'toggle-timetable':
        setPanel('timetable', panels.timetable?.hidden === true);
        break;
      case 'fullscreen':
        if (document.fullscreenEnabled) toggleFullscreen();
        break;
      case 'help':
        if (help && !help.open) help.showModal();
        break;
      case 'exit':
        location.href = lessonUrl;
        break;
    }
  };

  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || help?.open) return;
    if (belongsToControl(event.target, event.key)) return;
    const action = actionForKey(event);
    if (!action) return;
    // Esc in full screen leaves full screen (the browser does that); it does not leave the lesson.
    if (action === 'exit' && document.fullscreenElement) return;
    event.preventDefault();
    act(action);
  });

  root.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button') : null;
    const action = target?.dataset.action;
    if (!action) return;
    switch (action) {
      case 'second-screen':
        openNotesWindow();
        break;
      case 'clock-pause':
        updateClock(
          clock.paused ? resumeClock(clock, moduleId, Date.now()) : pauseClock(clock, Date.now()),
        );
        break;
      case 'clock-reset':
        if (window.confirm('Reset the session clock of this course to 0:00?'))
          updateClock(presentModule(emptyClock(), moduleId, Date.now()));
        break;
      default:
        act(action as PresenterAction);
    }
  });

  const fullscreen = button('fullscreen');
  if (fullscreen && document.fullscreenEnabled) {
    fullscreen.hidden = false;
    document.addEventListener('fullscreenchange', () =>
      fullscreen.setAttribute('aria-pressed', String(Boolean(document.fullscreenElement))),
    );
  }

  // The slide an address names: #slide-N, or the slide holding the element a link points at
  // (a lesson's own `#heading` links), or `fallback`.
  const slideOfHash = (fallback: number) => {
    if (!location.hash || /^#slide-\d+$/.test(location.hash))
      return slideFromHash(location.hash, slides.length);
    let id = location.hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {
      // A malformed escape: look the id up as written.
    }
    const target = document.getElementById(id);
    const index = target ? slides.findIndex((slide) => slide.contains(target)) : -1;
    return index >= 0 ? index : fallback;
  };
  // Back/Forward fire popstate and then hashchange; the second finds the slide shown already.
  const followHash = () => {
    const index = slideOfHash(current);
    if (index !== current) show(index, { push: false, announce: true });
  };
  addEventListener('popstate', followHash);
  addEventListener('hashchange', followHash);

  channel?.addEventListener('message', (event: MessageEvent) => {
    const message = readPresenterMessage(event.data);
    if (message?.type === 'hello') broadcast();
    if (message?.type === 'go') act(message.action);
  });

  // Another presenter tab of this course may have moved the clock on; show what storage holds.
  addEventListener('pageshow', () => {
    clock = presentModule(loadClock(courseId), moduleId, Date.now());
    renderClock();
  });

  // The side panels sit just below the toolbar, whose height depends on how its buttons wrap.
  const bar = root.querySelector<HTMLElement>('.presenter-bar');
  if (bar && 'ResizeObserver' in window) {
    new ResizeObserver(() =>
      root.style.setProperty('--bar-height', `${bar.offsetHeight}px`),
    ).observe(bar);
  }

  // A slide is always shown from its top, also after a reload.
  history.scrollRestoration = 'manual';

  for (const panel of readPanels()) setPanel(panel, true);
  const first = slideOfHash(0);
  show(first, { push: false, announce: false });
  if (location.hash && location.hash !== slideHash(first))
    history.replaceState(null, '', slideHash(first));
  renderClock();
  setInterval(renderClock, 1000);
  root.dataset.ready = 'true';
}
