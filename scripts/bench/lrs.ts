/**
 * Records-server benchmark: ingest throughput over HTTP (batches of 50, 1 and 4 clients) on SQLite,
 * PostgreSQL and, side by side, Learning Locker's statements service; latency of the dashboard
 * queries over a large store; database bytes per statement.
 *
 * `node scripts/bench/lrs.ts [--statements 1000000] [--ingest 20000]`
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startLearningLocker } from '../../tests/integration/support/learning-locker.ts';
import {
  createCredential,
  removeDataDir,
  startLrs,
  type LrsEndpoint,
  type LrsProcess,
} from '../../tests/integration/support/lrs-process.ts';
import { postgresBinDir, startPostgres } from '../../tests/integration/support/postgres.ts';
import { fillCorpus } from '../../tests/integration/support/statement-corpus.ts';
import { statement, xapi } from '../../tests/integration/support/xapi-client.ts';
import { LrsStore } from '../../src/lrs/store/lrs-store.ts';
import { openPostgres, openSqlite } from '../../src/lrs/store/sql-db.ts';

const { values } = parseArgs({
  options: {
    statements: { type: 'string', default: '1000000' },
    ingest: { type: 'string', default: '20000' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(
    'Usage: node scripts/bench/lrs.ts [--statements N (query corpus, default 1000000)] [--ingest N (per ingest run, default 20000)]',
  );
  process.exit(0);
}
const corpusSize = Number(values.statements);
const ingestCount = Number(values.ingest);
const BATCH = 50;

function progress(label: string, done: number, total: number) {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(
    `\r  ${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`,
  );
  if (done >= total) process.stderr.write('\n');
}

/** Posts `count` statements in batches of 50 from `clients` concurrent clients; returns statements/s. */
async function ingest(lrs: LrsEndpoint, count: number, clients: number): Promise<number> {
  const batches = Math.ceil(count / BATCH);
  let next = 0;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < batches) {
        next++;
        const batch = Array.from({ length: BATCH }, () =>
          statement({ context: { registration: randomUUID() } }),
        );
        // A dropped keep-alive connection is retried once; resending the same ids is harmless.
        const answer = await xapi(lrs, 'POST', 'statements', { body: batch }).catch(() =>
          xapi(lrs, 'POST', 'statements', { body: batch }),
        );
        if (answer.status !== 200)
          throw new Error(`ingest answered ${answer.status}: ${answer.text}`);
        done++;
        if (done % 20 === 0 || done === batches)
          progress(`${clients} client(s)`, done * BATCH, batches * BATCH);
      }
    }),
  );
  return (batches * BATCH) / ((performance.now() - started) / 1000);
}

/** Runs a query `times` times; returns median and p95 in milliseconds. */
async function latency(
  lrs: LrsEndpoint,
  query: Record<string, string>,
  times = 40,
): Promise<{ median: number; p95: number; count: number }> {
  const samples: number[] = [];
  let count = 0;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    const answer = await xapi(lrs, 'GET', 'statements', { query: { ...query, limit: '100' } });
    samples.push(performance.now() - started);
    if (answer.status !== 200) throw new Error(`query answered ${answer.status}: ${answer.text}`);
    count = (answer.json as { statements: unknown[] }).statements.length;
  }
  samples.sort((a, b) => a - b);
  return {
    median: samples[Math.floor(samples.length / 2)] as number,
    p95: samples[Math.floor(samples.length * 0.95)] as number,
    count,
  };
}

const lines: string[] = [];
const ms = (n: number) => `${n.toFixed(1)} ms`;

interface Backend {
  /** Starts a server on the backend's data (the same data on every call). */
  start: () => Promise<LrsProcess>;
  store: () => LrsStore;
  bytes: (store: LrsStore) => Promise<number>;
  cleanup: () => void;
}

