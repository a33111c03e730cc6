import { distance } from 'fastest-levenshtein';
import { parsePartialDate } from '../calendar.js';
import { DEMONYMS } from './demonyms.js';
import { latin, nameKeys, skeletonOfWord } from './normalise.js';

/**
 * The name matcher: a name as someone typed or pasted it → the entities it may
 * mean, best first, each with a score and the reason. Pure and in memory: it
 * runs over any list of entities (a dataset file, the candidates a full-text
 * query returned), so search, the importer, the mutations' duplicate warnings
 * and the extractor all rank names the same way.
 *
 * Tiers, strict to loose (a hit's `score` is its tier's base plus up to 99):
 * - EXACT 500: the whole query equals a name or alias once folded (accents,
 *   case, script variants, apostrophes), or once both are transliterated to Latin.
 * - PREFIX 400: a name or alias starts with the query ("Hamas" → "Hamas Political Bureau").
 * - OFFICE 300: "Qatar prime minister", "Russian foreign minister": a post
 *   title with the country or organisation it is held in; by date when given.
 * - WORDS 200: every query word is a word of the name or alias, in any order
 *   (50–95 within the tier, leaving 0–49 to other full-text hits such as statement text).
 * - FUZZY 100: every query word is close to a word of the name: a typo or a
 *   transliteration variant (same consonant skeleton), or words run together
 *   ("Lorient" for "L'Orient").
 * Within a tier, names whose words the query covers more fully score higher,
 * so an organisation searched by its exact name beats its sub-bodies, and a
 * primary name beats an alias.
 */

export interface EntityPosition {
  /** The post, as stored: "Minister of Foreign Affairs". */
  title: string;
  /** The id of the organisation or country the post is held in. */
  of: string;
  /** Partial dates (YYYY, YYYY-MM, YYYY-MM-DD); absent = open. */
  from?: string | null;
  to?: string | null;
  id?: string;
}

export interface NamedEntity {
  id: string;
  /** Person, Organization, Country, Place, Topic, … (compared as given). */
  type: string;
  name: string;
  aliases?: readonly string[] | null;
  /** ISO 3166-1 alpha-3 of a country: lets demonyms ("Qatari") find it. */
  iso?: string | null;
  /** Posts the entity (a person) holds or held. */
  positions?: readonly EntityPosition[] | null;
}

export type MatchTier = 'EXACT' | 'PREFIX' | 'OFFICE' | 'WORDS' | 'FUZZY';
export type MatchField = 'NAME' | 'ALIAS' | 'POSITION';

export const TIER_BASE: Readonly<Record<MatchTier, number>> = {
  EXACT: 500,
  PREFIX: 400,
  OFFICE: 300,
  WORDS: 200,
  FUZZY: 100,
};

export interface NameMatch {
  id: string;
  type: string;
  tier: MatchTier;
  /** The tier's base plus up to 99 within it: higher is better, comparable across answers. */
  score: number;
  /** What matched: the name, an alias, or (OFFICE) a post the entity held. */
  field: MatchField;
  /** The stored name, alias or post title that matched, as written. */
  text: string;
  /** OFFICE only: the post, and the entity it is held in. */
  position?: EntityPosition;
}

export interface MatchOptions {
  /** Only entities of these types. */
  types?: readonly string[] | null;
  /** A partial date: OFFICE hits only for posts held then. */
  at?: string | null;
  /** At most this many hits (default 20). */
  limit?: number;
  /** Only hits of this tier or better (default FUZZY: all). */
  minTier?: MatchTier;
}

export interface NameMatcher {
  match(query: string, options?: MatchOptions): NameMatch[];
  /**
   * Entities of `type` whose name or an alias is one of `names` at EXACT tier (the
   * same name in another spelling or script), other than `exceptId`; `name` is the one it matched.
   */
  duplicates(
    names: readonly string[],
    options: { type: string; exceptId?: string },
  ): Array<NameMatch & { name: string }>;
  readonly size: number;
}

// ---------------------------------------------------------------- prepared forms

interface Word {
  latin: string;
  skeleton: string;
  /** How many of the name's words it stands for (2 for two adjacent words written together). */
  span: number;
}

interface PreparedName {
  text: string;
  field: 'NAME' | 'ALIAS';
  folded: string;
  latin: string;
  compact: string;
  foldedWords: Set<string>;
  latinWords: Set<string>;
  words: Word[];
  wordCount: number;
}

interface Prepared {
  entity: NamedEntity;
  names: PreparedName[];
}

interface PreparedQuery {
  folded: string;
  latin: string;
  compact: string;
  foldedWords: string[];
  latinWords: string[];
  skeletons: string[];
}

