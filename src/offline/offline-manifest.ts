/**
 * What offline study needs, worked out from the built site after `astro build`: the app shell
 * every page needs (scripts, styles, the catalogue, search and progress pages), one manifest per
 * course listing every file of that course with its size, and the service worker with both
 * baked in. Run by the `gangway-offline` integration in astro.config.mjs.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { serviceWorkerSource } from './service-worker-source.ts';

/** A file of a course manifest. */
export interface OfflineFile {
  url: string;
  bytes: number;
}

/** `/offline/<course>.json`: what "make this course available offline" downloads. */
export interface CourseOfflineManifest {
  courseId: string;
  /** Changes whenever any file of the course changes; an update is fetched when it differs. */
  version: string;
  files: OfflineFile[];
  totalBytes: number;
}

const SHELL_PAGES = [
  '/',
  '/search/',
  '/progress/',
  '/offline/',
  // Certificates are checked where they are shown, often with no connection.
  '/verify/',
  '/404.html',
  '/search-index.json',
  '/manifest.webmanifest',
  '/icon.svg',
  '/icon-maskable.svg',
];

/**
 * Large libraries that only staff pages load, on demand (XLSX for the records export; pdf-lib,
 * fontkit and the DejaVu fonts for certificates): learners never need them, so the app shell does
 * not make every device download them. Once fetched online they are cached like any other asset.
 */
export const STAFF_ONLY_ASSETS = [
  /^\/_astro\/exceljs\.[^/]*\.js$/,
  /^\/_astro\/issue-certificates\.[^/]*\.js$/,
  /^\/_astro\/DejaVuSans[^/]*\.ttf$/,
];

/** URL of a file in the build (directory pages become `/path/`). */
function urlOf(distDir: string, file: string): string {
  const path = `/${relative(distDir, file).replace(/\\/g, '/')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Writes the course manifests and `sw.js` into the built site. */
export async function writeOfflineFiles(
  distDir: string,
): Promise<{ courses: number; shellFiles: number }> {
  const files = await listFiles(distDir);
  const info = new Map<string, { bytes: number; hash: string }>();
  for (const file of files) {
    const content = await readFile(file);
    info.set(urlOf(distDir, file), {
      bytes: (await stat(file)).size,
      hash: createHash('sha256').update(content).digest('hex').slice(0, 16),
    });
  }
  const assets = [...info.keys()].filter(
    (url) => url.startsWith('/_astro/') && !STAFF_ONLY_ASSETS.some((pattern) => pattern.test(url)),
  );
  const shell = [...assets, ...SHELL_PAGES.filter((url) => info.has(url))];

  const courseIds = new Set(
    [...info.keys()]
      .map((url) => /^\/courses\/([^/]+)\//.exec(url)?.[1])
      .filter((id): id is string => Boolean(id)),
  );
  await mkdir(join(distDir, 'offline'), { recursive: true });
  for (const courseId of courseIds) {
    const urls = [...info.keys()].filter((url) => url.startsWith(`/courses/${courseId}/`)).sort();
    const manifestFiles = urls.map((url) => ({ url, bytes: info.get(url)?.bytes ?? 0 }));
    const version = createHash('sha256')
      .update(urls.map((u) => `${u}:${info.get(u)?.hash}`).join('\n'))
      .digest('hex')
      .slice(0, 16);
    const manifest: CourseOfflineManifest = {
      courseId,
      version,
      files: manifestFiles,
      totalBytes: manifestFiles.reduce((sum, f) => sum + f.bytes, 0),
    };
    await writeFile(join(distDir, 'offline', `${courseId}.json`), JSON.stringify(manifest));
  }
  const shellVersion = createHash('sha256')
    .update(shell.map((u) => `${u}:${info.get(u)?.hash}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
  await writeFile(join(distDir, 'sw.js'), serviceWorkerSource(shell, shellVersion));
  return { courses: courseIds.size, shellFiles: shell.length };
}
