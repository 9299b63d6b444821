/**
 * What the presenter page and its notes window tell each other over a BroadcastChannel. Pure:
 * names, message shapes and a checker for what arrives (another tab of the same site may post
 * anything on the channel).
 */
import { parseClock, type SessionClock } from './presenter-clock.ts';

/** The presenter page's state, sent on every change and whenever a notes window asks. */
export interface PresenterState {
  type: 'state';
  /** `<course>/<module>/<lesson>` of the lesson being presented. */
  lessonKey: string;
  /** The notes page of that lesson, for a notes window still showing another lesson. */
  notesUrl: string;
  /** Current slide, counting from 0. */
  slide: number;
  /** Number of slides in the deck. */
  count: number;
  /** The session clock, so the notes window shows the same time. */
  clock: SessionClock;
}

/** A notes window asking the presenter for its state (sent when the window opens). */
export interface StateRequest {
  type: 'hello';
}

/** A notes window asking the presenter to change slide. */
export interface SlideCommand {
  type: 'go';
  action: 'next' | 'previous';
}

/** Any message on the presenter channel. */
export type PresenterMessage = PresenterState | StateRequest | SlideCommand;

/** The channel of a course: one presenter and its notes windows per course. */
export function presenterChannelName(courseId: string): string {
  return `gangway-presenter:${courseId}`;
}

/** The message `data` is, or `null` when it is not one of ours. */
export function readPresenterMessage(data: unknown): PresenterMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const message = data as Record<string, unknown>;
  switch (message.type) {
    case 'hello':
      return { type: 'hello' };
    case 'go':
      return message.action === 'next' || message.action === 'previous'
        ? { type: 'go', action: message.action }
        : null;
    case 'state': {
      const { lessonKey, notesUrl, slide, count } = message;
      if (typeof lessonKey !== 'string' || typeof notesUrl !== 'string') return null;
      // Only a page of this site: the notes window navigates to it.
      if (!/^\/courses\/[^/]/.test(notesUrl)) return null;
      if (!Number.isInteger(slide) || !Number.isInteger(count)) return null;
      return {
        type: 'state',
        lessonKey,
        notesUrl,
        slide: slide as number,
        count: count as number,
        clock: parseClock(JSON.stringify(message.clock ?? null)),
      };
    }
    default:
      return null;
  }
}
