/**
 * The date range every part of the page is narrowed to, with a histogram of the
 * statements in view by month: a bar per month, a click on one narrows to it.
 * Statements count as within the range when their whole date is (as the API's
 * `from`/`to` do): "July 2024" is within July, not within 15–31 July.
 */

import { fill, h } from './dom.js';
import { shortDate } from './theme.js';

export interface Dated {
  start: string;
  end: string;
}

export interface DateRange {
  from: string | null;
  to: string | null;
}

export const within = (d: Dated, { from, to }: DateRange) =>
  (from === null || d.start >= from) && (to === null || d.end <= to);

/** Statements per month of their first day, every month from the first to the last. */
export function histogram(dates: readonly Dated[]): { month: string; count: number }[] {
  if (dates.length === 0) return [];
  const counts = new Map<string, number>();
  for (const d of dates)
    counts.set(d.start.slice(0, 7), (counts.get(d.start.slice(0, 7)) ?? 0) + 1);
  const months = [...counts.keys()].sort();
  const out: { month: string; count: number }[] = [];
  let [y, m] = months[0]!.split('-').map(Number) as [number, number];
  const last = months.at(-1)!;
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ month: key, count: counts.get(key) ?? 0 });
    if (key >= last || out.length > 600) break;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

export interface DateFilterActions {
  change(range: DateRange): void;
}

export function drawDateFilter(
  root: HTMLElement,
  range: DateRange,
  dates: readonly Dated[],
  outside: number,
  actions: DateFilterActions,
): void {
  const from = h('input', { id: 'date-from', type: 'date', value: range.from ?? '' });
  const to = h('input', { id: 'date-to', type: 'date', value: range.to ?? '' });
  // A range typed backwards is taken the right way round.
  const apply = () => {
    const [a, b] = [from.value || null, to.value || null];
    actions.change(a !== null && b !== null && a > b ? { from: b, to: a } : { from: a, to: b });
  };
  from.addEventListener('change', apply);
  to.addEventListener('change', apply);
  const bars = histogram(dates);
  const most = Math.max(1, ...bars.map((b) => b.count));
  fill(
    root,
    h('h2', { class: 'sr-only', id: 'dates-title' }, 'Date range'),
    h('label', { for: 'date-from' }, 'From '),
    from,
    h('label', { for: 'date-to' }, ' to '),
    to,
    range.from !== null || range.to !== null
      ? h(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: () => actions.change({ from: null, to: null }),
          },
          'Any date',
        )
      : null,
    bars.length > 0
      ? h(
          'ol',
          { class: 'histogram', 'aria-label': 'Statements in view per month' },
          bars.map(({ month, count }) => {
            const active =
              range.from === `${month}-01` && range.to === lastDay(month) ? 'true' : 'false';
            // The accessible name starts with the visible label (WCAG 2.5.3).
            const bar = h(
              'button',
              {
                type: 'button',
                class: 'histogram-bar',
                'data-month': month,
                'aria-pressed': active,
                title: `${shortDate({ text: month })}: ${count}`,
                onclick: () => actions.change({ from: `${month}-01`, to: lastDay(month) }),
              },
              h('span', { class: 'histogram-fill', 'aria-hidden': 'true' }),
              h('span', { class: 'histogram-label' }, month.slice(2)),
              h(
                'span',
                { class: 'sr-only' },
                ` ${shortDate({ text: month })}: ${count} statement${count === 1 ? '' : 's'}; show only this month`,
              ),
            );
            (bar.firstChild as HTMLElement).style.height = `${Math.round((count / most) * 100)}%`;
            return h('li', {}, bar);
          }),
        )
      : null,
    h(
      'span',
      { class: 'muted date-status', role: 'status' },
      outside > 0 ? `${outside} statement${outside === 1 ? '' : 's'} outside the range hidden` : '',
    ),
  );
}
