/**
 * Runs a query against a loaded index. Pure apart from lunr: learners type free text, so a query
 * lunr's syntax cannot parse falls back to plain terms instead of failing.
 */
import lunr from 'lunr';
import type { SearchResultDocument, SerializedSearchIndex } from './build-search-index.ts';

/** One result, ready to show. */
export interface SearchHit extends SearchResultDocument {
  url: string;
  score: number;
  /** The first heading that contains a query word, to say where in the lesson it matched. */
  section?: string;
}

/** A loaded index. */
export interface LoadedSearchIndex {
  index: lunr.Index;
  docs: Record<string, SearchResultDocument>;
}

/** Loads a serialised index. */
export function loadSearchIndex(data: SerializedSearchIndex): LoadedSearchIndex {
  return { index: lunr.Index.load(data.index), docs: data.docs };
}

/** Searches; an empty query gives no results. */
export function runSearch(loaded: LoadedSearchIndex, query: string, limit = 20): SearchHit[] {
  const words = query
    .toLowerCase()
    .split(/[\s-]+/)
    .map((w) => w.replace(/^[^\w]+|[^\w]+$/g, ''))
    .filter(Boolean);
  if (words.length === 0) return [];
  let results: lunr.Index.Result[];
  try {
    results = loaded.index.search(query);
  } catch {
    results = loaded.index.query((q) => {
      for (const word of words) q.term(word, {});
    });
  }
  return results.slice(0, limit).flatMap((result) => {
    const doc = loaded.docs[result.ref];
    if (!doc) return [];
    const section = doc.h.find((heading) => words.some((w) => heading.toLowerCase().includes(w)));
    return [{ ...doc, url: result.ref, score: result.score, section }];
  });
}
