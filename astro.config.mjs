// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import { fileURLToPath } from 'node:url';
import { writeOfflineFiles } from './src/offline/offline-manifest.ts';

/**
 * After the build: per-course offline manifests and the service worker (src/offline/).
 * @type {import('astro').AstroIntegration}
 */
const offline = {
  name: 'gangway-offline',
  hooks: {
    'astro:build:done': async ({ dir, logger }) => {
      const { courses, shellFiles } = await writeOfflineFiles(fileURLToPath(dir));
      logger.info(
        `offline study: ${courses} course manifests, ${shellFiles} app-shell files in sw.js`,
      );
    },
  },
};

/**
 * The public address the site is served from. Activity ids do not depend on it
 * (they use the configured activity base), but canonical links and the sitemap do.
 */
const site = process.env.GANGWAY_SITE_URL ?? 'http://127.0.0.1:4321';

export default defineConfig({
  site,
  // Service-worker precache URLs and the lesson links rely on one canonical form.
  trailingSlash: 'always',
  // Benchmarks and build-error tests build other course folders side by side with the real site.
  outDir: process.env.GANGWAY_OUT_DIR ?? './dist',
  cacheDir: process.env.GANGWAY_CACHE_DIR ?? './node_modules/.astro',
  build: { format: 'directory' },
  integrations: [mdx(), react(), offline],
  devToolbar: { enabled: false },
  vite: {
    build: {
      rolldownOptions: {
        onLog(level, log, handler) {
          // Astro's MDX output carries a harmless "use astro:head-inject" directive that rolldown
          // warns about on every lesson (withastro/astro#18087); hide only that warning.
          if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('astro:head-inject'))
            return;
          handler(level, log);
        },
      },
    },
  },
});
