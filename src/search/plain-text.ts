/**
 * Turns an MDX lesson body into what search needs: plain text, section headings and the
 * regulation codes cited with `<Ref code="…" />`. Pure and dependency-free (no MDX compile).
 */

/** What a lesson body contributes to search. */
export interface LessonText {
  /** Headings (##, ###) in order. */
  headings: string[];
  /** Regulation codes cited with `<Ref code="…" />`. */
  refs: string[];
  /** The body as plain words. */
  text: string;
}

/** Extracts headings, cited codes and plain text from an MDX body. */
export function lessonText(body: string): LessonText {
  const refs = [...body.matchAll(/<Ref\s+code=["']([^"']+)["']\s*\/?>/g)].map((m) => m[1] ?? '');
  const headings = [...body.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => stripInline(m[1] ?? ''));
  const text = stripInline(
    body
      .replace(/^(import|export)\s.*$/gm, '')
      .replace(/<Ref\s+code=["']([^"']+)["']\s*\/?>/g, ' $1 ')
      .replace(/<Scenario\s+title=["']([^"']+)["']\s*>/g, ' $1 ')
      .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
      .replace(/^#{1,6}\s+/gm, '')
      .replace(/^\s*([-*+]|\d+\.)\s+/gm, ''),
  );
  return { headings, refs, text };
}

function stripInline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]+/g, '')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Search tokens for a citation: the whole code plus its paragraph part, so "12.2" finds "ISPS A/12.2". */
export function refTokens(code: string): string[] {
  const tokens = new Set<string>([code]);
  for (const part of code.split(/\s+/)) {
    const slash = part.lastIndexOf('/');
    if (slash > 0 && slash < part.length - 1) tokens.add(part.slice(slash + 1));
  }
  return [...tokens];
}
