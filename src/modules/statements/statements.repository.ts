import type { Database, Params } from '../../db/neo4j.js';
import { int } from '../../db/neo4j.js';
import { type Direction, type PageRequest, type SortSpec } from '../shared/connection.js';
import { afterCondition, sortable, orderClause, pageParams, sortValue } from '../shared/keyset.js';
import {
  nodeFromValues,
  nodeOut,
  nodeProperties,
  nodeValues,
  propertyValues,
} from '../nodes/nodes.repository.js';
import type { NodeRow, StatementRow } from '../shared/rows.js';
import { NODE_TYPES } from '../../records/record-kinds.js';

export interface StatementFilter {
  speakerIds?: string[] | null;
  includeRepresentatives?: boolean | null;
  aboutIds?: string[] | null;
  mentionIds?: string[] | null;
  topicIds?: string[] | null;
  meetingIds?: string[] | null;
  sourceIds?: string[] | null;
  stances?: string[] | null;
  kinds?: string[] | null;
  verification?: string[] | null;
  minConfidence?: number | null;
  from?: string | null;
  to?: string | null;
  dateMatch?: 'WITHIN' | 'OVERLAPS' | null;
  text?: string | null;
  speakingAs?: { ofId: string; titleContains?: string | null } | null;
}

export const STATEMENT_SORTS = {
  DATE: { name: 'DATE', expr: 'n.dateStart', cast: 'date' },
  CONFIDENCE: { name: 'CONFIDENCE', expr: 'n.confidence', cast: 'none' },
  CREATED_AT: { name: 'CREATED_AT', expr: 'n.createdAt', cast: 'datetime' },
} as const satisfies Record<string, SortSpec>;

export type StatementSort = keyof typeof STATEMENT_SORTS;

/** Links between statements, both ways, as lists of ids: each is a `[Statement!]!` field of the API. */
export const STATEMENT_LISTS = ['relays', 'relayedBy', 'respondsTo', 'responses'] as const;

export type StatementList = (typeof STATEMENT_LISTS)[number];

/** A statement's links, as ids: resolvers turn them into nodes through the node loader. */
export type StatementLinks = {
  id: string;
  /** In the source's order. */
  speakers: string[];
  onBehalfOf: string | null;
  post: string | null;
  about: Array<{ target: string; stance: string }>;
  topics: string[];
  mentions: string[];
  meeting: string | null;
  /** In the stored order: the sources read, then the upstream ones, nearest first. */
  sources: Array<{ source: string; role: string; quoteType: string; evidence?: string | null }>;
} & Record<StatementList, string[]>;

/**
 * A post `post` counts for the statement `s`: the post it was made in, when it
 * names one; else a post held on (one of) the days its date covers. A post with
 * no known start date, or a statement dated only by bounds ("../2024-07-28": any
 * day of a life), counts only when named.
 */
export const heldFor = (post: string, s: string) =>
  `(${s}.post = ${post}.id OR (${s}.post IS NULL AND ${post}.fromStart IS NOT NULL
    AND ${s}.datePrecision IN ['DAY', 'MONTH', 'YEAR']
    AND ${post}.fromStart <= ${s}.dateEnd AND (${post}.toEnd IS NULL OR ${post}.toEnd >= ${s}.dateStart)))`;

/**
 * A subquery yielding `actor` and each statement `n` that counts for it, for the
 * actor ids in `$<param>`: the statements it made; with representatives also
 * those made on its behalf, and those its post holders made in one of its posts
 * (or of a part of it, up to three `partOf` steps). One row per route: callers
 * keep DISTINCT rows.
 */
