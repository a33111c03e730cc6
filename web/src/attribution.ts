/**
 * Who said a statement, as the source says it: every speaker in the source's
 * order ("Qatar and Egypt"), the state or organisation they spoke for ("Israel,
 * through Benjamin Netanyahu"), the post it was said in ("as Prime Minister"),
 * and, in a timeline of a state that counts its officials, through whom it
 * counts. Also the occasion within its occasion, and the words quoted inside a
 * paraphrase. Text only (no DOM), shared by cards, rows, labels and the CSV.
 */

import type { Ref, StatementSummary } from './api.js';
import { nameOf } from './api.js';
import { shortDate, shorten, stanceText } from './theme.js';

/** The fields of a statement that say who said it. */
export interface Attributed {
  speakers: readonly Ref[];
  onBehalfOf?: Ref | null;
  post?: { title: string } | null;
  /** With `includeRepresentatives`: the actors it counts for besides its speakers. */
  representing?: readonly Representation[];
}

export interface Representation {
  actor: Ref;
  through: Ref;
  basis: 'ON_BEHALF_OF' | 'POST';
  post: { title: string } | null;
}

/** "Qatar", "Qatar and Egypt", "Qatar, Egypt and Jordan". */
export function andList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

/** A speaker as a compact label names them: a person by surname, anything else shortened. */
export function shortName(ref: Ref): string {
  const name = nameOf(ref);
  if (ref.__typename === 'Person') return name.split(/\s+/).at(-1) ?? name;
  return shorten(name, 28);
}

export interface AttributionOptions {
  /** Surnames and shortened names, for compact labels. */
  short?: boolean;
  /** Add "as <post>" when the source names the post (default true). */
  post?: boolean;
  /**
   * The actor whose statements are listed (a timeline with its representatives):
   * a statement it did not speak itself says through whom it counts for it.
   */
  countsFor?: string | null;
}

/**
 * "Qatar and Egypt"; "Israel, through Benjamin Netanyahu, as Prime Minister";
 * "Test Premier, as Minister of Foreign Affairs"; in Qatar's timeline with its
 * officials, "Qatar, through Test Premier, as Prime Minister".
 */
export function attribution(s: Attributed, options: AttributionOptions = {}): string {
  const name = options.short ? shortName : nameOf;
  const speakers = andList(s.speakers.map(name));
  const withPost = options.post ?? true;
  const as = (titles: readonly string[]) =>
    withPost && titles.length > 0 ? `, as ${[...new Set(titles)].join(' / ')}` : '';
  const own = s.post ? [s.post.title] : [];

  const actor = options.countsFor ?? null;
  if (
    actor !== null &&
    !s.speakers.some((x) => x.id === actor) &&
    s.onBehalfOf?.id !== actor &&
    s.representing !== undefined
  ) {
    const routes = s.representing.filter((r) => r.actor.id === actor);
    if (routes.length > 0) {
      const through = [...new Map(routes.map((r) => [r.through.id, r.through])).values()];
      const titles = routes.flatMap((r) => (r.post ? [r.post.title] : []));
      return `${name(routes[0]!.actor)}, through ${andList(through.map(name))}${as(titles)}`;
    }
  }
  if (s.onBehalfOf && !s.speakers.some((x) => x.id === s.onBehalfOf!.id)) {
    return `${name(s.onBehalfOf)}, through ${speakers}${as(own)}`;
  }
  return `${speakers}${as(own)}`;
}

/**
 * A statement told apart at a glance: who · date · target · stance, the first
 * target named and the others counted ("Lavrov · 28 Jul 2024 · Eradication of
 * Hamas +1 · − critical"; "Qatar and Egypt · 19 Sep 2024 · …"; "Israel, through
 * Netanyahu · …"). The post is left to the card: a label stays short.
 */
