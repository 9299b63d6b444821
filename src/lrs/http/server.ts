/**
 * The records server's HTTP front: CORS, the xAPI version header, Basic authentication with
 * scopes, routing to the resources, JSON errors that name what is wrong, structured request
 * logs, `/health`, and optionally the static site beside the LRS.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  authorityFor,
  grants,
  secretFingerprint,
  verifySecret,
  type Permission,
} from '../auth/credentials.ts';
import type { LrsStore } from '../store/lrs-store.ts';
import type { Logger } from '../log.ts';
import { getAbout, getActivity, getPerson, handleDocuments } from './documents-route.ts';
import { HttpError, readBody, toLrsRequest, type LrsRequest } from './request.ts';
import type { Caller, LrsResponse } from './response.ts';
import { serveStatic } from './static-site.ts';
import { getStatements, postStatements, putStatement } from './statements-route.ts';

/** How the server is set up. */
export interface LrsServerOptions {
  store: LrsStore;
  logger: Logger;
  /** Path the LRS lives under, e.g. `/xapi`. */
  basePath: string;
  /** The public URL of the LRS (homePage of authority accounts). */
  publicUrl: string;
  /** Origins allowed to call the LRS from a browser; `*` for any. */
  corsOrigins: string[] | '*';
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Largest page of statements returned. */
  maxPageSize: number;
  /**
   * A built site to serve at `/`, with a generated `/config.json`, and `files` served from
   * outside it by path (e.g. `/certificate-public-key.json` from the data folder).
   */
  site?: { dir: string; config: unknown; files?: Record<string, string> };
}

const CACHE_MS = 30_000;

