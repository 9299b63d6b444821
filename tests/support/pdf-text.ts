import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text a reader sees on every page of a PDF, one line per text run, extracted with PDF.js
 * (through the fonts' Unicode maps, as a screen reader or copy-paste would get it).
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const task = getDocument({ data: bytes.slice() });
  const document = await task.promise;
  const lines: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    for (const item of content.items) if ('str' in item && item.str) lines.push(item.str);
  }
  await task.destroy();
  return lines.join('\n');
}
