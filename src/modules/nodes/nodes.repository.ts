import { int, type Database } from '../../db/neo4j.js';
import { type Direction, type PageRequest, type SortSpec } from '../shared/connection.js';
import { afterCondition, sortable, orderClause, pageParams, sortValue } from '../shared/keyset.js';
import { ID_PREFIXES } from '../../records/dataset.js';
import { NODE_TYPES } from '../../records/record-kinds.js';
import type { NodeRow, NodeType } from '../shared/rows.js';

/**
 * Search keys (src/names/keys.ts) are for the full-text indexes only: projections
 * of whole nodes blank them, so they never travel to resolvers (a statement's
 * folded text would double what a page of statements carries). An article's
 * full text (up to 2 MB) and its hash are left out the same way: Source.text and
 * evidence spans read it by its own loader, only when asked for.
 */
const HIDDEN = ['searchKeys', 'searchSkeletons', 'searchText', 'articleText', 'textHash'];

export const KEYS_OUT = HIDDEN.map((key) => `${key}: null`).join(', ');

/** Every temporal property a node can have (dates of records, write stamps). */
const TEMPORAL = [
  'dateStart',
  'dateEnd',
  'publishedStart',
  'publishedEnd',
  'endDateStart',
  'endDateEnd',
  'createdAt',
  'updatedAt',
];

/**
 * What a whole-node projection of `alias` overrides: the search keys blanked (see
 * KEYS_OUT), and temporal values as text, converted by Neo4j ("2024-07-28",
 * "2026-11-30T02:49:37.307Z"): the driver's conversion of Date and DateTime values
 * was a tenth of the API's CPU under load; the DateTime scalar normalises the text.
 * A source's publisher is its PUBLISHED_BY organisation's name (one link, no copy
 * to drift), read here so a page of statements with their sources stays one query.
 */
export const nodeOut = (alias: string) => {
  cypherName(alias);
  return (
    `${KEYS_OUT}, ${TEMPORAL.map((key) => `${key}: toString(${alias}.${key})`).join(', ')}, ` +
    `publisher: CASE WHEN ${alias}:Source THEN head(COLLECT { MATCH (${alias})-[:PUBLISHED_BY]->(publisherOrg) RETURN publisherOrg.name }) END`
  );
};