function prepareName(text: string, field: 'NAME' | 'ALIAS'): PreparedName | null {
  const k = nameKeys(text);
  if (!k.folded && !k.latin) return null;
  const latinWords = k.latin ? k.latin.split(' ') : [];
  const words: Word[] = latinWords.map((w) => ({ latin: w, skeleton: skeletonOfWord(w), span: 1 }));
  for (let i = 1; i < latinWords.length; i++) {
    const joined = latinWords[i - 1]! + latinWords[i]!;
    words.push({ latin: joined, skeleton: skeletonOfWord(joined), span: 2 });
  }
  return {
    text,
    field,
    folded: k.folded,
    latin: k.latin,
    compact: k.latin.replace(/ /g, ''),
    foldedWords: new Set(k.folded ? k.folded.split(' ') : []),
    latinWords: new Set(latinWords),
    words,
    wordCount: Math.max(latinWords.length, 1),
  };
}

function prepareQuery(query: string): PreparedQuery {
  const k = nameKeys(query);
  const latinWords = k.latin ? k.latin.split(' ') : [];
  return {
    folded: k.folded,
    latin: k.latin,
    compact: k.latin.replace(/ /g, ''),
    foldedWords: k.folded ? k.folded.split(' ') : [],
    latinWords,
    skeletons: latinWords.map(skeletonOfWord),
  };
}

// ---------------------------------------------------------------- comparing one name

/** Edits allowed between two Latin words of this length: none for short words. */
const maxEdits = (length: number) => (length <= 3 ? 0 : length <= 7 ? 1 : 2);

/**
 * How well one query word fits one name word: 0 (not at all) to 1 (equal).
 * Skeletons count only when long enough to say something, except for the short
 * particles of a longer name ("Abu", "bin"), which then rely on the other words.
 */
function wordSimilarity(
  q: string,
  qSkeleton: string,
  w: Word,
  last: boolean,
  several: boolean,
): number {
  if (q === w.latin) return 1;
  if (last && q.length >= 3 && w.latin.startsWith(q)) return 0.8;
  const lengthGap = Math.abs(q.length - w.latin.length);
  const edits = maxEdits(Math.min(q.length, w.latin.length));
  if (edits > 0 && lengthGap <= edits) {
    const d = distance(q, w.latin);
    if (d <= edits) return 0.9 - 0.1 * d;
  }
  if (qSkeleton && qSkeleton === w.skeleton && (qSkeleton.length >= 3 || several)) return 0.7;
  if (
    qSkeleton.length >= 5 &&
    w.skeleton.length >= 5 &&
    Math.abs(qSkeleton.length - w.skeleton.length) <= 1 &&
    distance(qSkeleton, w.skeleton) <= 1
  ) {
    return 0.55;
  }
  return 0;
}

interface Scored {
  tier: MatchTier;
  within: number;
}

/** The best tier at which the query matches one name, or null. */
function compareName(q: PreparedQuery, n: PreparedName): Scored | null {
  if (!q.latin && !q.folded) return null;
  if ((q.folded && q.folded === n.folded) || (q.latin && q.latin === n.latin)) {
    return { tier: 'EXACT', within: q.folded === n.folded ? 99 : 90 };
  }
  const coverage = (matched: number) => Math.min(matched / n.wordCount, 1);
  const prefix = (query: string, name: string) =>
    query.length >= 2 &&
    name.startsWith(query) &&
    (query.length >= 3 || name[query.length] === ' ');
  if (prefix(q.folded, n.folded) || prefix(q.latin, n.latin)) {
    const share = q.latin.length / Math.max(n.latin.length, 1);
    return { tier: 'PREFIX', within: Math.round(10 + 80 * Math.min(share, 1)) };
  }
  if (q.latinWords.length > 0) {
    const all = q.latinWords.every(
      (w, i) => n.latinWords.has(w) || (q.foldedWords[i] && n.foldedWords.has(q.foldedWords[i]!)),
    );
    const allFolded = q.foldedWords.every((w) => n.foldedWords.has(w));
    if (all || allFolded) {
      const matched = new Set(q.latinWords.filter((w) => n.latinWords.has(w))).size;
      return { tier: 'WORDS', within: Math.round(50 + 45 * coverage(Math.max(matched, 1))) };
    }
  }
  // Fuzzy: the whole name written together, else every query word close to a name word.
  if (q.compact.length >= 4 && q.compact === n.compact) return { tier: 'FUZZY', within: 95 };
  if (q.latinWords.length === 0) return null;
  const several = q.latinWords.length > 1;
  let total = 0;
  let spans = 0;
  for (let i = 0; i < q.latinWords.length; i++) {
    const last = i === q.latinWords.length - 1;
    let best = 0;
    let span = 1;
    for (const w of n.words) {
      const s = wordSimilarity(q.latinWords[i]!, q.skeletons[i]!, w, last, several);
      if (s > best || (s === best && s > 0 && w.span > span)) {
        best = s;
        span = w.span;
      }
    }
    if (best === 0) return null;
    total += best;
    spans += span;
  }
  const similarity = total / q.latinWords.length;
  return { tier: 'FUZZY', within: Math.round(60 * similarity + 30 * coverage(spans)) };
}

