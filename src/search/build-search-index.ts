/**
 * Builds the lunr search index at build time. The index stores no term positions and the
 * documents map stores only what a result shows (title, course, URL, snippet, headings), to keep
 * the download small for ships on a thin link.
 */
import lunr from 'lunr';
import { lessonText, refTokens } from './plain-text.ts';

/** One lesson as search sees it. */
export interface SearchDocument {
  /** The lesson URL; also the lunr ref. */
  url: string;
  title: string;
  /** "3.27 Security awareness training for all seafarers". */
  course: string;
  /** Shown under the title in results. */
  summary: string;
  /** Objective texts the lesson covers. */
  objectives: string[];
  /** The MDX body. */
  body: string;
}

/** What a result shows, keyed by URL in the serialised index. */
export interface SearchResultDocument {
  /** Lesson title. */
  t: string;
  /** Course label. */
  c: string;
  /** Snippet. */
  s: string;
  /** Section headings, to name the section that matched. */
  h: string[];
}

/** The file the site serves at `/search-index.json`. */
export interface SerializedSearchIndex {
  index: object;
  docs: Record<string, SearchResultDocument>;
}

/** Builds the index and the result documents. */
export function buildSearchIndex(documents: SearchDocument[]): SerializedSearchIndex {
  const docs: Record<string, SearchResultDocument> = {};
  const index = lunr(function () {
    this.ref('url');
    this.field('title', { boost: 10 });
    this.field('headings', { boost: 4 });
    this.field('refs', { boost: 5 });
    this.field('objectives', { boost: 3 });
    this.field('course', { boost: 2 });
    this.field('body');
    for (const document of documents) {
      const { headings, refs, text } = lessonText(document.body);
      this.add({
        url: document.url,
        title: document.title,
        headings: headings.join(' '),
        refs: refs.flatMap(refTokens).join(' '),
        objectives: document.objectives.join(' '),
        course: document.course,
        body: text,
      });
      docs[document.url] = {
        t: document.title,
        c: document.course,
        s: document.summary,
        h: headings,
      };
    }
  });
  return { index: index.toJSON(), docs };
}
