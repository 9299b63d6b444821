/**
 * The training centre's published certificate public key(s) for the verification page: fetched
 * from `/certificate-public-key.json` when online and kept in localStorage, so a certificate can
 * be checked later with no connection at all.
 */
import { importPublicKeys } from './signing-keys.ts';

/** Where the site publishes the public key set. */
export const PUBLIC_KEY_PATH = '/certificate-public-key.json';
const STORAGE_KEY = 'gangway:certificate-public-key:v1';

/** The keys to verify with, and whether they came from this device's saved copy. */
export interface LoadedPublicKeys {
  keys: CryptoKey[];
  fromCache: boolean;
}

/**
 * Loads the public keys: from the site when it answers (and saves them), otherwise from the copy
 * saved on this device. Throws a message for the person checking when neither is available.
 */
export async function loadPublicKeys(
  storage: Storage = localStorage,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): Promise<LoadedPublicKeys> {
  let problem: string;
  try {
    const response = await fetchImpl(PUBLIC_KEY_PATH, { cache: 'no-cache' });
    if (response.ok) {
      const text = await response.text();
      const keys = await importPublicKeys(JSON.parse(text));
      storage.setItem(STORAGE_KEY, text);
      return { keys, fromCache: false };
    }
    problem = `this site does not publish a certificate public key (${PUBLIC_KEY_PATH} answered ${response.status})`;
  } catch (error) {
    problem =
      error instanceof TypeError
        ? 'the site cannot be reached'
        : `the published key is damaged (${(error as Error).message})`;
  }
  const saved = storage.getItem(STORAGE_KEY);
  if (saved) return { keys: await importPublicKeys(JSON.parse(saved)), fromCache: true };
  throw new Error(
    `Cannot check certificates yet: ${problem}, and no copy of the training centre's public key is saved on this device. Open this page once while connected to the training centre's site.`,
  );
}
