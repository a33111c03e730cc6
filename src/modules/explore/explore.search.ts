import { invalidInput } from '../../errors.js';
import { tooLong } from '../shared/arguments.js';
import { DEMONYMS } from '../../names/demonyms.js';
import type { EntityPosition, NameMatch, NamedEntity } from '../../names/matcher.js';
import { TIER_BASE } from '../../names/matcher.js';
import { latin, nameKeys, skeletonOfWord } from '../../names/normalise.js';
import type { NodeRow, NodeType } from '../shared/rows.js';

/**
 * Full-text search input, made safe for Lucene: every word the client typed is
 * searched literally (quoted and escaped), so operators, wildcards, fuzzy and
 * range syntax in the input are just characters and can never break the query.
 */

export const MAX_SEARCH_TEXT = 200;

/** Letters (with their combining marks) and digits: what Lucene's standard analyzer keeps. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const CONTROL = /\p{Cc}/gu;

/** The client's text, trimmed and checked: BAD_USER_INPUT when it is empty, too long, or has no word. */
export function checkSearchText(text: string): string {
  const trimmed = text.replace(CONTROL, ' ').trim();
  const problem =
    trimmed.length === 0
      ? 'must not be empty'
      : trimmed.length > MAX_SEARCH_TEXT
        ? tooLong(MAX_SEARCH_TEXT, trimmed.length)
        : searchTerms(trimmed).length === 0
          ? 'must contain a letter or a digit'
          : null;
  if (problem) throw invalidInput([{ path: 'text', message: problem }]);
  return trimmed;
}

/** Lower-cased words of a text, as the matched field is recognised (not as Lucene ranks). */
export function searchTerms(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).filter((t, i, all) => all.indexOf(t) === i);
}

/** A Lucene phrase of literal text: inside quotes only `\` and `"` need escaping. */
const phrase = (text: string) => `"${text.replace(/[\\"]/g, '\\$&')}"`;

/**
 * The Lucene query for checked text. Words are split on white space and each is
 * quoted, so `AND`, `-x`, `a*`, `x~2`, `field:value` or `[a TO b]` are searched
 * as words. Every word must occur (a word that the analyzer reduces to nothing,
 * like `&&`, drops out); the whole text as a phrase scores higher, so a quote
 * typed exactly ranks first.
 */
export function luceneQuery(text: string): string {
  const words = text.split(/\s+/).filter((word) => searchTerms(word).length > 0);
  if (words.length <= 1) return phrase(words[0] ?? text);
  return `(${words.map(phrase).join(' AND ')}) OR ${phrase(words.join(' '))}^4`;
}