const PROPERTY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A variable or property name that goes into Cypher text: the code's own names only
 * (never a request's), checked so nothing else can pass; anything else is a programming error.
 */
function cypherName(name: string): string {
  if (!PROPERTY.test(name)) throw new Error(`not a Cypher name: ${name}`);
  return name;
}

/**
 * A projection of `alias` to some of its properties (and `__typename`), each as a
 * whole-node projection gives it (see `nodeOut`): what a request that reads only
 * these reads. The names are fields of the schema (see `plainProperties`); anything
 * else is a programming error.
 */
export function nodeProperties(alias: string, properties: readonly string[], typename: string) {
  cypherName(alias);
  const parts = properties.map((key) => {
    cypherName(key);
    if (HIDDEN.includes(key)) return `${key}: null`;
    return TEMPORAL.includes(key) ? `${key}: toString(${alias}.${key})` : `.${key}`;
  });
  return `${alias} { ${[...parts, `__typename: ${typename}`].join(', ')} }`;
}

/**
 * The values of `nodeProperties` as a list, `__typename` first (unless `typename`
 * is null: the caller knows the type), then each of `properties` in order: no key
 * is sent per node (a page of 100 statements carries ~600 linked nodes, and
 * decoding the keys of maps was most of the driver's work). `nodeFromValues`
 * turns it back into the map.
 */
export function nodeValues(alias: string, properties: readonly string[], typename: string | null) {
  const parts = propertyValues(alias, properties);
  return `[${(typename === null ? parts : [typename, ...parts]).join(', ')}]`;
}

/** The Cypher expressions of `nodeValues` for `properties` of `alias`, one a property. */
export function propertyValues(alias: string, properties: readonly string[]): string[] {
  cypherName(alias);
  return properties.map((key) => {
    cypherName(key);
    if (HIDDEN.includes(key)) return 'null';
    return TEMPORAL.includes(key) ? `toString(${alias}.${key})` : `${alias}.${key}`;
  });
}

/**
 * A node read by `nodeValues` (from `values[at]` on) as the map `nodeProperties`
 * gives; `typename` when it was read with none.
 */
export function nodeFromValues<T>(
  values: readonly unknown[],
  properties: readonly string[],
  typename?: string,
  at = 0,
): T {
  const node: Record<string, unknown> = {};
  const first = typename === undefined ? at + 1 : at;
  for (let i = 0; i < properties.length; i += 1) node[properties[i]!] = values[first + i] ?? null;
  node.__typename = typename ?? values[at];
  return node as T;
}

// nodesById
const NODES_BY_ID = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n { .*, ${nodeOut('n')}, __typename: head([l IN labels(n) WHERE l IN $types]) } AS node`;

/**
 * One-hop neighbourhoods that resolvers ask for, each a fixed Cypher expression
 * over the node `n` (allow-listed: never built from input), sorted so answers are stable.
 */
const RELATED = {
  partOf: `COLLECT { MATCH (n)-[:PART_OF]->(x) RETURN x.id ORDER BY x.id }`,
  members: `COLLECT { MATCH (x:Organization)-[:PART_OF]->(n) RETURN x.id ORDER BY x.id }`,
  parts: `COLLECT { MATCH (x:Meeting)-[:PART_OF]->(n) RETURN x.id ORDER BY x.dateStart, x.id }`,
  places: `COLLECT { MATCH (x:Place)-[:LOCATED_IN]->(n) RETURN x.id ORDER BY x.id }`,
  country: `COLLECT { MATCH (n)-[:LOCATED_IN]->(x:Country) RETURN x.id }`,
  heldIn: `COLLECT { MATCH (n)-[:HELD_IN]->(x) RETURN x.id }`,
  publishedBy: `COLLECT { MATCH (n)-[:PUBLISHED_BY]->(x) RETURN x.id }`,
  cites: `COLLECT { MATCH (n)-[:CITES]->(x) RETURN x.id ORDER BY x.id }`,
  citedBy: `COLLECT { MATCH (x)-[:CITES]->(n) RETURN x.id ORDER BY x.id }`,
  chain: `COLLECT { MATCH p = (n)-[:CITES*1..10]->(x) WITH x, min(length(p)) AS d RETURN x.id ORDER BY d, x.id }`,
  participants: `COLLECT { MATCH (a)-[r:ATTENDED]->(n) RETURN { actor: a.id, role: r.role } AS p ORDER BY a.id, r.role }`,
  participations: `COLLECT { MATCH (n)-[r:ATTENDED]->(m) RETURN { meeting: m.id, role: r.role } AS p
                             ORDER BY m.dateStart DESC, m.id }`,
  positionsHeld: `COLLECT { MATCH (n)-[r:HOLDS_POSITION]->(o) RETURN r { .*, personId: n.id, ofId: o.id } AS p
                            ORDER BY r.fromStart DESC, r.id }`,
  positionsIn: `COLLECT { MATCH (x)-[r:HOLDS_POSITION]->(n) RETURN r { .*, personId: x.id, ofId: n.id } AS p
                          ORDER BY r.fromStart DESC, r.id }`,
} as const;

export type Relation = keyof typeof RELATED;

const RELATED_QUERIES = Object.fromEntries(
  Object.entries(RELATED).map(([name, expr]) => [
    name,
    `// related:${name}\nUNWIND $ids AS id\nMATCH (n:Entity {id: id})\nRETURN id, ${expr} AS items`,
  ]),
) as Record<Relation, string>;

const byName = (field: 'name' | 'title'): Record<string, SortSpec> => ({
  NAME: { name: 'NAME', expr: `toLower(n.${field})`, cast: 'none' },
  TITLE: { name: 'TITLE', expr: `toLower(n.${field})`, cast: 'none' },
  ID: { name: 'ID', expr: 'n.id', cast: 'none' },
});

