/**
 * In the browser: queues statements in the outbox and keeps one sender running across all tabs.
 * Only the tab holding the Web Lock sends; the others wait for it and take over when it closes.
 * Where Web Locks are missing (plain-http ship servers are not secure contexts) every tab may
 * send, which is harmless: a resend with the same id is stored once.
 */
import type { Statement } from '@xapi/xapi';
import { StatementOutbox } from './outbox.ts';
import { StatementJournal } from './statement-journal.ts';
import type { DrainResult, LrsTarget } from './sender.ts';
import type { SyncStatus } from './sync-status.ts';

const CHANNEL = 'gangway-sync';
const LOCK = 'gangway-outbox-sender';
const IDLE_CHECK_MS = 60_000;
/** While the browser says it is offline, look again this often (the `online` event is not always fired). */
const OFFLINE_CHECK_MS = 10_000;

/** Statement queueing and the background sender for one page. */
export class SyncService {
  readonly outbox = new StatementOutbox();
  readonly #journal = new StatementJournal();
  readonly #channel =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : undefined;
  readonly #listeners = new Set<(status: SyncStatus) => void>();
  #target: LrsTarget | null;
  #wake: (() => void) | undefined;
  /**
   * A wake-up asked for while the loop was not asleep (between its checks and its next sleep):
   * the next sleep returns at once instead of losing it.
   */
  #wakeAsked = false;
  /** While the LRS has asked to wait, new statements must not cut the wait short. */
  #honouringWait = false;
  /** A statement was queued while the sender was busy: drain again instead of sleeping. */
  #queuedSinceDrain = false;
  #last: SyncStatus = { pending: 0, dead: 0 };

  constructor(target: LrsTarget | null) {
    this.#target = target;
    this.#channel?.addEventListener('message', (event: MessageEvent) => {
      const message = event.data as { kind: string; status?: SyncStatus };
      if (message.kind === 'status' && message.status) this.#publish(message.status, false);
      if (message.kind === 'queued' && !this.#honouringWait) this.#poke();
    });
    addEventListener('online', () => this.#poke());
  }

  /**
   * Writes statements to the outbox (durably) and nudges the sender. The journal copy is made
   * before the first `await`, so the statements survive the page closing during the write.
   */
  async queue(statements: Statement[]): Promise<void> {
    if (statements.length === 0) return;
    this.#journal.append(statements);
    await this.outbox.add(...statements);
    this.#journal.remove(statements.map((s) => s.id as string));
    this.#queuedSinceDrain = true;
    this.#channel?.postMessage({ kind: 'queued' });
    if (!this.#honouringWait) this.#poke();
    await this.refresh();
  }

  /**
   * Moves statements left in the journal by a page that closed mid-write into the outbox, adding
   * only those it does not hold yet. Returns how many were recovered.
   */
  async recover(): Promise<number> {
    const kept = this.#journal.entries();
    if (kept.length === 0) return 0;
    const added = await this.outbox.addMissing(kept);
    this.#journal.remove(kept.map((s) => s.id as string));
    if (added > 0) {
      this.#queuedSinceDrain = true;
      this.#channel?.postMessage({ kind: 'queued' });
      if (!this.#honouringWait) this.#poke();
    }
    return added;
  }

  /** Listens to status changes (from this tab's sender or another's). */
  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#last);
    return () => this.#listeners.delete(listener);
  }

  /** Recounts the outbox and tells every tab. */
  async refresh(problem?: string, stopped?: boolean): Promise<SyncStatus> {
    const counts = await this.outbox.counts();
    const status: SyncStatus = { pending: counts.pending, dead: counts.dead, problem, stopped };
    this.#publish(status, true);
    return status;
  }

  #publish(status: SyncStatus, broadcast: boolean) {
    this.#last = status;
    for (const listener of this.#listeners) listener(status);
    if (broadcast) this.#channel?.postMessage({ kind: 'status', status });
  }

  /** Starts the sender: under the Web Lock where available, so one tab sends at a time. */
  start(): void {
    const run = () => this.#loop();
    if (navigator.locks?.request) void navigator.locks.request(LOCK, run);
    else void run();
  }

  async #loop(): Promise<never> {
    // The sender code (xAPI.js) loads only in the tab that sends, and only now.
    const { OutboxSender } = await import('./sender.ts');
    let sender = this.#target
      ? new OutboxSender({ outbox: this.outbox, lrs: this.#target })
      : undefined;
    while (true) {
      let result: DrainResult;
      this.#queuedSinceDrain = false;
      this.#wakeAsked = false;
      if (!sender) {
        result = {
          state: 'stopped',
          reason: 'no records server is configured; records are kept on this device',
        };
      } else if (navigator.onLine === false) {
        result = { state: 'waiting', ms: OFFLINE_CHECK_MS, reason: 'offline' };
      } else {
        result = await sender.drain().catch((error: unknown) => ({
          state: 'waiting' as const,
          ms: 30_000,
          reason: String(error),
        }));
      }
      const counts = await this.outbox.counts();
      if (result.state === 'idle') await this.refresh();
      else if (result.state === 'stopped') await this.refresh(result.reason, counts.pending > 0);
      else await this.refresh(result.reason);
      if (result.state === 'idle' && this.#queuedSinceDrain) continue;
      this.#honouringWait = result.state === 'waiting' && result.reason !== 'offline';
      await this.#sleep(result.state === 'waiting' ? result.ms : IDLE_CHECK_MS);
      this.#honouringWait = false;
      if (!sender && this.#target)
        sender = new OutboxSender({ outbox: this.outbox, lrs: this.#target });
    }
  }

  /** Wakes the loop now, or makes its next sleep return at once. */
  #poke(): void {
    this.#wakeAsked = true;
    this.#wake?.();
  }

  #sleep(ms: number): Promise<void> {
    // A wait the LRS asked for (Retry-After, backoff) is not cut short by earlier wake-ups.
    if (this.#wakeAsked && !this.#honouringWait) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }
}
