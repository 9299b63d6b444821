/**
 * `npm run bench`: measures the site build on a generated library of 1,000 lessons and prints the
 * figures (build time, peak memory, pages per second, search index size, JavaScript per page).
 * Figures go in docs/performance.md; nothing here is a pass/fail test.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateCorpus } from './generate-corpus.ts';
import { pageJavaScript } from './page-weight.ts';

const scratch = await mkdtemp(join(tmpdir(), 'gangway-bench-'));
const coursesDir = join(scratch, 'courses');
const outDir = join(scratch, 'dist');

function step(text: string) {
  process.stderr.write(`• ${text}\n`);
}

try {
  step('generating 1,000 lessons');
  const lessons = await generateCorpus(coursesDir);
  step(`building the site (${lessons} lessons); this takes a minute or two`);
  const result = await new Promise<{ seconds: number; maxRssBytes: number }>((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/bench/build-site.ts'], {
      env: {
        ...process.env,
        ASTRO_TELEMETRY_DISABLED: '1',
        GANGWAY_COURSES_DIR: coursesDir,
        GANGWAY_OUT_DIR: outDir,
        GANGWAY_CACHE_DIR: join(scratch, 'cache'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const spinner = setInterval(() => process.stderr.write('.'), 5000);
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('close', (code) => {
      clearInterval(spinner);
      process.stderr.write('\n');
      if (code !== 0) return reject(new Error(`build exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}'));
    });
  });
  const pages = (await readdir(outDir, { recursive: true })).filter((f) =>
    f.endsWith('.html'),
  ).length;
  const index = await readFile(join(outDir, 'search-index.json'));
  const withQuiz = await pageJavaScript(outDir, 'courses/8.1/m1/l3/index.html');
  const withoutQuiz = await pageJavaScript(outDir, 'courses/8.1/m1/l1/index.html');
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(`
Site build benchmark (${lessons} generated lessons, ${pages} pages)
  build time                   ${result.seconds.toFixed(1)} s
  peak memory (RSS)            ${(result.maxRssBytes / 1024 / 1024).toFixed(0)} MiB
  pages per second             ${(pages / result.seconds).toFixed(1)}
  search index                 ${kib(index.length)} raw, ${kib(gzipSync(index).length)} gzip
  JS on a lesson with a quiz   ${kib(withQuiz.rawBytes)} raw, ${kib(withQuiz.gzipBytes)} gzip (${withQuiz.files.length} files)
  JS on a lesson without quiz  ${kib(withoutQuiz.rawBytes)} raw, ${kib(withoutQuiz.gzipBytes)} gzip (${withoutQuiz.files.length} files)`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}
