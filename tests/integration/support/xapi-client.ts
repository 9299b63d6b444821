import { randomUUID } from 'node:crypto';
import type { LrsEndpoint } from './lrs-process.ts';

/** A raw xAPI call's answer. */
export interface XapiAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** Calls an LRS resource with the xAPI version header and the given credential. */
export async function xapi(
  lrs: LrsEndpoint,
  method: string,
  resource: string,
  options: {
    query?: Record<string, string>;
    body?: unknown;
    headers?: Record<string, string>;
    auth?: string | null;
    raw?: string;
  } = {},
): Promise<XapiAnswer> {
  const url = new URL(resource, lrs.endpoint);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = {
    'X-Experience-API-Version': '1.0.3',
    ...options.headers,
  };
  const auth = options.auth === undefined ? lrs.auth : options.auth;
  if (auth) headers.Authorization = auth;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(url, {
    method,
    headers,
    body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A valid statement; `overrides` replace top-level fields. */
export function statement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: randomUUID(),
    actor: {
      objectType: 'Agent',
      name: 'Test Learner',
      account: { homePage: 'https://academy.example', name: `t-${randomUUID().slice(0, 8)}` },
    },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { en: 'experienced' } },
    object: {
      objectType: 'Activity',
      id: 'https://gangway.example/courses/3.27/m1/01-why-security',
    },
    timestamp: new Date().toISOString(),
    ...overrides,
  };
}

/** Follows `more` links to the end and returns every statement of a query. */
export async function allPages(
  lrs: LrsEndpoint,
  query: Record<string, string>,
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  let answer = await xapi(lrs, 'GET', 'statements', { query });
  for (let page = 0; page < 1000; page++) {
    if (answer.status !== 200)
      throw new Error(`GET statements answered ${answer.status}: ${answer.text}`);
    const result = answer.json as { statements: Record<string, unknown>[]; more: string };
    found.push(...result.statements);
    if (!result.more) return found;
    const next = new URL(result.more, lrs.endpoint);
    answer = await xapi(lrs, 'GET', next.href);
  }
  throw new Error('too many pages');
}