const better = (a: { score: number; field: MatchField }, b: { score: number; field: MatchField }) =>
  a.score > b.score || (a.score === b.score && a.field === 'NAME' && b.field !== 'NAME');

function bestNameMatch(q: PreparedQuery, p: Prepared): NameMatch | null {
  let best: NameMatch | null = null;
  for (const n of p.names) {
    const scored = compareName(q, n);
    if (!scored) continue;
    // A primary name beats an alias that matches as well.
    const score = TIER_BASE[scored.tier] + scored.within - (n.field === 'ALIAS' ? 0.5 : 0);
    const hit: NameMatch = {
      id: p.entity.id,
      type: p.entity.type,
      tier: scored.tier,
      score,
      field: n.field,
      text: n.text,
    };
    if (!best || better(hit, best)) best = hit;
  }
  return best;
}

// ---------------------------------------------------------------- offices

/** Words that carry nothing in a post title or an office query. */
const TITLE_STOP = new Set(['of', 'the', 'for', 'and', 'affairs', 'on', 'in', 's', 'de']);
/** Short forms of posts, expanded before titles are compared. */
const TITLE_SHORT: Record<string, string[]> = {
  pm: ['prime', 'minister'],
  fm: ['foreign', 'minister'],
  premier: ['prime', 'minister'],
  chief: ['head'],
  leader: ['head'],
};

const titleWords = (text: string) =>
  latin(text)
    .split(' ')
    .flatMap((w) => TITLE_SHORT[w] ?? [w])
    .filter((w) => w && !TITLE_STOP.has(w));

function titleWordFits(q: string, t: string): boolean {
  if (q === t) return true;
  if (q.length >= 4 && t.startsWith(q)) return true;
  return q.length >= 5 && Math.abs(q.length - t.length) <= 1 && distance(q, t) <= 1;
}

/** Demonym Latin words → ISO codes and the country's Latin name. */
const DEMONYM_INDEX = DEMONYMS.flatMap((d) =>
  d.adjectives.map((adjective) => ({
    words: latin(adjective).split(' '),
    iso: d.iso,
    name: latin(d.name),
  })),
);

