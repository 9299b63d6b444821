/**
 * The search page: loads lunr and the index on first use (not before), searches as the learner
 * types, and renders results as text (never as HTML).
 */
import type { SerializedSearchIndex } from './build-search-index.ts';
import type { LoadedSearchIndex, SearchHit } from './run-search.ts';

let loading:
  | Promise<{ loaded: LoadedSearchIndex; run: typeof import('./run-search.ts').runSearch }>
  | undefined;

function loadIndex() {
  loading ??= (async () => {
    const [module, response] = await Promise.all([
      import('./run-search.ts'),
      fetch('/search-index.json'),
    ]);
    if (!response.ok) throw new Error(`the search index answered ${response.status}`);
    const data = (await response.json()) as SerializedSearchIndex;
    return { loaded: module.loadSearchIndex(data), run: module.runSearch };
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

/** Wires the search form, status line and result list. */
export function bindSearchPage(): void {
  const form = document.getElementById('search-form') as HTMLFormElement | null;
  const input = document.getElementById('search-input') as HTMLInputElement | null;
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  if (!form || !input || !status || !list) return;

  let timer: ReturnType<typeof setTimeout> | undefined;
  const search = async (query: string) => {
    const url = new URL(location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = 'Type a topic or a regulation code such as “A/12.2”.';
      return;
    }
    status.textContent = 'Searching…';
    try {
      const { loaded, run } = await loadIndex();
      if (input.value !== query) return;
      const hits = run(loaded, query);
      list.replaceChildren(...hits.map(renderHit));
      status.textContent = hits.length
        ? `${hits.length} lesson${hits.length === 1 ? '' : 's'} found for “${query}”.`
        : `No lesson matches “${query}”. Try fewer or different words, or a regulation code such as “A/12.2”.`;
    } catch (error) {
      status.textContent = `Search could not load (${error instanceof Error ? error.message : String(error)}). Check the connection, or make the course available offline.`;
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void search(input.value);
  });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(input.value), 200);
  });
  input.addEventListener('focus', () => void loadIndex().catch(() => undefined), { once: true });
  const initial = new URL(location.href).searchParams.get('q');
  if (initial) {
    input.value = initial;
    void search(initial);
  }
}

function renderHit(hit: SearchHit): HTMLLIElement {
  const item = document.createElement('li');
  const where = document.createElement('p');
  where.className = 'where';
  where.textContent = hit.c;
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = hit.url;
  link.textContent = hit.t;
  heading.append(link);
  const snippet = document.createElement('p');
  snippet.textContent = hit.section ? `Section “${hit.section}”. ${hit.s}` : hit.s;
  item.append(where, heading, snippet);
  return item;
}
