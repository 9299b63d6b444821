/**
 * The LRS client trainers and administrators use with their own credential: checks the credential,
 * reads statements page by page (following `more`), posts and voids statements. Standard xAPI only,
 * so it works against any conformant LRS; runs in the browser and in Node (the CLI). Uses xAPI.js
 * through the same fetch adapter as the learner's sender, so every failure is an
 * {@link LrsHttpError} with its status.
 */
import XAPI from '@xapi/xapi';
import type { Agent, Statement } from '@xapi/xapi';
import { fetchAdapter, LrsHttpError, type LrsTarget } from '../tracking/sender.ts';

/** What a staff credential must be allowed to do for a page or command. */
export interface StaffNeeds {
  read: boolean;
  write: boolean;
}

/** The query parameters of `GET statements` this client passes on. */
export type StatementQuery = Partial<
  Record<
    | 'agent'
    | 'verb'
    | 'activity'
    | 'registration'
    | 'related_activities'
    | 'related_agents'
    | 'since'
    | 'until'
    | 'limit'
    | 'ascending'
    | 'format',
    string
  >
>;

/** A staff credential problem in words a trainer can act on. */
export class StaffCredentialError extends Error {
  /** What went wrong, for tests and styling. */
  readonly kind: 'wrong-credential' | 'missing-scope' | 'unreachable' | 'not-an-lrs';

  constructor(kind: StaffCredentialError['kind'], message: string) {
    super(message);
    this.name = 'StaffCredentialError';
    this.kind = kind;
  }
}

/** Builds a Basic Authorization header from a key and secret (or passes a full header through). */
export function staffAuthHeader(keyOrHeader: string, secret?: string): string {
  const key = keyOrHeader.trim();
  if (/^basic\s+/i.test(key) && !secret) return `Basic ${key.replace(/^basic\s+/i, '')}`;
  const pair = `${key}:${(secret ?? '').trim()}`;
  const bytes = new TextEncoder().encode(pair);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** Normalises an endpoint typed by a person: absolute URL ending in `/`. */
export function normaliseEndpoint(endpoint: string, base?: string): string {
  const url = new URL(endpoint.trim(), base);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/** Turns a failed request into the message a trainer or administrator sees. */
export function describeLrsFailure(error: unknown, endpoint: string, action: string): Error {
  if (error instanceof StaffCredentialError) return error;
  if (error instanceof LrsHttpError) {
    if (error.status === 401)
      return new StaffCredentialError(
        'wrong-credential',
        `The records server at ${endpoint} did not accept this key and secret (401). Check both and try again.`,
      );
    if (error.status === 403)
      return new StaffCredentialError(
        'missing-scope',
        `This credential is not allowed to ${action} (403). Ask the administrator for a credential with the statements/read and statements/write scopes.`,
      );
    if (error.status === 404)
      return new StaffCredentialError(
        'not-an-lrs',
        `${endpoint} is not an xAPI records server (404 for the statements resource). Check the address.`,
      );
    return new Error(
      `The records server at ${endpoint} answered ${error.status} when asked to ${action}: ${error.message}`,
      { cause: error },
    );
  }
  return new StaffCredentialError(
    'unreachable',
    `Cannot reach the records server at ${endpoint} to ${action}. Check the address and the connection, then try again.`,
  );
}

/** A trainer's or administrator's connection to an LRS with their own credential. */
export class StaffClient {
  /** Where requests go and with which credential. */
  readonly target: LrsTarget;
  readonly #xapi: XAPI;

  constructor(target: LrsTarget, fetchImpl?: typeof fetch) {
    this.target = target;
    this.#xapi = new XAPI({
      endpoint: target.endpoint,
      auth: target.auth,
      adapter: fetchAdapter(fetchImpl ?? ((...args) => fetch(...args))),
    });
  }

  /**
   * Checks that the credential works and may do what is needed: reading with a one-statement
   * query, writing with an empty batch (stores nothing; an LRS checks the scope before the body).
   * Throws a {@link StaffCredentialError} saying what is wrong.
   */
  async check(needs: StaffNeeds): Promise<void> {
    if (needs.read) {
      try {
        await this.#xapi.getStatements({ limit: 1 });
      } catch (error) {
        throw describeLrsFailure(error, this.target.endpoint, 'read statements');
      }
    }
    if (needs.write) {
      try {
        await this.#xapi.sendStatements({ statements: [] });
      } catch (error) {
        // Some LRSs refuse an empty batch as invalid (400): the scope was accepted all the same.
        if (error instanceof LrsHttpError && error.status === 400) return;
        throw describeLrsFailure(error, this.target.endpoint, 'write statements');
      }
    }
  }

  /**
   * Reads every statement matching a query, one page at a time, following `more`. Yields pages so
   * a caller can show progress and keep memory bounded.
   */
  async *pages(query: StatementQuery): AsyncGenerator<Statement[]> {
    let response;
    try {
      response = await this.#xapi.getStatements(query as never);
    } catch (error) {
      throw describeLrsFailure(error, this.target.endpoint, 'read statements');
    }
    while (true) {
      const result = response.data as unknown as { statements: Statement[]; more?: string };
      yield result.statements;
      if (!result.more) return;
      try {
        response = await this.#xapi.getMoreStatements({ more: result.more });
      } catch (error) {
        throw describeLrsFailure(error, this.target.endpoint, 'read statements');
      }
    }
  }

  /** Every statement matching a query (for small result sets such as one session). */
  async all(query: StatementQuery): Promise<Statement[]> {
    const found: Statement[] = [];
    for await (const page of this.pages(query)) found.push(...page);
    return found;
  }

  /** Writes a State API document (JSON). */
  async putState(where: {
    activityId: string;
    agent: Agent;
    stateId: string;
    document: unknown;
  }): Promise<void> {
    try {
      await this.#xapi.setState({
        activityId: where.activityId,
        agent: where.agent,
        stateId: where.stateId,
        state: where.document as never,
      });
    } catch (error) {
      throw describeLrsFailure(error, this.target.endpoint, 'save documents (the state scope)');
    }
  }

  /**
   * Whether the LRS holds a statement with this id: `stored`, `voided` (held, but voided) or
   * `absent`. Uses `GET statements?statementId=` (then `voidedStatementId=`), as any LRS serves.
   */
  async statementState(id: string): Promise<'stored' | 'voided' | 'absent'> {
    for (const [state, read] of [
      ['stored', () => this.#xapi.getStatement({ statementId: id })],
      ['voided', () => this.#xapi.getVoidedStatement({ voidedStatementId: id })],
    ] as const) {
      try {
        await read();
        return state;
      } catch (error) {
        if (!(error instanceof LrsHttpError && error.status === 404))
          throw describeLrsFailure(error, this.target.endpoint, 'read statements');
      }
    }
    return 'absent';
  }

  /** Stores statements (ids set by the caller, so a retry is idempotent). */
  async send(statements: Statement[]): Promise<void> {
    try {
      await this.#xapi.sendStatements({ statements });
    } catch (error) {
      throw describeLrsFailure(error, this.target.endpoint, 'write statements');
    }
  }
}
