import { describe, expect, it } from 'vitest';
import { loadPublicKeys, PUBLIC_KEY_PATH } from '../../src/certificates/public-key-cache.ts';
import { generateSigningKeyPair } from '../../src/certificates/signing-keys.ts';

/** A Storage in memory. */
function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (index) => [...data.keys()][index] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, value),
  };
}

const offline = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;

describe('the published certificate public key on the verification page', () => {
  it('is fetched once online, saved, and used from the saved copy when offline', async () => {
    const { publicJwk } = await generateSigningKeyPair();
    const storage = memoryStorage();
    const asked: string[] = [];
    const online = (async (url: string) => {
      asked.push(url);
      return new Response(JSON.stringify({ keys: [publicJwk] }));
    }) as typeof fetch;
    const fresh = await loadPublicKeys(storage, online);
    expect(asked).toEqual([PUBLIC_KEY_PATH]);
    expect(fresh).toMatchObject({ fromCache: false, keys: [expect.any(CryptoKey)] });
    const saved = await loadPublicKeys(storage, offline);
    expect(saved).toMatchObject({ fromCache: true, keys: [expect.any(CryptoKey)] });
  });

  it('says what to do when offline with no saved copy, or when the site publishes no key', async () => {
    await expect(loadPublicKeys(memoryStorage(), offline)).rejects.toThrow(
      /the site cannot be reached, and no copy .* Open this page once while connected/,
    );
    const missing = (async () => new Response('not found', { status: 404 })) as typeof fetch;
    await expect(loadPublicKeys(memoryStorage(), missing)).rejects.toThrow(
      /does not publish a certificate public key \(\/certificate-public-key\.json answered 404\)/,
    );
  });
});