export function statementsFor(param: string, includeRepresentatives: boolean): string {
  const own = `MATCH (actor:Entity)-[:MADE]->(n:Statement) WHERE actor.id IN $${param} AND actor:Actor
  RETURN actor, n`;
  if (!includeRepresentatives)
    return `CALL () {
  ${own}
}`;
  return `CALL () {
  ${own}
  UNION
  MATCH (actor:Entity)<-[:ON_BEHALF_OF]-(n:Statement) WHERE actor.id IN $${param} AND actor:Actor
  RETURN actor, n
  UNION
  MATCH (actor:Entity)<-[:PART_OF*0..3]-(of)<-[post:HOLDS_POSITION]-(:Person)-[:MADE]->(n:Statement)
  WHERE actor.id IN $${param} AND actor:Actor AND ${heldFor('post', 'n')}
  RETURN actor, n
}`;
}

/**
 * MATCH … WHERE for a filter. Only fixed fragments are joined; every value is a
 * parameter. With speakers given, matching starts from them (few nodes) instead
 * of scanning statements.
 */
export function matchStatements(f: StatementFilter): string {
  const where: string[] = [];
  const overlaps = f.dateMatch === 'OVERLAPS';
  if (f.aboutIds || f.stances) {
    where.push(`EXISTS { MATCH (n)-[ab:ABOUT]->(t) WHERE ($aboutIds IS NULL OR t.id IN $aboutIds)
                           AND ($stances IS NULL OR ab.stance IN $stances) }`);
  }
  if (f.mentionIds) where.push('EXISTS { MATCH (n)-[:MENTIONS]->(x) WHERE x.id IN $mentionIds }');
  if (f.topicIds) where.push('EXISTS { MATCH (n)-[:ON_TOPIC]->(x) WHERE x.id IN $topicIds }');
  if (f.meetingIds) where.push('EXISTS { MATCH (n)-[:MADE_AT]->(x) WHERE x.id IN $meetingIds }');
  if (f.sourceIds) where.push('EXISTS { MATCH (n)-[:REPORTED_IN]->(x) WHERE x.id IN $sourceIds }');
  if (f.kinds) where.push('n.kind IN $kinds');
  if (f.verification) where.push('n.verification IN $verification');
  if (f.minConfidence != null) where.push('n.confidence >= $minConfidence');
  if (f.from) where.push(overlaps ? 'n.dateEnd >= date($from)' : 'n.dateStart >= date($from)');
  if (f.to) where.push(overlaps ? 'n.dateStart <= date($to)' : 'n.dateEnd <= date($to)');
  if (f.text) where.push('toLower(n.text) CONTAINS toLower($text)');
  // A post held on one of the days the statement's date covers, as Statement.speakingAs has it.
  // Expanded from the statement: anchored on $speakingAsOf, the planner scanned the id index per statement.
  if (f.speakingAs) {
    where.push(`EXISTS { MATCH (n)<-[:MADE]-(:Person)-[post:HOLDS_POSITION]->(of)
      WHERE ($speakingAsTitle IS NULL OR toLower(post.title) CONTAINS toLower($speakingAsTitle))
        AND ${heldFor('post', 'n')}
        AND (of.id = $speakingAsOf OR EXISTS { MATCH (of)-[:PART_OF*1..3]->(x) WHERE x.id = $speakingAsOf }) }`);
  }
  // A joint statement of two of the speakers (or one reached by two routes) is one row; the
  // subquery keeps the caller's variables in scope (a page query's anchors and total).
  const match = f.speakerIds
    ? `CALL () {
  ${statementsFor('speakerIds', Boolean(f.includeRepresentatives))}
  RETURN DISTINCT n
}
WITH * WHERE true`
    : 'MATCH (n:Statement) WHERE true';
  return [match, ...where].join('\n  AND ');
}

export function filterParams(f: StatementFilter): Params {
  return {
    speakerIds: f.speakerIds ?? null,
    aboutIds: f.aboutIds ?? null,
    mentionIds: f.mentionIds ?? null,
    topicIds: f.topicIds ?? null,
    meetingIds: f.meetingIds ?? null,
    sourceIds: f.sourceIds ?? null,
    stances: f.stances ?? null,
    kinds: f.kinds ?? null,
    verification: f.verification ?? null,
    minConfidence: f.minConfidence ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
    text: f.text ?? null,
    speakingAsOf: f.speakingAs?.ofId ?? null,
    speakingAsTitle: f.speakingAs?.titleContains ?? null,
  };
}

