import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { verifyCertificate } from '../../src/certificates/certificate-code.ts';
import {
  certificatesZip,
  issueCertificate,
  issueCertificates,
  type IssueOptions,
} from '../../src/certificates/issue-certificates.ts';
import { loadCertificateFonts } from '../../src/certificates/node-fonts.ts';
import {
  generateSigningKeyPair,
  importPublicKeys,
  importSigningKey,
} from '../../src/certificates/signing-keys.ts';
import type { CompletionRecord } from '../../src/records/completion-record.ts';
import { pdfText } from '../support/pdf-text.ts';

const record = (
  name: string,
  id: string,
  status: CompletionRecord['status'],
): CompletionRecord => ({
  learner: { name, id },
  organisation: 'MV Example',
  course: {
    activityId: 'https://academy.example/courses/3.27',
    id: '3.27',
    number: '3.27',
    title: 'Security awareness training for all seafarers',
    edition: '2012',
  },
  status,
  completedAt: status === 'in progress' ? undefined : '2026-11-21T10:00:00Z',
  finalScore: 0.9,
  masteryScore: 0.7,
  attempts: 1,
  timeSpentSeconds: 600,
  trainer: { name: 'Capt. Lim', id: 'T-007' },
  attendance: 'trainer-confirmed',
});

async function setup(): Promise<IssueOptions & { publicKeys: CryptoKey[] }> {
  const { privateJwk, publicJwk } = await generateSigningKeyPair();
  return {
    centre: 'Academy of the Sea',
    privateKey: await importSigningKey(JSON.stringify(privateJwk)),
    publicKeys: await importPublicKeys({ keys: [publicJwk] }),
    siteUrl: 'https://academy.example/',
    fonts: await loadCertificateFonts(),
  };
}

describe('certificate PDF', () => {
  it('prints the facts, the certificate number and the whole verification code', async () => {
    const options = await setup();
    const issued = await issueCertificate(record('Łukasz Żółć', 'PL-77', 'passed'), options);
    const text = await pdfText(issued.pdf);
    expect(text).toContain('Łukasz Żółć');
    expect(text).toContain('Trainee id PL-77');
    expect(text).toContain('3.27 Security awareness training for all seafarers');
    expect(text).toContain('on 21 November 2026 with a final score of 90 %');
    expect(text).toContain('Trainer: Capt. Lim');
    expect(text).toContain('Academy of the Sea');
    expect(text).toContain(`Certificate no. ${issued.facts.id}`);
    expect(text.replace(/\s+/g, '')).toContain(issued.code);
    expect(issued.url).toBe(`https://academy.example/verify/#${issued.code}`);
    expect((await verifyCertificate(issued.code, options.publicKeys)).valid).toBe(true);
  });

  it('prints the trainee id with a note for names in scripts it cannot set, and signs the full name', async () => {
    const options = await setup();
    for (const name of ['王小明', 'محمد عبد الله']) {
      const issued = await issueCertificate(record(name, 'X-1', 'completed'), options);
      const text = await pdfText(issued.pdf);
      expect(text).toContain('Trainee X-1');
      expect(text).toMatch(/held in full in the verification code/);
      expect(text).not.toContain(name);
      const result = await verifyCertificate(issued.code, options.publicKeys);
      expect(result.valid && result.facts.learnerName).toBe(name);
    }
  });

  it('issues certificates for passed and completed records only, and zips them', async () => {
    const options = await setup();
    const progress: number[] = [];
    const issued = await issueCertificates(
      [
        record('Ana Reyes', 'A-1', 'passed'),
        record('Ben Ode', 'B-2', 'failed'),
        record('Cai Lin', 'C-3', 'in progress'),
        record('Dan Roy', 'D-4', 'completed'),
      ],
      options,
      (done) => progress.push(done),
    );
    expect(issued.map((c) => c.facts.learnerId)).toEqual(['A-1', 'D-4']);
    expect(progress).toEqual([1, 2]);
    const files = unzipSync(certificatesZip(issued));
    expect(Object.keys(files).sort()).toEqual(issued.map((c) => c.fileName).sort());
    expect(await pdfText(files[issued[1]!.fileName]!)).toContain('Dan Roy');
  });
});
