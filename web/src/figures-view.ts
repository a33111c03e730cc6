/**
 * Figures with who gave them: a table (value, what of, as of, given by, when,
 * route), and the few that match a search, under the search results.
 */

import type { StatedFigure } from './api.js';
import { attribution } from './attribution.js';
import { fill, h, type Opener } from './dom.js';
import { attributionLinks, figureValue } from './statement-card.js';
import { formatDate, shorten } from './theme.js';

export interface FiguresActions extends Opener {
  statement(id: string): void;
  close(): void;
}

export function drawFiguresTable(
  root: HTMLElement,
  rows: readonly StatedFigure[],
  actions: FiguresActions,
): void {
  fill(
    root,
    h(
      'header',
      { class: 'timeline-header' },
      h('h2', { id: 'figures-view-title' }, 'Figures'),
      h(
        'span',
        { class: 'muted' },
        `${rows.length} figure${rows.length === 1 ? '' : 's'}, with who gave them`,
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'close',
          'aria-label': 'Close the figures',
          onclick: actions.close,
        },
        '×',
      ),
    ),
    rows.length === 0
      ? h('p', { class: 'muted' }, 'No figures in this date range.')
      : h(
          'table',
          { class: 'figure-table wide' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Figure', 'Of', 'As of', 'Given by', 'Said', 'Route', 'Statement'].map((c) =>
                h('th', { scope: 'col' }, c),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            rows.map(({ figure, statement }) =>
              h(
                'tr',
                { 'data-statement': statement.id },
                h('td', { class: 'num' }, figureValue(figure)),
                h('td', {}, figure.unit),
                h('td', {}, figure.asOf ? formatDate({ text: figure.asOf }) : '—'),
                h('td', { class: 'given-by' }, attributionLinks(statement, actions)),
                h('td', {}, formatDate(statement.date)),
                h(
                  'td',
                  {},
                  statement.route.map((r) => r.source.publisher ?? r.source.title).join(' → '),
                ),
                h(
                  'td',
                  {},
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'link',
                      onclick: () => actions.statement(statement.id),
                    },
                    `“${shorten(statement.text, 70)}”`,
                  ),
                ),
              ),
            ),
          ),
        ),
  );
}

/** Figures that match the search text, as result rows that open their statement. */
export function drawFigureHits(
  root: HTMLElement,
  rows: readonly StatedFigure[],
  actions: FiguresActions & { table(): void },
): void {
  root.hidden = rows.length === 0;
  fill(
    root,
    h(
      'h3',
      { id: 'figure-results-title' },
      'Figures',
      h('span', { class: 'count' }, ` ${rows.length}`),
    ),
    h(
      'ul',
      {},
      rows.map(({ figure, statement }) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'result figure-hit',
              'data-statement': statement.id,
              onclick: () => actions.statement(statement.id),
            },
            h(
              'span',
              { class: 'result-text' },
              h('span', { class: 'result-label' }, `${figureValue(figure)} ${figure.unit}`),
              h(
                'span',
                { class: 'result-match' },
                `${attribution(statement)} · ${formatDate(statement.date)}${
                  figure.asOf ? ` · as of ${formatDate({ text: figure.asOf })}` : ''
                }`,
              ),
            ),
          ),
        ),
      ),
    ),
    h(
      'button',
      { type: 'button', class: 'link', onclick: actions.table },
      'All figures as a table',
    ),
  );
}
