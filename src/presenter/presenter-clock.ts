/**
 * The session clock of presenter mode: how much class time each module of a course has used,
 * against the hours the course outline plans for it. Pure: the caller passes the time and keeps
 * the state (in session storage, so it survives moving to the next lesson's presenter page).
 */

/** The clock of one course's session. */
export interface SessionClock {
  version: 1;
  /** Milliseconds already counted for each module (by module id), not including `running`. */
  used: Record<string, number>;
  /** The module being timed now and since when (epoch ms), or `null` while the clock is stopped. */
  running: { moduleId: string; since: number } | null;
  /** Whether the trainer paused the clock; a paused clock stays paused on the next page. */
  paused: boolean;
}

/** A clock that has counted nothing. */
export function emptyClock(): SessionClock {
  return { version: 1, used: {}, running: null, paused: false };
}

/** Folds the running stretch into `used`, leaving the clock stopped. */
function bank(clock: SessionClock, now: number): SessionClock {
  if (!clock.running) return clock;
  const { moduleId, since } = clock.running;
  const stretch = Math.max(0, now - since);
  return {
    ...clock,
    used: { ...clock.used, [moduleId]: (clock.used[moduleId] ?? 0) + stretch },
    running: null,
  };
}

/**
 * Presenting a lesson of `moduleId` begins (or continues): time from now counts for that module.
 * Time already running for another module is kept for that module. A paused clock stays paused.
 */
export function presentModule(clock: SessionClock, moduleId: string, now: number): SessionClock {
  if (clock.paused) return clock;
  if (clock.running?.moduleId === moduleId) return clock;
  return { ...bank(clock, now), running: { moduleId, since: now } };
}

/** Stops the clock for a break; {@link resumeClock} starts it again. */
export function pauseClock(clock: SessionClock, now: number): SessionClock {
  return { ...bank(clock, now), paused: true };
}

/** Starts a paused clock again, counting for `moduleId`. */
export function resumeClock(clock: SessionClock, moduleId: string, now: number): SessionClock {
  return presentModule({ ...clock, paused: false }, moduleId, now);
}

/** Milliseconds used so far for one module. */
export function usedForModule(clock: SessionClock, moduleId: string, now: number): number {
  const running = clock.running?.moduleId === moduleId ? Math.max(0, now - clock.running.since) : 0;
  return (clock.used[moduleId] ?? 0) + running;
}

/** Milliseconds used so far in the whole session, every module together. */
export function usedInSession(clock: SessionClock, now: number): number {
  const banked = Object.values(clock.used).reduce((sum, ms) => sum + ms, 0);
  return banked + (clock.running ? Math.max(0, now - clock.running.since) : 0);
}

/** A row of the course outline, as far as the clock needs it. */
export interface OutlineHours {
  module?: string;
  theoryHours: number;
  practicalHours: number;
}

/** Hours the course outline plans for a module: theory and practical of every row naming it. */
export function plannedHoursFor(outline: readonly OutlineHours[], moduleId: string): number {
  return outline
    .filter((row) => row.module === moduleId)
    .reduce((sum, row) => sum + row.theoryHours + row.practicalHours, 0);
}

/** Hours as milliseconds. */
export function hoursToMs(hours: number): number {
  return Math.round(hours * 3_600_000);
}

/** A duration as hours and minutes, `h:mm` (whole minutes, rounded down): `0:42`, `2:00`. */
export function formatClock(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** How a module's time compares with its plan. */
export interface ModuleUsage {
  /** "0:42 used of 2:00 planned for this module". */
  text: string;
  /** Whether the module has used more than planned. */
  over: boolean;
}

/** Compares the time a module has used with the hours the outline plans for it. */
export function describeModuleUsage(usedMs: number, plannedHours: number): ModuleUsage {
  const plannedMs = hoursToMs(plannedHours);
  const text = `${formatClock(usedMs)} used of ${formatClock(plannedMs)} planned for this module`;
  // Compared in whole minutes, as shown, so "2:00 of 2:00" is not yet over.
  const over = Math.floor(usedMs / 60_000) > Math.floor(plannedMs / 60_000);
  return over
    ? { text: `${text} (${formatClock(usedMs - plannedMs)} over)`, over }
    : { text, over };
}

/**
 * Reads a stored clock, or an empty one when the stored value is missing or not a clock (an older
 * format, or edited by hand): a broken clock must never stop the presentation.
 */
export function parseClock(stored: string | null): SessionClock {
  if (!stored) return emptyClock();
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return emptyClock();
  }
  if (typeof value !== 'object' || value === null) return emptyClock();
  const candidate = value as Partial<SessionClock>;
  if (candidate.version !== 1) return emptyClock();
  const used: Record<string, number> = {};
  if (typeof candidate.used === 'object' && candidate.used !== null) {
    for (const [moduleId, ms] of Object.entries(candidate.used)) {
      if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 0) used[moduleId] = ms;
    }
  }
  const r = candidate.running;
  const running =
    r && typeof r.moduleId === 'string' && typeof r.since === 'number' && Number.isFinite(r.since)
      ? { moduleId: r.moduleId, since: r.since }
      : null;
  return { version: 1, used, running, paused: candidate.paused === true };
}

/** The session-storage key of a course's clock. */
export function clockStorageKey(courseId: string): string {
  return `gangway:presenter-clock:${courseId}`;
}