/** Creates the HTTP server (not yet listening). */
export function createLrsServer(options: LrsServerOptions): Server {
  /** Fingerprints of key/secret pairs whose scrypt check passed, with when to check again. */
  const verified = new Map<string, number>();

  async function authenticate(header: string | undefined): Promise<Caller> {
    const challenge = { 'WWW-Authenticate': 'Basic realm="Gangway records server"' };
    if (!header?.startsWith('Basic '))
      throw new HttpError(
        401,
        'this request needs Basic authentication with an LRS key and secret',
        challenge,
      );
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const key = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    const fingerprint = secretFingerprint(key, secret);
    // The credential is read on every request, so a revocation takes effect at once, also on
    // other servers sharing the database; only the slow scrypt check is remembered.
    const credential = colon > 0 ? await options.store.findCredential(key) : undefined;
    if (!credential || credential.revoked)
      throw new HttpError(
        401,
        'the key or secret is wrong, or the credential was revoked',
        challenge,
      );
    const cachedUntil = verified.get(fingerprint);
    if (!(cachedUntil && cachedUntil > Date.now())) {
      if (!(await verifySecret(secret, credential.secretHash))) {
        throw new HttpError(
          401,
          'the key or secret is wrong, or the credential was revoked',
          challenge,
        );
      }
      verified.set(fingerprint, Date.now() + CACHE_MS);
    }
    return {
      key: credential.key,
      name: credential.name,
      scopes: credential.scopes,
      authority: authorityFor(credential, options.publicUrl),
      readMineOnly: grants(credential.scopes, 'statements/read') === 'mine',
      canDefine: credential.scopes.some((s) => s === 'define' || s === 'all'),
    };
  }

  function require(caller: Caller, permission: Permission): void {
    if (!grants(caller.scopes, permission)) {
      throw new HttpError(
        403,
        `credential "${caller.name}" lacks the scope for ${permission} (it has: ${caller.scopes.join(', ')})`,
      );
    }
  }

  async function route(request: LrsRequest): Promise<LrsResponse> {
    // HEAD is answered as GET; the body is dropped when sending.
    const req = request.method === 'HEAD' ? { ...request, method: 'GET' } : request;
    const resource = req.resource.replace(/\/+$/, '');
    if (resource === '/about') {
      if (req.method !== 'GET') throw new HttpError(405, 'about only answers GET');
      return getAbout();
    }
    const version = req.headers['x-experience-api-version'];
    if (!version)
      throw new HttpError(400, 'the X-Experience-API-Version header is required (use 1.0.3)');
    if (!/^1\.0(\.\d+)?$/.test(version))
      throw new HttpError(400, `X-Experience-API-Version ${version} is not supported (use 1.0.3)`);
    const caller = await authenticate(req.headers.authorization);
    const write = req.method !== 'GET';
    const statementsContext = {
      store: options.store,
      maxPageSize: options.maxPageSize,
      statementsPath: `${options.basePath}/statements`,
    };
    switch (resource) {
      case '/statements':
        if (req.method === 'GET') {
          require(caller, 'statements/read');
          return getStatements(req, caller, statementsContext);
        }
        require(caller, 'statements/write');
        if (req.method === 'POST') return postStatements(req, caller, statementsContext);
        if (req.method === 'PUT') return putStatement(req, caller, statementsContext);
        throw new HttpError(405, `${req.method} is not allowed on statements`);
      case '/activities/state':
        require(caller, write ? 'state/write' : 'state/read');
        return handleDocuments('state', req, options.store);
      case '/activities/profile':
        require(caller, write ? 'profile/write' : 'profile/read');
        return handleDocuments('activity-profile', req, options.store);
      case '/agents/profile':
        require(caller, write ? 'profile/write' : 'profile/read');
        return handleDocuments('agent-profile', req, options.store);
      case '/activities':
        require(caller, 'lookup');
        return getActivity(req, options.store);
      case '/agents':
        require(caller, 'lookup');
        return getPerson(req);
      default:
        throw new HttpError(404, `no xAPI resource at ${options.basePath}${resource}`);
    }
  }

  function corsHeaders(origin: string | undefined): Record<string, string> {
    if (!origin) return {};
    const allowed = options.corsOrigins === '*' || options.corsOrigins.includes(origin);
    if (!allowed) return {};
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Methods': 'GET, HEAD, PUT, POST, DELETE, OPTIONS',
      'Access-Control-Allow-Headers':
        'Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match, Accept-Language',
      'Access-Control-Expose-Headers':
        'ETag, Last-Modified, X-Experience-API-Version, X-Experience-API-Consistent-Through, Content-Type',
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const cors = corsHeaders(req.headers.origin);
    // Every answer to GET statements carries Consistent-Through, errors included.
    if (url.pathname.replace(/\/+$/, '') === `${options.basePath}/statements` && method === 'GET') {
      cors['X-Experience-API-Consistent-Through'] = new Date().toISOString();
    }
    let status = 500;
    let caller: string | undefined;
    try {
      if (url.pathname === '/health') {
        await options.store.ping();
        status = 200;
        return send(res, { status: 200, json: { status: 'ok' } }, cors, method);
      }
      if (!url.pathname.startsWith(`${options.basePath}/`)) {
        if (options.site && (method === 'GET' || method === 'HEAD')) {
          status = await serveStatic(
            options.site.dir,
            url.pathname,
            options.site.config,
            res,
            method,
            options.site.files,
          );
          return;
        }
        throw new HttpError(404, `nothing at ${url.pathname}`);
      }
      if (method === 'OPTIONS') {
        status = 204;
        return send(res, { status: 204 }, cors, method);
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [
          k.toLowerCase(),
          Array.isArray(v) ? v.join(', ') : (v ?? ''),
        ]),
      );
      const body = await readBody(req, options.maxBodyBytes);
      const lrsRequest = toLrsRequest(
        method,
        url.pathname.slice(options.basePath.length),
        url.searchParams,
        headers,
        body,
      );
      const authorization = lrsRequest.headers.authorization;
      if (authorization?.startsWith('Basic '))
        caller = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':')[0];
      const response = await route(lrsRequest);
      status = response.status;
      send(res, response, cors, lrsRequest.method);
    } catch (error) {
      if (error instanceof HttpError) {
        status = error.status;
        send(
          res,
          {
            status: error.status,
            json: { error: statusText(error.status), message: error.message },
            headers: error.headers,
          },
          cors,
          method,
        );
      } else {
        status = 500;
        options.logger.error('request failed', {
          method,
          path: url.pathname,
          error: error instanceof Error ? error.message : String(error),
        });
        send(
          res,
          {
            status: 500,
            json: {
              error: 'Internal Server Error',
              message: 'the records server failed; see its log',
            },
          },
          cors,
          method,
        );
      }
    } finally {
      options.logger.info('request', {
        method,
        path: url.pathname,
        status,
        ms: Math.round(performance.now() - started),
        key: caller,
      });
    }
  }

  return createServer((req, res) => void handle(req, res));
}

function send(
  res: ServerResponse,
  response: LrsResponse,
  cors: Record<string, string>,
  method: string,
): void {
  const headers: Record<string, string> = {
    'X-Experience-API-Version': '1.0.3',
    ...cors,
    ...response.headers,
  };
  let body: Buffer | undefined = response.body;
  if (response.json !== undefined) {
    body = Buffer.from(JSON.stringify(response.json));
    headers['Content-Type'] ??= 'application/json; charset=utf-8';
  }
  if (body) headers['Content-Length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(method === 'HEAD' ? undefined : body);
}

function statusText(status: number): string {
  return (
    {
      400: 'Bad Request',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'Not Found',
      405: 'Method Not Allowed',
      409: 'Conflict',
      412: 'Precondition Failed',
      413: 'Payload Too Large',
      415: 'Unsupported Media Type',
    }[status] ?? 'Error'
  );
}
