/**
 * Drains the outbox to an LRS in batches, following the send policy: delivered statements move to
 * the delivered list, refused ones to the dead-letter list, and anything else waits for the next
 * attempt. Uses xAPI.js for the requests, through a fetch adapter that keeps every status and
 * header the policy needs.
 */
import XAPI from '@xapi/xapi';
import { decide, type SendDecision, type SendOutcome } from './send-policy.ts';
import type { PendingStatement, StatementOutbox } from './outbox.ts';

/** xAPI.js's adapter function type (not exported by the package itself). */
type AdapterFunction = Exclude<
  NonNullable<ConstructorParameters<typeof XAPI>[0]['adapter']>,
  string
>;

/** Where statements go. */
export interface LrsTarget {
  /** LRS endpoint, ending in `/`. */
  endpoint: string;
  /** Authorization header value, e.g. `Basic …`. */
  auth: string;
}

/** The result of one drain. */
export type DrainResult =
  | { state: 'idle' }
  | { state: 'waiting'; ms: number; reason: string }
  | { state: 'stopped'; reason: string };

/** An LRS answer that was not 2xx. */
export class LrsHttpError extends Error {
  /** HTTP status. */
  readonly status: number;
  /** The Retry-After header, if any. */
  readonly retryAfter: string | null;

  constructor(status: number, retryAfter: string | null, message: string) {
    super(message);
    this.name = 'LrsHttpError';
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

/** An xAPI.js adapter on fetch that turns non-2xx answers into {@link LrsHttpError}. */
export function fetchAdapter(fetchImpl: typeof fetch = fetch): AdapterFunction {
  return (async ({
    url,
    method,
    headers,
    data,
  }: {
    url: string;
    method: string;
    headers?: Record<string, unknown>;
    data?: unknown;
  }) => {
    const response = await fetchImpl(url, {
      // The credential is in the Authorization header; omitting the browser's own credentials
      // also stops a 401 (with WWW-Authenticate) from opening the browser's login prompt.
      credentials: 'omit',
      method,
      headers: headers as Record<string, string>,
      body: data === undefined ? undefined : typeof data === 'string' ? data : JSON.stringify(data),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Non-JSON bodies (documents, error pages) stay text.
    }
    if (!response.ok) {
      const message =
        typeof body === 'object' && body && 'message' in body
          ? String((body as { message: unknown }).message)
          : text.slice(0, 300);
      throw new LrsHttpError(response.status, response.headers.get('retry-after'), message);
    }
    return { data: body, headers: Object.fromEntries(response.headers), status: response.status };
  }) as AdapterFunction;
}

/** Sends the outbox's statements to one LRS. */
export class OutboxSender {
  readonly #outbox: StatementOutbox;
  readonly #xapi: XAPI;
  readonly #batchSize: number;
  readonly #random: () => number;
  #attempt = 0;

  constructor(options: {
    outbox: StatementOutbox;
    lrs: LrsTarget;
    fetch?: typeof fetch;
    batchSize?: number;
    random?: () => number;
  }) {
    this.#outbox = options.outbox;
    this.#xapi = new XAPI({
      endpoint: options.lrs.endpoint,
      auth: options.lrs.auth,
      adapter: fetchAdapter(options.fetch),
    });
    this.#batchSize = options.batchSize ?? 50;
    this.#random = options.random ?? Math.random;
  }

  /** Sends until the outbox is empty, the LRS asks to wait, or sending must stop. */
  async drain(): Promise<DrainResult> {
    while (true) {
      const batch = await this.#outbox.oldest(this.#batchSize);
      if (batch.length === 0) return { state: 'idle' };
      const result = await this.#send(batch);
      if (result) return result;
    }
  }

  async #send(items: PendingStatement[]): Promise<DrainResult | undefined> {
    const decision: SendDecision = decide(
      await this.#post(items),
      items.length,
      this.#attempt,
      this.#random,
    );
    switch (decision.kind) {
      case 'delivered':
        this.#attempt = 0;
        await this.#outbox.markDelivered(items.map((i) => i.id));
        return undefined;
      case 'split':
        for (const item of items) {
          const result = await this.#send([item]);
          if (result) return result;
        }
        return undefined;
      case 'dead':
        await this.#outbox.markDead(items[0]?.id ?? '', 400, decision.reason);
        return undefined;
      case 'stop':
        return { state: 'stopped', reason: decision.reason };
      case 'wait':
        this.#attempt++;
        return { state: 'waiting', ms: decision.ms, reason: decision.reason };
    }
  }

  async #post(items: PendingStatement[]): Promise<SendOutcome> {
    try {
      await this.#xapi.sendStatements({ statements: items.map((i) => i.statement) });
      return { status: 200 };
    } catch (error) {
      if (error instanceof LrsHttpError)
        return { status: error.status, retryAfter: error.retryAfter, message: error.message };
      return { networkError: error instanceof Error ? error.message : String(error) };
    }
  }
}
