import { Neo4jError } from 'neo4j-driver';
import { int, type Database } from '../../db/neo4j.js';
import { invalidInput } from '../../errors.js';
import { NODE_TYPES } from '../../records/record-kinds.js';
import { nodeOut } from '../nodes/nodes.repository.js';
import type { NodeRow, NodeType, StatementRow } from '../shared/rows.js';
import type { RawEdge } from './explore.graph.js';
import type { Stance, TimelineStatement } from './explore.timeline.js';
import { statementsFor } from '../statements/statements.repository.js';

/** Full-text indexes (src/db/migrations.ts) and the node types each one covers. */
export const SEARCH_INDEXES = {
  actor_keys: ['Person', 'Organization', 'Country', 'Place'],
  statement_keys: ['Statement'],
  title_keys: ['Meeting', 'Topic', 'Source'],
} as const satisfies Record<string, readonly NodeType[]>;

export type SearchIndex = keyof typeof SEARCH_INDEXES;

/** Hits read from each index before types are filtered and results ranked together. */
const SEARCH_SCAN = 1000;

/**
 * Path quantifiers per depth: Cypher takes no parameter there, so the bounds are
 * fixed fragments chosen by a checked integer, never text from the client.
 */
const HOPS: Record<number, string> = {
  1: '{1,1}',
  2: '{1,2}',
  3: '{1,3}',
  4: '{1,4}',
  5: '{1,5}',
  6: '{1,6}',
};

/** The quantifier for 1..n hops, from the fixed table only: any other n is a programming error. */
function hops(n: number): string {
  const quantifier = HOPS[n];
  if (quantifier === undefined) throw new Error(`no path quantifier for ${n} hops`);
  return quantifier;
}

/** Relationships a traversal may follow: all, or those of the allow-listed types in `$types`. */
const STEP = `-[r WHERE $types IS NULL OR type(r) IN $types]-`;

const NODE_MAP = (alias: string) =>
  `${alias} { .*, ${nodeOut(alias)}, __typename: head([l IN labels(${alias}) WHERE l IN $nodeTypes]) }`;

/**
 * Two full-text searches in one round trip: names (candidates for the name
 * matcher, from the key indexes) and statement text. Either may be skipped by
 * passing no indexes. Each part keeps its best `limit` hits by score, ties by id.
 */
const SEARCH = `// search
CALL () {
  UNWIND $nameIndexes AS index
  CALL db.index.fulltext.queryNodes(index, $nameQuery, { limit: $scan }) YIELD node, score
  WITH node, score WHERE any(l IN labels(node) WHERE l IN $nameLabels)
  WITH node, score ORDER BY score DESC, node.id ASC LIMIT $nameLimit
  RETURN node, score, 'name' AS part
  UNION ALL
  UNWIND $textIndexes AS index
  CALL db.index.fulltext.queryNodes(index, $textQuery, { limit: $scan }) YIELD node, score
  WITH node, score WHERE any(l IN labels(node) WHERE l IN $textLabels)
  WITH node, score ORDER BY score DESC, node.id ASC LIMIT $textLimit
  RETURN node, score, 'text' AS part
}
RETURN ${NODE_MAP('node')} AS node, score, part`;

/**
 * The posts held in the given organisations or countries (by id, or a country by
 * ISO code), with the places themselves: what an office search ("Qatar prime
 * minister") is matched against.
 */
const OFFICE_HOLDERS = `// officeHolders
CALL () {
  MATCH (o:Entity) WHERE o.id IN $ids AND (o:Organization OR o:Country) RETURN o
  UNION
  MATCH (o:Country) WHERE o.iso IN $isos RETURN o
}
OPTIONAL MATCH (p:Person)-[r:HOLDS_POSITION]->(o)
WITH o, collect(CASE WHEN p IS NULL THEN null ELSE {
  holder: p { .*, ${nodeOut('p')}, __typename: 'Person' },
  position: { id: r.id, title: r.title, of: o.id, from: r.from, to: r.to }
} END) AS held
RETURN ${NODE_MAP('o')} AS place, held`;