const STATEMENT_FIELDS = `n { .*, ${nodeOut('n')}, __typename: 'Statement' }`;

/** Every link of the statement `n`, as ids. */
const LINKS_OF_N = `{
  id: n.id,
  speakers: COLLECT { MATCH (a)-[m:MADE]->(n) RETURN a.id ORDER BY m.order },
  onBehalfOf: head([(n)-[:ON_BEHALF_OF]->(a) | a.id]),
  post: n.post,
  about: [(n)-[r:ABOUT]->(x) | { target: x.id, stance: r.stance }],
  topics: [(n)-[:ON_TOPIC]->(x) | x.id],
  mentions: [(n)-[:MENTIONS]->(x) | x.id],
  meeting: head([(n)-[:MADE_AT]->(m) | m.id]),
  sources: COLLECT { MATCH (n)-[r:REPORTED_IN]->(x)
    RETURN { source: x.id, role: r.role, quoteType: r.quoteType, evidence: r.evidence } ORDER BY r.order },
  relays: [(n)-[:RELAYS]->(x) | x.id],
  relayedBy: [(x)-[:RELAYS]->(n) | x.id],
  respondsTo: [(n)-[:RESPONDS_TO]->(x) | x.id],
  responses: [(x)-[:RESPONDS_TO]->(n) | x.id]
}`;

/**
 * The nodes each link of the statement `n` points to: a page reads those the
 * request asks for in its own query, so listing statements with their speakers,
 * targets and sources is one round trip.
 */
const LINKED_NODES = {
  speaker: '(x)-[:MADE]->(n)',
  about: '(n)-[:ABOUT]->(x)',
  topics: '(n)-[:ON_TOPIC]->(x)',
  mentions: '(n)-[:MENTIONS]->(x)',
  meeting: '(n)-[:MADE_AT]->(x)',
  sources: '(n)-[:REPORTED_IN]->(x)',
} as const;

export type LinkedField = keyof typeof LINKED_NODES;

/**
 * How a page reads the nodes of a link: whole (as the node loader reads them), or
 * only these properties (see `nodeProperties`).
 */
export type LinkedRead = 'whole' | readonly string[];

/** What a page reads besides its statements (see `page`). */
export interface PageExtras {
  /** Links whose nodes the request reads, and how. */
  linked?: Partial<Record<LinkedField, LinkedRead>>;
  /** Nodes the request names (its filter's ids): read whole, so checking them costs no query. */
  anchorIds?: readonly string[];
  /** The total over every page. */
  count?: boolean;
  /** How to read the statements themselves (whole by default). */
  statements?: StatementRead;
}

/** anchors: nodes by id, whole, in one row. */
const ANCHORS = `UNWIND $anchorIds AS anchorId MATCH (x:Entity {id: anchorId})
  RETURN collect(x { .*, ${nodeOut('x')}, __typename: head([l IN labels(x) WHERE l IN $types]) }) AS anchors`;

export const LINKED_FIELDS = Object.keys(LINKED_NODES) as LinkedField[];

const TYPENAME_OF_X = 'head([l IN labels(x) WHERE l IN $types])';

/** The linked nodes of `n` for these fields (allow-listed keys), as one map of lists. */
function linkedNodes(linked: ReadonlyArray<[LinkedField, LinkedRead]>): string {
  const lists = linked.map(
    ([field, read]) =>
      `${field}: [${LINKED_NODES[field]} | ${
        read === 'whole'
          ? `x { .*, ${nodeOut('x')}, __typename: ${TYPENAME_OF_X} }`
          : nodeProperties('x', read, TYPENAME_OF_X)
      }]`,
  );
  return `{ ${lists.join(', ')} }`;
}

