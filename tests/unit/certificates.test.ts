import { describe, expect, it } from 'vitest';
import {
  canonicalFacts,
  certificateFacts,
  certificateId,
  FACT_KEYS,
  isCertifiable,
  type CertificateFacts,
} from '../../src/certificates/certificate-facts.ts';
import {
  codeFromInput,
  fromBase64Url,
  signCertificate,
  toBase64Url,
  verificationUrl,
  verifyCertificate,
} from '../../src/certificates/certificate-code.ts';
import {
  generateSigningKeyPair,
  importPublicKeys,
  importSigningKey,
} from '../../src/certificates/signing-keys.ts';
import type { CompletionRecord } from '../../src/records/completion-record.ts';

const record: CompletionRecord = {
  learner: { name: 'José  Müller-Ñúñez', id: 'PH-2026-0042' },
  organisation: 'MV Example',
  course: {
    activityId: 'https://academy.example/courses/3.27',
    id: '3.27',
    number: '3.27',
    title: 'Security awareness training for all seafarers',
    edition: '2012',
  },
  status: 'passed',
  completedAt: '2026-11-21T23:30:00.000-02:00',
  finalScore: 0.857,
  masteryScore: 0.7,
  attempts: 2,
  timeSpentSeconds: 3600,
  trainer: { name: 'Capt. Lim', id: 'T-007' },
  attendance: 'trainer-confirmed',
};

async function keys() {
  const { privateJwk, publicJwk } = await generateSigningKeyPair();
  return {
    privateKey: await importSigningKey(JSON.stringify(privateJwk)),
    publicKeys: await importPublicKeys({ keys: [publicJwk] }),
    privateJwk,
    publicJwk,
  };
}

/** Re-encodes a code with one fact changed, keeping the original signature. */
function tamper(code: string, change: (facts: Record<string, unknown>) => void): string {
  const [version, factsPart, signature] = code.split('.');
  const facts = JSON.parse(new TextDecoder().decode(fromBase64Url(factsPart!))) as Record<
    string,
    unknown
  >;
  change(facts);
  return `${version}.${toBase64Url(new TextEncoder().encode(JSON.stringify(facts)))}.${signature}`;
}

