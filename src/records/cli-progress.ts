/**
 * Progress of the export CLI on standard error: on a terminal a bar redrawn in place (bouncing
 * while a course is paged, since xAPI gives no total; filling while learners or sessions are
 * counted), statements read, pages and rate; elsewhere (a log, CI) plain lines now and then.
 */
import type { CollectProgress } from './collect-completions.ts';

const WIDTH = 24;

/** The bar: filled in proportion when a total is known, a moving block otherwise. */
export function progressBar(progress: CollectProgress, tick: number): string {
  if (progress.total) {
    const filled = Math.round(((progress.done ?? 0) / progress.total) * WIDTH);
    return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
  }
  const span = WIDTH - 4;
  const step = tick % (span * 2);
  const at = step < span ? step : span * 2 - step;
  return `[${'.'.repeat(at)}####${'.'.repeat(WIDTH - 4 - at)}]`;
}

/** What is being read, in words. */
export function progressLabel(progress: CollectProgress): string {
  if (progress.phase === 'sessions') return `sessions ${progress.done ?? 0}/${progress.total ?? 0}`;
  const course = `course ${progress.courseNumber}/${progress.courseCount} ${progress.course?.id ?? ''}`;
  return progress.phase === 'learners'
    ? `${course} learners ${progress.done ?? 0}/${progress.total ?? 0}`
    : course;
}

/** Statements, pages and rate. */
export function progressCounts(progress: CollectProgress, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? Math.round(progress.statements / (elapsedMs / 1000)) : 0;
  return `${progress.statements.toLocaleString('en')} statements, ${progress.pages.toLocaleString('en')} pages, ${rate.toLocaleString('en')}/s`;
}

/** A reporter that draws on a terminal or prints lines, throttled to a few updates a second. */
export function createProgressReporter(
  stream: { write(text: string): unknown; isTTY?: boolean },
  now: () => number = () => performance.now(),
): { update(progress: CollectProgress): void; done(summary: string): void } {
  const started = now();
  let lastDraw = -Infinity;
  let lastLine = -Infinity;
  let lastPhase = '';
  let tick = 0;
  let drawn = false;
  return {
    update(progress) {
      const at = now();
      const phase = `${progress.phase}:${progress.courseNumber}`;
      if (stream.isTTY) {
        if (at - lastDraw < 100 && phase === lastPhase) return;
        lastDraw = at;
        lastPhase = phase;
        tick++;
        stream.write(
          `\r\x1b[2K${progressBar(progress, tick)} ${progressLabel(progress)}: ${progressCounts(progress, at - started)}`,
        );
        drawn = true;
        return;
      }
      // Plain lines: one when a phase starts and then at most one every five seconds.
      if (phase === lastPhase && at - lastLine < 5000) return;
      lastPhase = phase;
      lastLine = at;
      stream.write(`${progressLabel(progress)}: ${progressCounts(progress, at - started)}\n`);
    },
    done(summary) {
      if (drawn) stream.write('\r\x1b[2K');
      stream.write(`${summary}\n`);
    },
  };
}
