/**
 * The statement outbox: every statement is written to IndexedDB before anything tries to send it,
 * so nothing a learner does is lost to a closed tab, a browser restart or a week without a link.
 * Delivered statements are kept too (the learner's own record); statements the LRS rejects wait in
 * a dead-letter list with the LRS's reason.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Statement } from '@xapi/xapi';

/** A statement waiting to be sent. */
export interface PendingStatement {
  id: string;
  statement: Statement;
  /** When it was queued (ms since epoch); the send order. */
  queuedAt: number;
}

/** A statement the LRS has stored. */
export interface DeliveredStatement {
  id: string;
  statement: Statement;
  deliveredAt: number;
}

/** A statement the LRS refused, with its reason. */
export interface DeadLetter {
  id: string;
  statement: Statement;
  status: number;
  reason: string;
  deadAt: number;
}

interface OutboxSchema extends DBSchema {
  pending: { key: string; value: PendingStatement; indexes: { queuedAt: number } };
  delivered: { key: string; value: DeliveredStatement };
  dead: { key: string; value: DeadLetter };
}

/** How many statements are where. */
export interface OutboxCounts {
  pending: number;
  delivered: number;
  dead: number;
}

/** Durable queue of statements in IndexedDB. */
export class StatementOutbox {
  #db: Promise<IDBPDatabase<OutboxSchema>>;

  /** Opens (or creates) the outbox database. */
  constructor(name = 'gangway-outbox') {
    this.#db = openDB<OutboxSchema>(name, 1, {
      upgrade(db) {
        db.createObjectStore('pending', { keyPath: 'id' }).createIndex('queuedAt', 'queuedAt');
        db.createObjectStore('delivered', { keyPath: 'id' });
        db.createObjectStore('dead', { keyPath: 'id' });
      },
    });
  }

  /** Queues statements (each must have its id); the write is durable when the promise resolves. */
  async add(...statements: Statement[]): Promise<void> {
    const db = await this.#db;
    const tx = db.transaction('pending', 'readwrite', { durability: 'strict' });
    const now = Date.now();
    await Promise.all(
      statements.map((statement, index) => {
        if (!statement.id) throw new Error('statements must carry their id before they are queued');
        return tx.store.put({ id: statement.id, statement, queuedAt: now + index / 1000 });
      }),
    );
    await tx.done;
  }

  /**
   * Queues only the statements the outbox has never seen (in no list: pending, delivered or dead),
   * so replaying a journal never resends what was delivered. Returns how many were added.
   */
  async addMissing(statements: Statement[]): Promise<number> {
    const db = await this.#db;
    const tx = db.transaction(['pending', 'delivered', 'dead'], 'readwrite', {
      durability: 'strict',
    });
    const now = Date.now();
    let added = 0;
    for (const [index, statement] of statements.entries()) {
      const id = statement.id;
      if (!id) continue;
      const known =
        (await tx.objectStore('pending').getKey(id)) ??
        (await tx.objectStore('delivered').getKey(id)) ??
        (await tx.objectStore('dead').getKey(id));
      if (known !== undefined) continue;
      await tx.objectStore('pending').put({ id, statement, queuedAt: now + index / 1000 });
      added++;
    }
    await tx.done;
    return added;
  }

  /** The oldest `limit` pending statements. */
  async oldest(limit: number): Promise<PendingStatement[]> {
    const db = await this.#db;
    const out: PendingStatement[] = [];
    let cursor = await db.transaction('pending').store.index('queuedAt').openCursor();
    while (cursor && out.length < limit) {
      out.push(cursor.value);
      cursor = await cursor.continue();
    }
    return out;
  }

  /** Moves statements from pending to delivered. */
  async markDelivered(ids: string[]): Promise<void> {
    const db = await this.#db;
    const tx = db.transaction(['pending', 'delivered'], 'readwrite', { durability: 'strict' });
    const now = Date.now();
    for (const id of ids) {
      const item = await tx.objectStore('pending').get(id);
      if (!item) continue;
      await tx.objectStore('delivered').put({ id, statement: item.statement, deliveredAt: now });
      await tx.objectStore('pending').delete(id);
    }
    await tx.done;
  }

  /** Moves a statement the LRS refused to the dead-letter list, keeping the LRS's reason. */
  async markDead(id: string, status: number, reason: string): Promise<void> {
    const db = await this.#db;
    const tx = db.transaction(['pending', 'dead'], 'readwrite', { durability: 'strict' });
    const item = await tx.objectStore('pending').get(id);
    if (item) {
      await tx
        .objectStore('dead')
        .put({ id, statement: item.statement, status, reason, deadAt: Date.now() });
      await tx.objectStore('pending').delete(id);
    }
    await tx.done;
  }

  /** Puts a dead letter back in the queue (after the cause was fixed). */
  async retryDead(id: string): Promise<void> {
    const db = await this.#db;
    const tx = db.transaction(['pending', 'dead'], 'readwrite');
    const item = await tx.objectStore('dead').get(id);
    if (item) {
      await tx.objectStore('pending').put({ id, statement: item.statement, queuedAt: Date.now() });
      await tx.objectStore('dead').delete(id);
    }
    await tx.done;
  }

  /** How many statements are pending, delivered and dead. */
  async counts(): Promise<OutboxCounts> {
    const db = await this.#db;
    const [pending, delivered, dead] = await Promise.all([
      db.count('pending'),
      db.count('delivered'),
      db.count('dead'),
    ]);
    return { pending, delivered, dead };
  }

  /** Every dead letter. */
  async deadLetters(): Promise<DeadLetter[]> {
    return (await this.#db).getAll('dead');
  }

  /** Every statement this device made, in event order, with where it is. */
  async everything(): Promise<
    { statement: Statement; state: 'pending' | 'delivered' | 'rejected' }[]
  > {
    const db = await this.#db;
    const [pending, delivered, dead] = await Promise.all([
      db.getAll('pending'),
      db.getAll('delivered'),
      db.getAll('dead'),
    ]);
    return [
      ...pending.map((p) => ({ statement: p.statement, state: 'pending' as const })),
      ...delivered.map((d) => ({ statement: d.statement, state: 'delivered' as const })),
      ...dead.map((d) => ({ statement: d.statement, state: 'rejected' as const })),
    ].sort((a, b) => String(a.statement.timestamp).localeCompare(String(b.statement.timestamp)));
  }

  /** Closes the database connection. */
  async close(): Promise<void> {
    (await this.#db).close();
  }
}
