/**
 * The records server's storage: statements (with their query indexes and attachments), documents
 * (state, activity and agent profiles), canonical activity definitions and credentials. One
 * implementation over {@link SqlDb} serves SQLite and PostgreSQL alike.
 */
import { migrate } from './migrations.ts';
import type { SqlDb, SqlValue } from './sql-db.ts';

/** A statement ready to store, with everything the queries index. */
export interface PreparedStatement {
  id: string;
  /** The statement as stored (with stored, authority, version), as JSON text. */
  body: string;
  /** Canonical JSON of what the client sent, to tell a harmless resend from a conflict. */
  comparable: string;
  verbId: string;
  objectActivityId?: string;
  registration?: string;
  stored: string;
  storedMs: number;
  authorityKey?: string;
  /** For a voiding statement: the id it voids. */
  voidsId?: string;
  /** For a statement whose object is a StatementRef: the id it refers to. */
  refId?: string;
  /** Agent keys; related 0 = actor or object, 1 = anywhere else. */
  agents: { key: string; related: 0 | 1 }[];
  /** Activity ids; related 0 = the object, 1 = context or sub-statement. */
  activities: { id: string; related: 0 | 1 }[];
  /** sha2 of each attachment the statement carries as a part (not by fileUrl). */
  attachmentShas: string[];
  /** Activity definitions to merge into the canonical ones (only with the `define` scope). */
  definitions: { id: string; definition: Record<string, unknown> }[];
}

/** An attachment's bytes. */
export interface AttachmentContent {
  sha2: string;
  contentType: string;
  content: Uint8Array;
}

/** Statement filters, already resolved to keys. */
export interface StatementQuery {
  agentKey?: string;
  relatedAgents?: boolean;
  verbId?: string;
  activityId?: string;
  relatedActivities?: boolean;
  registration?: string;
  sinceMs?: number;
  untilMs?: number;
  ascending?: boolean;
  limit: number;
  /** Only statements stored under this authority (the `statements/read/mine` scope). */
  authorityKey?: string;
  /** Continue after this seq (paging). */
  afterSeq?: number;
  /** Upper bound on seq fixed by the first page, so later inserts do not shift pages. */
  boundSeq?: number;
}

/** A stored document (state or profile). */
export interface StoredDocument {
  content: Uint8Array;
  contentType: string;
  etag: string;
  updated: string;
}

/** Addresses a document or, without `docId`, a set of them. */
export interface DocumentRef {
  kind: 'state' | 'activity-profile' | 'agent-profile';
  activityId?: string;
  agentKey?: string;
  registration?: string;
  docId?: string;
}

/** A credential as stored (the secret only as a hash). */
export interface StoredCredential {
  key: string;
  name: string;
  secretHash: string;
  scopes: string[];
  created: string;
  revoked?: string;
}

/** Thrown when a statement id is already stored with different content. */
export class StatementConflictError extends Error {
  /** The id that conflicts. */
  readonly statementId: string;

  constructor(statementId: string) {
    super(`statement ${statementId} is already stored with different content`);
    this.name = 'StatementConflictError';
    this.statementId = statementId;
  }
}

/** Thrown when a statement tries to void a voiding statement. */
export class VoidingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VoidingError';
  }
}

/** Statement, document and credential storage over one database. */
export class LrsStore {
  /** The database the store runs on. */
  readonly db: SqlDb;

  constructor(db: SqlDb) {
    this.db = db;
  }

  /** Brings the schema up to date. */
  migrate(): Promise<number[]> {
    return migrate(this.db);
  }

  /** Closes the database. */
  close(): Promise<void> {
    return this.db.close();
  }

  /** Checks the database answers. */
  async ping(): Promise<void> {
    await this.db.all('SELECT 1 AS ok');
  }

