/**
 * Reads the certificate fonts (DejaVu Sans from the `dejavu-fonts-ttf` package) in Node, for the
 * CLI and tests; the admin page fetches the same files as build assets.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { CertificateFonts } from './certificate-pdf.ts';

const require = createRequire(import.meta.url);

/** The regular and bold DejaVu Sans TrueType files. */
export async function loadCertificateFonts(): Promise<CertificateFonts> {
  const [regular, bold] = await Promise.all(
    ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((name) =>
      readFile(require.resolve(`dejavu-fonts-ttf/ttf/${name}`)),
    ),
  );
  return { regular: new Uint8Array(regular!), bold: new Uint8Array(bold!) };
}
