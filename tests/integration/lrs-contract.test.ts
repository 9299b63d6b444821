/**
 * The xAPI the platform relies on, checked against every LRS it must work with: its own records
 * server on SQLite and on PostgreSQL, and Learning Locker's statements service. Nothing here may
 * depend on the records server's private behaviour.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LrsEndpoint } from './support/lrs-process.ts';
import { LRS_TARGETS } from './support/lrs-targets.ts';
import { allPages, statement, xapi } from './support/xapi-client.ts';

const targets = LRS_TARGETS;

describe.each(targets)('xAPI contract on $name', (target) => {
  let lrs: LrsEndpoint & { stop(): Promise<void> };
  beforeAll(async () => {
    if (!target.skip) lrs = await target.start();
  }, 60_000);
  afterAll(async () => {
    if (!target.skip) await lrs?.stop();
  });

  it.skipIf(target.skip)(
    'stores a batch with device-made ids and treats a resend as delivered',
    async () => {
      const batch = [statement(), statement()];
      const first = await xapi(lrs, 'POST', 'statements', { body: batch });
      expect(first.status).toBe(200);
      expect(first.json).toEqual(batch.map((s) => s.id));
      const resend = await xapi(lrs, 'POST', 'statements', { body: batch });
      expect([200, 204]).toContain(resend.status);
      const stored = await allPages(lrs, { agent: JSON.stringify(batch[0]?.actor) });
      expect(stored.map((s) => s.id)).toEqual([batch[0]?.id]);
    },
  );

  it.skipIf(target.skip)(
    'answers 409 for the same id with other content, and 400 for an invalid statement',
    async () => {
      const s = statement();
      await xapi(lrs, 'POST', 'statements', { body: s });
      expect(
        (
          await xapi(lrs, 'POST', 'statements', {
            body: { ...s, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' } },
          })
        ).status,
      ).toBe(409);
      expect(
        (
          await xapi(lrs, 'POST', 'statements', {
            body: { ...statement(), actor: { name: 'no identifier' } },
          })
        ).status,
      ).toBe(400);
    },
  );

  it.skipIf(target.skip)(
    'serves the live-session query: registration, since, paged with more',
    async () => {
      const registration = randomUUID();
      const since = new Date(Date.now() - 60_000).toISOString();
      const batch = Array.from({ length: 9 }, () => statement({ context: { registration } }));
      await xapi(lrs, 'POST', 'statements', { body: batch });
      const found = await allPages(lrs, { registration, since, limit: '4' });
      expect(found.map((s) => String(s.id)).sort()).toEqual(batch.map((s) => String(s.id)).sort());
    },
  );

  it.skipIf(target.skip)(
    'serves course completions and attendance: verb and activity',
    async () => {
      const course = `https://gangway.example/courses/3.27/${randomUUID()}`;
      const completed = statement({
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
        object: { id: course, objectType: 'Activity' },
      });
      const experienced = statement({ object: { id: course, objectType: 'Activity' } });
      await xapi(lrs, 'POST', 'statements', { body: [completed, experienced] });
      const found = await allPages(lrs, {
        verb: 'http://adlnet.gov/expapi/verbs/completed',
        activity: course,
      });
      expect(found.map((s) => s.id)).toEqual([completed.id]);
    },
  );

  it.skipIf(target.skip)(
    'serves the trainer history: agent with related_agents finds context.instructor',
    async () => {
      const trainer = {
        objectType: 'Agent',
        account: { homePage: 'https://academy.example', name: `trainer-${randomUUID()}` },
      };
      const taught = statement({ context: { instructor: trainer } });
      await xapi(lrs, 'POST', 'statements', { body: taught });
      const related = await allPages(lrs, {
        agent: JSON.stringify(trainer),
        related_agents: 'true',
      });
      expect(related.map((s) => s.id)).toEqual([taught.id]);
    },
  );
});
