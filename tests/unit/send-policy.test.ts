import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  decide,
  MAX_BACKOFF_MS,
  retryAfterMs,
} from '../../src/tracking/send-policy.ts';

describe('outbox send policy', () => {
  it('treats 200, 204 and a single-statement 409 (already stored) as delivered', () => {
    expect(decide({ status: 200 }, 50, 0).kind).toBe('delivered');
    expect(decide({ status: 204 }, 1, 0).kind).toBe('delivered');
    expect(decide({ status: 409 }, 1, 0).kind).toBe('delivered');
  });

  it('splits a refused batch to find the statement at fault, and dead-letters it with the reason', () => {
    expect(decide({ status: 400, message: 'statement.actor.mbox: wrong' }, 10, 0).kind).toBe(
      'split',
    );
    expect(decide({ status: 409 }, 10, 0).kind).toBe('split');
    expect(decide({ status: 400, message: 'statement.actor.mbox: wrong' }, 1, 0)).toEqual({
      kind: 'dead',
      reason: 'statement.actor.mbox: wrong',
    });
  });

  it('stops on 401 and 403 with a message a person understands', () => {
    expect(decide({ status: 401 }, 5, 0)).toMatchObject({
      kind: 'stop',
      reason: expect.stringContaining('credential'),
    });
    expect(decide({ status: 403, message: 'lacks the scope' }, 5, 0)).toMatchObject({
      kind: 'stop',
      reason: expect.stringContaining('lacks the scope'),
    });
  });

  it('honours Retry-After on 429 and 503, in seconds or as a date', () => {
    expect(decide({ status: 429, retryAfter: '30' }, 5, 0)).toMatchObject({
      kind: 'wait',
      ms: 30_000,
    });
    expect(decide({ status: 503, retryAfter: '7' }, 5, 3)).toMatchObject({
      kind: 'wait',
      ms: 7_000,
    });
    expect(
      retryAfterMs('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT')),
    ).toBe(10_000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });

  it('backs off exponentially with jitter for server errors and unreachable servers, up to 5 minutes', () => {
    const low = () => 0;
    const high = () => 0.999999;
    expect(backoffDelay(0, low)).toBe(1_000);
    expect(backoffDelay(0, high)).toBeLessThanOrEqual(2_000);
    expect(backoffDelay(3, low)).toBe(8_000);
    expect(backoffDelay(30, high)).toBeLessThanOrEqual(MAX_BACKOFF_MS);
    expect(decide({ status: 500 }, 5, 2, low)).toMatchObject({ kind: 'wait', ms: 4_000 });
    expect(decide({ networkError: 'fetch failed' }, 5, 0, low)).toMatchObject({
      kind: 'wait',
      reason: expect.stringContaining('cannot be reached'),
    });
  });
});