/** The links a partial read reads: `keys` (allow-listed) and those the nodes `linked` asks for ride on. */
function partialLinkKeys(
  keys: ReadonlyArray<LinkKey>,
  linked: Partial<Record<LinkedField, LinkedRead>>,
): LinkKey[] {
  // A linked field's link is read even when the request did not list its key.
  const all = new Set<LinkKey>(keys.filter((key) => LINK_KEYS.has(key)));
  for (const field of Object.keys(linked) as LinkedField[])
    if (Object.hasOwn(LINKED_ON, field)) all.add(LINKED_ON[field]);
  return [...all];
}

/**
 * The links `keys` of `n` (see `partialLinkKeys`), with the nodes `linked` asks
 * for riding on them: a list in the order of `keys`, not a map (no keys sent per row).
 */
function partialLinks(
  keys: ReadonlyArray<LinkKey>,
  linked: Partial<Record<LinkedField, LinkedRead>>,
): string {
  const fieldOn = (key: LinkKey) =>
    (Object.keys(LINKED_ON) as LinkedField[]).find(
      (field) => LINKED_ON[field] === key && linked[field],
    );
  return `[${keys
    .map((key) => {
      const field = fieldOn(key);
      return partialLink(key, field, field && linked[field]);
    })
    .join(',\n  ')}]`;
}

/** The keys of a statement's links (see `StatementLinks`). */
export type LinkKey = Exclude<keyof StatementLinks, 'id'>;

/**
 * How a page reads its statements: whole, with every link (what any resolver may
 * ask for), or only these properties and links (what the request selects). A
 * partial statement answers that page's fields only: it never enters the loaders.
 */
export type StatementRead =
  'whole' | { properties: readonly string[]; links: ReadonlyArray<LinkKey> };

/** Which linked-node field rides on which link key when a page reads its statements partially. */
const LINKED_ON: Record<LinkedField, LinkKey> = {
  speaker: 'speakers',
  about: 'about',
  topics: 'topics',
  mentions: 'mentions',
  meeting: 'meeting',
  sources: 'sources',
};

/** The one type the nodes of a link are, where they are of one (its items then carry none). */
const TYPE_OF: Partial<Record<LinkedField, string>> = {
  topics: 'Topic',
  meeting: 'Meeting',
  sources: 'Source',
};

/** The properties of a linked node its item carries after the link's values: its id is the item's first. */
const withoutId = (read: readonly string[]) => read.filter((key) => key !== 'id');

/**
 * One link of `n` for a partial read, with the linked nodes (as `read` says) in
 * the same expansion when the request reads them: one pass over each relationship
 * kind, where the whole read walks it twice. Each item is a flat list, not a map
 * (no keys to send and decode): the node's id, the link's values, then the node
 * when read — whole as a map, else its type (unless the link has one only) and its
 * properties, its id not again (see `splitPartial`).
 */
function partialLink(
  key: LinkKey,
  field: LinkedField | undefined,
  read: LinkedRead | undefined,
): string {
  const node =
    field && read
      ? read === 'whole'
        ? `, x { .*, ${nodeOut('x')}, __typename: ${TYPENAME_OF_X} }`
        : [TYPE_OF[field] ? [] : [TYPENAME_OF_X], propertyValues('x', withoutId(read))]
            .flat()
            .map((value) => `, ${value}`)
            .join('')
      : '';
  switch (key) {
    case 'speakers':
      return `COLLECT { MATCH (x)-[m:MADE]->(n) RETURN [x.id${node}] ORDER BY m.order }`;
    case 'onBehalfOf':
      return `head([(n)-[:ON_BEHALF_OF]->(a) | a.id])`;
    case 'post':
      return 'n.post';
    case 'about':
      return `[(n)-[r:ABOUT]->(x) | [x.id, r.stance${node}]]`;
    case 'topics':
      return `[(n)-[:ON_TOPIC]->(x) | [x.id${node}]]`;
    case 'mentions':
      return `[(n)-[:MENTIONS]->(x) | [x.id${node}]]`;
    case 'meeting':
      return `head([(n)-[:MADE_AT]->(x) | [x.id${node}]])`;
    case 'sources':
      return `COLLECT { MATCH (n)-[r:REPORTED_IN]->(x)
    RETURN [x.id, r.role, r.quoteType, r.evidence${node}] ORDER BY r.order }`;
    case 'relays':
      return '[(n)-[:RELAYS]->(x) | x.id]';
    case 'relayedBy':
      return '[(x)-[:RELAYS]->(n) | x.id]';
    case 'respondsTo':
      return '[(n)-[:RESPONDS_TO]->(x) | x.id]';
    case 'responses':
      return '[(x)-[:RESPONDS_TO]->(n) | x.id]';
  }
}

