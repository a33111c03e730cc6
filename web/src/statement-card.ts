/**
 * A statement's card: the quote (words quoted inside a paraphrase marked, an
 * approximate wording said so), who said it as the source says (every speaker in
 * order, on whose behalf, in which post), its kind, the date as precisely as it
 * is known, whom it counts for, the targets with the stance toward each, the
 * figures it gives, the occasion within its occasion, and its route: its own
 * sources, origin first.
 */

import type { Figure, MeetingRef, Ref, RelayedStatement, SourceInfo, Statement } from './api.js';
import { nameOf } from './api.js';
import {
  attribution,
  type Attributed,
  countsFor,
  occasionChain,
  quoteMarks,
  quoteSegments,
} from './attribution.js';
import { chip, externalLink, h, nodeLink, type Opener } from './dom.js';
import {
  formatDate,
  humanize,
  PRECISION_WORDS,
  STANCE_COLOURS,
  stanceText,
  typeStyle,
} from './theme.js';

/** `open`: a node in the graph, with its details. */
export interface CardActions extends Opener {
  close(): void;
  hide(id: string): void;
}

const QUOTE_TYPES: Record<string, string> = {
  DIRECT_QUOTE: 'quotes it directly',
  PARAPHRASE: 'paraphrases it',
  REPORTED: 'reports it',
};