describe('certificate facts', () => {
  it('takes the facts from a completion record: UTC day, whole per cent, NFC, spaces collapsed', () => {
    const facts = certificateFacts(record, 'Academy of the Sea');
    expect(facts).toEqual({
      id: facts.id,
      learnerName: 'José Müller-Ñúñez',
      learnerId: 'PH-2026-0042',
      courseNumber: '3.27',
      courseTitle: 'Security awareness training for all seafarers',
      completed: '2026-11-22',
      scorePercent: 86,
      centre: 'Academy of the Sea',
      trainer: 'Capt. Lim',
    });
    expect(facts.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('gives the same canonical bytes whatever the input normal form and key order', () => {
    const decomposed = {
      ...record,
      learner: { ...record.learner, name: 'Jose\u0301 Mu\u0308ller-N\u0303u\u0301n\u0303ez' },
    };
    const a = certificateFacts(record, 'Academy');
    const b = certificateFacts(decomposed, 'Academy');
    expect(canonicalFacts(b)).toBe(canonicalFacts(a));
    const shuffled = Object.fromEntries(Object.entries(a).reverse()) as unknown as CertificateFacts;
    expect(canonicalFacts(shuffled)).toBe(canonicalFacts(a));
    expect(Object.keys(JSON.parse(canonicalFacts(shuffled)) as object)).toEqual([...FACT_KEYS]);
  });

  it('gives a stable certificate number that changes with the learner, course or date', () => {
    const base = certificateId('PH-1', 'https://a/courses/3.27', '2026-11-21T10:00:00.000Z');
    expect(certificateId('PH-1', 'https://a/courses/3.27', '2026-11-21T10:00:00.000Z')).toBe(base);
    expect(certificateId('PH-2', 'https://a/courses/3.27', '2026-11-21T10:00:00.000Z')).not.toBe(
      base,
    );
    expect(certificateId('PH-1', 'https://a/courses/3.19', '2026-11-21T10:00:00.000Z')).not.toBe(
      base,
    );
    expect(certificateId('PH-1', 'https://a/courses/3.27', '2026-12-01T10:00:00.000Z')).not.toBe(
      base,
    );
  });

  it('uses null for a missing score or trainer and refuses records that earn no certificate', () => {
    const selfStudy = { ...record, status: 'completed' as const, finalScore: undefined };
    delete selfStudy.trainer;
    expect(certificateFacts(selfStudy, 'A')).toMatchObject({ scorePercent: null, trainer: null });
    const failed = { ...record, status: 'failed' as const };
    expect(isCertifiable(failed)).toBe(false);
    expect(() => certificateFacts(failed, 'A')).toThrow(/PH-2026-0042.*3\.27.*"failed"/);
    expect(() => certificateFacts({ ...record, completedAt: undefined }, 'A')).toThrow(
      /no completion date/,
    );
  });
});

describe('signing and verifying a certificate', () => {
  it('verifies what it signed, with non-Latin names too', async () => {
    const { privateKey, publicKeys } = await keys();
    for (const name of ['José Müller', 'محمد عبد الله', '王小明']) {
      const facts = certificateFacts(
        { ...record, learner: { ...record.learner, name } },
        'Academy',
      );
      const code = await signCertificate(facts, privateKey);
      expect(code).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
      expect(await verifyCertificate(code, publicKeys)).toEqual({ valid: true, facts });
    }
  });

  it('fails when any single field was changed', async () => {
    const { privateKey, publicKeys } = await keys();
    const facts = certificateFacts(record, 'Academy');
    const code = await signCertificate(facts, privateKey);
    const changes: Record<(typeof FACT_KEYS)[number], unknown> = {
      id: 'AAAA-BBBB-CCCC',
      learnerName: 'Jose Müller-Ñúñez',
      learnerId: 'PH-2026-0043',
      courseNumber: '3.19',
      courseTitle: 'Ship security officer',
      completed: '2026-11-23',
      scorePercent: 96,
      centre: 'Another Academy',
      trainer: null,
    };
    for (const key of FACT_KEYS) {
      const result = await verifyCertificate(
        tamper(code, (f) => (f[key] = changes[key])),
        publicKeys,
      );
      expect(result.valid, key).toBe(false);
      expect(result).toMatchObject({ reason: expect.stringMatching(/signature does not match/) });
      expect(result.valid === false && result.facts?.[key]).toEqual(changes[key]);
    }
  });

  it('fails with another centre’s key and accepts any key of a published set', async () => {
    const centre = await keys();
    const other = await keys();
    const code = await signCertificate(certificateFacts(record, 'Academy'), centre.privateKey);
    expect(await verifyCertificate(code, other.publicKeys)).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/not signed with this training centre's key/),
    });
    const rotated = await importPublicKeys({ keys: [other.publicJwk, centre.publicJwk] });
    expect((await verifyCertificate(code, rotated)).valid).toBe(true);
  });

  it('says why a malformed code is not valid', async () => {
    const { privateKey, publicKeys } = await keys();
    const code = await signCertificate(certificateFacts(record, 'Academy'), privateKey);
    const [, factsPart, signature] = code.split('.');
    const reasons = async (input: string) => {
      const result = await verifyCertificate(input, publicKeys);
      return result.valid ? 'valid' : result.reason;
    };
    expect(await reasons('')).toMatch(/no code/);
    expect(await reasons(`v2.${factsPart}.${signature}`)).toMatch(/start with "v1\."/);
    expect(await reasons(`v1.${factsPart}`)).toMatch(/3 parts .* this one has 2/);
    expect(await reasons(`v1.${factsPart}!.${signature}`)).toMatch(/facts part is damaged/);
    expect(
      await reasons(`v1.${toBase64Url(new TextEncoder().encode('hello'))}.${signature}`),
    ).toMatch(/not JSON/);
    expect(
      await reasons(`v1.${toBase64Url(new TextEncoder().encode('{"id":"x"}'))}.${signature}`),
    ).toMatch(/no "learnerName"/);
    expect(await reasons(tamper(code, (f) => (f.extra = 1)))).toMatch(/unexpected field "extra"/);
    expect(await reasons(tamper(code, (f) => (f.scorePercent = '86')))).toMatch(
      /"scorePercent" is not a number/,
    );
    expect(await reasons(`v1.${factsPart}.${signature!.slice(0, 40)}`)).toMatch(/30 bytes/);
    const spaced = toBase64Url(
      new TextEncoder().encode(
        JSON.stringify(JSON.parse(new TextDecoder().decode(fromBase64Url(factsPart!))), null, 1),
      ),
    );
    expect(await reasons(`v1.${spaced}.${signature}`)).toMatch(/canonical form/);
    expect(await reasons(code)).toBe('valid');
  });

  it('reads a code from a pasted verification address', async () => {
    const url = verificationUrl('https://academy.example/gangway/', 'v1.abc.def');
    expect(url).toBe('https://academy.example/verify/#v1.abc.def');
    expect(codeFromInput(` ${url}\n`)).toBe('v1.abc.def');
    expect(codeFromInput('v1.ab\n c.def')).toBe('v1.abc.def');
  });
});

describe('key files', () => {
  it('refuses files that are not a private Ed25519 key, saying why', async () => {
    const { publicJwk } = await keys();
    await expect(importSigningKey('not json')).rejects.toThrow(/neither JSON \(JWK\) nor a PEM/);
    await expect(importSigningKey('{"kty":"RSA"}')).rejects.toThrow(/not an Ed25519 key/);
    await expect(importSigningKey(JSON.stringify(publicJwk))).rejects.toThrow(/public key only/);
    await expect(importPublicKeys({ keys: [] })).rejects.toThrow(/no usable Ed25519 key/);
  });

  it('reads a PKCS#8 PEM private key', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const der = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
    const pem = `-----BEGIN PRIVATE KEY-----\n${btoa(String.fromCharCode(...der))}\n-----END PRIVATE KEY-----\n`;
    const code = await signCertificate(
      certificateFacts(record, 'Academy'),
      await importSigningKey(pem),
    );
    expect((await verifyCertificate(code, pair.publicKey)).valid).toBe(true);
  });
});
