/**
 * Where the site sends its statements and how it names activities. Read at run time from
 * `/config.json` beside the site (so one build can be pointed at another LRS), remembered for
 * offline use, with build-time environment variables as the fallback.
 */
import type { LrsTarget } from './sender.ts';

/** The site's runtime configuration. */
export interface SiteConfig {
  /** The LRS and the site's write-only credential; null when none is configured. */
  lrs: LrsTarget | null;
  /** Canonical base IRI of activity ids (same on ship and shore). */
  activityBase: string;
  /** The organisation learners belong to; its URL is the homePage of learner accounts. */
  organisation: { name: string; homePage: string };
}

const CACHE_KEY = 'gangway:config:v1';
/** Used when nothing is configured; training centres set their own base (see README). */
export const DEFAULT_ACTIVITY_BASE = 'https://gangway.example/';

/** Merges a raw config object with defaults; unknown or missing fields fall back. */
export function normaliseConfig(
  raw: unknown,
  env: Record<string, string | undefined> = {},
): SiteConfig {
  const data = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const lrsRaw = data.lrs as { endpoint?: unknown; auth?: unknown } | null | undefined;
  let lrs: LrsTarget | null = null;
  if (lrsRaw && typeof lrsRaw.endpoint === 'string') {
    lrs = {
      endpoint: lrsRaw.endpoint.endsWith('/') ? lrsRaw.endpoint : `${lrsRaw.endpoint}/`,
      auth: typeof lrsRaw.auth === 'string' ? lrsRaw.auth : '',
    };
  } else if (env.PUBLIC_GANGWAY_LRS_ENDPOINT) {
    lrs = { endpoint: env.PUBLIC_GANGWAY_LRS_ENDPOINT, auth: env.PUBLIC_GANGWAY_LRS_AUTH ?? '' };
  }
  const activityBase =
    typeof data.activityBase === 'string'
      ? data.activityBase
      : (env.PUBLIC_GANGWAY_ACTIVITY_BASE ?? DEFAULT_ACTIVITY_BASE);
  const org = (data.organisation ?? {}) as { name?: unknown; homePage?: unknown };
  return {
    lrs,
    activityBase,
    organisation: {
      name: typeof org.name === 'string' ? org.name : 'Training centre',
      homePage: typeof org.homePage === 'string' ? org.homePage : activityBase,
    },
  };
}

/** Loads `/config.json`; offline, the last copy seen; without either, the build's defaults. */
export async function loadSiteConfig(): Promise<SiteConfig> {
  const env = import.meta.env as unknown as Record<string, string | undefined>;
  try {
    const response = await fetch('/config.json', { cache: 'no-cache' });
    if (response.ok) {
      const raw: unknown = await response.json();
      localStorage.setItem(CACHE_KEY, JSON.stringify(raw));
      return normaliseConfig(raw, env);
    }
  } catch {
    // Offline: fall through to the remembered copy.
  }
  try {
    return normaliseConfig(JSON.parse(localStorage.getItem(CACHE_KEY) ?? 'null'), env);
  } catch {
    return normaliseConfig(null, env);
  }
}