export function statementCard(s: Statement, actions: CardActions): HTMLElement {
  const ref = (target: Ref) => nodeLink(actions, target.id, nameOf(target));

  const when = h(
    'p',
    { class: 'card-date' },
    h('time', { datetime: s.date.text }, formatDate(s.date)),
    ` (${PRECISION_WORDS[s.date.precision]})`,
    s.datePhrase ? h('span', { class: 'muted' }, ` — “${s.datePhrase}” in the source`) : null,
  );

  const positions = s.speakingAs.map((p) =>
    h('span', { class: 'position' }, `${p.title}, `, ref(p.of)),
  );
  const joint = s.speakers.length > 1;
  const represented = countsFor(s.representing);

  return h(
    'article',
    { class: 'card statement-card', 'aria-labelledby': 'card-title', 'data-id': s.id },
    h(
      'header',
      { class: 'card-header' },
      h('h2', { id: 'card-title' }, 'Statement'),
      chip(humanize(s.kind), 'kind'),
      s.approximate ? chip('≈ approximate wording', 'approximate') : null,
      chip(humanize(s.verification), `verification ${s.verification.toLowerCase()}`),
      h(
        'button',
        {
          type: 'button',
          class: 'close',
          'aria-label': 'Close the statement',
          onclick: actions.close,
        },
        '×',
      ),
    ),
    h('blockquote', { class: 'quote', lang: s.language }, quotedText(s.text, s.quotes)),
    h('p', { class: 'attribution' }, '— ', ...attributionLinks(s, actions)),
    s.approximate
      ? h(
          'p',
          { class: 'muted small approximate-note' },
          'Approximate wording: ours, close to the speaker’s but not known verbatim.',
        )
      : null,
    s.quotes.length > 0 && s.kind !== 'DIRECT_QUOTE'
      ? h(
          'p',
          { class: 'muted small quoted-note' },
          'Marked: the speaker’s own words, quoted inside the paraphrase.',
        )
      : null,
    when,
    h(
      'div',
      { class: 'actions compact' },
      h('button', { type: 'button', onclick: () => actions.open(s.id) }, 'Show in the graph'),
      h('button', { type: 'button', onclick: () => actions.hide(s.id) }, 'Hide from the graph'),
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, joint ? 'Speakers' : 'Speaker'),
      h(
        'dd',
        { class: 'speakers' },
        andJoin(s.speakers.map(ref)),
        joint ? h('span', { class: 'muted' }, ' (joint statement)') : null,
      ),
      s.onBehalfOf
        ? [h('dt', {}, 'On behalf of'), h('dd', { class: 'on-behalf-of' }, ref(s.onBehalfOf))]
        : null,
      // Only people hold posts: a state or an organisation speaking has none to show.
      positions.length > 0 || s.speakers.some((x) => x.__typename === 'Person')
        ? [
            h('dt', {}, 'Speaking as'),
            h(
              'dd',
              { class: 'speaking-as' },
              positions.length > 0
                ? positions.flatMap((p, i) => (i === 0 ? [p] : ['; ', p]))
                : h('span', { class: 'muted' }, 'no post on record for that day'),
              s.post
                ? h('span', { class: 'muted small post-named' }, ' — the post the source names')
                : positions.length > 1
                  ? h(
                      'span',
                      { class: 'muted small' },
                      ' — posts held that day; the source names none',
                    )
                  : null,
            ),
          ]
        : null,
      represented.length > 0
        ? [
            h('dt', {}, 'Counts for'),
            h(
              'dd',
              { class: 'counts-for' },
              h(
                'ul',
                {},
                represented.map((line) => h('li', {}, line)),
              ),
            ),
          ]
        : null,
      h('dt', {}, 'About'),
      h(
        'dd',
        {},
        s.about.length === 0
          ? h('span', { class: 'muted' }, 'no target recorded')
          : h(
              'ul',
              { class: 'targets' },
              s.about.map((a) =>
                h(
                  'li',
                  { 'data-stance': a.stance },
                  ref(a.target),
                  ' ',
                  chip(stanceText(a.stance), 'stance', STANCE_COLOURS[a.stance]),
                  h('span', { class: 'muted' }, ` ${typeStyle(a.target.__typename).singular}`),
                ),
              ),
            ),
      ),
    ),
    s.figures.length > 0 ? figuresPanel(s.figures) : null,
    h(
      'section',
      { class: 'sources', 'aria-labelledby': 'sources-title' },
      h('h3', { id: 'sources-title' }, 'Route'),
      h(
        'p',
        { class: 'muted small' },
        s.route.length > 1
          ? 'How this statement reached us, in order: the origin first, the source read last.'
          : 'Where this statement was read.',
      ),
      h(
        'ol',
        { class: 'source-list route', 'aria-label': 'Route of the statement' },
        s.route.map(({ quoteType, source }, i) =>
          h(
            'li',
            { class: 'source', 'data-id': source.id },
            i > 0 ? h('span', { class: 'cites', 'aria-hidden': 'true' }, '→ ') : null,
            sourceLine(source, actions),
            h('div', { class: 'muted' }, QUOTE_TYPES[quoteType] ?? humanize(quoteType)),
          ),
        ),
      ),
    ),
    h(
      'dl',
      { class: 'facts' },
      s.topics.length > 0 ? [h('dt', {}, 'Topics'), h('dd', {}, join(s.topics.map(ref)))] : null,
      s.meeting
        ? [h('dt', {}, 'Said at'), h('dd', { class: 'occasion' }, occasion(s.meeting, actions))]
        : null,
      s.relays.length > 0
        ? [h('dt', {}, 'Passes on'), h('dd', {}, relayed(s.relays, actions))]
        : null,
      s.relayedBy.length > 0
        ? [h('dt', {}, 'Passed on by'), h('dd', {}, relayed(s.relayedBy, actions))]
        : null,
      h('dt', {}, 'Confidence'),
      h('dd', {}, `${Math.round(s.confidence * 100)}% that the attribution is right`),
      s.note ? [h('dt', {}, 'Note'), h('dd', {}, s.note)] : null,
    ),
  );
}

const QUALIFIERS: Record<Figure['qualifier'], string> = {
  EXACT: '',
  AT_LEAST: 'at least ',
  AT_MOST: 'at most ',
  ABOUT: 'about ',
};

/** "at least 11,000". */
export const figureValue = (f: Figure) =>
  `${QUALIFIERS[f.qualifier]}${f.value.toLocaleString('en-GB')}`;

