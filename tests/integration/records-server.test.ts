import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, startLrs, type LrsProcess } from './support/lrs-process.ts';
import { postgresBinDir, startPostgres, type TestPostgres } from './support/postgres.ts';
import { allPages, statement, xapi } from './support/xapi-client.ts';

const backends = [
  { name: 'SQLite', postgres: false },
  // CI installs PostgreSQL; on a developer machine without it the PostgreSQL half is skipped.
  { name: 'PostgreSQL', postgres: true, skip: !postgresBinDir() && !process.env.CI },
];

describe.each(backends)('records server on $name', ({ postgres, skip }) => {
  let pg: TestPostgres | undefined;
  let lrs: LrsProcess;

  beforeAll(async () => {
    if (skip) return;
    if (postgres) pg = await startPostgres();
    lrs = await startLrs({ databaseUrl: pg?.url });
  }, 60_000);

  afterAll(async () => {
    if (skip) return;
    await lrs?.stop();
    removeDataDir(lrs?.dataDir ?? '');
    pg?.stop();
  });

  it.skipIf(skip)('answers /about without credentials and /health', async () => {
    const about = await xapi(lrs, 'GET', 'about', { auth: null });
    expect(about.status).toBe(200);
    expect((about.json as { version: string[] }).version).toContain('1.0.3');
    expect((await fetch(new URL('/health', lrs.endpoint))).status).toBe(200);
  });

  it.skipIf(skip)(
    'stores a batch and returns each statement with stored, authority and version',
    async () => {
      const batch = [statement(), statement()];
      const posted = await xapi(lrs, 'POST', 'statements', { body: batch });
      expect(posted.status).toBe(200);
      expect(posted.json).toEqual(batch.map((s) => s.id));
      const got = await xapi(lrs, 'GET', 'statements', {
        query: { statementId: String(batch[1]?.id) },
      });
      expect(got.status).toBe(200);
      const stored = got.json as Record<string, unknown>;
      expect(stored.actor).toEqual(batch[1]?.actor);
      expect(stored.stored).toEqual(expect.any(String));
      expect(stored.version).toBe('1.0.0');
      expect((stored.authority as { name: string }).name).toBe('Test harness');
      expect(got.headers.get('x-experience-api-consistent-through')).toBeTruthy();
    },
  );

  it.skipIf(skip)('rejects a bad statement with 400 naming the field', async () => {
    const bad = statement({ actor: { mbox: 'not-an-email' } });
    const answer = await xapi(lrs, 'POST', 'statements', { body: bad });
    expect(answer.status).toBe(400);
    expect((answer.json as { message: string }).message).toContain('statement.actor.mbox');
  });

  it.skipIf(skip)(
    'accepts a resend of the same statement once and answers 409 for other content',
    async () => {
      const s = statement();
      expect((await xapi(lrs, 'POST', 'statements', { body: s })).status).toBe(200);
      expect((await xapi(lrs, 'POST', 'statements', { body: s })).status).toBe(200);
      const changed = { ...s, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' } };
      expect((await xapi(lrs, 'POST', 'statements', { body: changed })).status).toBe(409);
      const stored = await allPages(lrs, { agent: JSON.stringify(s.actor) });
      expect(stored.map((x) => x.id)).toEqual([s.id]);
    },
  );

  it.skipIf(skip)(
    'answers the dashboard queries: registration, verb+activity, related agents, paging with more',
    async () => {
      const registration = randomUUID();
      const trainer = {
        objectType: 'Agent',
        name: 'Trainer',
        account: {
          homePage: 'https://academy.example',
          name: `trainer-${registration.slice(0, 6)}`,
        },
      };
      const course = `https://gangway.example/courses/3.27/${registration}`;
      const inSession = Array.from({ length: 7 }, () =>
        statement({ context: { registration, instructor: trainer } }),
      );
      const completion = statement({
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
        object: { id: course },
        context: { registration, instructor: trainer },
      });
      expect(
        (await xapi(lrs, 'POST', 'statements', { body: [...inSession, completion] })).status,
      ).toBe(200);

      const session = await allPages(lrs, { registration, limit: '3' });
      expect(session).toHaveLength(8);
      expect(new Set(session.map((s) => s.id)).size).toBe(8);

      const completions = await allPages(lrs, {
        verb: 'http://adlnet.gov/expapi/verbs/completed',
        activity: course,
      });
      expect(completions.map((s) => s.id)).toEqual([completion.id]);

      const byTrainer = await allPages(lrs, {
        agent: JSON.stringify(trainer),
        related_agents: 'true',
      });
      expect(byTrainer).toHaveLength(8);
      expect(await allPages(lrs, { agent: JSON.stringify(trainer) })).toHaveLength(0);
    },
  );

  it.skipIf(skip)('keeps pages stable when statements arrive between pages', async () => {
    const registration = randomUUID();
    const first = Array.from({ length: 4 }, () => statement({ context: { registration } }));
    await xapi(lrs, 'POST', 'statements', { body: first });
    const page1 = await xapi(lrs, 'GET', 'statements', { query: { registration, limit: '2' } });
    await xapi(lrs, 'POST', 'statements', { body: statement({ context: { registration } }) });
    const more = (page1.json as { more: string }).more;
    const page2 = await xapi(lrs, 'GET', new URL(more, lrs.endpoint).href);
    const ids = [
      ...(page1.json as { statements: { id: string }[] }).statements,
      ...(page2.json as { statements: { id: string }[] }).statements,
    ].map((s) => s.id);
    expect(ids.sort()).toEqual(first.map((s) => String(s.id)).sort());
  });

  it.skipIf(skip)(
    'voids a statement: gone from queries, still there as a voided statement',
    async () => {
      const target = statement();
      await xapi(lrs, 'POST', 'statements', { body: target });
      const voiding = statement({
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
        object: { objectType: 'StatementRef', id: target.id },
      });
      expect((await xapi(lrs, 'POST', 'statements', { body: voiding })).status).toBe(200);
      expect(
        (await xapi(lrs, 'GET', 'statements', { query: { statementId: String(target.id) } }))
          .status,
      ).toBe(404);
      expect(
        (await xapi(lrs, 'GET', 'statements', { query: { voidedStatementId: String(target.id) } }))
          .status,
      ).toBe(200);
      const theirs = await allPages(lrs, { agent: JSON.stringify(target.actor) });
      expect(theirs.map((s) => s.id)).not.toContain(target.id);
    },
  );

  it.skipIf(skip)('enforces scopes and revocation', async () => {
    const writeOnly = lrs.credential('Site', 'statements/write');
    expect(
      (await xapi(lrs, 'POST', 'statements', { body: statement(), auth: writeOnly })).status,
    ).toBe(200);
    const read = await xapi(lrs, 'GET', 'statements', { auth: writeOnly });
    expect(read.status).toBe(403);
    expect((read.json as { message: string }).message).toContain('lacks the scope');

    const mine = lrs.credential('Own records', 'statements/write,statements/read/mine');
    const own = statement();
    await xapi(lrs, 'POST', 'statements', { body: own, auth: mine });
    const visible = (await xapi(lrs, 'GET', 'statements', { auth: mine })).json as {
      statements: { id: string }[];
    };
    expect(visible.statements.map((s) => s.id)).toEqual([own.id]);

    expect(
      (
        await xapi(lrs, 'GET', 'statements', {
          auth: 'Basic ' + Buffer.from('nobody:wrong').toString('base64'),
        })
      ).status,
    ).toBe(401);
    lrs.revoke(writeOnly);
    expect(
      (await xapi(lrs, 'POST', 'statements', { body: statement(), auth: writeOnly })).status,
    ).toBe(401);
  });

  it.skipIf(skip)('keeps state documents with ETag concurrency and JSON merge', async () => {
    const query = {
      activityId: 'https://gangway.example/courses/3.27',
      agent: JSON.stringify({ mbox: 'mailto:learner@example.com' }),
      stateId: 'bookmark',
    };
    expect(
      (await xapi(lrs, 'PUT', 'activities/state', { query, body: { lesson: 'm1/01' } })).status,
    ).toBe(204);
    const got = await xapi(lrs, 'GET', 'activities/state', { query });
    const etag = got.headers.get('etag') ?? '';
    expect(got.json).toEqual({ lesson: 'm1/01' });
    expect(
      (await xapi(lrs, 'POST', 'activities/state', { query, body: { score: 0.8 } })).status,
    ).toBe(204);
    expect((await xapi(lrs, 'GET', 'activities/state', { query })).json).toEqual({
      lesson: 'm1/01',
      score: 0.8,
    });
    expect(
      (
        await xapi(lrs, 'PUT', 'activities/state', {
          query,
          body: { lesson: 'x' },
          headers: { 'If-Match': etag },
        })
      ).status,
    ).toBe(412);
    const scope = { activityId: query.activityId, agent: query.agent };
    expect((await xapi(lrs, 'GET', 'activities/state', { query: scope })).json).toEqual([
      'bookmark',
    ]);
  });

  it.skipIf(skip)('answers CORS preflights and the alternate request syntax', async () => {
    const preflight = await fetch(new URL('statements', lrs.endpoint), {
      method: 'OPTIONS',
      headers: { Origin: 'http://ship.local', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain(
      'X-Experience-API-Version',
    );
    const s = statement();
    const form = new URLSearchParams({
      Authorization: lrs.auth,
      'X-Experience-API-Version': '1.0.3',
      'Content-Type': 'application/json',
      statementId: String(s.id),
      content: JSON.stringify(s),
    });
    const put = await fetch(new URL('statements?method=PUT', lrs.endpoint), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(put.status).toBe(204);
    expect(
      (await xapi(lrs, 'GET', 'statements', { query: { statementId: String(s.id) } })).status,
    ).toBe(200);
  });

  it.skipIf(skip)(
    'keeps an acknowledged statement after SIGKILL',
    async () => {
      const s = statement();
      expect((await xapi(lrs, 'POST', 'statements', { body: s })).status).toBe(200);
      await lrs.kill();
      lrs = await lrs.restart();
      expect(
        (await xapi(lrs, 'GET', 'statements', { query: { statementId: String(s.id) } })).status,
      ).toBe(200);
    },
    30_000,
  );

  it.skipIf(skip)(
    'stores each id once when 4 clients post conflicting batches at the same time',
    async () => {
      // On PostgreSQL the clients are split over two server processes sharing the database.
      const second = postgres
        ? await startLrs({ databaseUrl: pg?.url, dataDir: lrs.dataDir, auth: lrs.auth })
        : lrs;
      const shared = Array.from({ length: 20 }, () => randomUUID());
      const registration = randomUUID();
      const clients = Array.from({ length: 4 }, (_, client) =>
        (async () => {
          const results: { status: number; ids: string[] }[] = [];
          for (let round = 0; round < 5; round++) {
            // Every client sends the same ids with its own content: only one version of each may win.
            const batch = shared.slice(round * 4, round * 4 + 4).map((id) =>
              statement({
                id,
                context: { registration },
                result: { response: `client-${client}` },
              }),
            );
            const answer = await xapi(client % 2 === 0 ? lrs : second, 'POST', 'statements', {
              body: batch,
            });
            results.push({ status: answer.status, ids: batch.map((b) => String(b.id)) });
          }
          return results;
        })(),
      );
      const results = (await Promise.all(clients)).flat();
      if (second !== lrs) await second.stop();
      expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
      const stored = await allPages(lrs, { registration });
      const storedIds = stored.map((s) => String(s.id));
      expect(new Set(storedIds).size).toBe(storedIds.length);
      for (const acknowledged of results.filter((r) => r.status === 200)) {
        for (const id of acknowledged.ids) expect(storedIds).toContain(id);
      }
      expect(results.filter((r) => r.status === 409).length).toBeGreaterThan(0);
    },
    60_000,
  );
});

describe('records server backup', () => {
  let lrs: LrsProcess;
  beforeAll(async () => {
    lrs = await startLrs();
  });
  afterAll(async () => {
    await lrs.stop();
    removeDataDir(lrs.dataDir);
  });

  it('backs up the SQLite file while serving', async () => {
    const s = statement();
    await xapi(lrs, 'POST', 'statements', { body: s });
    const out = join(tmpdir(), `gangway-backup-${randomUUID()}.sqlite`);
    execFileSync(process.execPath, [
      'src/lrs/cli.ts',
      'backup',
      '--data-dir',
      lrs.dataDir,
      '--out',
      out,
    ]);
    const copy = new DatabaseSync(out);
    const row = copy
      .prepare('SELECT COUNT(*) AS n FROM statements WHERE id = ?')
      .get(String(s.id)) as { n: number };
    copy.close();
    removeDataDir(out);
    expect(row.n).toBe(1);
  });
});

describe('records server request limits', () => {
  let lrs: LrsProcess;
  beforeAll(async () => {
    lrs = await startLrs({ args: ['--max-body', '2000'] });
  });
  afterAll(async () => {
    await lrs.stop();
    removeDataDir(lrs.dataDir);
  });

  it('refuses a body over the limit with 413 and a reason, and keeps serving', async () => {
    const big = Array.from({ length: 20 }, () => statement());
    const answer = await xapi(lrs, 'POST', 'statements', { body: big });
    expect(answer.status).toBe(413);
    expect((answer.json as { message: string }).message).toContain(
      'larger than the limit of 2000 bytes',
    );
    expect((await xapi(lrs, 'POST', 'statements', { body: statement() })).status).toBe(200);
  });
});