/** Root lists: label and sort orders per type, all fixed here. Undated sorts as the earliest. */
export const LISTS = {
  Person: byName('name'),
  Organization: byName('name'),
  Country: byName('name'),
  Topic: byName('title'),
  Meeting: {
    ...byName('title'),
    DATE: {
      name: 'DATE',
      expr: `coalesce(n.dateStart, date('0001-01-01'))`,
      cast: 'date',
    } as SortSpec,
  },
  Source: {
    ...byName('title'),
    PUBLISHED: {
      name: 'PUBLISHED',
      expr: `coalesce(n.publishedStart, date('0001-01-01'))`,
      cast: 'date',
    } as SortSpec,
  },
} satisfies Partial<Record<NodeType, Record<string, SortSpec>>>;

export type ListType = keyof typeof LISTS;

/** The prefix of each root list's ids, which tells its cursors from another list's. */
export const LIST_ID_PREFIXES: Record<ListType, string> = {
  Person: ID_PREFIXES.person,
  Organization: ID_PREFIXES.organization,
  Country: ID_PREFIXES.country,
  Topic: ID_PREFIXES.topic,
  Meeting: ID_PREFIXES.meeting,
  Source: ID_PREFIXES.source,
};

const NAME_FILTER = `($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains)
    OR any(alias IN n.aliases WHERE toLower(alias) CONTAINS toLower($nameContains)))`;

/**
 * The label of a root list, checked against LISTS at run time too: a label in Cypher
 * never comes from input, and anything else is a programming error.
 */
function listLabel(type: ListType, sort?: SortSpec): ListType {
  const sorts = Object.hasOwn(LISTS, type) ? Object.values(LISTS[type]) : undefined;
  if (!sorts || (sort && !sorts.includes(sort)))
    throw new Error(`not an allow-listed list: ${type}`);
  return type;
}

export function createNodesRepository(db: Database) {
  return {
    /** A page of one type's nodes (`type` a key of LISTS, `sort` one of its specs), with each row's sort value for its cursor. */
    async page(
      type: ListType,
      sort: SortSpec,
      direction: Direction,
      page: PageRequest,
      nameContains?: string | null,
    ) {
      // listNodes
      const cypher = `
MATCH (n:${listLabel(type, sort)}) WHERE ${NAME_FILTER} AND ${sortable(sort)}${page.after ? ` AND ${afterCondition(sort, direction)}` : ''}
RETURN n { .*, ${nodeOut('n')}, __typename: $type } AS node, ${sortValue(sort)} AS sortValue
${orderClause(sort, direction)}
LIMIT $limit`;
      const params = {
        type,
        nameContains: nameContains ?? null,
        ...pageParams(page),
        limit: int(page.limit),
      };
      return (await db.read(cypher, params)) as Array<{ node: NodeRow; sortValue: unknown }>;
    },

    async count(type: ListType, nameContains?: string | null): Promise<number> {
      // countNodes
      const [row] = await db.read(
        `MATCH (n:${listLabel(type)}) WHERE ${NAME_FILTER} RETURN count(n) AS count`,
        {
          nameContains: nameContains ?? null,
        },
      );
      return (row?.count as number) ?? 0;
    },

    /** Nodes of any kind, in key order; null for an unknown id. */
    async byIds(ids: readonly string[]): Promise<Array<NodeRow | null>> {
      const rows = await db.read(NODES_BY_ID, { ids, types: NODE_TYPES });
      const byId = new Map(rows.map((row) => [(row.node as NodeRow).id, row.node as NodeRow]));
      return ids.map((id) => byId.get(id) ?? null);
    },

    /** What each node is related to by `relation`, in key order (empty for an unknown id). */
    async related<T>(relation: Relation, ids: readonly string[]): Promise<T[][]> {
      const rows = await db.read(RELATED_QUERIES[relation], { ids });
      const byId = new Map(rows.map((row) => [row.id as string, row.items as T[]]));
      return ids.map((id) => byId.get(id) ?? []);
    },
  };
}

export type NodesRepository = ReturnType<typeof createNodesRepository>;
