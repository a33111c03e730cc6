import { fold, searchKeys } from './normalise.js';

/**
 * The search keys stored beside a node's own properties (never instead of them):
 * - named nodes (people, organisations, countries, places, topics, meetings,
 *   sources): `searchKeys`, the folded and Latin words of the name or title and
 *   every alias, and `searchSkeletons`, their consonant skeletons;
 * - statements: `searchText`, the folded text.
 * The full-text indexes (src/db/migrations.ts) index these, not the stored text,
 * so a search and the graph agree on what a spelling means. Derived again on
 * every write; `backfillSearchKeys` fills nodes written before they existed.
 */
export interface SearchKeyProps {
  searchKeys?: string;
  searchSkeletons?: string;
  searchText?: string;
}

/** The record types whose nodes carry keys; positions (relationships) do not. */
const NAMED = new Set(['person', 'organization', 'country', 'place', 'topic', 'meeting', 'source']);

type PropValue = string | number | boolean | string[] | null | undefined;

export function searchKeyProps(type: string, props: Record<string, PropValue>): SearchKeyProps {
  if (type === 'statement') {
    return typeof props.text === 'string' ? { searchText: fold(props.text) } : {};
  }
  if (!NAMED.has(type)) return {};
  const label = typeof props.name === 'string' ? props.name : props.title;
  const aliases = Array.isArray(props.aliases) ? props.aliases : [];
  const keys = searchKeys([typeof label === 'string' ? label : null, ...aliases]);
  return { searchKeys: keys.keys, searchSkeletons: keys.skeletons };
}
