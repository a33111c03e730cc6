/**
 * One actor's statements over time, optionally about one target: a column per
 * period with the statements stacked by stance, each statement a button that
 * opens its card, and the points where the stance changed marked.
 */

import type {
  Stance,
  StanceShift,
  TimelineAnswer,
  TimelineBucket,
  TimelineStatement,
} from './api.js';
import { nameOf } from './api.js';
import { chip, fill, h } from './dom.js';
import { GRANULARITIES, type Granularity } from './state.js';
import { formatDate, humanize, shorten, STANCE_COLOURS, STANCES } from './theme.js';

export interface TimelineActions {
  statement(id: string): void;
  about(target: string | null): void;
  granularity(granularity: Granularity): void;
  close(): void;
}

const BAR_HEIGHT = 72;

export function drawTimeline(
  root: HTMLElement,
  { timeline, targets }: TimelineAnswer,
  granularity: Granularity,
  selected: string | null,
  actions: TimelineActions,
): void {
  const about = timeline.about?.id ?? null;
  const afterShift = new Map<string, StanceShift[]>();
  for (const shift of timeline.shifts) {
    afterShift.set(shift.after.id, [...(afterShift.get(shift.after.id) ?? []), shift]);
  }

  const targetSelect = h(
    'select',
    {
      id: 'timeline-about',
      onchange: (e: Event) => actions.about((e.target as HTMLSelectElement).value || null),
    },
    h('option', { value: '' }, 'anyone or anything'),
    targets.map(({ target, count }) =>
      h(
        'option',
        { value: target.id, selected: target.id === about },
        `${nameOf(target)} (${count})`,
      ),
    ),
  );
  const granularitySelect = h(
    'select',
    {
      id: 'timeline-granularity',
      onchange: (e: Event) =>
        actions.granularity((e.target as HTMLSelectElement).value as Granularity),
    },
    GRANULARITIES.map((g) =>
      h('option', { value: g, selected: g === granularity }, `by ${g.toLowerCase()}`),
    ),
  );

  // Periods of the requested granularity and coarser ones (statements dated only to
  // the month or year), in date order: a coarser period first when it starts first.
  const buckets = [
    ...timeline.buckets.map((b) => ({ bucket: b, coarser: false })),
    ...timeline.coarserBuckets.map((b) => ({ bucket: b, coarser: true })),
  ].sort(
    (a, b) =>
      a.bucket.start.localeCompare(b.bucket.start) || b.bucket.end.localeCompare(a.bucket.end),
  );
  const most = Math.max(1, ...buckets.map(({ bucket }) => bucket.count));

  fill(
    root,
    h(
      'header',
      { class: 'timeline-header' },
      h('h2', { id: 'timeline-title' }, 'Timeline of ', nameOf(timeline.actor)),
      h('label', { for: 'timeline-about' }, 'about ', targetSelect),
      h('label', { for: 'timeline-granularity', class: 'sr-only' }, 'Period length'),
      granularitySelect,
      h(
        'span',
        { class: 'legend' },
        STANCES.map((s) => chip(s.toLowerCase(), 'stance', STANCE_COLOURS[s])),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'close',
          'aria-label': 'Close the timeline',
          onclick: actions.close,
        },
        '×',
      ),
    ),
    h(
      'p',
      { class: 'timeline-summary' },
      `${timeline.totalCount} statement${timeline.totalCount === 1 ? '' : 's'}`,
      timeline.about ? ` about ${nameOf(timeline.about)}` : '',
      `, ${timeline.shifts.length} stance shift${timeline.shifts.length === 1 ? '' : 's'}.`,
    ),
    buckets.length === 0
      ? h('p', { class: 'muted' }, 'No statements.')
      : h(
          'ol',
          { class: 'buckets', 'aria-label': 'Periods' },
          buckets.map(({ bucket, coarser }) =>
            drawBucket(bucket, coarser, most, about, afterShift, selected, actions),
          ),
        ),
    timeline.shifts.length > 0
      ? h(
          'section',
          { class: 'shifts', 'aria-labelledby': 'shifts-title' },
          h('h3', { id: 'shifts-title' }, 'Stance shifts'),
          h(
            'ul',
            {},
            timeline.shifts.map((shift) =>
              h(
                'li',
                { class: 'shift', 'data-after': shift.after.id },
                h('span', { class: 'shift-mark', 'aria-hidden': 'true' }, '⇄ '),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'link',
                    onclick: () => actions.statement(shift.after.id),
                  },
                  formatDate(shift.after.date),
                ),
                ` — ${nameOf(shift.target)}: `,
                chip(shift.from.toLowerCase(), 'stance', STANCE_COLOURS[shift.from]),
                ' → ',
                chip(shift.to.toLowerCase(), 'stance', STANCE_COLOURS[shift.to]),
                shift.certain
                  ? null
                  : h(
                      'span',
                      { class: 'muted' },
                      ` (the dates overlap with ${formatDate(shift.before.date)}: the order is not certain)`,
                    ),
              ),
            ),
          ),
        )
      : null,
  );
}