/**
 * A speaker's statements, with their stances toward $focus ($aboutId, else
 * $topicId; any target when both are null). The about/topic checks expand from the
 * statement (a few relationships) rather than look the target up: with an
 * optional id the planner would scan the index. The dates are checked first (a
 * property each), then the stances are read once and serve as the about check:
 * checking ABOUT before the dates walked every statement's targets (PROFILE: 186,000
 * db hits for a year of the bench's busiest pair, 76,000 for the floor's query).
 * Dates come as text (the driver's Date conversion costs more than Neo4j's). Each
 * statement is a list of values, not a map, and with a focus its stances are the
 * stance values alone (the target is the focus): at 1,000,000 statements a year of the
 * bench's busiest pair is ~3,000 statements, and the keys of maps were most of the
 * bytes the driver decoded (see `timelineRow`).
 */
const timelineStatements = (
  includeRepresentatives: boolean,
  focused: boolean,
) => `// timelineStatements
CALL () {
  UNWIND $anchorIds AS anchorId
  MATCH (x:Entity {id: anchorId})
  RETURN collect(x { .*, ${nodeOut('x')}, __typename: head([l IN labels(x) WHERE l IN $types]) }) AS anchors
}
CALL () {
  ${statementsFor('actorIds', includeRepresentatives)}
  WITH DISTINCT n AS s
  WHERE ($from IS NULL OR s.dateStart >= date($from))
    AND ($to IS NULL OR s.dateEnd <= date($to))
  WITH s, ${
    focused
      ? '[(s)-[r:ABOUT]->(t) WHERE t.id = $focus | r.stance]'
      : '[(s)-[r:ABOUT]->(t) | [t.id, r.stance]]'
  } AS stances
  WHERE ($aboutId IS NULL OR size(stances) > 0)
    AND ($topicId IS NULL OR EXISTS { MATCH (s)-[:ON_TOPIC]->(t:Topic) WHERE t.id = $topicId })
  WITH s, stances ORDER BY s.dateStart, s.dateEnd, s.id
  LIMIT $limit
  RETURN collect([
    s.id, s.datePrecision, toString(s.dateStart), toString(s.dateEnd), stances,
    EXISTS { (s)-[:RELAYS]->() },
    CASE WHEN $whole THEN s { .*, ${nodeOut('s')}, __typename: 'Statement' } END
  ]) AS statements
}
RETURN anchors, statements`;

/**
 * Statements about a target from any speaker: ABOUT it, and for a topic also
 * ON_TOPIC; with the speaker, the stance toward the target and whether the
 * statement relays another's. Null row set for an unknown target is left to the resolver.
 */
const ABOUT_STATEMENTS = `// aboutStatements
MATCH (t:Entity {id: $targetId})
CALL (t) {
  MATCH (s:Statement)-[:ABOUT]->(t) RETURN s
  UNION
  MATCH (s:Statement)-[:ON_TOPIC]->(t) WHERE t:Topic RETURN s
}
WITH t, s
WHERE ($from IS NULL OR s.dateStart >= date($from))
  AND ($to IS NULL OR s.dateEnd <= date($to))
MATCH (a:Actor)-[:MADE]->(s)
RETURN s.id AS id, s.datePrecision AS precision, s.dateStart AS start, s.dateEnd AS end,
  a.id AS speaker,
  [(s)-[r:ABOUT]->(t) | { target: t.id, stance: r.stance }] AS stances,
  EXISTS { (s)-[:RELAYS]->(:Statement) } AS relays,
  s { .*, ${nodeOut('s')}, __typename: 'Statement' } AS node
ORDER BY start, end, id
LIMIT $limit`;

/**
 * stanceNetwork starts from the given speakers (and with representatives, the
 * statements that count for them), else the given targets, else every statement.
 */
const NETWORK_ANCHORS = {
  speakers: `${statementsFor('speakerIds', false)}
WITH DISTINCT actor AS a, n AS s
MATCH (s)-[r:ABOUT]->(t)
WHERE ($targetIds IS NULL OR t.id IN $targetIds)`,
  represented: `${statementsFor('speakerIds', true)}
WITH DISTINCT actor AS a, n AS s
MATCH (s)-[r:ABOUT]->(t)
WHERE ($targetIds IS NULL OR t.id IN $targetIds)`,
  targets: `UNWIND $targetIds AS targetId
MATCH (t:Entity {id: targetId})
MATCH (a:Actor)-[:MADE]->(s:Statement)-[r:ABOUT]->(t)
WHERE true`,
  all: `MATCH (a:Actor)-[:MADE]->(s:Statement)-[r:ABOUT]->(t)
WHERE true`,
} as const;

