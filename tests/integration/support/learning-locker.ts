/**
 * Learning Locker's statements service (npm `xapi-statements`, GPL) run as a separate process,
 * in memory, on a free loopback port: a second, independent LRS for the site's xAPI tests. It is a
 * dev dependency started as its own program, never bundled or imported.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LrsEndpoint } from './lrs-process.ts';
import { freePort } from './ports.ts';

/** A running Learning Locker statements service. */
export interface LearningLocker extends LrsEndpoint {
  stop(): Promise<void>;
}

/** Starts the service; its test auth repository accepts any Basic credential. */
export async function startLearningLocker(): Promise<LearningLocker> {
  const port = await freePort();
  const storage = mkdtempSync(join(tmpdir(), 'gangway-ll-'));
  const child = spawn(process.execPath, ['node_modules/xapi-statements/dist/index.js'], {
    env: {
      ...process.env,
      EXPRESS_PORT: String(port),
      AUTH_REPO: 'test',
      EVENTS_REPO: 'test',
      MODELS_REPO: 'memory',
      STORAGE_REPO: 'local',
      FS_LOCAL_STORAGE_DIR: storage,
      EXPRESS_MORGAN_DIRECTORY: storage,
      WINSTON_CONSOLE_LEVEL: 'error',
      NODE_NO_WARNINGS: '1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk) => (output += chunk));
  const endpoint = `http://127.0.0.1:${port}/xAPI/`;
  const deadline = Date.now() + 30_000;
  while (true) {
    if (child.exitCode !== null) throw new Error(`xapi-statements exited: ${output}`);
    const ok = await fetch(`${endpoint}about`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`xapi-statements did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    endpoint,
    auth: `Basic ${Buffer.from('gangway:test').toString('base64')}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(storage, { recursive: true, force: true });
    },
  };
}
