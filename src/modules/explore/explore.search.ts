import { badInput } from '../../errors.js';
import type { NodeRow } from '../rows.js';

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
        ? `must be at most ${MAX_SEARCH_TEXT} characters`
        : searchTerms(trimmed).length === 0
          ? 'must contain a letter or a digit'
          : null;
  if (problem) throw badInput(`search text ${problem}.`, [{ path: 'text', message: problem }]);
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

export type SearchField = 'NAME' | 'ALIAS' | 'TITLE' | 'TEXT';

export interface FieldMatch {
  field: SearchField;
  /** The matched property's value as stored: the name, the alias, the title or the text. */
  value: string;
}

/** The properties each kind of node is indexed on, the primary one first. */
function candidates(row: NodeRow): FieldMatch[] {
  const aliases = (list: string[] | null | undefined): FieldMatch[] =>
    (list ?? []).map((value) => ({ field: 'ALIAS', value }));
  switch (row.__typename) {
    case 'Person':
    case 'Organization':
    case 'Country':
    case 'Place':
      return [{ field: 'NAME', value: row.name }, ...aliases(row.aliases)];
    case 'Topic':
      return [{ field: 'TITLE', value: row.title }, ...aliases(row.aliases)];
    case 'Meeting':
    case 'Source':
      return [{ field: 'TITLE', value: row.title }];
    case 'Statement':
      return [{ field: 'TEXT', value: row.text }];
  }
}

/**
 * Which property a hit matched: the one holding most of the search's words, and
 * among equals the primary one (name or title) before aliases, aliases in stored
 * order. Lucene does not say which field of a multi-field index matched, so the
 * words are checked again here.
 */
export function matchedField(row: NodeRow, terms: readonly string[]): FieldMatch {
  const all = candidates(row);
  let best = all[0]!;
  let bestHits = -1;
  for (const candidate of all) {
    const words = new Set(searchTerms(candidate.value));
    const hits = terms.filter((term) => words.has(term)).length;
    if (hits > bestHits) {
      best = candidate;
      bestHits = hits;
    }
  }
  return best;
}
