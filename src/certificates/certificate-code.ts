/**
 * The verification code printed on a certificate: `v1.<facts>.<signature>`, both parts base64url.
 * The facts are the canonical JSON of {@link CertificateFacts}; the signature is Ed25519 over the
 * ASCII text `v1.<facts>`, so the code carries everything a page needs to check it offline with
 * the training centre's public key. WebCrypto only; no I/O.
 */
import { canonicalFacts, parseFacts, type CertificateFacts } from './certificate-facts.ts';

/** The version prefix of codes made by this module. */
export const CODE_VERSION = 'v1';

/** What checking a code found. */
export type VerificationResult =
  | { valid: true; facts: CertificateFacts }
  | {
      valid: false;
      /** Why, in words for the person checking ("the signature does not match…"). */
      reason: string;
      /** The facts the code claims, when they could be read (for showing what was tampered). */
      facts?: CertificateFacts;
    };

/** Encodes bytes as base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url (no padding); throws on any other character. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new Error('not base64url');
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) =>
    c.charCodeAt(0),
  );
}

/** Signs certificate facts with the centre's private Ed25519 key; returns the verification code. */
export async function signCertificate(
  facts: CertificateFacts,
  privateKey: CryptoKey,
): Promise<string> {
  const signed = `${CODE_VERSION}.${toBase64Url(new TextEncoder().encode(canonicalFacts(facts)))}`;
  const signature = await crypto.subtle.sign(
    { name: 'Ed25519' },
    privateKey,
    new TextEncoder().encode(signed),
  );
  return `${signed}.${toBase64Url(new Uint8Array(signature))}`;
}

/**
 * Checks a verification code against the centre's public key(s): valid when the code is
 * well-formed, its facts are canonical, and one of the keys verifies the signature. Never throws.
 */
export async function verifyCertificate(
  code: string,
  publicKeys: CryptoKey | CryptoKey[],
): Promise<VerificationResult> {
  const text = code.trim();
  if (!text) return { valid: false, reason: 'no code was given.' };
  const parts = text.split('.');
  if (parts[0] !== CODE_VERSION)
    return {
      valid: false,
      reason: `it is not a certificate verification code of this kind (codes start with "${CODE_VERSION}.").`,
    };
  if (parts.length !== 3)
    return {
      valid: false,
      reason: `it is incomplete or has extra parts: a code has 3 parts separated by dots, this one has ${parts.length}.`,
    };
  const [, factsPart = '', signaturePart = ''] = parts;
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(factsPart));
  } catch {
    return { valid: false, reason: 'its facts part is damaged (not base64url-encoded UTF-8).' };
  }
  let facts: CertificateFacts;
  try {
    facts = parseFacts(json);
  } catch (error) {
    return { valid: false, reason: `${(error as Error).message}.` };
  }
  if (canonicalFacts(facts) !== json)
    return {
      valid: false,
      reason: 'its facts are not in the canonical form they are signed in (they were edited).',
      facts,
    };
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = fromBase64Url(signaturePart);
  } catch {
    return { valid: false, reason: 'its signature part is damaged (not base64url).', facts };
  }
  if (signature.length !== 64)
    return {
      valid: false,
      reason: `its signature part is damaged (${signature.length} bytes instead of 64).`,
      facts,
    };
  const signed = new TextEncoder().encode(`${CODE_VERSION}.${factsPart}`);
  for (const key of Array.isArray(publicKeys) ? publicKeys : [publicKeys]) {
    if (await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, signed))
      return { valid: true, facts };
  }
  return {
    valid: false,
    reason:
      "the signature does not match these facts: a field was changed after the certificate was issued, or it was not signed with this training centre's key.",
    facts,
  };
}

/** The address a certificate's QR code opens: the site's verification page with the code. */
export function verificationUrl(siteUrl: string, code: string): string {
  return `${new URL('/verify/', siteUrl).href}#${code}`;
}

/** Takes a code out of what a person pasted: a bare code or a whole verification address. */
export function codeFromInput(input: string): string {
  const text = input.trim();
  const hash = text.indexOf('#');
  return (hash >= 0 ? text.slice(hash + 1) : text).replace(/\s+/g, '');
}
