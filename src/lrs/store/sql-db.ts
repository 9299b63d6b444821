/**
 * The little SQL layer the store needs, over two engines: Node's built-in SQLite (the embedded
 * default) and PostgreSQL (several server processes sharing one database). Queries are written
 * once with `?` placeholders; the PostgreSQL adapter numbers them.
 */
import { DatabaseSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';

/** A parameter value. */
export type SqlValue = string | number | bigint | null | Uint8Array;

/** What the store runs SQL through. */
export interface SqlDb {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs a query and returns its rows. */
  all<T = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<T[]>;
  /** Runs a statement and returns how many rows it changed. */
  run(sql: string, params?: SqlValue[]): Promise<number>;
  /** Runs `work` in one transaction (serialisable enough for id conflicts: unique keys decide). */
  transaction<T>(work: (db: SqlDb) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens (creating if needed) a SQLite file in WAL mode with full durability. */
export function openSqlite(path: string): SqlDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  // WAL lets readers work while one writer commits; FULL makes an acknowledged commit survive a
  // crash or power loss, which is the promise the LRS makes with every 200.
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;',
  );
  let depth = 0;
  // node:sqlite is synchronous: one transaction at a time, queued in order.
  let queue: Promise<unknown> = Promise.resolve();
  const adapter: SqlDb = {
    dialect: 'sqlite',
    async all<T>(sql: string, params: SqlValue[] = []) {
      return db.prepare(sql).all(...(params as never[])) as T[];
    },
    async run(sql: string, params: SqlValue[] = []) {
      return Number(db.prepare(sql).run(...(params as never[])).changes);
    },
    async exec(sql: string) {
      db.exec(sql);
    },
    transaction<T>(work: (tx: SqlDb) => Promise<T>): Promise<T> {
      if (depth > 0) return work(adapter);
      const run = async () => {
        depth++;
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(adapter);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          db.exec('ROLLBACK');
          throw error;
        } finally {
          depth--;
        }
      };
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      db.close();
    },
  };
  return adapter;
}

/** Connects to PostgreSQL through a pool. */
export function openPostgres(connectionString: string): SqlDb {
  const pool = new pg.Pool({ connectionString, max: 10 });
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  const on = (client: pg.Pool | pg.PoolClient): SqlDb => ({
    dialect: 'postgres',
    async all<T>(sql: string, params: SqlValue[] = []) {
      return (await client.query(numbered(sql), params as unknown[])).rows as T[];
    },
    async run(sql: string, params: SqlValue[] = []) {
      return (await client.query(numbered(sql), params as unknown[])).rowCount ?? 0;
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async transaction<T>(work: (tx: SqlDb) => Promise<T>): Promise<T> {
      if (client !== pool) return work(on(client));
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        const result = await work(on(conn));
        await conn.query('COMMIT');
        return result;
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        conn.release();
      }
    },
    async close() {
      await pool.end();
    },
  });
  return on(pool);
}