  /**
   * Stores statements atomically: all or none. A statement whose id is stored already with the
   * same content is skipped (a resend); with other content the whole batch fails with
   * {@link StatementConflictError}.
   */
  async insertStatements(
    statements: PreparedStatement[],
    attachments: AttachmentContent[] = [],
  ): Promise<string[]> {
    return this.db.transaction(async (db) => {
      const fresh: string[] = [];
      for (const attachment of attachments) {
        await db.run(
          'INSERT INTO attachments (sha2, content_type, content) VALUES (?, ?, ?) ON CONFLICT (sha2) DO NOTHING',
          [attachment.sha2, attachment.contentType, attachment.content],
        );
      }
      for (const s of statements) {
        const existing = await db.all<{ comparable: string }>(
          'SELECT comparable FROM statements WHERE id = ?',
          [s.id],
        );
        if (existing[0]) {
          if (existing[0].comparable !== s.comparable) throw new StatementConflictError(s.id);
          continue;
        }
        if (s.voidsId) {
          const target = await db.all<{ voids_id: string | null }>(
            'SELECT voids_id FROM statements WHERE id = ?',
            [s.voidsId],
          );
          if (target[0]?.voids_id)
            throw new VoidingError(
              `statement ${s.voidsId} is itself a voiding statement and cannot be voided`,
            );
        }
        const inserted = await db.all<{ seq: number | string }>(
          `INSERT INTO statements (id, body, comparable, verb_id, object_activity_id, registration, stored, stored_ms, authority_key, voids_id, ref_id, voided)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COUNT(*) FROM statements v WHERE v.voids_id = ?))
           ON CONFLICT (id) DO NOTHING RETURNING seq`,
          [
            s.id,
            s.body,
            s.comparable,
            s.verbId,
            s.objectActivityId ?? null,
            s.registration ?? null,
            s.stored,
            s.storedMs,
            s.authorityKey ?? null,
            s.voidsId ?? null,
            s.refId ?? null,
            s.id,
          ],
        );
        const row = inserted[0];
        if (!row) {
          // Another server stored the same id between our check and insert: compare again.
          const other = await db.all<{ comparable: string }>(
            'SELECT comparable FROM statements WHERE id = ?',
            [s.id],
          );
          if (other[0]?.comparable !== s.comparable) throw new StatementConflictError(s.id);
          continue;
        }
        const seq = Number(row.seq);
        for (const agent of dedupe(s.agents, (a) => `${a.key}|${a.related}`)) {
          await db.run('INSERT INTO statement_agents (seq, agent_key, related) VALUES (?, ?, ?)', [
            seq,
            agent.key,
            agent.related,
          ]);
        }
        for (const activity of dedupe(s.activities, (a) => `${a.id}|${a.related}`)) {
          await db.run(
            'INSERT INTO statement_activities (seq, activity_id, related) VALUES (?, ?, ?)',
            [seq, activity.id, activity.related],
          );
        }
        for (const sha2 of new Set(s.attachmentShas)) {
          await db.run('INSERT INTO statement_attachments (seq, sha2) VALUES (?, ?)', [seq, sha2]);
        }
        if (s.voidsId) {
          await db.run('UPDATE statements SET voided = 1 WHERE id = ? AND voids_id IS NULL', [
            s.voidsId,
          ]);
        }
        for (const { id, definition } of s.definitions)
          await this.mergeDefinition(db, id, definition);
        fresh.push(s.id);
      }
      return fresh;
    });
  }

  private async mergeDefinition(
    db: SqlDb,
    id: string,
    definition: Record<string, unknown>,
  ): Promise<void> {
    const rows = await db.all<{ definition: string }>(
      'SELECT definition FROM activities WHERE id = ?',
      [id],
    );
    const current = rows[0] ? (JSON.parse(rows[0].definition) as Record<string, unknown>) : {};
    const merged = mergeDefinitions(current, definition);
    await db.run(
      'INSERT INTO activities (id, definition) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET definition = excluded.definition',
      [id, JSON.stringify(merged)],
    );
  }

  /** One statement by id, with whether it is voided. */
  async getStatement(
    id: string,
  ): Promise<{ seq: number; body: string; voided: boolean } | undefined> {
    const rows = await this.db.all<{ seq: number; body: string; voided: number }>(
      'SELECT seq, body, voided FROM statements WHERE id = ?',
      [id],
    );
    const row = rows[0];
    return row
      ? { seq: Number(row.seq), body: row.body, voided: Number(row.voided) === 1 }
      : undefined;
  }

  /** The highest seq stored so far (0 when empty). */
  async maxSeq(): Promise<number> {
    const rows = await this.db.all<{ m: number | string | null }>(
      'SELECT MAX(seq) AS m FROM statements',
    );
    return Number(rows[0]?.m ?? 0);
  }

