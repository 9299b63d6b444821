/**
 * Draws a certificate as a one-page A4 PDF with pdf-lib: the learner, course, date, score,
 * training centre and trainer, the certificate number, the verification code in full and a QR
 * code of the verification address. Text is set in DejaVu Sans (embedded and subset), which
 * covers Latin with every accent, Greek and Cyrillic; a name in a script it cannot set properly
 * (Arabic, Chinese…) is replaced by the trainee id with a note, and stays complete in the signed
 * code. Pure apart from the font bytes the caller passes (read from `dejavu-fonts-ttf`).
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import type { CertificateFacts } from './certificate-facts.ts';
import { formatCertificateDate } from './certificate-dates.ts';

/** The font files a certificate is set in (DejaVu Sans regular and bold, TrueType). */
export interface CertificateFonts {
  regular: Uint8Array | ArrayBuffer;
  bold: Uint8Array | ArrayBuffer;
}

/** What one certificate shows. */
export interface CertificateContent {
  facts: CertificateFacts;
  /** The signed verification code (`v1.…`). */
  code: string;
  /** The verification address the QR code opens. */
  url: string;
}

const NAVY = rgb(0.043, 0.227, 0.365);
const GREY = rgb(0.3, 0.3, 0.3);
// Scripts set left to right without shaping: what DejaVu Sans and pdf-lib print correctly.
const SIMPLE_SCRIPTS =
  /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]*$/u;

const characterSets = new WeakMap<PDFFont, Set<number>>();

/** Whether a text can be printed with a font: simple scripts only, and a glyph for every character. */
export function canPrint(text: string, font: PDFFont): boolean {
  if (!SIMPLE_SCRIPTS.test(text)) return false;
  let glyphs = characterSets.get(font);
  if (!glyphs) characterSets.set(font, (glyphs = new Set(font.getCharacterSet())));
  return [...text].every((c) => c === ' ' || glyphs.has(c.codePointAt(0) ?? 0));
}

/** The file name of a certificate PDF ("certificate-3.27-PH-2026-0042-3K7Q-M2XP-9RTA.pdf"). */
export function certificateFileName(facts: CertificateFacts): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9.-]+/g, '_');
  return `certificate-${safe(facts.courseNumber)}-${safe(facts.learnerId)}-${facts.id}.pdf`;
}

/** Draws one certificate; returns the PDF file's bytes. */
export async function certificatePdf(
  content: CertificateContent,
  fonts: CertificateFonts,
): Promise<Uint8Array> {
  const { facts, code, url } = content;
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(fonts.regular, { subset: true });
  const bold = await pdf.embedFont(fonts.bold, { subset: true });
  pdf.setTitle(`Certificate ${facts.id}: ${facts.learnerName}, course ${facts.courseNumber}`);
  pdf.setSubject(code);
  pdf.setAuthor(facts.centre);
  pdf.setCreator('Gangway');
  pdf.setProducer('Gangway');
  pdf.setCreationDate(new Date(`${facts.completed}T00:00:00Z`));
  pdf.setModificationDate(new Date(`${facts.completed}T00:00:00Z`));

  const page = pdf.addPage([841.89, 595.28]);
  const { width, height } = page.getSize();
  const margin = 48;
  page.drawRectangle({
    x: margin / 2,
    y: margin / 2,
    width: width - margin,
    height: height - margin,
    borderColor: NAVY,
    borderWidth: 2,
  });
  const print = (text: string, fallback: string) =>
    canPrint(text, regular) && canPrint(text, bold) ? text : fallback;

  let y = height - 96;
  const centred = (text: string, size: number, font: PDFFont, gap: number, color = NAVY) => {
    for (const line of wrap(text, font, size, width - 2 * margin - 40)) {
      page.drawText(line, {
        x: (width - font.widthOfTextAtSize(line, size)) / 2,
        y,
        size,
        font,
        color,
      });
      y -= size * 1.25;
    }
    y -= gap;
  };
  centred(print(facts.centre, 'Training centre'), 16, bold, 14, GREY);
  centred('Certificate of completion', 32, bold, 18);
  centred('This is to certify that', 13, regular, 10, GREY);
  const namePrintable = canPrint(facts.learnerName, bold);
  centred(namePrintable ? facts.learnerName : `Trainee ${facts.learnerId}`, 26, bold, 4);
  centred(
    namePrintable
      ? `Trainee id ${facts.learnerId}`
      : 'The name is written in a script this certificate cannot print; it is held in full in the verification code below.',
    11,
    regular,
    14,
    GREY,
  );
  centred('has completed the course', 13, regular, 8, GREY);
  centred(`${facts.courseNumber} ${print(facts.courseTitle, '')}`.trim(), 18, bold, 12);
  const score = facts.scorePercent === null ? '' : ` with a final score of ${facts.scorePercent} %`;
  centred(`on ${formatCertificateDate(facts.completed)}${score}`, 13, regular, 4, GREY);
  if (facts.trainer)
    centred(`Trainer: ${print(facts.trainer, 'see the verification code')}`, 13, regular, 0, GREY);

  const qrSize = 118;
  drawQrCode(page, url, width - margin - qrSize, margin + 2, qrSize);
  const textWidth = width - 3 * margin - qrSize;
  let bottom = margin + 86;
  page.drawText(`Certificate no. ${facts.id}`, {
    x: margin,
    y: bottom,
    size: 12,
    font: bold,
    color: NAVY,
  });
  bottom -= 16;
  page.drawText(`Check it at ${new URL(url).origin}/verify/ with this code, or scan the QR code:`, {
    x: margin,
    y: bottom,
    size: 9,
    font: regular,
    color: GREY,
  });
  bottom -= 12;
  for (const line of chunk(code, regular, 7, textWidth)) {
    page.drawText(line, { x: margin, y: bottom, size: 7, font: regular, color: GREY });
    bottom -= 9;
  }
  return pdf.save();
}

/** Splits text into lines that fit a width, at spaces. */
function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** Splits a long unbroken code into lines that fit a width. */
function chunk(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    if (line && font.widthOfTextAtSize(line + char, size) > maxWidth) {
      lines.push(line);
      line = '';
    }
    line += char;
  }
  if (line) lines.push(line);
  return lines;
}

/** Draws a QR code of `text` as dark squares, one rectangle per run of dark modules in a row. */
function drawQrCode(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  // Four modules of quiet zone on each side, as the QR specification asks.
  const cell = size / (modules.size + 8);
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      page.drawRectangle({
        x: x + (start + 4) * cell,
        y: y + size - (row + 5) * cell,
        width: (col - start) * cell,
        height: cell,
        color: rgb(0, 0, 0),
      });
    }
  }
}
