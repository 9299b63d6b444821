/**
 * The catalogue's audience filter: hides course cards not meant for the chosen audience. Courses
 * for "everyone" show under every audience. Remembers the choice in the URL (`?audience=port`).
 */

/** Whether a card tagged with `cardAudiences` shows under `chosen`. */
export function matchesAudience(cardAudiences: string[], chosen: string): boolean {
  return chosen === 'all' || cardAudiences.includes(chosen) || cardAudiences.includes('everyone');
}

/** Wires the filter on the catalogue page. */
export function bindAudienceFilter(): void {
  const filter = document.getElementById('audience-filter');
  const cards = [...document.querySelectorAll<HTMLElement>('#course-grid > li')];
  const empty = document.getElementById('filter-empty');
  const status = document.getElementById('filter-status');
  if (!filter) return;
  const apply = (chosen: string) => {
    let shown = 0;
    for (const card of cards) {
      const visible = matchesAudience((card.dataset.audience ?? '').split(' '), chosen);
      card.hidden = !visible;
      if (visible) shown++;
    }
    if (empty) empty.hidden = shown > 0;
    if (status) status.textContent = `${shown} course${shown === 1 ? '' : 's'} shown`;
  };
  filter.addEventListener('change', (event) => {
    const chosen = (event.target as HTMLInputElement).value;
    const url = new URL(location.href);
    if (chosen === 'all') url.searchParams.delete('audience');
    else url.searchParams.set('audience', chosen);
    history.replaceState(null, '', url);
    apply(chosen);
  });
  const initial = new URL(location.href).searchParams.get('audience');
  const radio = initial
    ? filter.querySelector<HTMLInputElement>(`input[value="${CSS.escape(initial)}"]`)
    : null;
  if (radio) {
    radio.checked = true;
    apply(radio.value);
  }
}