  /**
   * Statements matching the filters, newest first unless ascending; voided ones left out.
   * As xAPI requires, a statement whose object is a StatementRef to a statement matching the
   * agent, verb, activity and registration filters is returned too (one level of reference).
   * The two kinds are fetched by separate index-ordered queries and merged, so each stops early.
   */
  async queryStatements(query: StatementQuery): Promise<{ seq: number; body: string }[]> {
    const match = (alias: string): { sql: string[]; params: SqlValue[] } => {
      const sql: string[] = [];
      const params: SqlValue[] = [];
      if (query.verbId) {
        sql.push(`${alias}.verb_id = ?`);
        params.push(query.verbId);
      }
      if (query.registration) {
        sql.push(`${alias}.registration = ?`);
        params.push(query.registration);
      }
      if (query.agentKey) {
        sql.push(
          `${alias}.seq IN (SELECT seq FROM statement_agents WHERE agent_key = ? AND related <= ?)`,
        );
        params.push(query.agentKey, query.relatedAgents ? 1 : 0);
      }
      if (query.activityId) {
        sql.push(
          `${alias}.seq IN (SELECT seq FROM statement_activities WHERE activity_id = ? AND related <= ?)`,
        );
        params.push(query.activityId, query.relatedActivities ? 1 : 0);
      }
      return { sql, params };
    };
    const window: string[] = ['s.voided = 0'];
    const windowParams: SqlValue[] = [];
    const add = (condition: string, value: SqlValue) => {
      window.push(condition);
      windowParams.push(value);
    };
    if (query.authorityKey) add('s.authority_key = ?', query.authorityKey);
    if (query.sinceMs !== undefined) add('s.stored_ms > ?', query.sinceMs);
    if (query.untilMs !== undefined) add('s.stored_ms <= ?', query.untilMs);
    if (query.boundSeq !== undefined) add('s.seq <= ?', query.boundSeq);
    if (query.afterSeq !== undefined)
      add(query.ascending ? 's.seq > ?' : 's.seq < ?', query.afterSeq);
    const order = `ORDER BY s.seq ${query.ascending ? 'ASC' : 'DESC'} LIMIT ?`;

    const own = match('s');
    const direct = await this.db.all<{ seq: number | string; body: string }>(
      `SELECT s.seq, s.body FROM statements s WHERE ${[...window, ...own.sql].join(' AND ')} ${order}`,
      [...windowParams, ...own.params, query.limit],
    );
    let rows = direct;
    if (own.sql.length > 0) {
      const target = match('t');
      const referring = await this.db.all<{ seq: number | string; body: string }>(
        `SELECT s.seq, s.body FROM statements s JOIN statements t ON t.id = s.ref_id
         WHERE s.ref_id IS NOT NULL AND ${[...window, ...target.sql].join(' AND ')} ${order}`,
        [...windowParams, ...target.params, query.limit],
      );
      if (referring.length > 0) {
        const bySeq = new Map([...direct, ...referring].map((row) => [Number(row.seq), row]));
        rows = [...bySeq.values()]
          .sort((a, b) =>
            query.ascending ? Number(a.seq) - Number(b.seq) : Number(b.seq) - Number(a.seq),
          )
          .slice(0, query.limit);
      }
    }
    return rows.map((row) => ({ seq: Number(row.seq), body: row.body }));
  }

  /** The attachments carried by the given statements, keyed by sha2. */
  async attachmentsFor(seqs: number[]): Promise<AttachmentContent[]> {
    if (seqs.length === 0) return [];
    const marks = seqs.map(() => '?').join(', ');
    const rows = await this.db.all<{ sha2: string; content_type: string; content: Uint8Array }>(
      `SELECT DISTINCT a.sha2, a.content_type, a.content FROM statement_attachments sa JOIN attachments a ON a.sha2 = sa.sha2 WHERE sa.seq IN (${marks})`,
      seqs,
    );
    return rows.map((r) => ({
      sha2: r.sha2,
      contentType: r.content_type,
      content: new Uint8Array(r.content),
    }));
  }

  /** The canonical definition of an activity, if any statement defined it. */
  async getActivityDefinition(id: string): Promise<Record<string, unknown> | undefined> {
    const rows = await this.db.all<{ definition: string }>(
      'SELECT definition FROM activities WHERE id = ?',
      [id],
    );
    return rows[0] ? (JSON.parse(rows[0].definition) as Record<string, unknown>) : undefined;
  }

  /** One document. */
  async getDocument(ref: DocumentRef): Promise<StoredDocument | undefined> {
    const rows = await this.db.all<{
      content: Uint8Array;
      content_type: string;
      etag: string;
      updated: string;
    }>(
      'SELECT content, content_type, etag, updated FROM documents WHERE kind = ? AND activity_id = ? AND agent_key = ? AND registration = ? AND doc_id = ?',
      documentKey(ref),
    );
    const row = rows[0];
    return row
      ? {
          content: new Uint8Array(row.content),
          contentType: row.content_type,
          etag: row.etag,
          updated: row.updated,
        }
      : undefined;
  }

