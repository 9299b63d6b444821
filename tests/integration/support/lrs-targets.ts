/**
 * Every LRS the platform must work with, started as real processes: the records server on SQLite
 * and on PostgreSQL, and Learning Locker's statements service.
 */
import { startLearningLocker } from './learning-locker.ts';
import { removeDataDir, startLrs, type LrsEndpoint } from './lrs-process.ts';
import { postgresBinDir, startPostgres } from './postgres.ts';

/** One LRS to run a test suite against. */
export interface LrsTarget {
  name: string;
  /** True where the LRS cannot run here (PostgreSQL missing outside CI). */
  skip?: boolean;
  start(): Promise<LrsEndpoint & { stop(): Promise<void> }>;
}

/** The three LRSs. */
export const LRS_TARGETS: LrsTarget[] = [
  {
    name: 'Gangway records server (SQLite)',
    async start() {
      const lrs = await startLrs();
      return { ...lrs, stop: async () => (await lrs.stop(), removeDataDir(lrs.dataDir)) };
    },
  },
  {
    name: 'Gangway records server (PostgreSQL)',
    // CI installs PostgreSQL; on a developer machine without it this target is skipped.
    skip: !postgresBinDir() && !process.env.CI,
    async start() {
      const pg = await startPostgres();
      const lrs = await startLrs({ databaseUrl: pg.url });
      return {
        ...lrs,
        stop: async () => (await lrs.stop(), pg.stop(), removeDataDir(lrs.dataDir)),
      };
    },
  },
  { name: "Learning Locker's xapi-statements", start: startLearningLocker },
];
