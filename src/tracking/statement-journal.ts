/**
 * A synchronous safety copy of statements on their way into the outbox. IndexedDB writes are
 * asynchronous: a learner who marks a lesson done and closes the tab at once can leave before the
 * write finishes. The journal is written to localStorage in the same turn as the event, emptied
 * once the outbox holds the statements, and replayed into the outbox when the next page starts.
 */
import type { Statement } from '@xapi/xapi';

/** The localStorage key of the journal. */
export const JOURNAL_KEY = 'gangway:outbox-journal:v1';

/** Statements written synchronously until the outbox confirms it holds them. */
export class StatementJournal {
  readonly #storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
  readonly #key: string;

  constructor(
    storage:
      Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined = globalThis.localStorage,
    key = JOURNAL_KEY,
  ) {
    this.#storage = storage;
    this.#key = key;
  }

  /** The statements in the journal (an unreadable journal counts as empty). */
  entries(): Statement[] {
    try {
      const raw = JSON.parse(this.#storage?.getItem(this.#key) ?? '[]') as unknown;
      return Array.isArray(raw)
        ? (raw as Statement[]).filter((s) => typeof s?.id === 'string')
        : [];
    } catch {
      return [];
    }
  }

  /** Adds statements synchronously; returns false when storage refused them (full, disabled). */
  append(statements: Statement[]): boolean {
    if (!this.#storage || statements.length === 0) return true;
    const known = this.entries();
    const seen = new Set(known.map((s) => s.id));
    try {
      this.#storage.setItem(
        this.#key,
        JSON.stringify([...known, ...statements.filter((s) => !seen.has(s.id))]),
      );
      return true;
    } catch {
      // Storage full or disabled: the IndexedDB write still goes ahead, only the safety copy is missing.
      return false;
    }
  }

  /** Drops statements the outbox now holds. */
  remove(ids: Iterable<string>): void {
    if (!this.#storage) return;
    const drop = new Set(ids);
    const left = this.entries().filter((s) => !drop.has(s.id as string));
    try {
      if (left.length) this.#storage.setItem(this.#key, JSON.stringify(left));
      else this.#storage.removeItem(this.#key);
    } catch {
      // Leaving entries behind is safe: replaying them adds only what the outbox lacks.
    }
  }
}