const stanceNetwork = (anchor: keyof typeof NETWORK_ANCHORS) => `// stanceNetwork
${NETWORK_ANCHORS[anchor]}
  AND ($from IS NULL OR s.dateStart >= date($from))
  AND ($to IS NULL OR s.dateEnd <= date($to))
WITH a, t, s, r.stance AS stance ORDER BY s.dateStart, s.dateEnd, s.id
WITH a.id AS speaker, t.id AS target, collect(s) AS said, collect(stance) AS stances
WITH speaker, target, stances, size(said) AS count, head(said) AS earliest, last(said) AS latest
ORDER BY count DESC, speaker, target
WITH collect({
  speaker: speaker, target: target, count: count,
  supportive: size([x IN stances WHERE x = 'SUPPORTIVE']),
  critical: size([x IN stances WHERE x = 'CRITICAL']),
  neutral: size([x IN stances WHERE x = 'NEUTRAL']),
  mixed: size([x IN stances WHERE x = 'MIXED']),
  latestStance: last(stances),
  first: earliest { .date, .datePrecision, .dateStart, .dateEnd },
  last: latest { .date, .datePrecision, .dateStart, .dateEnd }
}) AS pairs
RETURN size(pairs) AS total, pairs[0..$first] AS edges`;

/**
 * Every node within the depth, nearest first (then by id), with its distance
 * from one shortest path each; the first $limit are kept, with the centre (distance
 * 0), and read in the same query as a subgraph is (SUBGRAPH_NODES, INDUCED_EDGES):
 * whole, with their hidden neighbours, and the relationships between them. No row
 * for an unknown centre.
 */
const neighborhood = (depth: number) => `// neighborhood
MATCH (c:Entity {id: $id})
OPTIONAL CALL (c) {
  MATCH p = SHORTEST 1 (c)${STEP}${hops(depth)}(x:Entity)
  WHERE x <> c
  RETURN x, length(p) AS distance
}
WITH c, x, distance ORDER BY distance, x.id
WITH c, collect(CASE WHEN x IS NULL THEN null ELSE { n: x, distance: distance } END) AS found
WITH size(found) AS total, [{ n: c, distance: 0 }] + found[0..$limit] AS kept
WITH total, kept, [k IN kept | k.n] AS shown
CALL (kept, shown) {
  UNWIND kept AS k
  WITH k.n AS n, k.distance AS distance
  RETURN collect({
    node: ${NODE_MAP('n')},
    distance: distance,
    hidden: COUNT { MATCH (n)${STEP}(y) RETURN DISTINCT y }
      - size([m IN shown WHERE m <> n AND EXISTS { (n)${STEP}(m) }])
  }) AS nodes
}
CALL (shown) {
  UNWIND shown AS a
  UNWIND shown AS b
  MATCH (a)-[r]->(b) WHERE $types IS NULL OR type(r) IN $types
  RETURN collect({ type: type(r), source: a.id, target: b.id, properties: properties(r) }) AS edges
}
RETURN total, nodes, edges`;

/** All shortest paths (undirected), a bounded number read, in a stable order. */
const paths = (maxLength: number) => `// pathsBetween
MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
CALL (a, b) {
  MATCH p = ALL SHORTEST (a)${STEP}${hops(maxLength)}(b)
  RETURN p LIMIT $scan
}
WITH p ORDER BY [n IN nodes(p) | n.id], [r IN relationships(p) | type(r)]
WITH collect(p) AS found
RETURN size(found) AS total, [p IN found[0..$first] | {
  nodeIds: [n IN nodes(p) | n.id],
  edges: [r IN relationships(p) | {
    type: type(r), source: startNode(r).id, target: endNode(r).id, properties: properties(r)
  }]
}] AS paths`;

/**
 * Nodes by id with the number of their distinct neighbours (over
 * the allowed types) that are not among the ids: what expanding each would add.
 */
const SUBGRAPH_NODES = `// subgraphNodes
MATCH (n:Entity) WHERE n.id IN $ids
WITH collect(n) AS shown
UNWIND shown AS n
RETURN ${NODE_MAP('n')} AS node,
  COUNT { MATCH (n)${STEP}(y) RETURN DISTINCT y }
    - size([m IN shown WHERE m <> n AND EXISTS { (n)${STEP}(m) }]) AS hidden`;