/** Lucene's special characters, escaped in words we add operators to. */
const escapeTerm = (word: string) => word.replace(/[+\-!(){}[\]^"~*?:\\/&|]/g, '\\$&');

/** Texts of more words than this are matched without typos (a name is rarely longer). */
const MAX_FUZZY_WORDS = 8;

/** Edits a fuzzy term may take at this length (Lucene allows at most 2); as the matcher's fuzzy tier. */
const fuzzyEdits = (length: number) => (length <= 3 ? 0 : length <= 7 ? 1 : 2);

/**
 * The Lucene query that gathers candidates for the name matcher from the key
 * indexes (actor_keys, title_keys): any folded or Latin word of the text, the
 * words run together pairwise, a prefix of the last word, each Latin word with
 * the typos the fuzzy tier allows, and the consonant skeletons. Generous on
 * purpose: the matcher (src/names/matcher.ts) ranks, and drops what does not
 * match. The words come out of the normaliser as letters and digits only, and
 * are quoted or escaped all the same: nothing the client typed is Lucene syntax.
 * Null when the text has no word.
 */
export function candidateQuery(text: string): string | null {
  const k = nameKeys(text);
  const folded = k.folded ? k.folded.split(' ') : [];
  const latinWords = k.latin ? k.latin.split(' ') : [];
  if (folded.length === 0 && latinWords.length === 0) return null;
  const clauses = new Set<string>();
  for (const w of [...folded, ...latinWords]) clauses.add(phrase(w));
  for (let i = 1; i < latinWords.length; i++)
    clauses.add(phrase(latinWords[i - 1]! + latinWords[i]!));
  const last = latinWords.at(-1) ?? folded.at(-1)!;
  if (last.length >= 2) clauses.add(`${escapeTerm(last)}*`);
  // Typos and skeletons only for name-length texts: each fuzzy term expands to up to 50
  // terms, and a pasted paragraph would pass Lucene's limit of 1024 clauses.
  for (const w of latinWords.length <= MAX_FUZZY_WORDS ? latinWords : []) {
    const edits = fuzzyEdits(w.length);
    if (edits > 0) clauses.add(`${escapeTerm(w)}~${edits}`);
    const skeleton = skeletonOfWord(w);
    if (skeleton.length >= 3) clauses.add(`searchSkeletons:${phrase(skeleton)}`);
  }
  const joined = skeletonOfWord(latinWords.join(''));
  if (latinWords.length > 1 && latinWords.length <= MAX_FUZZY_WORDS && joined.length >= 3)
    clauses.add(`searchSkeletons:${phrase(joined)}`);
  return [...clauses].join(' OR ');
}

/** The Lucene query for statement text: the folded text's words, all required, the phrase boosted. Null when none. */
export function statementQuery(text: string): string | null {
  const folded = nameKeys(text).folded;
  return folded ? luceneQuery(folded) : null;
}

/** ISO codes of the countries whose demonym ("Russian", "Qatari") the text contains. */
export function demonymIsos(text: string): string[] {
  const words = ` ${latin(text)} `;
  return DEMONYMS.filter((d) => d.adjectives.some((a) => words.includes(` ${latin(a)} `))).map(
    (d) => d.iso,
  );
}

/** A node as the matcher takes it: its name (or title) and aliases, and a country's ISO code. */
export function toNamedEntity(row: NodeRow, positions?: EntityPosition[]): NamedEntity | null {
  const r = row as Partial<Record<'name' | 'title' | 'iso', string>> & {
    aliases?: string[] | null;
  };
  const name = r.name ?? r.title;
  if (typeof name !== 'string') return null;
  return {
    id: row.id,
    type: row.__typename,
    name,
    aliases: r.aliases ?? [],
    iso: r.iso ?? null,
    positions: positions ?? null,
  };
}

export type SearchField = 'NAME' | 'ALIAS' | 'TITLE' | 'TEXT' | 'POSITION';
export type SearchTier = 'EXACT' | 'PREFIX' | 'OFFICE' | 'FULL_TEXT' | 'FUZZY';

export interface RankedHit {
  node: NodeRow;
  score: number;
  tier: SearchTier;
  field: SearchField;
  /** The matched property's value as stored: the name, the alias, the title, the text or the post. */
  text: string;
}

const TITLED = new Set<NodeType>(['Topic', 'Meeting', 'Source']);

/** A matcher hit as a search hit: WORDS is the full-text tier; a titled node's name is its TITLE. */
export function fromMatch(hit: NameMatch, node: NodeRow): RankedHit {
  return {
    node,
    score: hit.score,
    tier: hit.tier === 'WORDS' ? 'FULL_TEXT' : hit.tier,
    field: hit.field === 'NAME' && TITLED.has(node.__typename) ? 'TITLE' : hit.field,
    text: hit.text,
  };
}

/**
 * A statement found by its text: in the full-text tier, below any name that
 * holds every word (the matcher gives those 50–99), ordered by Lucene's score.
 */
export function fromStatement(node: NodeRow & { text: string }, luceneScore: number): RankedHit {
  const within = Math.round(((49 * luceneScore) / (luceneScore + 1)) * 100) / 100;
  return {
    node,
    score: TIER_BASE.WORDS + within,
    tier: 'FULL_TEXT',
    field: 'TEXT',
    text: node.text,
  };
}
