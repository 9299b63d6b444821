/**
 * The certificate key files on disk (Node): the private signing key, written readable only by its
 * owner and never inside the site, and the public key set the site publishes as
 * `/certificate-public-key.json`. Used by `npm run certificates -- keygen` and by the records
 * server's first start.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import {
  generateSigningKeyPair,
  publicJwkFromX,
  type PrivateSigningJwk,
  type PublicKeySet,
} from './signing-keys.ts';

/** The private key's file name, in the data folder by default. */
export const SIGNING_KEY_FILE = 'certificate-signing-key.json';
/** The public key set's file name, as the site publishes it. */
export const PUBLIC_KEY_FILE = 'certificate-public-key.json';

/** Throws when `file` lies inside one of the site folders (the private key must never be published). */
export function assertOutsideSite(file: string, siteDirs: string[]): void {
  for (const dir of siteDirs) {
    const inside = relative(resolve(dir), resolve(file));
    if (!inside.startsWith('..') && !isAbsolute(inside))
      throw new Error(
        `${file} is inside the site folder ${dir}: the private signing key must be kept outside the site, or anyone could sign certificates.`,
      );
  }
}

/** Reads a public key set file; an absent file is an empty set. */
export async function readPublicKeySet(file: string): Promise<PublicKeySet> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { keys: [] };
  }
  const value = JSON.parse(text) as Partial<PublicKeySet>;
  if (!Array.isArray(value.keys)) throw new Error(`${file} is not a key set (no "keys" list).`);
  return { keys: value.keys };
}

async function writeSecretFile(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text, { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
}

/**
 * Makes a key pair: the private key to `privateFile` (mode 0600; refused if it exists or lies in
 * a site folder) and its public key added to the set in `publicFile`, so certificates signed
 * with an earlier key still verify.
 */
export async function writeSigningKeyPair(options: {
  privateFile: string;
  publicFile: string;
  siteDirs: string[];
}): Promise<{ kid: string }> {
  assertOutsideSite(options.privateFile, options.siteDirs);
  const exists = await readFile(options.privateFile).then(
    () => true,
    () => false,
  );
  if (exists)
    throw new Error(
      `${options.privateFile} exists already. Move it away first if you really want a new key (keep it: certificates signed with it stay valid only while its public key is published).`,
    );
  const { privateJwk, publicJwk } = await generateSigningKeyPair();
  const set = await readPublicKeySet(options.publicFile);
  await writeSecretFile(options.privateFile, `${JSON.stringify(privateJwk, null, 2)}\n`);
  set.keys = [...set.keys.filter((k) => k.kid !== publicJwk.kid), publicJwk];
  await mkdir(dirname(options.publicFile), { recursive: true });
  await writeFile(options.publicFile, `${JSON.stringify(set, null, 2)}\n`);
  return { kid: publicJwk.kid };
}

/**
 * The records server's first start: makes the certificate key pair in the data folder when there
 * is none (unless `create` is false), and adds the private key's public key to the published set
 * when it is missing there. Returns the public key file, or undefined when there is no key.
 */
export async function ensureSigningKeys(
  dataDir: string,
  options: { create: boolean; siteDirs?: string[] } = { create: true },
): Promise<{ publicFile: string; created: boolean } | undefined> {
  const privateFile = join(dataDir, SIGNING_KEY_FILE);
  const publicFile = join(dataDir, PUBLIC_KEY_FILE);
  assertOutsideSite(privateFile, options.siteDirs ?? []);
  const existing = await readFile(privateFile, 'utf8').then(
    (text) => JSON.parse(text) as PrivateSigningJwk,
    () => undefined,
  );
  if (!existing) {
    if (!options.create) return undefined;
    await writeSigningKeyPair({ privateFile, publicFile, siteDirs: options.siteDirs ?? [] });
    return { publicFile, created: true };
  }
  const set = await readPublicKeySet(publicFile);
  if (!set.keys.some((k) => k.x === existing.x)) {
    set.keys.push(await publicJwkFromX(existing.x));
    await writeFile(publicFile, `${JSON.stringify(set, null, 2)}\n`);
  }
  return { publicFile, created: false };
}