  /** Ids of the documents in a scope, optionally only those updated after `sinceMs`. */
  async listDocumentIds(ref: DocumentRef, sinceMs?: number): Promise<string[]> {
    const [kind, activityId, agentKey, registration] = documentKey(ref);
    const params: SqlValue[] = [kind, activityId, agentKey];
    let sql = 'SELECT doc_id FROM documents WHERE kind = ? AND activity_id = ? AND agent_key = ?';
    if (ref.kind === 'state') {
      sql += ' AND registration = ?';
      params.push(registration);
    }
    if (sinceMs !== undefined) {
      sql += ' AND updated_ms > ?';
      params.push(sinceMs);
    }
    return (await this.db.all<{ doc_id: string }>(`${sql} ORDER BY doc_id`, params)).map(
      (r) => r.doc_id,
    );
  }

  /** Writes a document (insert or replace). */
  async putDocument(ref: DocumentRef, doc: StoredDocument): Promise<void> {
    await this.db.transaction((db) =>
      db.run(
        `INSERT INTO documents (kind, activity_id, agent_key, registration, doc_id, content, content_type, etag, updated, updated_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (kind, activity_id, agent_key, registration, doc_id)
         DO UPDATE SET content = excluded.content, content_type = excluded.content_type, etag = excluded.etag, updated = excluded.updated, updated_ms = excluded.updated_ms`,
        [
          ...documentKey(ref),
          doc.content,
          doc.contentType,
          doc.etag,
          doc.updated,
          Date.parse(doc.updated),
        ],
      ),
    );
  }

  /** Deletes one document, or every document of a scope when `docId` is absent. */
  async deleteDocuments(ref: DocumentRef): Promise<number> {
    const [kind, activityId, agentKey, registration, docId] = documentKey(ref);
    let sql = 'DELETE FROM documents WHERE kind = ? AND activity_id = ? AND agent_key = ?';
    const params: SqlValue[] = [kind, activityId, agentKey];
    if (ref.kind === 'state' && ref.registration !== undefined) {
      sql += ' AND registration = ?';
      params.push(registration);
    }
    if (ref.docId !== undefined) {
      sql += ' AND doc_id = ?';
      params.push(docId);
    }
    return this.db.transaction((db) => db.run(sql, params));
  }

  /** Stores a new credential. */
  async createCredential(credential: StoredCredential): Promise<void> {
    await this.db.transaction((db) =>
      db.run(
        'INSERT INTO credentials (key, name, secret_hash, scopes, created) VALUES (?, ?, ?, ?, ?)',
        [
          credential.key,
          credential.name,
          credential.secretHash,
          credential.scopes.join(' '),
          credential.created,
        ],
      ),
    );
  }

  /** Every credential, revoked ones included. */
  async listCredentials(): Promise<StoredCredential[]> {
    const rows = await this.db.all<CredentialRow>(
      `SELECT ${CREDENTIAL_COLUMNS} FROM credentials ORDER BY created`,
    );
    return rows.map(toCredential);
  }

  /** One credential by key. */
  async findCredential(key: string): Promise<StoredCredential | undefined> {
    const rows = await this.db.all<CredentialRow>(
      `SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE key = ?`,
      [key],
    );
    return rows[0] ? toCredential(rows[0]) : undefined;
  }

  /** Revokes a credential; returns whether it existed and was active. */
  async revokeCredential(key: string): Promise<boolean> {
    const changed = await this.db.transaction((db) =>
      db.run('UPDATE credentials SET revoked = ? WHERE key = ? AND revoked IS NULL', [
        new Date().toISOString(),
        key,
      ]),
    );
    return changed > 0;
  }
}

const CREDENTIAL_COLUMNS = 'key, name, secret_hash, scopes, created, revoked';

interface CredentialRow {
  key: string;
  name: string;
  secret_hash: string;
  scopes: string;
  created: string;
  revoked: string | null;
}

function toCredential(r: CredentialRow): StoredCredential {
  return {
    key: r.key,
    name: r.name,
    secretHash: r.secret_hash,
    scopes: r.scopes.split(' ').filter(Boolean),
    created: r.created,
    revoked: r.revoked ?? undefined,
  };
}

function documentKey(ref: DocumentRef): [string, string, string, string, string] {
  return [
    ref.kind,
    ref.activityId ?? '',
    ref.agentKey ?? '',
    ref.registration ?? '',
    ref.docId ?? '',
  ];
}

function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Merges a newly seen activity definition into the canonical one: language maps merge, other fields replace. */
export function mergeDefinitions(
  current: Record<string, unknown>,
  incoming: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(incoming)) {
    const old = merged[key];
    if ((key === 'name' || key === 'description') && isPlainObject(old) && isPlainObject(value))
      merged[key] = { ...old, ...value };
    else merged[key] = value;
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
