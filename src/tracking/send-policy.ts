/**
 * What the outbox sender does with each LRS answer, and how long it waits before trying again.
 * Pure, so every rule is unit-tested:
 *
 * - 200/204 → delivered. A 409 for a single statement means the id is stored already (the outbox
 *   never changes a statement's content), so it counts as delivered too.
 * - 400, 409 or 413 for a batch → send the statements one by one to find the culprit; a single
 *   statement refused with 400 goes to the dead-letter list with the LRS's reason.
 * - 401/403 → stop and say so: only a new credential helps.
 * - 429/503 with Retry-After → wait as told; other 5xx, network failures → exponential backoff
 *   with jitter.
 */

/** What to do after one send. */
export type SendDecision =
  | { kind: 'delivered' }
  | { kind: 'split' }
  | { kind: 'dead'; reason: string }
  | { kind: 'stop'; reason: string }
  | { kind: 'wait'; ms: number; reason: string };

/** The outcome of one POST of `batchSize` statements: an HTTP answer or a network failure. */
export type SendOutcome =
  { status: number; retryAfter?: string | null; message?: string } | { networkError: string };

/** Longest wait between attempts. */
export const MAX_BACKOFF_MS = 5 * 60_000;
const BASE_BACKOFF_MS = 2_000;

/** Exponential backoff with full jitter: attempt 0 waits up to 2 s, doubling to at most 5 minutes. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Reads Retry-After (seconds or an HTTP date) as milliseconds from `now`. */
export function retryAfterMs(
  header: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Decides what a send's outcome means for the statements sent. */
export function decide(
  outcome: SendOutcome,
  batchSize: number,
  attempt: number,
  random: () => number = Math.random,
): SendDecision {
  if ('networkError' in outcome) {
    return {
      kind: 'wait',
      ms: backoffDelay(attempt, random),
      reason: `the records server cannot be reached (${outcome.networkError})`,
    };
  }
  const { status, message } = outcome;
  if (status === 200 || status === 204) return { kind: 'delivered' };
  if (status === 409 && batchSize === 1) return { kind: 'delivered' };
  if ((status === 400 || status === 409 || status === 413) && batchSize > 1)
    return { kind: 'split' };
  if (status === 400 || status === 413)
    return { kind: 'dead', reason: message || `the records server refused it (${status})` };
  if (status === 401 || status === 403) {
    return {
      kind: 'stop',
      reason:
        status === 401
          ? 'the records server did not accept the site’s credential'
          : `the credential may not send statements${message ? `: ${message}` : ''}`,
    };
  }
  const told = status === 429 || status === 503 ? retryAfterMs(outcome.retryAfter) : undefined;
  if (told !== undefined)
    return {
      kind: 'wait',
      ms: Math.min(told, MAX_BACKOFF_MS),
      reason: `the records server asked to wait (${status})`,
    };
  return {
    kind: 'wait',
    ms: backoffDelay(attempt, random),
    reason: `the records server answered ${status}`,
  };
}
