/**
 * Keeps a course's session clock in session storage: it survives moving between the presenter
 * pages of the course in one tab, and ends with the tab.
 */
import { clockStorageKey, parseClock, type SessionClock } from './presenter-clock.ts';

/** The stored clock of a course, or an empty one. */
export function loadClock(courseId: string): SessionClock {
  try {
    return parseClock(sessionStorage.getItem(clockStorageKey(courseId)));
  } catch {
    return parseClock(null);
  }
}

/** Stores the clock of a course. */
export function saveClock(courseId: string, clock: SessionClock): void {
  try {
    sessionStorage.setItem(clockStorageKey(courseId), JSON.stringify(clock));
  } catch {
    // Storage may be full or blocked; the clock still runs for this page.
  }
}