const LINK_KEYS: ReadonlySet<string> = new Set<LinkKey>([
  'speakers',
  'onBehalfOf',
  'post',
  'about',
  'topics',
  'mentions',
  'meeting',
  'sources',
  ...STATEMENT_LISTS,
]);

/**
 * A partial read's links (the values of `keys`, in their order) as `StatementLinks`
 * and the linked nodes that rode on them (see `partialLink`: each item a flat list,
 * the node's values last when `linked` asked for it; `valuesRead`, the properties
 * those values are of, per partly read link).
 */
function splitPartial(
  id: string,
  keys: readonly LinkKey[],
  values: readonly unknown[],
  linked: Partial<Record<LinkedField, LinkedRead>>,
  valuesRead: Partial<Record<LinkedField, readonly string[]>>,
): {
  links: Partial<StatementLinks> & { id: string };
  linked: Partial<Record<LinkedField, NodeRow[]>>;
} {
  const links: Record<string, unknown> = { id };
  const nodes: Partial<Record<LinkedField, NodeRow[]>> = {};
  /** The ids of `items` (their first value), and their nodes (from `at` on) when `field`'s were read. */
  const split = (field: LinkedField, items: unknown[][], at: number) => {
    const read = linked[field];
    if (read === 'whole') nodes[field] = items.map((item) => item[at] as NodeRow);
    else if (read) {
      const properties = valuesRead[field]!;
      nodes[field] = items.map((item) => {
        const node = nodeFromValues<NodeRow>(item, properties, TYPE_OF[field], at);
        node.id = item[0] as string;
        return node;
      });
    }
    return items.map((item) => item[0] as string);
  };
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i]!;
    const value = values[i];
    if (key === 'speakers') {
      links.speakers = split('speaker', value as unknown[][], 1);
    } else if (key === 'about') {
      // Sorted as sortLinks sorts the links, before the split: the nodes then come in the links' order.
      const items = value as unknown[][];
      sortBy(items, firstOf);
      links.about = items.map((i) => ({ target: i[0] as string, stance: i[1] as string }));
      split('about', items, 2);
    } else if (key === 'topics' || key === 'mentions') {
      const items = value as unknown[][];
      sortBy(items, firstOf);
      links[key] = split(key, items, 1);
    } else if (key === 'meeting') {
      const item = value as unknown[] | null;
      links.meeting = split('meeting', item ? [item] : [], 1)[0] ?? null;
    } else if (key === 'sources') {
      const items = value as unknown[][];
      links.sources = items.map((i) => ({
        source: i[0] as string,
        role: i[1] as string,
        quoteType: i[2] as string,
        evidence: i[3] as string | null,
      }));
      split('sources', items, 4);
    } else links[key] = value;
  }
  return { links: links as Partial<StatementLinks> & { id: string }, linked: nodes };
}

/** One of a statement's own sources, with the ids of every source it cites (CITES, transitively). */
export interface RouteSourceRow {
  source: string;
  role: string;
  quoteType: string;
  evidence?: string | null;
  published: string | null;
  upstream: string[];
}