/** Every relationship (of the allowed types) between two of the ids. */
const INDUCED_EDGES = `// inducedEdges
MATCH (n:Entity) WHERE n.id IN $ids
WITH collect(n) AS shown
UNWIND shown AS a
UNWIND shown AS b
MATCH (a)-[r]->(b) WHERE $types IS NULL OR type(r) IN $types
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS properties`;

/** One full-text search: a Lucene query over some indexes, of the node types in `labels`, at most `limit` hits. */
export interface SearchPart {
  query: string;
  indexes: readonly SearchIndex[];
  labels: readonly NodeType[];
  limit: number;
}

export interface OfficeRow {
  id: string;
  title: string;
  of: string;
  from: string | null;
  to: string | null;
}

export interface StanceEdgeRow {
  speaker: string;
  target: string;
  count: number;
  supportive: number;
  critical: number;
  neutral: number;
  mixed: number;
  latestStance: string;
  first: StoredDate;
  last: StoredDate;
}

export interface StoredDate {
  date: string;
  datePrecision: string;
  dateStart: string;
  dateEnd: string;
}

export interface SubgraphNode {
  node: NodeRow;
  hidden: number;
}

export interface PathRow {
  nodeIds: string[];
  edges: RawEdge[];
}

/** Relationship types a traversal may follow; null for all. Values come from an allow-listed enum. */
export type RelationshipTypes = readonly string[] | null;

/** A timeline statement as `timelineStatements` sends it: a list of values. */
type TimelineValues = [
  id: string,
  precision: TimelineStatement['precision'],
  start: string,
  end: string,
  stances: Stance[] | Array<[target: string, stance: Stance]>,
  relays: boolean,
  node: StatementRow | null,
];

/** The statement of `timelineStatements`' values; with a focus, each stance is toward it. */
function timelineRow(
  [id, precision, start, end, stances, relays, node]: TimelineValues,
  focus: string | null,
): TimelineStatement & { node: StatementRow | null } {
  return {
    id,
    precision,
    start,
    end,
    stances:
      focus === null
        ? (stances as Array<[string, Stance]>).map(([target, stance]) => ({ target, stance }))
        : (stances as Stance[]).map((stance) => ({ target: focus, stance })),
    relays,
    node,
  };
}

