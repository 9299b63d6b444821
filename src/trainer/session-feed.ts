/**
 * Keeps a live session's statements up to date from the LRS: the first refresh reads everything
 * with the session's registration, later ones only what was stored since (with a small overlap,
 * de-duplicated by id, so a statement stored in the same instant as the last one seen is not
 * missed). Voided statements drop out when their voiding statement arrives.
 */
import type { Statement } from '@xapi/xapi';
import type { StatementQuery } from '../staff/staff-client.ts';

/** What the feed needs from an LRS client. */
export interface StatementPager {
  pages(query: StatementQuery): AsyncIterable<Statement[]>;
}

/** Seconds of overlap between refreshes: `since` is exclusive and clocks tick in milliseconds. */
const OVERLAP_MS = 2000;

/** The statements of one classroom session, refreshed incrementally. */
export class SessionFeed {
  readonly #registration: string;
  readonly #byId = new Map<string, Statement>();
  readonly #voided = new Set<string>();
  readonly #pageSize: number;
  #latestStored: string | undefined;

  constructor(registration: string, pageSize = 500) {
    this.#registration = registration;
    this.#pageSize = pageSize;
  }

  /** Reads what is new; returns how many statements were added. */
  async refresh(client: StatementPager): Promise<number> {
    const query: StatementQuery = {
      registration: this.#registration,
      limit: String(this.#pageSize),
    };
    if (this.#latestStored)
      query.since = new Date(Date.parse(this.#latestStored) - OVERLAP_MS).toISOString();
    let added = 0;
    for await (const page of client.pages(query)) {
      for (const statement of page) {
        if (!statement.id || this.#byId.has(statement.id)) continue;
        this.#byId.set(statement.id, statement);
        added++;
        const object = statement.object as { objectType?: string; id?: string };
        if (
          statement.verb.id.endsWith('/voided') &&
          object.objectType === 'StatementRef' &&
          object.id
        )
          this.#voided.add(object.id);
        if (statement.stored && (!this.#latestStored || statement.stored > this.#latestStored))
          this.#latestStored = statement.stored;
      }
    }
    return added;
  }

  /** The session's statements, without voided ones and without the voiding statements. */
  statements(): Statement[] {
    return [...this.#byId.values()].filter(
      (s) => !this.#voided.has(s.id as string) && !s.verb.id.endsWith('/voided'),
    );
  }

  /** How many statements the feed holds (voiding ones included). */
  get size(): number {
    return this.#byId.size;
  }
}
