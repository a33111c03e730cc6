/**
 * Linking a speaker as written to a graph entity, with the project's name
 * matcher (src/names): by name or alias, by surname or words of a name
 * ("Lavrov"), by an office held on the date ("the Russian foreign minister" on
 * 2024-07-28 is whoever held Minister of Foreign Affairs of Russia then), and by
 * a name inside a longer phrase ("Russian Foreign Minister Sergey Lavrov", "the
 * Russian news agency TASSA"). Exactly one best match links; a tie does not.
 * Pure: the entities come from a dataset file (entitiesOfDataset) or from the
 * graph (extraction.repository.ts).
 */
import { parsePartialDate } from '../calendar.js';
import { countryOfCapital, DEMONYMS } from '../names/demonyms.js';
import { createMatcher, type NameMatcher } from '../names/matcher.js';
import { jointNames } from './proposal.js';
import type { LinkableEntity, SpeakerLink, SpeakerLinker } from './types.js';

export { entitiesOfDataset } from '../names/entities.js';

const SPEAKER_TYPES = ['Person', 'Organization', 'Country'];
const MENTION_TYPES = ['Person', 'Organization', 'Country', 'Place'];

/** Ways news names an office that the matcher's titles do not: "the top Russian diplomat". */
const OFFICE_WORDING: [RegExp, string][] = [
  // "the top Russian diplomat": the country's word may stand between
  [/\b(?:top|chief|senior)\s+(\p{Lu}\p{L}+\s+)?diplomat\b/iu, '$1foreign minister'],
  [/\bforeign secretary\b/i, 'foreign minister'],
  [/\bforeign affairs minister\b/i, 'foreign minister'],
];

export function createLinker(
  entities: readonly LinkableEntity[],
  matcher: NameMatcher = createMatcher(entities),
): SpeakerLinker {
  const ask = (query: string, date: string | undefined, exactOnly = false): SpeakerLink | null => {
    const hits = matcher
      .match(query, {
        types: SPEAKER_TYPES,
        at: date ?? null,
        limit: 3,
        minTier: exactOnly ? 'EXACT' : 'WORDS',
      })
      // "Israel" starts "Israeli media": a prefix alone names nothing
      .filter((h) => h.tier !== 'PREFIX');
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
    if (!bare) return null;
    const direct = ask(bare, date);
    if (direct) return direct;
    let reworded = bare;
    for (const [re, to] of OFFICE_WORDING) reworded = reworded.replace(re, to);
    if (reworded !== bare) {
      const office = ask(reworded, date);
      if (office) return office;
    }
    // a capital speaking for its government ("Moscow said"): the graph's country
    const capital = countryOfCapital(bare);
    if (capital) {
      const country = entities.find((e) => e.type === 'Country' && isoOf(e.id) === capital.iso);
      if (country) return { id: country.id, by: 'name' };
    }
    // names speaking together are none of them alone
    if (jointNames(bare)) return null;
    // a name inside a longer phrase: the longest run of words that is exactly a name or alias
    const tokens = bare.split(/\s+/);
    for (let len = tokens.length - 1; len >= 1; len--) {
      for (let i = 0; i + len <= tokens.length; i++) {
        const sub = tokens.slice(i, i + len).join(' ');
        if (!/^\p{Lu}/u.test(sub)) continue;
        const hit = ask(sub, date, true);
        if (hit) return hit;
      }
    }
    return null;
  };

  // mentions: names and aliases as whole words; short or all-capital ones ("US") only as written
  const patterns = entities
    .filter((e) => MENTION_TYPES.includes(e.type))
    .flatMap((e) =>
      [e.name, ...(e.aliases ?? [])]
        .filter((n) => n.length >= 2 && /\p{L}/u.test(n))
        .map((n) => ({ id: e.id, name: n })),
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

  // countries: a country entity's ISO code (given, by its name, or by its id "country:RUS")
  const byId = new Map(entities.map((e) => [e.id, e]));
  const isoOf = (id: string): string | undefined => {
    const e = byId.get(id);
    if (!e || e.type !== 'Country') return undefined;
    return (
      e.iso ??
      DEMONYMS.find((d) => d.name === e.name || (e.aliases ?? []).includes(d.name))?.iso ??
      /^country:([A-Z]{3})$/.exec(e.id)?.[1]
    );
  };
  const held = (from: string | null | undefined, to: string | null | undefined, at?: string) => {
    const day = at ? parsePartialDate(at) : null;
    if (!day) return !to;
    const start = from ? parsePartialDate(from) : null;
    const end = to ? parsePartialDate(to) : null;
    return (!start || start.start <= day.end) && (!end || end.end >= day.start);
  };
  const countriesOf = (id: string, date?: string): string[] => {
    const own = isoOf(id);
    if (own) return [own];
    const e = byId.get(id);
    return [
      ...new Set(
        (e?.positions ?? [])
          .filter((p) => held(p.from, p.to, date))
          .map((p) => isoOf(p.of))
          .filter((iso): iso is string => !!iso),
      ),
    ];
  };

  return { link, findMentions, countriesOf };
}
