/**
 * Issuing certificates for completion records, the same way in the admin page and the CLI: facts
 * from each record, a signature with the centre's private key, a PDF, and for several at once a
 * ZIP. Records that earn no certificate (in progress, failed) are skipped. No I/O: the caller
 * brings the key, the fonts and the records.
 */
import { zipSync } from 'fflate';
import type { CompletionRecord } from '../records/completion-record.ts';
import { signCertificate, verificationUrl } from './certificate-code.ts';
import { certificateFacts, isCertifiable, type CertificateFacts } from './certificate-facts.ts';
import { certificateFileName, certificatePdf, type CertificateFonts } from './certificate-pdf.ts';

/** One issued certificate. */
export interface IssuedCertificate {
  facts: CertificateFacts;
  code: string;
  url: string;
  fileName: string;
  pdf: Uint8Array;
}

/** What issuing needs besides the records. */
export interface IssueOptions {
  /** The training centre's name, as printed and signed. */
  centre: string;
  /** The centre's private Ed25519 key (from `importSigningKey`). */
  privateKey: CryptoKey;
  /** The public address of the site whose /verify/ page checks the codes. */
  siteUrl: string;
  fonts: CertificateFonts;
}

/** Issues the certificate of one completion record. */
export async function issueCertificate(
  record: CompletionRecord,
  options: IssueOptions,
): Promise<IssuedCertificate> {
  const facts = certificateFacts(record, options.centre);
  const code = await signCertificate(facts, options.privateKey);
  const url = verificationUrl(options.siteUrl, code);
  const pdf = await certificatePdf({ facts, code, url }, options.fonts);
  return { facts, code, url, fileName: certificateFileName(facts), pdf };
}

/** Issues a certificate for every record that earns one, in order; reports progress. */
export async function issueCertificates(
  records: Iterable<CompletionRecord>,
  options: IssueOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<IssuedCertificate[]> {
  const certifiable = [...records].filter(isCertifiable);
  const issued: IssuedCertificate[] = [];
  for (const record of certifiable) {
    issued.push(await issueCertificate(record, options));
    onProgress?.(issued.length, certifiable.length);
  }
  return issued;
}

/** Packs certificates into one ZIP file (PDFs are compressed already, so they are stored). */
export function certificatesZip(certificates: IssuedCertificate[]): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const certificate of certificates)
    files[certificate.fileName] = [certificate.pdf, { level: 0 }];
  return zipSync(files);
}
