/**
 * The outbox and its sender against real LRS processes: everything queued arrives exactly once,
 * refused statements wait in the dead-letter list with the LRS's reason, a wrong credential
 * stops sending, and an unreachable LRS keeps everything queued.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatementOutbox } from '../../src/tracking/outbox.ts';
import { OutboxSender } from '../../src/tracking/sender.ts';
import { removeDataDir, startLrs, type LrsEndpoint } from './support/lrs-process.ts';
import { LRS_TARGETS } from './support/lrs-targets.ts';
import { allPages, statement } from './support/xapi-client.ts';

const targets = LRS_TARGETS;

describe.each(targets)(
  'outbox sender to $name',
  ({
    start,
    skip,
  }: {
    start: () => Promise<LrsEndpoint & { stop(): Promise<void> }>;
    skip?: boolean;
  }) => {
    let lrs: LrsEndpoint & { stop(): Promise<void> };
    beforeAll(async () => {
      if (!skip) lrs = await start();
    }, 60_000);
    afterAll(async () => {
      if (!skip) await lrs?.stop();
    });

    it.skipIf(skip)('delivers every queued statement exactly once, in batches', async () => {
      const outbox = new StatementOutbox(`outbox-${randomUUID()}`);
      const registration = randomUUID();
      const statements = Array.from({ length: 120 }, () =>
        statement({ context: { registration } }),
      );
      await outbox.add(...(statements as never[]));
      const sender = new OutboxSender({
        outbox,
        lrs: { endpoint: lrs.endpoint, auth: lrs.auth },
        batchSize: 50,
      });
      expect(await sender.drain()).toEqual({ state: 'idle' });
      expect(await outbox.counts()).toEqual({ pending: 0, delivered: 120, dead: 0 });
      // A second drain and a resend of delivered statements change nothing.
      await outbox.add(...(statements.slice(0, 10) as never[]));
      expect(await sender.drain()).toEqual({ state: 'idle' });
      const stored = await allPages(lrs, { registration });
      expect(stored.map((s) => String(s.id)).sort()).toEqual(
        statements.map((s) => String(s.id)).sort(),
      );
    });

    it.skipIf(skip)(
      'dead-letters the one statement the LRS refuses, with its reason, and delivers the rest',
      async () => {
        const outbox = new StatementOutbox(`outbox-${randomUUID()}`);
        const registration = randomUUID();
        const good = Array.from({ length: 4 }, () => statement({ context: { registration } }));
        const bad = statement({
          context: { registration },
          actor: { objectType: 'Agent', mbox: 'not-an-email' },
        });
        await outbox.add(...([good[0], good[1], bad, good[2], good[3]] as never[]));
        const sender = new OutboxSender({
          outbox,
          lrs: { endpoint: lrs.endpoint, auth: lrs.auth },
        });
        expect(await sender.drain()).toEqual({ state: 'idle' });
        const dead = await outbox.deadLetters();
        expect(dead.map((d) => d.id)).toEqual([bad.id]);
        expect(dead[0]?.reason.length).toBeGreaterThan(0);
        expect((await allPages(lrs, { registration })).length).toBe(4);
      },
    );
  },
);

describe('outbox sender when the LRS says no or is not there', () => {
  let lrs: Awaited<ReturnType<typeof startLrs>>;
  beforeAll(async () => {
    lrs = await startLrs();
  });
  afterAll(async () => {
    await lrs.stop();
    removeDataDir(lrs.dataDir);
  });

  it('stops on a wrong credential and keeps everything queued', async () => {
    const outbox = new StatementOutbox(`outbox-${randomUUID()}`);
    await outbox.add(statement() as never);
    const sender = new OutboxSender({
      outbox,
      lrs: { endpoint: lrs.endpoint, auth: `Basic ${Buffer.from('who:wrong').toString('base64')}` },
    });
    expect(await sender.drain()).toMatchObject({
      state: 'stopped',
      reason: expect.stringContaining('credential'),
    });
    expect((await outbox.counts()).pending).toBe(1);
  });

  it('waits with backoff when the LRS is unreachable, and loses nothing', async () => {
    const outbox = new StatementOutbox(`outbox-${randomUUID()}`);
    await outbox.add(statement() as never, statement() as never);
    const sender = new OutboxSender({
      outbox,
      lrs: { endpoint: 'http://127.0.0.1:9/xapi/', auth: lrs.auth },
      random: () => 0,
    });
    expect(await sender.drain()).toMatchObject({
      state: 'waiting',
      ms: 1_000,
      reason: expect.stringContaining('cannot be reached'),
    });
    expect(await sender.drain()).toMatchObject({ state: 'waiting', ms: 2_000 });
    expect((await outbox.counts()).pending).toBe(2);
  });
});
