/**
 * Schema migrations: numbered steps, each applied once in a transaction and recorded in
 * `schema_migrations`. A new schema change is a new entry at the end; never edit a shipped one.
 */
import type { SqlDb } from './sql-db.ts';

/** One schema change, with its SQL for each engine. */
export interface Migration {
  version: number;
  description: string;
  sqlite: string;
  postgres: string;
}

const common = (serial: string, blob: string, big: string) => `
CREATE TABLE statements (
  seq ${serial},
  id TEXT NOT NULL UNIQUE,
  body TEXT NOT NULL,
  comparable TEXT NOT NULL,
  verb_id TEXT NOT NULL,
  object_activity_id TEXT,
  registration TEXT,
  stored TEXT NOT NULL,
  stored_ms ${big} NOT NULL,
  authority_key TEXT,
  voided INTEGER NOT NULL DEFAULT 0,
  voids_id TEXT,
  ref_id TEXT
);
CREATE INDEX statements_verb ON statements (verb_id, seq);
CREATE INDEX statements_object ON statements (object_activity_id, seq);
CREATE INDEX statements_registration ON statements (registration, seq);
CREATE INDEX statements_stored ON statements (stored_ms);
CREATE INDEX statements_voids ON statements (voids_id);
CREATE INDEX statements_ref ON statements (ref_id);
CREATE TABLE statement_agents (
  seq ${big} NOT NULL,
  agent_key TEXT NOT NULL,
  related INTEGER NOT NULL
);
CREATE INDEX statement_agents_key ON statement_agents (agent_key, related, seq);
CREATE TABLE statement_activities (
  seq ${big} NOT NULL,
  activity_id TEXT NOT NULL,
  related INTEGER NOT NULL
);
CREATE INDEX statement_activities_id ON statement_activities (activity_id, related, seq);
CREATE TABLE attachments (
  sha2 TEXT PRIMARY KEY,
  content_type TEXT NOT NULL,
  content ${blob} NOT NULL
);
CREATE TABLE statement_attachments (
  seq ${big} NOT NULL,
  sha2 TEXT NOT NULL
);
CREATE INDEX statement_attachments_seq ON statement_attachments (seq);
CREATE TABLE documents (
  kind TEXT NOT NULL,
  activity_id TEXT NOT NULL,
  agent_key TEXT NOT NULL,
  registration TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  content ${blob} NOT NULL,
  content_type TEXT NOT NULL,
  etag TEXT NOT NULL,
  updated TEXT NOT NULL,
  updated_ms ${big} NOT NULL,
  PRIMARY KEY (kind, activity_id, agent_key, registration, doc_id)
);
CREATE TABLE activities (
  id TEXT PRIMARY KEY,
  definition TEXT NOT NULL
);
CREATE TABLE credentials (
  key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created TEXT NOT NULL,
  revoked TEXT
);
`;

/** Every migration, in order. */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'statements, attachments, documents, activities and credentials',
    sqlite: common('INTEGER PRIMARY KEY AUTOINCREMENT', 'BLOB', 'INTEGER'),
    postgres: common('BIGSERIAL PRIMARY KEY', 'BYTEA', 'BIGINT'),
  },
  {
    version: 2,
    description: 'partial index for statements that refer to other statements',
    sqlite:
      'DROP INDEX statements_ref; CREATE INDEX statements_ref ON statements (ref_id, seq) WHERE ref_id IS NOT NULL;',
    postgres:
      'DROP INDEX statements_ref; CREATE INDEX statements_ref ON statements (ref_id, seq) WHERE ref_id IS NOT NULL;',
  },
];

/** Applies the migrations the database has not seen; returns the versions applied. */
export async function migrate(db: SqlDb, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    // Several servers may start at once against one PostgreSQL database: one migrates, the
    // others wait for the lock and then find nothing left to do.
    if (tx.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(4711)');
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied TEXT NOT NULL)',
    );
    const rows = await tx.all<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.exec(tx.dialect === 'sqlite' ? migration.sqlite : migration.postgres);
      await tx.run(
        'INSERT INTO schema_migrations (version, description, applied) VALUES (?, ?, ?)',
        [migration.version, migration.description, new Date().toISOString()],
      );
      applied.push(migration.version);
    }
    return applied;
  });
}