/** A statement's route: its own sources, the origin first and the source read last, each once. */
export interface RouteStep {
  source: string;
  role: string;
  quoteType: string;
  evidence?: string | null;
}

// statementRoutes: each statement's own sources with what each cites, for ordering them.
const STATEMENT_ROUTES = `
UNWIND $ids AS id
MATCH (n:Statement {id: id})
RETURN id, [(n)-[r:REPORTED_IN]->(x:Source) | {
  source: x.id, role: r.role, quoteType: r.quoteType, evidence: r.evidence, published: x.publishedStart,
  upstream: COLLECT { MATCH (x)-[:CITES*1..10]->(y:Source) RETURN DISTINCT y.id }
}] AS sources`;

/**
 * The route through a statement's own sources, in reading order: a source comes
 * after every one of them it cites (directly or through sources the statement is
 * not reported in), so the origin is first and the source read is last; ties by
 * publication date, then id. Sources the statement is not reported in never
 * appear, however many the outlet cites.
 */
export function orderRoute(sources: readonly RouteSourceRow[]): RouteStep[] {
  const own = new Set(sources.map((s) => s.source));
  const upstream = (s: RouteSourceRow) =>
    s.upstream.filter((u) => u !== s.source && own.has(u)).length;
  const seen = new Set<string>();
  return [...sources]
    .sort(
      (a, b) =>
        upstream(a) - upstream(b) ||
        (a.published ?? '').localeCompare(b.published ?? '') ||
        (a.source < b.source ? -1 : a.source > b.source ? 1 : 0),
    )
    .filter((s) => !seen.has(s.source) && seen.add(s.source))
    .map((s) => ({
      source: s.source,
      role: s.role,
      quoteType: s.quoteType,
      evidence: s.evidence ?? null,
    }));
}

// statementFigures: statements that give figures, newest first, with their topics' words.
const STATEMENT_FIGURES = `
MATCH (n:Statement)
WHERE n.figures IS NOT NULL AND n.figures <> '[]'
  AND ($from IS NULL OR n.dateStart >= date($from))
  AND ($to IS NULL OR n.dateEnd <= date($to))
WITH n ORDER BY n.dateStart DESC, n.id
LIMIT $scan
RETURN ${STATEMENT_FIELDS} AS node,
  COLLECT { MATCH (n)-[:ON_TOPIC|ABOUT]->(t:Topic) UNWIND [t.title] + coalesce(t.aliases, []) AS w
            RETURN DISTINCT w } AS topics`;

// statementLinks: every link of a batch of statements, in one round trip.
const STATEMENT_LINKS = `
UNWIND $ids AS id
MATCH (n:Statement {id: id})
RETURN ${LINKS_OF_N} AS links`;

// representation: the actors each statement counts for besides its speakers, and through whom.
const REPRESENTATION = `
UNWIND $ids AS id
MATCH (n:Statement {id: id})
RETURN id,
  COLLECT { MATCH (a)-[m:MADE]->(n) RETURN a.id ORDER BY m.order } AS speakers,
  [(n)-[:ON_BEHALF_OF]->(a) | a.id] AS behalf,
  COLLECT {
    MATCH (p:Person)-[:MADE]->(n)
    MATCH (p)-[post:HOLDS_POSITION]->(of) WHERE ${heldFor('post', 'n')}
    MATCH (of)-[:PART_OF*0..3]->(x:Actor)
    RETURN DISTINCT { actor: x.id, through: p.id, post: post.id } AS r
  } AS posts`;

export interface RepresentationRow {
  actor: string;
  through: string;
  basis: 'ON_BEHALF_OF' | 'POST';
  post: string | null;
}

