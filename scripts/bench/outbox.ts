/**
 * Outbox benchmark: statements per second drained from the outbox to a local records server, and
 * bytes on the wire per statement. The outbox runs on fake-indexeddb in Node (the browser's
 * IndexedDB is faster or slower by device); the sender, batching and HTTP are the real ones.
 *
 * `node scripts/bench/outbox.ts [--statements 5000]`
 */
import 'fake-indexeddb/auto';
import { parseArgs } from 'node:util';
import type { Question } from '../../src/content/schemas.ts';
import { activityIds } from '../../src/statements/activity-ids.ts';
import { buildAnsweredStatement } from '../../src/statements/build-statements.ts';
import { StatementOutbox } from '../../src/tracking/outbox.ts';
import { OutboxSender } from '../../src/tracking/sender.ts';
import { uuid } from '../../src/tracking/uuid.ts';
import { removeDataDir, startLrs } from '../../tests/integration/support/lrs-process.ts';

const { values } = parseArgs({ options: { statements: { type: 'string', default: '5000' } } });
const count = Number(values.statements);

const question: Question = {
  id: 'm2-level-2-meaning',
  type: 'single',
  objective: '3.27-LO-2.1',
  reference: 'ISPS A/2.1.10',
  prompt:
    'You are an oiler. During lunch the officer of the watch announces that the ship is now at security level 2. What does level 2 actually mean?',
  explanation:
    'Level 2 means additional protective measures are kept in place for a period of heightened risk.',
  choices: ['a', 'b', 'c', 'd'].map((id, i) => ({
    id,
    text: `Choice ${id}: a sentence of realistic length for a learner to read`,
    correct: i === 0,
    feedback: 'Feedback',
  })),
};

const lrs = await startLrs();
try {
  const outbox = new StatementOutbox(`bench-${uuid()}`);
  const ids = activityIds('https://academy.example/gangway/');
  const learner = {
    actor: {
      objectType: 'Agent' as const,
      name: 'Bench Learner',
      account: { homePage: 'https://academy.example/gangway/', name: 'B-1' },
    },
    registration: uuid(),
  };
  const statements = Array.from({ length: count }, () =>
    buildAnsweredStatement({
      ids,
      learner,
      course: {
        id: '3.27',
        title: 'Security awareness training for all seafarers',
        language: 'en',
      },
      meta: { id: uuid(), timestamp: new Date().toISOString() },
      quiz: { kind: 'final', title: 'Final assessment' },
      question,
      response: { type: 'single', choice: 'b' },
      correct: false,
    }),
  );
  for (let i = 0; i < statements.length; i += 500)
    await outbox.add(...statements.slice(i, i + 500));
  let bytes = 0;
  const counting: typeof fetch = async (input, init) => {
    const body = typeof init?.body === 'string' ? Buffer.byteLength(init.body) : 0;
    const headers = Object.entries((init?.headers ?? {}) as Record<string, string>).reduce(
      (sum, [k, v]) => sum + k.length + v.length + 4,
      0,
    );
    bytes += body + headers + 80; // request line and Host/Content-Length, roughly
    return fetch(input, init);
  };
  const sender = new OutboxSender({
    outbox,
    lrs: { endpoint: lrs.endpoint, auth: lrs.auth },
    fetch: counting,
  });
  const started = performance.now();
  const result = await sender.drain();
  const seconds = (performance.now() - started) / 1000;
  if (result.state !== 'idle') throw new Error(`the drain ended ${JSON.stringify(result)}`);
  console.log(`
Outbox benchmark (${count} answered statements, batches of 50, local records server on SQLite)
  drained                      ${(count / seconds).toFixed(0)} statements/s (${seconds.toFixed(1)} s)
  bytes on the wire            ${(bytes / count).toFixed(0)} bytes per statement (request side, uncompressed)`);
} finally {
  await lrs.stop();
  removeDataDir(lrs.dataDir);
}
