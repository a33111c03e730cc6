/**
 * The search box and its results, grouped by type. From the box, ArrowDown moves
 * into the results; ArrowUp/ArrowDown/Home/End move between them, Enter opens
 * one, Escape goes back to the box.
 */

import { type SearchHit, search } from './api.js';
import { within, type DateRange } from './date-filter.js';
import { fill, h } from './dom.js';
import { SEARCH_TYPES, type SearchType } from './state.js';
import { statementLine } from './attribution.js';
import { quotedText } from './statement-card.js';
import { SEARCH_TYPE_OF, typeStyle } from './theme.js';

export interface SearchOptions {
  /** The text or the types changed; `now` when the user asked for results (Enter). */
  onChange(q: string, types: SearchType[], now: boolean): void;
  onOpen(hit: SearchHit): void;
  onError(error: unknown): void;
}

const TYPE_NAMES: Record<SearchType, string> = {
  PERSON: 'People',
  ORGANIZATION: 'Organisations',
  COUNTRY: 'Countries',
  PLACE: 'Places',
  STATEMENT: 'Statements (quotes)',
  MEETING: 'Meetings',
  TOPIC: 'Topics',
  SOURCE: 'Sources',
};

export class SearchPanel {
  private readonly input: HTMLInputElement;
  private readonly type: HTMLSelectElement;
  private readonly status: HTMLElement;
  private readonly results: HTMLElement;
  /** The search on screen (text and types), so an unchanged state does not search again. */
  private shown = '';
  private typing: number | undefined;
  private hits: SearchHit[] = [];
  private range: DateRange = { from: null, to: null };
  private readonly onError: (error: unknown) => void;

