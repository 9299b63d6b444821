/**
 * Serves the built site beside the LRS, so one process (and one origin) runs the platform:
 * directory URLs map to index.html, unknown paths to 404.html, and `/config.json` tells the site
 * where its LRS is. A few files that live outside the site (the certificate public key in the
 * data folder) are served by path; when such a file is absent, the site's own copy is served.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Sends a file of the site (or the generated config, or an outside file); returns the status sent. */
export async function serveStatic(
  dir: string,
  pathname: string,
  config: unknown,
  res: ServerResponse,
  method: string,
  outsideFiles: Record<string, string> = {},
): Promise<number> {
  const outside = Object.hasOwn(outsideFiles, pathname) ? outsideFiles[pathname] : undefined;
  const outsideInfo = outside ? await stat(outside).catch(() => undefined) : undefined;
  if (outside && outsideInfo?.isFile()) {
    res.writeHead(200, {
      'Content-Type': TYPES[extname(outside)] ?? 'application/octet-stream',
      'Content-Length': outsideInfo.size,
      'Cache-Control': 'no-cache',
    });
    if (method === 'HEAD') res.end();
    else createReadStream(outside).pipe(res);
    return 200;
  }
  if (pathname === '/config.json') {
    const body = Buffer.from(JSON.stringify(config));
    res.writeHead(200, {
      'Content-Type': TYPES['.json'] as string,
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
    });
    res.end(method === 'HEAD' ? undefined : body);
    return 200;
  }
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  } catch {
    relative = '/';
  }
  let file = join(dir, relative);
  if (!file.startsWith(dir)) file = join(dir, '404.html');
  let status = 200;
  let info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    if (!pathname.endsWith('/')) {
      res.writeHead(301, { Location: `${pathname}/` });
      res.end();
      return 301;
    }
    file = join(file, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info?.isFile()) {
    status = 404;
    file = join(dir, '404.html');
    info = await stat(file).catch(() => undefined);
    if (!info) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found');
      return 404;
    }
  }
  const immutable = file.includes(`${join(dir, '_astro')}`);
  res.writeHead(status, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return status;
}
