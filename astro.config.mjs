// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';

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
  integrations: [mdx(), react()],
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
