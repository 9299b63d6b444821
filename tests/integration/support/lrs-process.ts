/**
 * Runs the project's records server as a real process for tests, on a free loopback port, with
 * its data in a temporary folder (SQLite) or a given PostgreSQL database, and a credential with
 * the scopes the test asks for.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.ts';

/** How to reach a running LRS. */
export interface LrsEndpoint {
  /** Base URL ending in `/`, e.g. `http://127.0.0.1:5000/xapi/`. */
  endpoint: string;
  /** Basic authorization header value with the `all` scope. */
  auth: string;
}

/** A records server process under test. */
export interface LrsProcess extends LrsEndpoint {
  dataDir: string;
  databaseUrl?: string;
  process: ChildProcess;
  /** Creates another credential and returns its Basic header. */
  credential(name: string, scopes: string): string;
  /** Revokes a credential by its Basic header. */
  revoke(auth: string): void;
  /** Stops the process (SIGTERM) and waits for it. */
  stop(): Promise<void>;
  /** Kills the process at once (SIGKILL) and waits for it. */
  kill(): Promise<void>;
  /** Starts a new process on the same data. */
  restart(): Promise<LrsProcess>;
}

const CLI = 'src/lrs/cli.ts';

function cliArgs(dataDir: string, databaseUrl?: string): string[] {
  return ['--data-dir', dataDir, ...(databaseUrl ? ['--database-url', databaseUrl] : [])];
}

/** Creates a credential with the records server's CLI and returns its Basic authorization header. */
export function createCredential(
  dataDir: string,
  databaseUrl: string | undefined,
  name: string,
  scopes: string,
): string {
  const out = execFileSync(process.execPath, [
    CLI,
    'credentials',
    'create',
    '--name',
    name,
    '--scope',
    scopes,
    ...cliArgs(dataDir, databaseUrl),
  ]).toString();
  const key = /key:\s+(\S+)/.exec(out)?.[1];
  const secret = /secret:\s+(\S+)/.exec(out)?.[1];
  if (!key || !secret) throw new Error(`could not create a credential: ${out}`);
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

/** Starts the records server; SQLite in a fresh folder unless `databaseUrl` is given. */
export async function startLrs(
  options: { databaseUrl?: string; dataDir?: string; auth?: string; args?: string[] } = {},
): Promise<LrsProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'gangway-lrs-'));
  const { databaseUrl } = options;
  const auth = options.auth ?? createCredential(dataDir, databaseUrl, 'Test harness', 'all');
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      CLI,
      'serve',
      '--port',
      String(port),
      '--log-level',
      'error',
      ...cliArgs(dataDir, databaseUrl),
      ...(options.args ?? []),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const endpoint = `http://127.0.0.1:${port}/xapi/`;
  const deadline = Date.now() + 20_000;
  while (true) {
    if (child.exitCode !== null) throw new Error(`the records server exited: ${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the records server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lrs: LrsProcess = {
    endpoint,
    auth,
    dataDir,
    databaseUrl,
    process: child,
    credential: (name, scopes) => createCredential(dataDir, databaseUrl, name, scopes),
    revoke(header) {
      const key = Buffer.from(header.slice(6), 'base64').toString().split(':')[0] as string;
      execFileSync(process.execPath, [
        CLI,
        'credentials',
        'revoke',
        key,
        ...cliArgs(dataDir, databaseUrl),
      ]);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    restart: () => startLrs({ databaseUrl, dataDir, auth, args: options.args }),
  };
  return lrs;
}

/** Removes a temporary data folder. */
export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