export function createStatementsRepository(db: Database) {
  return {
    async page(
      filter: StatementFilter,
      sort: StatementSort,
      direction: Direction,
      page: PageRequest,
      also: PageExtras = {},
    ) {
      const spec = STATEMENT_SORTS[sort];
      const linked = Object.entries(also.linked ?? {}).filter(([field]) =>
        Object.hasOwn(LINKED_NODES, field),
      ) as Array<[LinkedField, LinkedRead]>;
      const read = also.statements ?? 'whole';
      const linkKeys = read === 'whole' ? [] : partialLinkKeys(read.links, also.linked ?? {});
      // listStatements: the page with each statement's links, and what else the request reads
      // (the linked nodes, the nodes its filter names, the total), so listing is one round trip.
      // Each CALL aggregates without grouping: exactly one row, joined to every page row.
      const cypher = `${also.anchorIds?.length ? `CALL () { ${ANCHORS} }\n` : ''}${
        also.count ? `CALL () { ${matchStatements(filter)}\n RETURN count(n) AS total }\n` : ''
      }
${matchStatements(filter)}
  AND ${sortable(spec)}${page.after ? ` AND ${afterCondition(spec, direction)}` : ''}
WITH n${also.anchorIds?.length ? ', anchors' : ''}${also.count ? ', total' : ''} ${orderClause(spec, direction)}
LIMIT $limit
RETURN ${
        read === 'whole'
          ? `${STATEMENT_FIELDS} AS node, ${sortValue(spec)} AS sortValue, ${LINKS_OF_N} AS links,
  ${linkedNodes(linked)} AS linked,`
          : `${nodeValues('n', read.properties, null)} AS node, ${sortValue(spec)} AS sortValue,
  ${partialLinks(linkKeys, also.linked ?? {})} AS links, null AS linked,`
      }
  ${also.anchorIds?.length ? 'anchors' : '[]'} AS anchors, ${also.count ? 'total' : 'null'} AS total`;
      const rows = await db.read(cypher, {
        ...filterParams(filter),
        ...pageParams(page),
        limit: int(page.limit),
        types: NODE_TYPES,
        anchorIds: also.anchorIds ?? [],
      });
      type Row = {
        node: StatementRow;
        sortValue: unknown;
        links: StatementLinks;
        linked: Partial<Record<LinkedField, NodeRow[]>> | null;
        anchors: NodeRow[];
        total: number | null;
      };
      // The properties each partly read link's items carry after its id, once for the page's rows.
      const valuesRead: Partial<Record<LinkedField, readonly string[]>> = {};
      for (const [field, how] of linked) if (how !== 'whole') valuesRead[field] = withoutId(how);
      return (rows as Row[]).map((row) => {
        if (read === 'whole')
          return Object.assign(row, {
            linked: row.linked ?? {},
            links: sortLinks(row.links),
            partial: false,
          });
        // A partial statement comes as the values of its properties (see nodeValues).
        const node = nodeFromValues<StatementRow>(
          row.node as unknown as unknown[],
          read.properties,
          'Statement',
        );
        const { links, linked } = splitPartial(
          node.id,
          linkKeys,
          row.links as unknown as unknown[],
          also.linked ?? {},
          valuesRead,
        );
        // The row is this call's own: filled in, not copied.
        return Object.assign(row, { node, links: sortLinks(links), linked, partial: true });
      });
    },

    async count(filter: StatementFilter): Promise<number> {
      // countStatements
      const [row] = await db.read(
        `${matchStatements(filter)}\nRETURN count(n) AS count`,
        filterParams(filter),
      );
      return (row?.count as number) ?? 0;
    },

    /**
     * Ids of every statement matching `filter` (exports walk from them), in id order;
     * with `among`, only those of these ids (a live event checking a filter).
     */
    async matchingIds(filter: StatementFilter, among?: readonly string[]): Promise<string[]> {
      // matchingStatementIds
      const rows = await db.read(
        `${matchStatements(filter)}${among ? '\n  AND n.id IN $among' : ''}\nRETURN n.id AS id ORDER BY id`,
        { ...filterParams(filter), among: among ?? null },
      );
      return rows.map((row) => row.id as string);
    },

    /** Per statement id, in key order: the actors it counts for besides its speakers. */
    async representation(ids: readonly string[]): Promise<RepresentationRow[][]> {
      const rows = await db.read(REPRESENTATION, { ids });
      const byId = new Map(
        rows.map((row) => {
          const speakers = new Set(row.speakers as string[]);
          const out: RepresentationRow[] = [
            ...(row.behalf as string[]).flatMap((actor) =>
              [...speakers].map((through) => ({
                actor,
                through,
                basis: 'ON_BEHALF_OF' as const,
                post: null,
              })),
            ),
            ...(row.posts as Array<{ actor: string; through: string; post: string }>).map((p) => ({
              ...p,
              basis: 'POST' as const,
            })),
          ].filter((r) => !speakers.has(r.actor));
          const key = (r: RepresentationRow) => `${r.actor} ${r.through} ${r.basis} ${r.post}`;
          out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
          return [row.id as string, out];
        }),
      );
      return ids.map((id) => byId.get(id) ?? []);
    },

    /** Links per statement id, in key order; null for an unknown id. */
    async links(ids: readonly string[]): Promise<Array<StatementLinks | null>> {
      const rows = await db.read(STATEMENT_LINKS, { ids });
      const byId = new Map(
        rows.map(({ links }) => [(links as StatementLinks).id, sortLinks(links as StatementLinks)]),
      );
      return ids.map((id) => byId.get(id) ?? null);
    },

    /** Statements with figures (newest first, at most `scan`) and their topics' titles and aliases. */
    async withFigures(args: {
      from: string | null;
      to: string | null;
      scan: number;
    }): Promise<Array<{ node: StatementRow; topics: string[] }>> {
      const rows = await db.read(STATEMENT_FIGURES, { ...args, scan: int(args.scan) });
      return rows as unknown as Array<{ node: StatementRow; topics: string[] }>;
    },

    /**
     * The route of each statement (see `orderRoute`), in key order; null for an
     * unknown id. Today it is read from REPORTED_IN and CITES; the one place to
     * change should the dataset come to record each statement's route itself.
     */
    async routes(ids: readonly string[]): Promise<Array<RouteStep[] | null>> {
      const rows = await db.read(STATEMENT_ROUTES, { ids });
      const byId = new Map(
        rows.map((row) => [row.id as string, orderRoute(row.sources as RouteSourceRow[])]),
      );
      return ids.map((id) => byId.get(id) ?? null);
    },
  };
}

