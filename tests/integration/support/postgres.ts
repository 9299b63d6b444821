/**
 * A throwaway PostgreSQL server for tests: a fresh cluster in a temporary folder, listening on a
 * free loopback port, removed afterwards. Uses Debian's binaries (`apt-get install postgresql`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.ts';

/** A running test database server. */
export interface TestPostgres {
  /** Connection URL of a fresh database. */
  url: string;
  stop(): void;
}

/** Where Debian installs the PostgreSQL server binaries, if it does. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
}

/** Starts a new cluster; as root, the server runs as the `postgres` system user. */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'gangway-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]]
      : [join(bin, command), args];
    return execFileSync(file, argv, { stdio: 'pipe', env: { ...process.env, LC_ALL: 'C' } });
  };
  if (asRoot)
    chownSync(
      dir,
      Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
      Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
    );
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on`,
    'start',
  ]);
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'gangway']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/gangway`,
    stop() {
      const stop = asRoot
        ? spawnSync('runuser', [
            '-u',
            'postgres',
            '--',
            join(bin, 'pg_ctl'),
            '-D',
            data,
            '-m',
            'fast',
            '-w',
            'stop',
          ])
        : spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      if (stop.status !== 0) process.stderr.write(stop.stderr);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