  constructor(root: HTMLElement, options: SearchOptions) {
    this.input = h('input', {
      id: 'search-text',
      type: 'search',
      name: 'q',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: 'Lavrov, Сергей Лавров, “eradicate”…',
      'aria-controls': 'search-results',
    });
    this.type = h(
      'select',
      { id: 'search-type', name: 'types' },
      h('option', { value: '' }, 'All types'),
      SEARCH_TYPES.map((t) => h('option', { value: t }, TYPE_NAMES[t])),
    );
    this.status = h('p', { class: 'search-status', role: 'status', 'aria-live': 'polite' });
    this.results = h('div', { id: 'search-results', class: 'search-results' });

    const changed = (now: boolean) => {
      window.clearTimeout(this.typing);
      options.onChange(this.input.value, this.selectedTypes(), now);
    };
    const form = h(
      'form',
      { role: 'search', class: 'search-form', 'aria-label': 'Search the graph' },
      h('label', { for: 'search-text' }, 'Search names (any spelling) or words from a quote'),
      h(
        'div',
        { class: 'search-row' },
        this.input,
        h('button', { type: 'submit', class: 'primary' }, 'Search'),
      ),
      h('label', { for: 'search-type', class: 'inline' }, 'Only ', this.type),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      changed(true);
    });
    this.input.addEventListener('input', () => {
      window.clearTimeout(this.typing);
      this.typing = window.setTimeout(() => changed(false), 350);
    });
    this.type.addEventListener('change', () => changed(true));
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        this.buttons()[0]?.focus();
      }
    });
    this.results.addEventListener('keydown', (event) => this.moveFocus(event));
    this.results.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-index]');
      const hit = button ? this.hits[Number(button.dataset.index)] : undefined;
      if (hit !== undefined) options.onOpen(hit);
    });
    this.onError = options.onError;
    fill(root, form, this.status, this.results);
  }

  /** Shows the results for `q` and `types`, searching only when they changed. */
  async update(q: string, types: SearchType[], range: DateRange): Promise<void> {
    if (document.activeElement !== this.input || this.input.value.trim() === q.trim()) {
      this.input.value = q;
    }
    this.type.value = types.length === 1 ? types[0]! : '';
    this.range = { from: range.from, to: range.to };
    const key = `${q.trim()}\u0000${types.join(',')}\u0000${range.from}\u0000${range.to}`;
    if (key === this.shown) return;
    this.shown = key;
    if (q.trim() === '') {
      this.hits = [];
      this.status.textContent = '';
      fill(this.results);
      return;
    }
    this.results.setAttribute('aria-busy', 'true');
    try {
      const hits = await search(q.trim(), types);
      if (this.shown !== key) return;
      // Statements dated outside the date range are left out, and counted.
      this.hits = hits.filter(
        (hit) => hit.node.date === undefined || within(hit.node.date, this.range),
      );
      this.draw(q.trim(), hits.length - this.hits.length);
    } catch (error) {
      if (this.shown !== key) return;
      this.shown = '';
      this.hits = [];
      fill(this.results);
      this.status.textContent = 'The search failed.';
      this.onError(error);
    } finally {
      if (this.shown === key || this.shown === '') this.results.removeAttribute('aria-busy');
    }
  }

  focus(): void {
    this.input.focus();
  }

  private selectedTypes(): SearchType[] {
    return this.type.value === '' ? [] : [this.type.value as SearchType];
  }

  private draw(q: string, outside: number): void {
    const n = this.hits.length;
    this.status.textContent =
      (n === 0 ? `Nothing found for “${q}”.` : `${n} result${n === 1 ? '' : 's'} for “${q}”`) +
      (outside > 0 ? ` (${outside} outside the date range)` : '');
    const groups = new Map<string, { hit: SearchHit; index: number }[]>();
    this.hits.forEach((hit, index) => {
      const type = SEARCH_TYPE_OF[hit.node.__typename] ?? hit.node.__typename;
      groups.set(type, [...(groups.get(type) ?? []), { hit, index }]);
    });
    fill(
      this.results,
      [...groups].map(([type, hits]) => {
        const heading = `results-${type}`;
        return h(
          'section',
          { class: 'result-group', 'aria-labelledby': heading },
          h(
            'h3',
            { id: heading },
            TYPE_NAMES[type as SearchType] ?? type,
            h('span', { class: 'count' }, ` ${hits.length}`),
          ),
          h(
            'ul',
            {},
            hits.map(({ hit, index }) =>
              h('li', {}, resultButton(hit, index, typeStyle(hit.node.__typename).colour)),
            ),
          ),
        );
      }),
    );
  }

  private buttons(): HTMLButtonElement[] {
    return [...this.results.querySelectorAll<HTMLButtonElement>('button[data-index]')];
  }

  private moveFocus(event: KeyboardEvent): void {
    const buttons = this.buttons();
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const to =
      event.key === 'ArrowDown'
        ? Math.min(at + 1, buttons.length - 1)
        : event.key === 'ArrowUp'
          ? at - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? buttons.length - 1
              : event.key === 'Escape'
                ? -1
                : null;
    if (to === null) return;
    event.preventDefault();
    if (to < 0) this.input.focus();
    else buttons[to]!.focus();
  }
}

function resultButton(hit: SearchHit, index: number, colour: string): HTMLElement {
  const isStatement = hit.node.__typename === 'Statement';
  const marker = h('span', { class: 'type-dot', 'aria-hidden': 'true' });
  marker.style.setProperty('--dot', colour);
  return h(
    'button',
    { type: 'button', class: 'result', 'data-index': index, 'data-id': hit.node.id },
    marker,
    h(
      'span',
      { class: 'result-text' },
      isStatement && hit.node.date !== undefined
        ? h('span', { class: 'result-summary' }, statementLine(hit.node))
        : null,
      h(
        'span',
        { class: 'result-label' },
        isStatement ? ['“', ...quotedText(hit.label, hit.node.quotes ?? [], 110), '”'] : hit.label,
      ),
      isStatement && hit.node.approximate
        ? h('span', { class: 'result-match approximate' }, '≈ approximate wording')
        : null,
      hit.matchedField === 'ALIAS'
        ? h('span', { class: 'result-match' }, `also written “${hit.matchedText}”`)
        : null,
    ),
  );
}