function drawBucket(
  bucket: TimelineBucket,
  coarser: boolean,
  most: number,
  about: string | null,
  afterShift: Map<string, StanceShift[]>,
  selected: string | null,
  actions: TimelineActions,
): HTMLElement {
  const bar = h('div', { class: 'bar', 'aria-hidden': 'true' });
  bar.style.height = `${Math.round((bucket.count / most) * BAR_HEIGHT)}px`;
  const counts: [Stance, number][] = [
    ['SUPPORTIVE', bucket.stances.supportive],
    ['CRITICAL', bucket.stances.critical],
    ['NEUTRAL', bucket.stances.neutral],
    ['MIXED', bucket.stances.mixed],
  ];
  const stanceTotal = counts.reduce((sum, [, n]) => sum + n, 0) + bucket.withoutStance;
  for (const [stance, n] of counts) {
    if (n === 0) continue;
    const segment = h('div', { class: 'segment' });
    segment.style.flexGrow = String(n);
    segment.style.background = STANCE_COLOURS[stance];
    bar.append(segment);
  }
  if (bucket.withoutStance > 0) {
    const segment = h('div', { class: 'segment none' });
    segment.style.flexGrow = String(bucket.withoutStance);
    bar.append(segment);
  }
  const summary = counts
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s.toLowerCase()}`)
    .concat(bucket.withoutStance > 0 ? [`${bucket.withoutStance} without a stance`] : []);

  return h(
    'li',
    { class: `bucket${coarser ? ' coarser' : ''}`, 'data-period': bucket.period },
    h('div', { class: 'bar-area', title: summary.join(', ') }, stanceTotal > 0 ? bar : null),
    h(
      'div',
      { class: 'period' },
      h('strong', {}, periodLabel(bucket)),
      h('span', { class: 'muted' }, ` ${bucket.count}`),
      coarser
        ? h(
            'div',
            { class: 'muted small' },
            `dated to the ${bucket.granularity.toLowerCase()} only`,
          )
        : null,
    ),
    h('p', { class: 'sr-only' }, summary.join(', ')),
    h(
      'ul',
      { class: 'dots' },
      bucket.statements.map((s) =>
        statementDot(s, about, afterShift.get(s.id) ?? [], s.id === selected, actions),
      ),
    ),
  );
}

function statementDot(
  s: TimelineStatement,
  about: string | null,
  shifts: StanceShift[],
  selected: boolean,
  actions: TimelineActions,
): HTMLElement {
  const stances = [
    ...new Set(
      (about === null ? s.about : s.about.filter((a) => a.target.id === about)).map(
        (a) => a.stance,
      ),
    ),
  ];
  const button = h(
    'button',
    {
      type: 'button',
      class: `dot${shifts.length > 0 ? ' shifted' : ''}${selected ? ' current' : ''}`,
      'data-id': s.id,
      'data-stance': stances.join(' ') || 'NONE',
      'aria-pressed': selected ? 'true' : 'false',
      'aria-label': `${formatDate(s.date)}, ${stances.map((x) => x.toLowerCase()).join(' and ') || 'no stance'}${
        shifts.length > 0 ? ', stance shift' : ''
      }: ${shorten(s.text, 120)}`,
      title: `${formatDate(s.date)} · ${humanize(s.kind)}\n${shorten(s.text, 200)}`,
      onclick: () => actions.statement(s.id),
    },
    shifts.length > 0 ? '⇄' : '',
  );
  button.style.background =
    stances.length === 0
      ? '#ffffff'
      : stances.length === 1
        ? STANCE_COLOURS[stances[0]!]
        : `linear-gradient(90deg, ${stances
            .map(
              (x, i) =>
                `${STANCE_COLOURS[x]} ${(i * 100) / stances.length}% ${((i + 1) * 100) / stances.length}%`,
            )
            .join(', ')})`;
  return h('li', {}, button);
}

function periodLabel(bucket: TimelineBucket): string {
  switch (bucket.granularity) {
    case 'DAY':
    case 'MONTH':
    case 'YEAR':
      return formatDate({ text: bucket.period });
    default:
      return `${bucket.period} (${formatDate({ text: bucket.start })})`;
  }
}
