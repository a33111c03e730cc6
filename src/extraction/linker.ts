/**
 * Linking a speaker as written to a graph entity: by name or alias, by a name
 * inside a longer phrase ("Russian Foreign Minister Sergey Lavrov"), by a
 * surname, or by an office held on the date ("the Russian foreign minister",
 * "the top Russian diplomat" on 2024-07-28 → the person holding Minister of
 * Foreign Affairs of Russia then). Pure: the entities come from a dataset file
 * or from the graph (see linker.repository.ts).
 *
 * `matcher` is the project's name matcher (src/names) when given; without it a
 * small built-in matcher compares folded names.
 */
import type { LinkableEntity, SpeakerLink, SpeakerLinker } from './types.js';

/** The part of the name matcher (src/names) the linker uses. */
export interface NameMatcherLike {
  match(
    query: string,
    options?: {
      types?: readonly string[] | null;
      at?: string | null;
      limit?: number;
      minTier?: string;
    },
  ): { id: string; type: string; tier: string; field: string; score: number }[];
}

const SPEAKER_TYPES = ['Person', 'Organization', 'Country'];
const MENTION_TYPES = ['Person', 'Organization', 'Country', 'Place'];

/** Folds case, accents and apostrophes so "Hamas’" and "hamas'" compare equal. */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase()
    .replace(/'s\b/g, '')
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const ROLE_SYNONYMS: [RegExp, string][] = [
  [/\b(top|chief) diplomat\b/, 'foreign minister'],
  [/\bforeign secretary\b/, 'foreign minister'],
  [/\bminister of foreign affairs\b|\bforeign affairs minister\b/, 'foreign minister'],
  [/\bpremier\b/, 'prime minister'],
  [/\bhead of state\b/, 'president'],
];

function roleOf(text: string): string {
  let t = ` ${foldName(text)} `;
  for (const [re, to] of ROLE_SYNONYMS) t = t.replace(re, to);
  return t
    .split(' ')
    .filter(
      (w) => w && !['the', 'of', 'a', 'an', 'affairs', 'top', 'current', 'incumbent'].includes(w),
    )
    .sort()
    .join(' ');
}

const DEMONYM_EXCEPTIONS: Record<string, string> = {
  american: 'united states',
  british: 'united kingdom',
  dutch: 'netherlands',
  french: 'france',
  swiss: 'switzerland',
  turkish: 'turkey',
  emirati: 'united arab emirates',
  saudi: 'saudi arabia',
  kiwi: 'new zealand',
  chinese: 'china',
  japanese: 'japan',
  greek: 'greece',
};

interface Prepared {
  entity: LinkableEntity;
  names: { folded: string; by: 'name' | 'alias' }[];
}

export interface LinkerOptions {
  matcher?: NameMatcherLike;
}

export function createLinker(
  entities: readonly LinkableEntity[],
  options: LinkerOptions = {},
): SpeakerLinker {
  const prepared: Prepared[] = entities.map((entity) => ({
    entity,
    names: [
      { folded: foldName(entity.name), by: 'name' as const },
      ...entity.aliases.map((a) => ({ folded: foldName(a), by: 'alias' as const })),
    ].filter((n) => n.folded.length > 0),
  }));
  const byFolded = new Map<string, { id: string; type: string; by: 'name' | 'alias' }[]>();
  for (const p of prepared) {
    for (const n of p.names) {
      const list = byFolded.get(n.folded) ?? [];
      if (!list.some((x) => x.id === p.entity.id))
        list.push({ id: p.entity.id, type: p.entity.type, by: n.by });
      byFolded.set(n.folded, list);
    }
  }
  const countries = entities.filter((e) => e.type === 'Country');
  const matcher = options.matcher;

  const exact = (words: string, types: string[]): SpeakerLink | null => {
    const hits = (byFolded.get(foldName(words)) ?? []).filter((h) => types.includes(h.type));
    return hits.length === 1 ? { id: hits[0]!.id, by: hits[0]!.by } : null;
  };

  const countryOfAdjective = (word: string): string | null => {
    const w = foldName(word);
    const stem = DEMONYM_EXCEPTIONS[w];
    for (const c of countries) {
      for (const n of [c.name, ...c.aliases]) {
        const f = foldName(n);
        if (stem ? f === stem : w.length >= 4 && f.length >= 4 && stemMatches(w, f)) return c.id;
      }
    }
    return null;
  };

  const office = (words: string, date?: string): SpeakerLink | null => {
    const ofWhom: string[] = [];
    const rest: string[] = [];
    for (const w of words.split(/\s+/)) {
      const c = /^\p{Lu}/u.test(w) ? countryOfAdjective(w) : null;
      if (c) ofWhom.push(c);
      else if (!/^\p{Lu}/u.test(w) || roleWord(w)) rest.push(w);
      else return null; // a name word that is no country: not a bare title
    }
    const role = roleOf(rest.join(' '));
    if (!role) return null;
    const hits = new Set<string>();
    for (const e of entities) {
      for (const p of e.positions ?? []) {
        if (roleOf(p.title) !== role) continue;
        if (ofWhom.length > 0 && (!p.of || !ofWhom.includes(p.of))) continue;
        if (ofWhom.length === 0) continue;
        if (date && !heldOn(p, date)) continue;
        hits.add(e.id);
      }
    }
    return hits.size === 1 ? { id: [...hits][0]!, by: 'office' } : null;
  };

  const viaMatcher = (words: string, date?: string): SpeakerLink | null => {
    if (!matcher) return null;
    const hits = matcher.match(words, {
      types: SPEAKER_TYPES,
      at: date ?? null,
      limit: 3,
      minTier: 'WORDS',
    });
    const [top, second] = hits;
    if (!top || (second && second.score === top.score && second.id !== top.id)) return null;
    return {
      id: top.id,
      by: top.tier === 'OFFICE' ? 'office' : top.field === 'ALIAS' ? 'alias' : 'name',
    };
  };

  const link = (raw: string, date?: string): SpeakerLink | null => {
    const words = raw
      .replace(/\s*\([^)]*\)\s*/g, ' ')
      .replace(/['’]s?$/u, '')
      .trim();
    const bare = words.replace(/^(the|a|an)\s+/i, '');
    const direct = exact(bare, SPEAKER_TYPES) ?? viaMatcher(bare, date);
    if (direct) return direct;
    const byOffice = office(bare, date);
    if (byOffice) return byOffice;
    // a name inside a longer phrase: the longest run of words that is a name or alias
    const tokens = bare.split(/\s+/);
    for (let len = tokens.length - 1; len >= 1; len--) {
      for (let i = 0; i + len <= tokens.length; i++) {
        const sub = tokens.slice(i, i + len).join(' ');
        if (len === 1 && !/^\p{Lu}/u.test(sub)) continue;
        const hit = exact(sub, SPEAKER_TYPES);
        if (hit) return hit;
      }
    }
    // a surname: the last words of exactly one person's name
    const people = prepared.filter((p) => p.entity.type === 'Person');
    const tail = foldName(bare);
    if (/^\p{Lu}/u.test(bare)) {
      const hits = people.filter((p) => p.names.some((n) => n.folded.endsWith(` ${tail}`)));
      if (hits.length === 1) return { id: hits[0]!.entity.id, by: 'name' };
    }
    return null;
  };

  // mentions: names and aliases as whole words; short all-capital aliases ("US") only as written
  const patterns = prepared
    .filter((p) => MENTION_TYPES.includes(p.entity.type))
    .flatMap((p) =>
      [p.entity.name, ...p.entity.aliases]
        .filter((n) => n.length >= 2 && /\p{L}/u.test(n))
        .map((n) => ({ id: p.entity.id, name: n })),
    )
    .sort((a, b) => b.name.length - a.name.length);
  const findMentions = (text: string) => {
    const out: { id: string; start: number; end: number }[] = [];
    const taken: boolean[] = [];
    const lower = text.toLowerCase();
    for (const { id, name } of patterns) {
      const caseSensitive = name.length <= 4 || name === name.toUpperCase();
      const hay = caseSensitive ? text : lower;
      const needle = caseSensitive ? name : name.toLowerCase();
      for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
        const end = at + needle.length;
        if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? ''))
          continue;
        let free = true;
        for (let k = at; k < end; k++) if (taken[k]) free = false;
        if (!free) continue;
        for (let k = at; k < end; k++) taken[k] = true;
        out.push({ id, start: at, end });
      }
    }
    return out.sort((a, b) => a.start - b.start);
  };

  return { link, findMentions };
}

