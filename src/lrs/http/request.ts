/**
 * The request as the LRS routes see it, after reading the body, applying xAPI's alternate
 * request syntax (a POST with `?method=` and the real headers and content in a form body) and
 * normalising header names. Also the error type routes throw to answer with a status.
 */
import type { IncomingMessage } from 'node:http';

/** A request ready for the xAPI routes. */
export interface LrsRequest {
  method: string;
  /** Path below the LRS base, e.g. `/statements`. */
  resource: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Buffer;
}

/** An error that becomes an HTTP response with this status and message. */
export class HttpError extends Error {
  /** The HTTP status to answer with. */
  readonly status: number;
  /** Extra response headers (e.g. WWW-Authenticate). */
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.headers = headers;
  }
}

/** Reads a request body, refusing more than `limit` bytes with 413. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit)
    throw new HttpError(413, `the request body is larger than the limit of ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit)
      throw new HttpError(413, `the request body is larger than the limit of ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const ALTERNATE_HEADERS = [
  'authorization',
  'x-experience-api-version',
  'content-type',
  'content-length',
  'if-match',
  'if-none-match',
];

/** Builds the LRS request, unwrapping the alternate request syntax when it is used. */
export function toLrsRequest(
  method: string,
  resource: string,
  query: URLSearchParams,
  headers: Record<string, string>,
  body: Buffer,
): LrsRequest {
  const alternate = query.get('method');
  if (alternate === null) return { method, resource, query, headers, body };
  if (method !== 'POST')
    throw new HttpError(
      400,
      'the "method" parameter (alternate request syntax) is only allowed on POST',
    );
  if ([...query.keys()].some((key) => key !== 'method')) {
    throw new HttpError(
      400,
      'with the alternate request syntax, every parameter except "method" goes in the form body',
    );
  }
  const realMethod = alternate.toUpperCase();
  if (!['GET', 'PUT', 'POST', 'DELETE'].includes(realMethod))
    throw new HttpError(400, `unknown method "${alternate}"`);
  if (!(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    throw new HttpError(
      400,
      'the alternate request syntax needs an application/x-www-form-urlencoded body with the content in a "content" field',
    );
  }
  const form = new URLSearchParams(body.toString('utf8'));
  const newHeaders: Record<string, string> = { ...headers };
  delete newHeaders['content-type'];
  const newQuery = new URLSearchParams();
  let content = Buffer.alloc(0);
  for (const [key, value] of form) {
    const lower = key.toLowerCase();
    if (ALTERNATE_HEADERS.includes(lower)) newHeaders[lower] = value;
    else if (key === 'content') content = Buffer.from(value, 'utf8');
    else newQuery.append(key, value);
  }
  if (content.length > 0 && !newHeaders['content-type'])
    newHeaders['content-type'] = 'application/json';
  return { method: realMethod, resource, query: newQuery, headers: newHeaders, body: content };
}

/** Parses a JSON parameter, with a 400 naming the parameter when it is not JSON. */
export function jsonParam(query: URLSearchParams, name: string): unknown {
  const raw = query.get(name);
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpError(400, `parameter "${name}" is not valid JSON`);
  }
}

/** Parses a JSON body, with a 400 when it is not JSON. */
export function jsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON');
  }
}