function figuresPanel(figures: Figure[]): HTMLElement {
  return h(
    'section',
    { class: 'figures', 'aria-labelledby': 'figures-title' },
    h('h3', { id: 'figures-title' }, 'Figures'),
    h(
      'table',
      { class: 'figure-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Figure'),
          h('th', { scope: 'col' }, 'Of'),
          h('th', { scope: 'col' }, 'As of'),
        ),
      ),
      h(
        'tbody',
        {},
        figures.map((f) =>
          h(
            'tr',
            {},
            h('td', { class: 'num' }, figureValue(f)),
            h(
              'td',
              {},
              f.unit,
              f.description ? h('div', { class: 'muted small' }, f.description) : null,
            ),
            h('td', {}, f.asOf ? formatDate({ text: f.asOf }) : '—'),
          ),
        ),
      ),
    ),
  );
}

/** The source's title opens it in the explorer; its address, when known, opens the original. */
function sourceLine(source: SourceInfo, actions: CardActions): HTMLElement {
  const meta = [
    humanize(source.kind),
    source.publisher,
    source.publishedDate ? formatDate(source.publishedDate) : null,
  ].filter(Boolean);
  return h(
    'span',
    { class: 'source-line' },
    nodeLink(actions, source.id, source.title),
    h('span', { class: 'muted' }, ` — ${meta.join(' · ')}`),
    source.url ? [' ', externalLink(source.url, 'original ↗')] : null,
  );
}

function relayed(statements: RelayedStatement[], actions: CardActions): HTMLElement {
  return h(
    'ul',
    {},
    statements.map((r) => h('li', {}, nodeLink(actions, r.id, `${attribution(r)}: “${r.text}”`))),
  );
}

/** The occasion, then each occasion it is part of: "Remarks to reporters (28 July 2024), during …". */
function occasion(meeting: MeetingRef, actions: CardActions): (HTMLElement | string)[] {
  return occasionChain(meeting).flatMap((m, i) => [
    i > 0 ? ', during ' : '',
    nodeLink(actions, m.id, m.title),
    m.date ? h('span', { class: 'muted' }, ` (${formatDate(m.date)})`) : '',
  ]);
}

/**
 * A statement's text with the words quoted inside it marked (and put in
 * quotation marks where the text has none), cut to `max` characters if given.
 */
export function quotedText(
  text: string,
  quotes: readonly string[],
  max?: number,
): (HTMLElement | string)[] {
  const segments = quoteSegments(text, quotes, max);
  return segments.map((segment, i) => {
    if (!segment.quoted) return segment.text;
    const [open, close] = quoteMarks(segments, i);
    return h('mark', { class: 'quoted', title: 'quoted verbatim' }, open, segment.text, close);
  });
}

const join = (items: HTMLElement[]) =>
  items.flatMap((item, i) => (i === 0 ? [item] : [', ', item]));

/**
 * Who said it, with each actor a link: "Qatar and Egypt"; "Israel, through
 * Benjamin Netanyahu, as Prime Minister" (the post when `post`).
 */
export function attributionLinks(
  s: Attributed,
  opener: Opener,
  post = true,
): (HTMLElement | string)[] {
  const link = (ref: Ref) => nodeLink(opener, ref.id, nameOf(ref));
  const speakers = andJoin(s.speakers.map(link));
  const as = post && s.post ? [`, as ${s.post.title}`] : [];
  if (s.onBehalfOf && !s.speakers.some((x) => x.id === s.onBehalfOf!.id)) {
    return [link(s.onBehalfOf), ', through ', ...speakers, ...as];
  }
  return [...speakers, ...as];
}

/** "Qatar and Egypt", as links. */
const andJoin = (items: HTMLElement[]) =>
  items.flatMap((item, i) => (i === 0 ? [item] : [i === items.length - 1 ? ' and ' : ', ', item]));
