/**
 * Statements over time: what one actor said (optionally about one target), or
 * what everyone said about one target. A column per period with the statements
 * stacked by stance, each statement a button that opens its card, the points
 * where a speaker's own stance changed marked, and the statements listed as
 * compact rows (who · date · stance · words), relayed positions said so. A
 * state's or organisation's timeline can count its officials' words and those
 * said on its behalf (`includeRepresentatives`), each row saying through whom.
 */

import type {
  Stance,
  StanceShift,
  StatementGroup,
  TimelineAnswer,
  TimelineBucket,
  TimelineStatement,
} from './api.js';
import { nameOf } from './api.js';
import { attribution, occasionChain, whosePosition } from './attribution.js';
import { chip, fill, h } from './dom.js';
import { quotedText } from './statement-card.js';
import { GRANULARITIES, type Granularity } from './state.js';
import {
  formatDate,
  humanize,
  shortDate,
  shorten,
  STANCE_COLOURS,
  STANCE_SIGNS,
  STANCES,
  stanceText,
} from './theme.js';

export interface TimelineActions {
  statement(id: string): void;
  /** Narrow an actor's timeline to a target (null: anything). */
  about(target: string | null): void;
  /** Open what everyone said about a target. */
  said(target: string): void;
  /** Open what one actor said about a target. */
  speaker(actor: string, about: string | null): void;
  granularity(granularity: Granularity): void;
  /** Count (or stop counting) the actor's officials and those speaking on its behalf. */
  representatives(include: boolean): void;
  close(): void;
}

const BAR_HEIGHT = 72;

