/**
 * Credentials: key/secret pairs with xAPI scopes. Secrets are stored as scrypt hashes; the plain
 * secret is shown once, when the credential is created.
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { AgentJson } from '../xapi/agents.ts';

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
) => Promise<Buffer>;

/** The xAPI 1.0.3 OAuth scopes, used here for Basic-auth credentials too. */
export const SCOPES = [
  'statements/write',
  'statements/read',
  'statements/read/mine',
  'state',
  'define',
  'profile',
  'all/read',
  'all',
] as const;
/** One scope. */
export type Scope = (typeof SCOPES)[number];

/** What a request wants to do, for scope checks. */
export type Permission =
  | 'statements/write'
  | 'statements/read'
  | 'state/read'
  | 'state/write'
  | 'profile/read'
  | 'profile/write'
  | 'lookup';

/** Parses a comma- or space-separated scope list, naming the first unknown scope. */
export function parseScopes(text: string): Scope[] {
  const scopes = text.split(/[\s,]+/).filter(Boolean);
  for (const scope of scopes) {
    if (!(SCOPES as readonly string[]).includes(scope)) {
      throw new Error(`unknown scope "${scope}"; scopes are ${SCOPES.join(', ')}`);
    }
  }
  if (scopes.length === 0) throw new Error(`give at least one scope (${SCOPES.join(', ')})`);
  return scopes as Scope[];
}

/** Whether scopes grant a permission; `mine` when only the credential's own statements may be read. */
export function grants(scopes: readonly string[], permission: Permission): boolean | 'mine' {
  const has = (...wanted: string[]) => wanted.some((scope) => scopes.includes(scope));
  switch (permission) {
    case 'statements/write':
      return has('statements/write', 'all');
    case 'statements/read':
      if (has('statements/read', 'all/read', 'all')) return true;
      return has('statements/read/mine') ? 'mine' : false;
    case 'state/read':
      return has('state', 'all/read', 'all');
    case 'state/write':
      return has('state', 'all');
    case 'profile/read':
      return has('profile', 'all/read', 'all');
    case 'profile/write':
      return has('profile', 'all');
    case 'lookup':
      return has(
        'statements/read',
        'statements/read/mine',
        'all/read',
        'all',
        'profile',
        'state',
        'define',
      );
  }
}

/** A new random key and secret. */
export function newKeyAndSecret(): { key: string; secret: string } {
  return { key: randomBytes(10).toString('hex'), secret: randomBytes(24).toString('base64url') };
}

/** Hashes a secret for storage (`scrypt$<salt>$<hash>`). */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, 32);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** Checks a secret against its stored hash in constant time. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64url'), expected.length);
  return timingSafeEqual(actual, expected);
}

/** A fingerprint of a secret for the in-memory cache of verified credentials (never stored). */
export function secretFingerprint(key: string, secret: string): string {
  return createHash('sha256').update(`${key}:${secret}`).digest('base64url');
}

/** The authority recorded on statements stored with a credential. */
export function authorityFor(
  credential: { key: string; name: string },
  homePage: string,
): AgentJson {
  return {
    objectType: 'Agent',
    name: credential.name,
    account: { homePage, name: credential.key },
  };
}
