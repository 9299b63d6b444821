/**
 * The training centre's Ed25519 certificate keys through WebCrypto (the same code in the browser
 * and in Node 24): making a key pair, reading the private key file an administrator chooses, and
 * reading the published public key set. The private key is a JWK (RFC 8037) kept outside the
 * site; the public keys are a JWK Set, so a centre that makes a new key keeps its old certificates
 * verifiable. No I/O here.
 */

/** An Ed25519 public key as published (JWK, RFC 8037). */
export interface PublicSigningJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  use: 'sig';
  alg: 'EdDSA';
}

/** The private key file: the public members plus the private `d`. */
export interface PrivateSigningJwk extends PublicSigningJwk {
  d: string;
}

/** `/certificate-public-key.json`: every public key whose certificates still verify. */
export interface PublicKeySet {
  keys: PublicSigningJwk[];
}

const ED25519 = { name: 'Ed25519' };

/** Makes a new key pair; `kid` is a fingerprint of the public key. */
export async function generateSigningKeyPair(): Promise<{
  privateJwk: PrivateSigningJwk;
  publicJwk: PublicSigningJwk;
}> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  if (!jwk.x || !jwk.d) throw new Error('WebCrypto exported an Ed25519 key without x or d');
  const publicJwk = await publicJwkFromX(jwk.x);
  return { privateJwk: { ...publicJwk, d: jwk.d }, publicJwk };
}

/** The published form of a public key given its `x`, with its fingerprint as `kid`. */
export async function publicJwkFromX(x: string): Promise<PublicSigningJwk> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(x)));
  let binary = '';
  for (const byte of digest.slice(0, 9)) binary += String.fromCharCode(byte);
  const kid = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_');
  return { kty: 'OKP', crv: 'Ed25519', x, kid, use: 'sig', alg: 'EdDSA' };
}

/**
 * Reads a private key file (the JWK written by `npm run certificates -- keygen`, or a PKCS#8 PEM
 * `BEGIN PRIVATE KEY` block of an Ed25519 key). Throws saying what is wrong with the file.
 */
export async function importSigningKey(text: string): Promise<CryptoKey> {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN PRIVATE KEY-----')) {
    const base64 = trimmed.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, '').replace(/\s+/g, '');
    let der: Uint8Array<ArrayBuffer>;
    try {
      der = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    } catch {
      throw new Error('This PEM file is damaged: its contents are not base64.');
    }
    try {
      return await crypto.subtle.importKey('pkcs8', der, ED25519, false, ['sign']);
    } catch {
      throw new Error('This PEM file does not hold an Ed25519 private key.');
    }
  }
  let jwk: Partial<PrivateSigningJwk>;
  try {
    jwk = JSON.parse(trimmed) as Partial<PrivateSigningJwk>;
  } catch {
    throw new Error(
      'This is not a certificate signing key: it is neither JSON (JWK) nor a PEM private key.',
    );
  }
  if (Array.isArray((jwk as { keys?: unknown } | null)?.keys))
    throw new Error(
      'This file holds a public key only (the published key set); choose the private signing key file (it has a "d" field).',
    );
  if (typeof jwk !== 'object' || jwk === null || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519')
    throw new Error('This file is not an Ed25519 key (a JWK with "kty": "OKP", "crv": "Ed25519").');
  if (typeof jwk.d !== 'string')
    throw new Error(
      'This file holds a public key only; choose the private signing key file (it has a "d" field).',
    );
  try {
    return await crypto.subtle.importKey(
      'jwk',
      { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d },
      ED25519,
      false,
      ['sign'],
    );
  } catch {
    throw new Error('This Ed25519 key file is damaged: WebCrypto refused its "x" or "d".');
  }
}

/** Checks a published key set (or a single public JWK) and imports its keys for verifying. */
export async function importPublicKeys(value: unknown): Promise<CryptoKey[]> {
  const set = value as Partial<PublicKeySet> & Partial<PublicSigningJwk>;
  const jwks = Array.isArray(set?.keys) ? set.keys : set?.x ? [set as PublicSigningJwk] : [];
  const keys: CryptoKey[] = [];
  for (const jwk of jwks) {
    if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') continue;
    try {
      keys.push(
        await crypto.subtle.importKey(
          'jwk',
          { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
          ED25519,
          true,
          ['verify'],
        ),
      );
    } catch {
      // A damaged entry is skipped; the others may still verify.
    }
  }
  if (keys.length === 0)
    throw new Error('The published public key file holds no usable Ed25519 key.');
  return keys;
}
