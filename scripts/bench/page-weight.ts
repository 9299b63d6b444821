/**
 * What JavaScript a built page makes the browser download: its module scripts, island components
 * and renderers, and everything they import statically. Pure apart from reading dist/.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** JavaScript a page ships, raw and gzip-compressed. */
export interface PageWeight {
  files: string[];
  rawBytes: number;
  gzipBytes: number;
}

/** Follows a page's scripts through their static imports and adds up their sizes. */
export async function pageJavaScript(distDir: string, pagePath: string): Promise<PageWeight> {
  const html = await readFile(join(distDir, pagePath), 'utf8');
  const entries = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/component-url="([^"]+\.js)"/g),
    ...html.matchAll(/renderer-url="([^"]+\.js)"/g),
  ].map((m) => m[1] ?? '');
  // Inline module scripts import chunks too.
  for (const inline of html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)) {
    for (const m of (inline[1] ?? '').matchAll(/(?:from|import)\s*["']([^"']+\.js)["']/g))
      entries.push(m[1] ?? '');
  }
  const seen = new Set<string>();
  const queue = entries.filter(Boolean);
  let rawBytes = 0;
  let gzipBytes = 0;
  while (queue.length) {
    const url = queue.shift() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    const code = await readFile(join(distDir, url), 'utf8');
    rawBytes += Buffer.byteLength(code);
    gzipBytes += gzipSync(code).length;
    const base = url.slice(0, url.lastIndexOf('/') + 1);
    for (const m of code.matchAll(
      /(?:^|[;\s])import\s*(?:[^'"]*?from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g,
    )) {
      queue.push(new URL(m[1] ?? '', `http://x${base}`).pathname);
    }
  }
  return { files: [...seen], rawBytes, gzipBytes };
}
