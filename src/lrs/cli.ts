/**
 * `npm run lrs -- <command>`: the records server's command line — serve, credentials, backup,
 * migrate. `npm start` runs `serve` with the built site beside it.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureSigningKeys, PUBLIC_KEY_FILE } from '../certificates/key-files.ts';
import { hashSecret, newKeyAndSecret, parseScopes } from './auth/credentials.ts';
import { createLrsServer } from './http/server.ts';
import { jsonLogger, type LogLevel } from './log.ts';
import { LrsStore } from './store/lrs-store.ts';
import { openPostgres, openSqlite } from './store/sql-db.ts';

const HELP = `Gangway records server (xAPI 1.0.3 LRS)

Usage: npm run lrs -- <command> [options]

Commands:
  serve                       run the LRS (and the built site with --site)
  credentials create          create a credential: --name "Site" --scope statements/write,state
  credentials list            list credentials (keys, names, scopes; never secrets)
  credentials revoke <key>    revoke a credential
  backup --out <file>         copy the SQLite database to a file, consistently, while serving
  migrate                     bring the database schema up to date and exit

Options:
  --host <address>            address to listen on (default 127.0.0.1; env GANGWAY_HOST)
  --port <number>             port (default 4321; env GANGWAY_PORT)
  --data-dir <folder>         where the SQLite file, first-start credentials and the
                              certificate signing key (with --site) live
                              (default ./data; env GANGWAY_DATA_DIR)
  --database-url <url>        postgres://… to use PostgreSQL instead of SQLite (env DATABASE_URL)
  --site <folder>             serve this built site at / with a generated /config.json
  --public-url <url>          the LRS address browsers use (default http://<host>:<port>/xapi)
  --cors-origin <origins>     comma-separated origins allowed to call the LRS, or * (default *)
  --max-body <bytes>          largest request body (default 20000000)
  --log-level <level>         info, warn, error or silent (default info; env GANGWAY_LOG_LEVEL)
  --activity-base <iri>       canonical base of activity ids, the same on ship and shore
                              (default https://gangway.example/; env GANGWAY_ACTIVITY_BASE)
  --organisation <name>       the training centre's name shown to learners (env GANGWAY_ORGANISATION)
  --site-credential <k:s>     the write-only credential to hand to browsers in /config.json, for
                              servers that share a database (env GANGWAY_SITE_CREDENTIAL; by
                              default the one created on first start)
  --name, --scope             for credentials create
  --out <file>                for backup
  -h, --help                  show this help

Scopes: statements/write, statements/read, statements/read/mine, state, define, profile,
all/read, all.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    site: { type: 'string' },
    'public-url': { type: 'string' },
    'cors-origin': { type: 'string' },
    'max-body': { type: 'string' },
    'log-level': { type: 'string' },
    'activity-base': { type: 'string' },
    organisation: { type: 'string' },
    'site-credential': { type: 'string' },
    name: { type: 'string' },
    scope: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const [command = 'serve', subcommand, argument] = positionals;
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const dataDir = resolve(values['data-dir'] ?? process.env.GANGWAY_DATA_DIR ?? 'data');
const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;

function openStore(): LrsStore {
  return new LrsStore(
    databaseUrl ? openPostgres(databaseUrl) : openSqlite(join(dataDir, 'lrs.sqlite')),
  );
}

async function main(): Promise<number> {
  switch (command) {
    case 'serve':
      return serve();
    case 'migrate': {
      const store = openStore();
      const applied = await store.migrate();
      console.log(
        applied.length ? `Applied migrations ${applied.join(', ')}.` : 'The schema is up to date.',
      );
      await store.close();
      return 0;
    }
    case 'credentials':
      return credentials();
    case 'backup':
      return backup();
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`);
      return 2;
  }
}

async function credentials(): Promise<number> {
  const store = openStore();
  await store.migrate();
  try {
    if (subcommand === 'create') {
      if (!values.name) throw new Error('credentials create needs --name "…"');
      const scopes = parseScopes(values.scope ?? '');
      const { key, secret } = newKeyAndSecret();
      await store.createCredential({
        key,
        name: values.name,
        secretHash: await hashSecret(secret),
        scopes,
        created: new Date().toISOString(),
      });
      console.log(
        `Created credential "${values.name}" with scopes ${scopes.join(', ')}.\n  key:    ${key}\n  secret: ${secret}\nThe secret is shown only now; store it safely.`,
      );
      return 0;
    }
    if (subcommand === 'list') {
      const list = await store.listCredentials();
      if (list.length === 0)
        console.log(
          'No credentials yet. Create one with: npm run lrs -- credentials create --name "…" --scope …',
        );
      for (const c of list)
        console.log(
          `${c.key}  ${c.revoked ? 'REVOKED' : 'active '}  ${c.name}  [${c.scopes.join(', ')}]  created ${c.created}`,
        );
      return 0;
    }
    if (subcommand === 'revoke') {
      if (!argument) throw new Error('credentials revoke needs the key to revoke');
      const revoked = await store.revokeCredential(argument);
      console.log(revoked ? `Revoked ${argument}.` : `No active credential with key ${argument}.`);
      return revoked ? 0 : 1;
    }
    throw new Error('use credentials create, list or revoke');
  } catch (error) {
    console.error(`Error: ${(error as Error).message}`);
    return 2;
  } finally {
    await store.close();
  }
}

async function backup(): Promise<number> {
  if (databaseUrl) {
    console.error('backup copies the SQLite file; for PostgreSQL use pg_dump.');
    return 2;
  }
  if (!values.out) {
    console.error('backup needs --out <file>');
    return 2;
  }
  const store = openStore();
  const out = resolve(values.out);
  // VACUUM INTO writes a consistent copy even while the server keeps writing.
  await store.db.exec(`VACUUM INTO '${out.replace(/'/g, "''")}'`);
  await store.close();
  console.log(`Backed up ${join(dataDir, 'lrs.sqlite')} to ${out}.`);
  return 0;
}

/** First start: a write-only credential for the site and a staff credential, saved beside the data. */
async function ensureDefaultCredentials(
  store: LrsStore,
): Promise<{ site: { key: string; secret: string } } | undefined> {
  const file = join(dataDir, 'credentials.json');
  const existing = await readFile(file, 'utf8')
    .then((t) => JSON.parse(t) as Record<string, { key: string; secret: string }>)
    .catch(() => undefined);
  if (existing?.site) {
    const stored = await store.findCredential(existing.site.key);
    if (stored && !stored.revoked) return { site: existing.site };
  }
  if ((await store.listCredentials()).length > 0 && !existing) return undefined;
  const made: Record<string, { key: string; secret: string; name: string; scopes: string[] }> = {};
  for (const [role, name, scopes] of [
    ['site', 'Gangway site (write-only)', ['statements/write', 'state']],
    ['staff', 'Trainers and administrators', ['statements/read', 'statements/write', 'state']],
  ] as const) {
    const { key, secret } = newKeyAndSecret();
    await store.createCredential({
      key,
      name,
      secretHash: await hashSecret(secret),
      scopes: [...scopes],
      created: new Date().toISOString(),
    });
    made[role] = { key, secret, name, scopes: [...scopes] };
  }
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify(made, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  console.log(
    `Created the site's write-only credential and a staff credential; keys and secrets are in ${file} (readable only by you).`,
  );
  return { site: made.site as { key: string; secret: string } };
}

async function serve(): Promise<number> {
  const host = values.host ?? process.env.GANGWAY_HOST ?? '127.0.0.1';
  const port = Number(values.port ?? process.env.GANGWAY_PORT ?? 4321);
  const basePath = '/xapi';
  const publicUrl = values['public-url'] ?? `http://${host}:${port}${basePath}/`;
  const logger = jsonLogger(
    (values['log-level'] ?? process.env.GANGWAY_LOG_LEVEL ?? 'info') as LogLevel,
  );
  const store = openStore();
  const applied = await store.migrate();
  if (applied.length) logger.info('schema migrated', { versions: applied });
  // Several servers sharing one database are given the site's credential explicitly.
  const given = values['site-credential'] ?? process.env.GANGWAY_SITE_CREDENTIAL;
  const defaults = given
    ? { site: { key: given.split(':')[0] ?? '', secret: given.split(':').slice(1).join(':') } }
    : await ensureDefaultCredentials(store);
  const corsOption = values['cors-origin'] ?? '*';
  const activityBase =
    values['activity-base'] ?? process.env.GANGWAY_ACTIVITY_BASE ?? 'https://gangway.example/';
  // Certificates: the signing key stays in the data folder; the site publishes the public key.
  // Servers sharing a database (given the site credential) share one key made with `keygen`.
  const keys = values.site
    ? await ensureSigningKeys(dataDir, { create: !given, siteDirs: [values.site] })
    : undefined;
  if (keys?.created)
    console.log(
      `Created the certificate signing key in ${dataDir} (readable only by you); the site publishes its public key at /${PUBLIC_KEY_FILE}.`,
    );
  const site = values.site
    ? {
        dir: resolve(values.site),
        files: (keys ? { [`/${PUBLIC_KEY_FILE}`]: keys.publicFile } : {}) as Record<string, string>,
        // Same origin by default, so the site works whatever host name it is reached by.
        config: {
          activityBase,
          organisation: {
            name: values.organisation ?? process.env.GANGWAY_ORGANISATION ?? 'Training centre',
            homePage: activityBase,
          },
          lrs: defaults
            ? {
                endpoint: values['public-url'] ?? `${basePath}/`,
                auth: `Basic ${Buffer.from(`${defaults.site.key}:${defaults.site.secret}`).toString('base64')}`,
              }
            : null,
        },
      }
    : undefined;
  const server = createLrsServer({
    store,
    logger,
    basePath,
    publicUrl,
    corsOrigins: corsOption === '*' ? '*' : corsOption.split(',').map((o) => o.trim()),
    maxBodyBytes: Number(values['max-body'] ?? 20_000_000),
    maxPageSize: 500,
    site,
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolveListen());
  });
  const where = site
    ? `Gangway is running at http://${host}:${port}/ with its records server at ${publicUrl}`
    : `Records server listening at ${publicUrl}`;
  console.log(
    `${where} (${databaseUrl ? 'PostgreSQL' : `SQLite in ${dataDir}`}). Press Ctrl+C to stop.`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    // Finish requests in flight, then close the database.
    server.close(() => void store.close().then(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(1);
    }, 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return new Promise<number>(() => undefined);
}

process.exitCode = await main();