function roleWord(w: string): boolean {
  return /^(minister|president|secretary|foreign|prime|deputy|head|chief|spokes\w+|ambassador|envoy|diplomat|chancellor|premier|king|queen|leader|defen[cs]e|interior|finance|general)$/i.test(
    w,
  );
}

function stemMatches(adjective: string, country: string): boolean {
  for (const suffix of ['ian', 'ean', 'an', 'n', 'i', 'ese', 'ish', 'ic']) {
    if (adjective.endsWith(suffix)) {
      const stem = adjective.slice(0, -suffix.length);
      if (
        stem.length >= 4 &&
        (country === stem || country.startsWith(stem)) &&
        country.length - stem.length <= 3
      ) {
        return true;
      }
    }
  }
  return false;
}

function heldOn(p: { from?: string; to?: string }, date: string): boolean {
  const from = p.from ?? '';
  const to = p.to ?? '';
  if (from && date.slice(0, from.length) < from) return false;
  if (to && date.slice(0, to.length) > to) return false;
  return true;
}

/** The entities of a dataset file (the project's format) as the linker takes them. */
export function entitiesOfDataset(dataset: {
  people?: { id: string; name: string; aliases?: string[] }[];
  organizations?: { id: string; name: string; aliases?: string[] }[];
  countries?: { id: string; name: string; aliases?: string[] }[];
  places?: { id: string; name: string; aliases?: string[] }[];
  positions?: { person: string; title: string; of: string; from?: string; to?: string }[];
}): LinkableEntity[] {
  const out = new Map<
    string,
    LinkableEntity & { positions: NonNullable<LinkableEntity['positions']>[number][] }
  >();
  const add = (type: string, list?: { id: string; name: string; aliases?: string[] }[]) => {
    for (const r of list ?? [])
      out.set(r.id, { id: r.id, type, name: r.name, aliases: r.aliases ?? [], positions: [] });
  };
  add('Person', dataset.people);
  add('Organization', dataset.organizations);
  add('Country', dataset.countries);
  add('Place', dataset.places);
  for (const p of dataset.positions ?? []) {
    out.get(p.person)?.positions.push({ title: p.title, of: p.of, from: p.from, to: p.to });
  }
  return [...out.values()];
}