/** Where `needle` occurs as consecutive words of `hay`, or -1. */
function findWords(hay: readonly string[], needle: readonly string[]): number {
  if (needle.length === 0 || needle.length > hay.length) return -1;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

interface Anchor {
  id: string;
  /** The query words left once the anchor's words are taken out. */
  rest: string[];
}

/** Does the post cover the date? Unknown bounds are open; `null` when it cannot be told. */
function covers(position: EntityPosition, at: string): boolean {
  const day = parsePartialDate(at);
  if (!day) return true;
  const from = position.from ? parsePartialDate(position.from) : null;
  const to = position.to ? parsePartialDate(position.to) : null;
  return (!from || from.start <= day.end) && (!to || to.end >= day.start);
}

// ---------------------------------------------------------------- the matcher

export function createMatcher(entities: Iterable<NamedEntity>): NameMatcher {
  const prepared: Prepared[] = [];
  const byId = new Map<string, Prepared>();
  const holders = new Map<string, Array<{ holder: Prepared; position: EntityPosition }>>();
  for (const entity of entities) {
    const names = [
      prepareName(entity.name, 'NAME'),
      ...(entity.aliases ?? []).map((a) => prepareName(a, 'ALIAS')),
    ].filter((n): n is PreparedName => n !== null);
    const p: Prepared = { entity, names };
    prepared.push(p);
    byId.set(entity.id, p);
    for (const position of entity.positions ?? []) {
      const list = holders.get(position.of) ?? [];
      list.push({ holder: p, position });
      holders.set(position.of, list);
    }
  }

  /** Entities posts are held in that the query names (by name, alias or demonym), with the rest of the query. */
  function anchors(q: PreparedQuery): Anchor[] {
    const found: Anchor[] = [];
    const take = (id: string, at: number, length: number) => {
      const rest = [...q.latinWords.slice(0, at), ...q.latinWords.slice(at + length)];
      if (rest.some((w) => !TITLE_STOP.has(w))) found.push({ id, rest });
    };
    for (const id of holders.keys()) {
      const p = byId.get(id);
      if (!p) continue;
      let best: { at: number; length: number } | null = null;
      for (const n of p.names) {
        const words = n.latin.split(' ');
        const at = findWords(q.latinWords, words);
        if (at >= 0 && (!best || words.length > best.length)) best = { at, length: words.length };
      }
      for (const d of DEMONYM_INDEX) {
        const matchesCountry =
          (p.entity.iso && p.entity.iso === d.iso) || p.names.some((n) => n.latin === d.name);
        if (!matchesCountry) continue;
        const at = findWords(q.latinWords, d.words);
        if (at >= 0 && (!best || d.words.length > best.length))
          best = { at, length: d.words.length };
      }
      if (best) take(id, best.at, best.length);
    }
    return found;
  }

  function offices(q: PreparedQuery, at: string | null | undefined): NameMatch[] {
    const hits: NameMatch[] = [];
    for (const anchor of anchors(q)) {
      const wanted = anchor.rest
        .flatMap((w) => TITLE_SHORT[w] ?? [w])
        .filter((w) => !TITLE_STOP.has(w));
      for (const { holder, position } of holders.get(anchor.id) ?? []) {
        if (at && !covers(position, at)) continue;
        const title = titleWords(position.title);
        if (!wanted.every((w) => title.some((t) => titleWordFits(w, t)))) continue;
        const fit = Math.min(wanted.length / Math.max(title.length, 1), 1);
        // Without a date, whoever holds the post now comes before former holders.
        const current = at ? 1 : position.to ? 0 : 1;
        hits.push({
          id: holder.entity.id,
          type: holder.entity.type,
          tier: 'OFFICE',
          score: TIER_BASE.OFFICE + Math.round(40 * current + 40 * fit + 9),
          field: 'POSITION',
          text: position.title,
          position,
        });
      }
    }
    return hits;
  }

  function match(query: string, options: MatchOptions = {}): NameMatch[] {
    const q = prepareQuery(query);
    const types = options.types ? new Set(options.types) : null;
    const floor = TIER_BASE[options.minTier ?? 'FUZZY'];
    const best = new Map<string, NameMatch>();
    const offer = (hit: NameMatch) => {
      if (types && !types.has(hit.type)) return;
      if (hit.score < floor) return;
      const previous = best.get(hit.id);
      if (!previous || better(hit, previous)) best.set(hit.id, hit);
    };
    for (const p of prepared) {
      if (types && !types.has(p.entity.type)) continue;
      const hit = bestNameMatch(q, p);
      if (hit) offer(hit);
    }
    if (holders.size > 0) for (const hit of offices(q, options.at)) offer(hit);
    return [...best.values()]
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, options.limit ?? 20);
  }

  return {
    match,
    duplicates(names, { type, exceptId }) {
      const found = new Map<string, NameMatch & { name: string }>();
      for (const name of names) {
        for (const hit of match(name, { types: [type], minTier: 'EXACT', limit: 10 })) {
          if (hit.id !== exceptId && hit.tier === 'EXACT' && !found.has(hit.id)) {
            found.set(hit.id, { ...hit, name });
          }
        }
      }
      return [...found.values()];
    },
    get size() {
      return prepared.length;
    },
  };
}

/** Two entities of one type that share a name in different spellings: what `sameNames` reports. */
export interface SameName {
  id: string;
  name: string;
  otherId: string;
  otherName: string;
}

/**
 * Pairs of entities of the same type whose names or aliases are equal at the
 * EXACT tier (folded, or in Latin letters): possible duplicates in a dataset.
 * Linear in the number of names (keys are hashed), so it suits whole files; each
 * pair once, the earlier entity first.
 */
export function sameNames(entities: Iterable<NamedEntity>): SameName[] {
  const seen = new Map<string, { id: string; name: string }>();
  const pairs = new Map<string, SameName>();
  for (const entity of entities) {
    for (const name of [entity.name, ...(entity.aliases ?? [])]) {
      const k = nameKeys(name);
      for (const key of new Set([`f:${k.folded}`, `l:${k.latin}`])) {
        if (key.length <= 2) continue;
        const typed = `${entity.type}\u0000${key}`;
        const first = seen.get(typed);
        if (!first) seen.set(typed, { id: entity.id, name });
        else if (first.id !== entity.id && !pairs.has(`${first.id}\u0000${entity.id}`)) {
          pairs.set(`${first.id}\u0000${entity.id}`, {
            id: first.id,
            name: first.name,
            otherId: entity.id,
            otherName: name,
          });
        }
      }
    }
  }
  return [...pairs.values()];
}