export type StatementsRepository = ReturnType<typeof createStatementsRepository>;

/**
 * Links come back in storage order; sort them so answers are stable (those read: all, or a
 * page's). Sorted where they lie: every caller passes links it has just read, held nowhere else
 * (copying each list of a page of 100 was garbage for nothing).
 */
function sortLinks<T extends Partial<StatementLinks>>(links: T): T {
  if (links.about) sortBy(links.about, targetOf);
  if (links.topics) sortBy(links.topics, itself);
  if (links.mentions) sortBy(links.mentions, itself);
  for (const key of STATEMENT_LISTS) if (links[key]) sortBy(links[key], itself);
  return links;
}

const itself = (id: string) => id;
const targetOf = (item: { target: string }) => item.target;
const firstOf = (item: readonly unknown[]) => item[0] as string;

/**
 * Sorts `list` in place by `key` (code units), stably, as `sort` with that comparison would:
 * a statement's few links by insertion (Array#sort allocated a work copy of each of a page's
 * lists, ~90 kB a request), longer lists by `sort`.
 */
function sortBy<T>(list: T[], key: (item: T) => string): void {
  if (list.length < 2) return;
  if (list.length > 16) {
    list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    return;
  }
  for (let i = 1; i < list.length; i += 1) {
    const item = list[i]!;
    const k = key(item);
    let j = i - 1;
    while (j >= 0 && key(list[j]!) > k) {
      list[j + 1] = list[j]!;
      j -= 1;
    }
    list[j + 1] = item;
  }
}
