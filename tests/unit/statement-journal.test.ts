import 'fake-indexeddb/auto';
import type { Statement } from '@xapi/xapi';
import { describe, expect, it } from 'vitest';
import { StatementOutbox } from '../../src/tracking/outbox.ts';
import { StatementJournal } from '../../src/tracking/statement-journal.ts';

function memoryStorage(limit = Infinity) {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      if (value.length > limit) throw new DOMException('full', 'QuotaExceededError');
      items.set(key, value);
    },
    removeItem: (key: string) => void items.delete(key),
  };
}

const statement = (id: string): Statement => ({
  id,
  actor: { objectType: 'Agent', account: { homePage: 'https://ship.example/', name: 'T-1' } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
  object: { objectType: 'Activity', id: `https://gangway.example/courses/3.27/m1/${id}` },
});

describe('StatementJournal', () => {
  it('keeps statements until the outbox confirms them, once per id', () => {
    const storage = memoryStorage();
    const journal = new StatementJournal(storage);
    journal.append([statement('a'), statement('b')]);
    journal.append([statement('b'), statement('c')]);
    expect(journal.entries().map((s) => s.id)).toEqual(['a', 'b', 'c']);
    journal.remove(['a', 'c']);
    expect(journal.entries().map((s) => s.id)).toEqual(['b']);
    journal.remove(['b']);
    expect(storage.items.size).toBe(0);
  });

  it('treats an unreadable journal as empty and reports a full storage', () => {
    const storage = memoryStorage(10);
    storage.items.set('gangway:outbox-journal:v1', '{not json');
    const journal = new StatementJournal(storage);
    expect(journal.entries()).toEqual([]);
    expect(journal.append([statement('a')])).toBe(false);
  });
});

describe('StatementOutbox.addMissing (journal replay)', () => {
  it('adds only statements the outbox has never seen, so nothing delivered is sent again', async () => {
    const outbox = new StatementOutbox(`journal-test-${Math.random()}`);
    await outbox.add(statement('delivered'), statement('dead'), statement('pending'));
    await outbox.markDelivered(['delivered']);
    await outbox.markDead('dead', 400, 'bad');
    const added = await outbox.addMissing([
      statement('delivered'),
      statement('dead'),
      statement('pending'),
      statement('lost-on-close'),
    ]);
    expect(added).toBe(1);
    const pending = await outbox.oldest(10);
    expect(pending.map((p) => p.id).sort()).toEqual(['lost-on-close', 'pending']);
    expect(await outbox.counts()).toEqual({ pending: 2, delivered: 1, dead: 1 });
  });
});
