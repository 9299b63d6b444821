/**
 * Holds the learning events a page makes before tracking is ready (tracking first reads the site's
 * configuration, which can take a while offline, and may wait for the learner to sign in). Held
 * events are also written to localStorage at once, so one made just before the page closes is
 * picked up by the next page. Each held event carries the statement ids it will use, made when it
 * happened, so that two pages replaying the same event produce the same statements, stored once.
 */
import type { CourseInfo } from '../statements/build-statements.ts';
import { onLearningEvent, type LearningEvent } from '../learning/learning-events.ts';
import { uuid } from './uuid.ts';

/** The localStorage key of events held by pages whose tracking was not ready. */
export const EARLY_EVENTS_KEY = 'gangway:early-events:v1';
/** Enough ids for the statements of any one event (a scenario makes one per step). */
const IDS_PER_EVENT = 24;

/** A learning event with the course page it happened on and its statement ids. */
export interface HeldEvent {
  event: LearningEvent;
  course?: CourseInfo;
  ids: string[];
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function readHeld(storage: Store | undefined): HeldEvent[] {
  try {
    const raw = JSON.parse(storage?.getItem(EARLY_EVENTS_KEY) ?? '[]') as unknown;
    return Array.isArray(raw)
      ? (raw as HeldEvent[]).filter((h) => h?.event && Array.isArray(h.ids))
      : [];
  } catch {
    return [];
  }
}

/** A statement-id source that uses a held event's ids first, then fresh ones. */
export function idsFrom(held: HeldEvent): () => string {
  let next = 0;
  return () => held.ids[next++] ?? uuid();
}

/**
 * Starts holding learning events now (call before any `await`). `release` hands every held event
 * (this page's and any left by earlier pages) to the listener, then passes new events straight on.
 */
export function holdLearningEvents(
  course: CourseInfo | undefined,
  storage: Store | undefined = globalThis.localStorage,
): { release: (listener: (held: HeldEvent) => void) => void } {
  const held: HeldEvent[] = [];
  let deliver: ((held: HeldEvent) => void) | undefined;
  onLearningEvent((event) => {
    const item: HeldEvent = {
      event,
      course,
      ids: Array.from({ length: IDS_PER_EVENT }, () => uuid()),
    };
    if (deliver) return deliver(item);
    held.push(item);
    try {
      storage?.setItem(EARLY_EVENTS_KEY, JSON.stringify([...readHeld(storage), item]));
    } catch {
      // Storage full or disabled: the event is still held in memory for this page.
    }
  });
  return {
    release(listener) {
      const mine = new Set(held.map((h) => h.ids[0]));
      const all = [...readHeld(storage).filter((h) => !mine.has(h.ids[0])), ...held];
      held.length = 0;
      deliver = listener;
      // The listener journals each event's statements synchronously before the copy goes.
      for (const item of all) listener(item);
      try {
        storage?.removeItem(EARLY_EVENTS_KEY);
      } catch {
        // Left-over copies replay with the same statement ids: stored once.
      }
    },
  };
}