export function drawTimeline(
  root: HTMLElement,
  { timeline, targets }: TimelineAnswer,
  granularity: Granularity,
  selected: string | null,
  actions: TimelineActions,
  representatives = false,
): void {
  const about = timeline.about?.id ?? null;
  const actor = timeline.actor;
  // Only states and organisations have officials and are spoken for.
  const represented =
    actor !== null && (actor.__typename === 'Country' || actor.__typename === 'Organization');
  const who = (s: TimelineStatement) =>
    attribution(s, { countsFor: represented && representatives ? actor.id : null });
  const representativesBox = represented
    ? h(
        'label',
        { class: 'inline representatives', for: 'timeline-representatives' },
        h('input', {
          id: 'timeline-representatives',
          type: 'checkbox',
          checked: representatives,
          onchange: (e: Event) => actions.representatives((e.target as HTMLInputElement).checked),
        }),
        ' with its officials and those speaking on its behalf',
      )
    : null;
  const afterShift = new Map<string, StanceShift[]>();
  for (const shift of timeline.shifts) {
    afterShift.set(shift.after.id, [...(afterShift.get(shift.after.id) ?? []), shift]);
  }

  // An actor's timeline narrows to a target; one about a target opens a speaker's.
  const targetSelect =
    actor !== null
      ? h(
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
        )
      : h(
          'select',
          {
            id: 'timeline-speaker',
            onchange: (e: Event) => {
              const value = (e.target as HTMLSelectElement).value;
              if (value !== '') actions.speaker(value, about);
            },
          },
          h('option', { value: '' }, 'everyone'),
          targets.map(({ target, count }) =>
            h('option', { value: target.id }, `${nameOf(target)} (${count})`),
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
  const switchView =
    actor !== null && timeline.about !== null
      ? h(
          'button',
          { type: 'button', class: 'link', onclick: () => actions.said(timeline.about!.id) },
          `Everyone on ${shorten(nameOf(timeline.about), 40)}`,
        )
      : null;
  const title =
    actor !== null
      ? h('h2', { id: 'timeline-title' }, 'Timeline of ', nameOf(actor))
      : h('h2', { id: 'timeline-title' }, 'Said about ', nameOf(timeline.about!));

  // Periods of the requested granularity and coarser ones (statements dated only to
  // the month or year), in date order: a coarser period first when it starts first;
  // then, apart, the statements no period holds ("by 28 July 2024", date unknown).
  const buckets: Column[] = [
    ...timeline.buckets.map((b) => ({ bucket: b, ...periodColumn(b, false) })),
    ...timeline.coarserBuckets.map((b) => ({ bucket: b, ...periodColumn(b, true) })),
  ].sort(
    (a, b) =>
      a.bucket.start.localeCompare(b.bucket.start) || b.bucket.end.localeCompare(a.bucket.end),
  );
  if (timeline.unplaced.count > 0) {
    buckets.push({
      bucket: timeline.unplaced,
      key: 'unplaced',
      label: 'No period',
      note: 'date unknown or only bounded',
      className: 'bucket unplaced',
    });
  }
  const most = Math.max(1, ...buckets.map(({ bucket }) => bucket.count));

  fill(
    root,
    h(
      'header',
      { class: 'timeline-header' },
      title,
      actor !== null
        ? h('label', { for: 'timeline-about' }, 'about ', targetSelect)
        : h('label', { for: 'timeline-speaker' }, 'by ', targetSelect),
      switchView,
      representativesBox,
      h('label', { for: 'timeline-granularity', class: 'sr-only' }, 'Period length'),
      granularitySelect,
      h(
        'span',
        { class: 'legend' },
        STANCES.map((s) => chip(stanceText(s), 'stance', STANCE_COLOURS[s])),
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
      represented && representatives ? ', its officials’ and those on its behalf included' : '',
      actor === null ? ` by ${targets.length} speaker${targets.length === 1 ? '' : 's'}` : '',
      `, ${timeline.shifts.length} stance shift${timeline.shifts.length === 1 ? '' : 's'}.`,
    ),
    buckets.length === 0
      ? h('p', { class: 'muted' }, 'No statements.')
      : h(
          'ol',
          { class: 'buckets', 'aria-label': 'Periods' },
          buckets.map((column) =>
            drawBucket(column, most, about, afterShift, selected, actions, who),
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
                ` — ${actor === null ? `${nameOf(shift.speaker)} on ` : ''}${nameOf(shift.target)}: `,
                chip(stanceText(shift.from), 'stance', STANCE_COLOURS[shift.from]),
                ' → ',
                chip(stanceText(shift.to), 'stance', STANCE_COLOURS[shift.to]),
                h('span', { class: 'muted' }, ` (after ${formatDate(shift.before.date)})`),
              ),
            ),
          ),
        )
      : null,
    statementRows(buckets, about, selected, actions, who),
  );
}

/**
 * Every statement of the timeline as a compact row: who (every speaker, on whose
 * behalf, in which post; through whom it counts for the actor) · date · stance
 * toward the target · the words, quoted fragments marked · the occasion, within
 * its occasions ("at Remarks to reporters, during Visit to Malaysia").
 */
function statementRows(
  buckets: { bucket: StatementGroup }[],
  about: string | null,
  selected: string | null,
  actions: TimelineActions,
  who: (s: TimelineStatement) => string,
): HTMLElement | null {
  const rows = buckets.flatMap(({ bucket }) => bucket.statements);
  if (rows.length === 0) return null;
  return h(
    'section',
    { class: 'timeline-statements', 'aria-labelledby': 'timeline-statements-title' },
    h('h3', { id: 'timeline-statements-title' }, 'Statements'),
    h(
      'ol',
      { class: 'statement-rows' },
      rows.map((s) => {
        const stances = (about === null ? s.about : s.about.filter((a) => a.target.id === about))
          .map((a) => a.stance)
          .filter((x, i, all) => all.indexOf(x) === i);
        return h(
          'li',
          { 'data-id': s.id, class: s.id === selected ? 'current' : null },
          h(
            'button',
            { type: 'button', class: 'row-button', onclick: () => actions.statement(s.id) },
            h('span', { class: 'row-speaker' }, who(s)),
            ' · ',
            h('time', { datetime: s.date.text }, shortDate(s.date)),
            ' · ',
            stances.length === 0
              ? h('span', { class: 'muted' }, 'no stance')
              : stances.map((x) => chip(stanceText(x), 'stance', STANCE_COLOURS[x])),
            s.relays.length > 0
              ? h('span', { class: 'relayed' }, ` relays ${s.relays.map(whosePosition).join('; ')}`)
              : null,
            s.approximate ? h('span', { class: 'approximate' }, ' ≈ approximate wording') : null,
            h('span', { class: 'row-text' }, ' “', ...quotedText(s.text, s.quotes, 110), '”'),
            s.meeting
              ? h(
                  'span',
                  { class: 'row-occasion' },
                  occasionChain(s.meeting)
                    .map((m, i) => (i === 0 ? ` at ${m.title}` : `, during ${m.title}`))
                    .join(''),
                )
              : null,
          ),
        );
      }),
    ),
  );
}

/** A column of the timeline: a period's statements, or those no period holds. */
interface Column {
  bucket: StatementGroup;
  /** The period's key ("2024-07"), or "unplaced". */
  key: string;
  label: string;
  note: string | null;
  className: string;
}

function periodColumn(bucket: TimelineBucket, coarser: boolean): Omit<Column, 'bucket'> {
  return {
    key: bucket.period,
    label: periodLabel(bucket),
    note: coarser ? `dated to the ${bucket.granularity.toLowerCase()} only` : null,
    className: `bucket${coarser ? ' coarser' : ''}`,
  };
}

function drawBucket(
  { bucket, key, label, note, className }: Column,
  most: number,
  about: string | null,
  afterShift: Map<string, StanceShift[]>,
  selected: string | null,
  actions: TimelineActions,
  who: (s: TimelineStatement) => string,
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
    { class: className, 'data-period': key },
    h('div', { class: 'bar-area', title: summary.join(', ') }, stanceTotal > 0 ? bar : null),
    h(
      'div',
      { class: 'period' },
      h('strong', {}, label),
      h('span', { class: 'muted' }, ` ${bucket.count}`),
      note ? h('div', { class: 'muted small' }, note) : null,
    ),
    h('p', { class: 'sr-only' }, summary.join(', ')),
    h(
      'ul',
      { class: 'dots' },
      bucket.statements.map((s) =>
        statementDot(s, about, afterShift.get(s.id) ?? [], s.id === selected, actions, who(s)),
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
  who: string,
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
      'aria-label': `${who}, ${formatDate(s.date)}, ${stances.map((x) => x.toLowerCase()).join(' and ') || 'no stance'}${
        s.relays.length > 0 ? ', relaying another’s position' : ''
      }${shifts.length > 0 ? ', stance shift' : ''}: ${shorten(s.text, 120)}`,
      title: `${who} · ${formatDate(s.date)} · ${humanize(s.kind)}${
        s.approximate ? ' · approximate wording' : ''
      }${s.relays.length > 0 ? ' · relayed' : ''}\n${shorten(s.text, 200)}`,
      onclick: () => actions.statement(s.id),
    },
    shifts.length > 0 ? '⇄' : stances.map((x) => STANCE_SIGNS[x]).join(''),
  );
  if (s.relays.length > 0) button.classList.add('relayed');
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