export function statementLine(s: Partial<StatementSummary>, focus: string | null = null): string {
  const parts: string[] = [];
  if (s.speakers && s.speakers.length > 0) {
    parts.push(
      attribution(
        { speakers: s.speakers, onBehalfOf: s.onBehalfOf ?? null },
        { short: true, post: false },
      ),
    );
  }
  if (s.date) parts.push(shortDate(s.date));
  const about = s.about ?? [];
  // The target in focus; else the first taking a side; else the first.
  const first =
    about.find((a) => a.target.id === focus) ??
    about.find((a) => a.stance !== 'NEUTRAL') ??
    about[0];
  if (first) {
    const more = about.length > 1 ? ` +${about.length - 1}` : '';
    parts.push(`${shorten(nameOf(first.target), 32)}${more}`);
    parts.push(stanceText(first.stance));
  }
  return parts.join(' · ');
}

/** Whose position a relaying statement passes on: "Israel’s, through Benjamin Netanyahu". */
export function whosePosition(s: Attributed): string {
  const speakers = andList(s.speakers.map(nameOf));
  if (s.onBehalfOf && !s.speakers.some((x) => x.id === s.onBehalfOf!.id)) {
    return `${nameOf(s.onBehalfOf)}’s position, through ${speakers}`;
  }
  return `${speakers}’s position`;
}

/**
 * The actors a statement counts for besides its speakers, one line each:
 * "Israel, through Benjamin Netanyahu: on its behalf, as Prime Minister".
 */
export function countsFor(representing: readonly Representation[]): string[] {
  const lines = new Map<string, { actor: Ref; through: Ref; how: string[] }>();
  for (const r of representing) {
    const key = `${r.actor.id} ${r.through.id}`;
    const line = lines.get(key) ?? { actor: r.actor, through: r.through, how: [] };
    const how =
      r.basis === 'ON_BEHALF_OF' ? 'on its behalf' : `as ${r.post?.title ?? 'its official'}`;
    if (!line.how.includes(how)) line.how.push(how);
    lines.set(key, line);
  }
  return [...lines.values()].map(
    (l) => `${nameOf(l.actor)}, through ${nameOf(l.through)}: ${l.how.join(', ')}`,
  );
}

/** An occasion, and the occasions it is part of, innermost first. */
export interface Occasion {
  id: string;
  title: string;
  date?: { text: string } | null;
  partOf?: Occasion | null;
}

/** The occasion and the ones it is part of, innermost first. */
export function occasionChain(meeting: Occasion | null | undefined): Occasion[] {
  const chain: Occasion[] = [];
  for (let m = meeting; m; m = m.partOf) {
    if (chain.some((x) => x.id === m!.id)) break;
    chain.push(m);
  }
  return chain;
}

/** "Remarks to reporters · during the visit to Malaysia". */
export const occasionText = (meeting: Occasion | null | undefined): string =>
  occasionChain(meeting)
    .map((m, i) => (i === 0 ? m.title : `during ${m.title}`))
    .join(' · ');

/** A piece of a statement's text: quoted verbatim (inside a paraphrase) or not. */
export interface Segment {
  text: string;
  quoted: boolean;
}

/**
 * The text cut where quoted fragments occur (every occurrence; overlaps
 * merged), cut to `max` characters as `shorten` would.
 */
export function quoteSegments(text: string, quotes: readonly string[], max?: number): Segment[] {
  const marked = new Array<boolean>(text.length).fill(false);
  for (const quote of quotes) {
    if (quote === '') continue;
    for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + quote.length)) {
      marked.fill(true, at, at + quote.length);
    }
  }
  const short = max === undefined ? text : shorten(text, max);
  const keep = short === text ? text.length : short.length - 1;
  const segments: Segment[] = [];
  for (let i = 0; i < keep;) {
    let j = i;
    while (j < keep && marked[j] === marked[i]) j++;
    segments.push({ text: text.slice(i, j), quoted: marked[i]! });
    i = j;
  }
  if (keep < text.length) {
    const last = segments.at(-1);
    if (last && !last.quoted) last.text = last.text.trimEnd();
    segments.push({ text: '…', quoted: false });
  }
  return segments;
}

const OPENING = /[“"‘'«„]$/;

/**
 * The quotation marks to put around a quoted segment: none where the text has
 * its own; no closing one where the text is cut inside the quote (“some…).
 */
export function quoteMarks(segments: readonly Segment[], i: number): [string, string] {
  if (OPENING.test(segments[i - 1]?.text ?? '')) return ['', ''];
  const cut = i === segments.length - 2 && segments[i + 1]?.text === '…';
  return ['“', cut ? '' : '”'];
}