async function benchBackend(name: string, backend: Backend) {
  process.stderr.write(`• ${name}: ingest\n`);
  let lrs = await backend.start();
  try {
    const one = await ingest(lrs, ingestCount, 1);
    const four = await ingest(lrs, ingestCount, 4);
    lines.push(
      `  ${name.padEnd(34)} ingest, batches of 50:  1 client ${one.toFixed(0)} statements/s;  4 clients ${four.toFixed(0)} statements/s`,
    );
    // The corpus is loaded straight into the database with the server stopped, then queried over HTTP.
    await lrs.stop();
    process.stderr.write(`• ${name}: loading ${corpusSize} statements for the query benchmark\n`);
    const store = backend.store();
    const targets = await fillCorpus(store, corpusSize, {
      onProgress: (done, total) => progress('loading corpus', done, total),
    });
    // A production database has planner statistics (autovacuum); a freshly bulk-loaded one not yet.
    await store.db.exec('ANALYZE');
    const total = ingestCount * 2 + corpusSize;
    const perStatement = (await backend.bytes(store)) / total;
    await store.close();
    lrs = await lrs.restart();
    const queries: [string, Record<string, string>][] = [
      [
        'live session (registration)',
        { registration: targets.registration, since: new Date(0).toISOString() },
      ],
      [
        'trainer history (related_agents)',
        { agent: JSON.stringify(targets.trainer), related_agents: 'true' },
      ],
      [
        'course completions (verb+activity)',
        {
          verb: 'http://adlnet.gov/expapi/verbs/completed',
          activity: targets.course,
          since: new Date(0).toISOString(),
        },
      ],
      [
        'attendance (verb+activity)',
        { verb: 'http://adlnet.gov/expapi/verbs/attended', activity: targets.session },
      ],
    ];
    lines.push(
      `  ${name.padEnd(34)} database bytes per statement: ${perStatement.toFixed(0)} (${total} statements)`,
    );
    for (const [label, query] of queries) {
      const { median, p95, count } = await latency(lrs, query);
      lines.push(
        `  ${name.padEnd(34)} ${label.padEnd(36)} median ${ms(median)}, p95 ${ms(p95)} (page of ${count})`,
      );
    }
  } finally {
    await lrs.stop();
    backend.cleanup();
  }
}

const sqliteDir = mkdtempSync(join(tmpdir(), 'gangway-bench-lrs-'));
const sqliteAuth = createCredential(sqliteDir, undefined, 'Bench', 'all');
await benchBackend('records server, SQLite', {
  start: () => startLrs({ dataDir: sqliteDir, auth: sqliteAuth }),
  store: () => new LrsStore(openSqlite(join(sqliteDir, 'lrs.sqlite'))),
  bytes: async (store) => {
    await store.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    return statSync(join(sqliteDir, 'lrs.sqlite')).size;
  },
  cleanup: () => removeDataDir(sqliteDir),
});

if (postgresBinDir()) {
  const pg = await startPostgres();
  const pgDir = mkdtempSync(join(tmpdir(), 'gangway-bench-lrs-'));
  const pgAuth = createCredential(pgDir, pg.url, 'Bench', 'all');
  await benchBackend('records server, PostgreSQL', {
    start: () => startLrs({ dataDir: pgDir, databaseUrl: pg.url, auth: pgAuth }),
    store: () => new LrsStore(openPostgres(pg.url)),
    bytes: async (store) => {
      const rows = await store.db.all<{ size: string }>(
        'SELECT pg_database_size(current_database()) AS size',
      );
      return Number(rows[0]?.size ?? 0);
    },
    cleanup: () => removeDataDir(pgDir),
  });
  pg.stop();
} else {
  lines.push(
    '  records server, PostgreSQL         skipped: PostgreSQL is not installed (apt-get install postgresql)',
  );
}

process.stderr.write("• Learning Locker's xapi-statements: ingest\n");
const ll = await startLearningLocker();
try {
  const one = await ingest(ll, ingestCount, 1);
  const four = await ingest(ll, ingestCount, 4);
  lines.push(
    `  ${'Learning Locker xapi-statements'.padEnd(34)} ingest, batches of 50:  1 client ${one.toFixed(0)} statements/s;  4 clients ${four.toFixed(0)} statements/s (in memory)`,
  );
} finally {
  await ll.stop();
}

console.log(
  `\nRecords server benchmark (${ingestCount} statements per ingest run; queries over ${corpusSize} stored statements)\n${lines.join('\n')}`,
);