export function createExploreRepository(db: Database) {
  return {
    /** Full-text hits for names and for statement text (either may be null), each part best first. */
    async search(parts: {
      names: SearchPart | null;
      text: SearchPart | null;
    }): Promise<Array<{ node: NodeRow; score: number; part: 'name' | 'text' }>> {
      const { names, text } = parts;
      try {
        const rows = await db.read(SEARCH, {
          nameIndexes: names?.indexes ?? [],
          nameQuery: names?.query ?? '',
          nameLabels: names?.labels ?? [],
          nameLimit: int(names?.limit ?? 0),
          textIndexes: text?.indexes ?? [],
          textQuery: text?.query ?? '',
          textLabels: text?.labels ?? [],
          textLimit: int(text?.limit ?? 0),
          nodeTypes: NODE_TYPES,
          scan: int(SEARCH_SCAN),
        });
        return rows as Array<{ node: NodeRow; score: number; part: 'name' | 'text' }>;
      } catch (error) {
        // The query is built to parse whatever the client typed; should Lucene still refuse it, that is the input's fault.
        if (
          error instanceof Neo4jError &&
          error.code === 'Neo.ClientError.Procedure.ProcedureCallFailed' &&
          /ParseException|TooManyClauses/.test(error.message)
        ) {
          throw invalidInput([
            { path: 'text', message: 'could not be searched; remove special characters' },
          ]);
        }
        throw error;
      }
    },

    /** Organisations and countries by id or ISO code, each with the posts held in it and their holders. */
    async officeHolders(
      ids: readonly string[],
      isos: readonly string[],
    ): Promise<
      Array<{
        place: NodeRow;
        held: Array<{ holder: NodeRow; position: OfficeRow }>;
      }>
    > {
      const rows = await db.read(OFFICE_HOLDERS, { ids, isos, nodeTypes: NODE_TYPES });
      return rows as unknown as Array<{
        place: NodeRow;
        held: Array<{ holder: NodeRow; position: OfficeRow }>;
      }>;
    },

    /**
     * A speaker's statements in date order, at most `limit`, and in the same query
     * the nodes of `anchorIds` (the ids the request names), so checking them costs none.
     */
    async timelineStatements(args: {
      actorId: string;
      aboutId: string | null;
      topicId: string | null;
      from: string | null;
      to: string | null;
      limit: number;
      anchorIds: readonly string[];
      /** Each statement's node too (else `node` is null). */
      whole: boolean;
      includeRepresentatives: boolean;
    }): Promise<{
      anchors: NodeRow[];
      statements: Array<TimelineStatement & { node: StatementRow | null }>;
    }> {
      // The stances read are toward the target asked about; the about check relies on it.
      const focus = args.aboutId ?? args.topicId;
      const [row] = await db.read(timelineStatements(args.includeRepresentatives, focus !== null), {
        ...args,
        focus,
        actorIds: [args.actorId],
        limit: int(args.limit),
        types: NODE_TYPES,
      });
      return {
        anchors: row!.anchors as NodeRow[],
        statements: (row!.statements as TimelineValues[]).map((values) =>
          timelineRow(values, focus),
        ),
      };
    },

    /** Statements about a target from any speaker, in date order, at most `limit`. */
    async aboutStatements(args: {
      targetId: string;
      from: string | null;
      to: string | null;
      limit: number;
    }): Promise<Array<TimelineStatement & { speaker: string; node: StatementRow }>> {
      const rows = await db.read(ABOUT_STATEMENTS, { ...args, limit: int(args.limit) });
      return rows as unknown as Array<TimelineStatement & { speaker: string; node: StatementRow }>;
    },

    /** Speaker → target pairs, most statements first, with the number of all pairs. */
    async stanceNetwork(args: {
      speakerIds: readonly string[] | null;
      targetIds: readonly string[] | null;
      from: string | null;
      to: string | null;
      first: number;
      includeRepresentatives: boolean;
    }): Promise<{ total: number; edges: StanceEdgeRow[] }> {
      const anchor = args.speakerIds
        ? args.includeRepresentatives
          ? 'represented'
          : 'speakers'
        : args.targetIds
          ? 'targets'
          : 'all';
      const [row] = await db.read(stanceNetwork(anchor), { ...args, first: int(args.first) });
      return {
        total: (row?.total as number) ?? 0,
        edges: (row?.edges as StanceEdgeRow[]) ?? [],
      };
    },

    /**
     * The neighbourhood of `id` in one query: how many nodes are within `depth`, and
     * the kept ones (the centre first, at distance 0, then the nearest `limit`), each
     * with its hidden neighbours, and the edges between them; null for an unknown id.
     */
    async neighborhood(
      id: string,
      depth: number,
      limit: number,
      types: RelationshipTypes,
    ): Promise<{
      total: number;
      nodes: Array<SubgraphNode & { distance: number }>;
      edges: RawEdge[];
    } | null> {
      const [row] = await db.read(neighborhood(depth), {
        id,
        limit: int(limit),
        types,
        nodeTypes: NODE_TYPES,
      });
      if (!row) return null;
      return {
        total: row.total as number,
        nodes: row.nodes as Array<SubgraphNode & { distance: number }>,
        edges: row.edges as RawEdge[],
      };
    },

    /** Shortest paths, at most `first` of them, and how many were found (at most `scan`). */
    async paths(args: {
      fromId: string;
      toId: string;
      maxLength: number;
      first: number;
      scan: number;
      types: RelationshipTypes;
    }): Promise<{ total: number; paths: PathRow[] }> {
      const [row] = await db.read(paths(args.maxLength), {
        fromId: args.fromId,
        toId: args.toId,
        types: args.types,
        first: int(args.first),
        scan: int(args.scan),
      });
      return { total: (row?.total as number) ?? 0, paths: (row?.paths as PathRow[]) ?? [] };
    },

    /** Nodes of a subgraph with their hidden neighbours, and the edges between them. */
    async subgraph(
      ids: readonly string[],
      types: RelationshipTypes,
      withEdges: boolean,
    ): Promise<{ nodes: SubgraphNode[]; edges: RawEdge[] }> {
      return db.readTx(async (tx) => {
        const nodes = await tx.run(SUBGRAPH_NODES, { ids, types, nodeTypes: NODE_TYPES });
        const edges = withEdges ? await tx.run(INDUCED_EDGES, { ids, types }) : [];
        return {
          nodes: nodes as unknown as SubgraphNode[],
          edges: edges as unknown as RawEdge[],
        };
      });
    },
  };
}

export type ExploreRepository = ReturnType<typeof createExploreRepository>;
