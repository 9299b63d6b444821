/**
 * Child process of the site benchmark: builds the site with Astro's programmatic API and prints
 * its own peak memory, so the parent measures the build alone.
 */
import { build } from 'astro';

const started = performance.now();
await build({ root: process.cwd(), logLevel: 'error' });
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
