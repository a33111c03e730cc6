import type { Context } from '../shared/context.js';
import { nodeLabel } from '../explore/explore.graph.js';
import { SEARCH_INDEXES, type SearchIndex } from '../explore/explore.repository.js';
import { candidateQuery, searchTerms, toNamedEntity } from '../explore/explore.search.js';
import { createMatcher } from '../../names/matcher.js';
import type { NodeRow, NodeType } from '../shared/rows.js';
import {
  unknownIdsError,
  type Reference,
  type Suggestion,
  type UnknownIdProblem,
} from './references.rules.js';

export {
  EXPECTED,
  listReferences,
  unknownIdsError,
  type Expected,
  type Reference,
  type Suggestion,
  type UnknownIdProblem,
} from './references.rules.js';

/**
 * The one rule for ids a client passes to a query (a filter's id lists, the ids
 * of `timeline`, `stanceNetwork`, `neighborhood`, `paths`, `node`, `nodes`): an
 * id that names nothing, or names an object of a kind the argument cannot
 * match, is a NOT_FOUND error naming each such id with its argument path
 * (`filter.aboutIds[0]`) and, when there is one, the closest entity by name. An
 * empty answer therefore always means "nothing matched", never "that id does
 * not exist".
 */

/** Unknown ids get a suggestion each, up to this many; the rest are named without one. */
const MAX_SUGGESTIONS = 10;

/** Id prefixes of each node type, for a bare value that is an id without its prefix ("org:hamas" for "hamas"). */
const PREFIXES: Record<NodeType, (slug: string) => string> = {
  Person: (s) => `person:${slugify(s)}`,
  Organization: (s) => `org:${slugify(s)}`,
  Country: (s) => `country:${s.toUpperCase()}`,
  Place: (s) => `place:${slugify(s)}`,
  Topic: (s) => `topic:${slugify(s)}`,
  Meeting: (s) => `meeting:${slugify(s)}`,
  Source: (s) => `source:${slugify(s)}`,
  Statement: (s) => `statement:${slugify(s)}`,
};

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
}

/**
 * The problems of `refs`: none when every id names an object of an accepted
 * kind. The ids are looked up through the request's node loader, so all the
 * references of a request that are checked together cost one batched query
 * (and prime the loader for the resolvers that then read those nodes).
 */
export async function findUnknown(ctx: Context, refs: Reference[]): Promise<UnknownIdProblem[]> {
  if (refs.length === 0) return [];
  const rows = await ctx.loaders.node.loadMany(refs.map((r) => r.id));
  const unknown: Array<{ ref: Reference; found: NodeRow | null }> = [];
  refs.forEach((ref, i) => {
    const row = rows[i];
    if (row instanceof Error) throw row;
    if (!row || !ref.expected.types.includes(row.__typename))
      unknown.push({ ref, found: row ?? null });
  });
  if (unknown.length === 0) return [];
  const suggestions = await Promise.all(
    unknown.map(({ ref }, i) => (i < MAX_SUGGESTIONS ? suggest(ctx, ref) : null)),
  );
  return unknown.map(({ ref, found }, i) => {
    const suggestion = suggestions[i] ?? null;
    const kind = found ? `; it is a ${found.__typename}` : '';
    const hint = suggestion ? `; did you mean ${suggestion.id}, ${suggestion.label}?` : '';
    return {
      path: ref.path,
      id: ref.id,
      message: `no ${ref.expected.what} with id "${ref.id}"${kind}${hint}`,
      suggestion,
    };
  });
}

/** Throws NOT_FOUND naming every reference that does not name an object of an accepted kind. */
export async function checkReferences(ctx: Context, refs: Reference[]): Promise<void> {
  const problems = await findUnknown(ctx, refs);
  if (problems.length) throw unknownIdsError(problems);
}

/**
 * The closest entity of an accepted kind to what the client typed: the value
 * as an id with the right prefix ("hamas" → org:hamas, "ISR" → country:ISR);
 * else the best of the full-text candidates for its words, exact and fuzzy
 * ("Israel", "person:sergei-lavrov", "Isreal", "Лавров"), gathered and ranked as
 * `search` does it (name keys, then the name matcher of src/names). None when
 * the matcher finds none of them close.
 */
async function suggest(ctx: Context, ref: Reference): Promise<Suggestion | null> {
  // Statements have no name to be suggested by.
  const types: readonly NodeType[] = ref.expected.types.filter((type) => type !== 'Statement');
  const slug = ref.id.includes(':') ? ref.id.slice(ref.id.indexOf(':') + 1) : ref.id;
  const text = slug.replace(/[-_]+/g, ' ').trim();
  const terms = searchTerms(text);
  if (types.length === 0 || terms.length === 0 || text.length > 200) return null;

  const candidates = [...new Set(types.map((type) => PREFIXES[type](slug)))].filter(
    (id) => id !== ref.id,
  );
  const prefixed = await ctx.loaders.node.loadMany(candidates);
  const byPrefix = prefixed.find(
    (row): row is NodeRow => !!row && !(row instanceof Error) && types.includes(row.__typename),
  );
  if (byPrefix) return toSuggestion(byPrefix);

  const indexes = (Object.keys(SEARCH_INDEXES) as SearchIndex[]).filter((index) =>
    (SEARCH_INDEXES[index] as readonly NodeType[]).some((type) => types.includes(type)),
  );
  // The candidates `search` gathers (name keys: exact, prefix, fuzzy, skeletons), ranked the same way.
  const query = candidateQuery(text);
  if (!query) return null;
  const hits = await ctx.explore.search({
    names: { query, indexes, labels: types, limit: CANDIDATES },
    text: null,
  });
  const byId = new Map(hits.map(({ node }) => [node.id, node]));
  const entities = [...byId.values()].flatMap((node) => toNamedEntity(node) ?? []);
  const [best] = createMatcher(entities).match(text, { types, limit: 1 });
  return best ? toSuggestion(byId.get(best.id)!) : null;
}

/** Name candidates read for a suggestion. */
const CANDIDATES = 50;

function toSuggestion(row: NodeRow): Suggestion {
  return { id: row.id, type: row.__typename, label: nodeLabel(row) };
}
