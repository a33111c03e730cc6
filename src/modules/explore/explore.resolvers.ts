import { JSONObjectResolver } from 'graphql-scalars';
import type { GraphQLResolveInfo } from 'graphql';
import { selectedFields } from '../shared/selection.js';
import { GRAPH_RELATIONSHIP_TYPES, LABEL_OF, NODE_KINDS } from '../../records/record-kinds.js';
import type { Context } from '../shared/context.js';
import { checkArguments } from '../../errors.js';
import type {
  QueryAboutTimelineArgs,
  QueryNeighborhoodArgs,
  QueryPathsArgs,
  QuerySearchArgs,
  QueryStanceNetworkArgs,
  QueryTimelineArgs,
  RelationshipType,
  Resolvers,
  SearchType,
  Stance,
} from '../../generated/graphql.js';
import { createMatcher, type EntityPosition } from '../../names/matcher.js';
import { words } from '../../names/normalise.js';
import { nodeById, nodesByIds } from '../shared/nodes.js';
import { MAX_PAGE_SIZE } from '../shared/connection.js';
import {
  partialDate,
  type ActorRow,
  type MeetingRow,
  type NodeRow,
  type NodeType,
  type StatementRow,
  type TopicRow,
} from '../shared/rows.js';
import {
  edgeId,
  nodeLabel,
  toGraphEdges,
  toGraphNode,
  type GraphNodeRow,
} from './explore.graph.js';
import {
  checkReferences,
  EXPECTED,
  listReferences,
  type Reference,
  unknownIdsError,
} from '../references/references.js';
import { boundedInt, checkRange, idList, refuseIf } from '../shared/arguments.js';
import { SEARCH_INDEXES, type SearchIndex, type SubgraphNode } from './explore.repository.js';
import {
  candidateQuery,
  checkSearchText,
  demonymIsos,
  fromMatch,
  fromStatement,
  statementQuery,
  toNamedEntity,
  type RankedHit,
} from './explore.search.js';
import { buildTimeline, type ShiftRow, type StatementGroupRow } from './explore.timeline.js';

type TargetRow = ActorRow | TopicRow | MeetingRow;

/** Search types are the node types, upper-cased. */
const SEARCH_TYPES = Object.fromEntries(
  NODE_KINDS.map((t) => [t.toUpperCase(), LABEL_OF[t]]),
) as Record<SearchType, NodeType>;

/** The relationship types of the graph (the kinds table's): the only values a traversal filter sends to Cypher. */
const RELATIONSHIP_TYPES: ReadonlySet<string> = new Set(GRAPH_RELATIONSHIP_TYPES);

const MAX_TIMELINE_STATEMENTS = 5000;
const MAX_NETWORK_IDS = 100;
const MAX_NETWORK_EDGES = 500;
const MAX_DEPTH = 3;
const MAX_NEIGHBORS = 200;
const MAX_PATH_LENGTH = 6;
const MAX_PATHS = 50;
/** Shortest paths read before ordering them: more are reported through `truncated`. */
const PATH_SCAN = 1000;

const relationshipTypes = (types: readonly RelationshipType[] | null | undefined) =>
  types ? [...new Set(types.filter((t) => RELATIONSHIP_TYPES.has(t)))] : null;

/** Candidates read from the key indexes for the name matcher to rank. */
const NAME_CANDIDATES = 200;
const NAMED_TYPES = new Set<NodeType>([
  'Person',
  'Organization',
  'Country',
  'Place',
  'Topic',
  'Meeting',
  'Source',
]);

const indexesFor = (labels: readonly NodeType[]) =>
  (Object.keys(SEARCH_INDEXES) as SearchIndex[]).filter((index) =>
    (SEARCH_INDEXES[index] as readonly NodeType[]).some((label) => labels.includes(label)),
  );

/**
 * Ranks named candidates with the name matcher; for people, first adds the
 * holders of posts in the countries and organisations the text names.
 */
async function rankNames(
  ctx: Context,
  text: string,
  labels: NodeType[],
  at: string | null,
  first: number,
  candidates: NodeRow[],
  offices: boolean,
): Promise<RankedHit[]> {
  const nodes = new Map(candidates.map((node) => [node.id, node]));
  const positions = new Map<string, EntityPosition[]>();
  if (offices) {
    const isos = demonymIsos(text);
    const places = candidates
      .filter((node) => node.__typename === 'Country' || node.__typename === 'Organization')
      .map((node) => node.id);
    if (isos.length > 0 || places.length > 0) {
      for (const { place, held } of await ctx.explore.officeHolders(places, isos)) {
        nodes.set(place.id, place);
        for (const { holder, position } of held) {
          if (!nodes.has(holder.id)) nodes.set(holder.id, holder);
          positions.set(holder.id, [...(positions.get(holder.id) ?? []), position]);
        }
      }
    }
  }
  const entities = [...nodes.values()].flatMap((node) => {
    const entity = toNamedEntity(node, positions.get(node.id));
    return entity ? [entity] : [];
  });
  return createMatcher(entities)
    .match(text, { types: labels, at, limit: first })
    .map((hit) => fromMatch(hit, nodes.get(hit.id)!));
}

async function search(ctx: Context, args: QuerySearchArgs) {
  const [text, first] = checkArguments(
    () => checkSearchText(args.text),
    () => boundedInt('first', args.first ?? 20, 0, MAX_PAGE_SIZE),
  );
  const types = args.types ?? (Object.keys(SEARCH_TYPES) as SearchType[]);
  const labels = [...new Set(types.map((t) => SEARCH_TYPES[t]))];
  if (first === 0 || labels.length === 0) return [];
  const named = labels.filter((label) => NAMED_TYPES.has(label));
  const nameQuery = named.length > 0 ? candidateQuery(text) : null;
  const textQuery = labels.includes('Statement') ? statementQuery(text) : null;
  // An office search ("Qatar prime minister") needs the country or organisation among the candidates.
  const offices = named.includes('Person') && words(text).length > 1;
  const fetched: NodeType[] = offices
    ? [...new Set<NodeType>([...named, 'Country', 'Organization'])]
    : named;
  const rows = await ctx.explore.search({
    names: nameQuery
      ? { query: nameQuery, indexes: indexesFor(fetched), labels: fetched, limit: NAME_CANDIDATES }
      : null,
    text: textQuery
      ? { query: textQuery, indexes: ['statement_keys'], labels: ['Statement'], limit: first }
      : null,
  });
  const candidates = rows.filter((r) => r.part === 'name').map((r) => r.node);
  const hits = [
    ...(nameQuery
      ? await rankNames(ctx, text, named, args.at?.text ?? null, first, candidates, offices)
      : []),
    ...rows
      .filter((r) => r.part === 'text')
      .map((r) => fromStatement(r.node as StatementRow, r.score)),
  ];
  return hits
    .sort(
      (a, b) => b.score - a.score || (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0),
    )
    .slice(0, first)
    .map((hit) => {
      ctx.loaders.node.prime(hit.node.id, hit.node);
      return {
        node: hit.node,
        score: hit.score,
        tier: hit.tier,
        label: nodeLabel(hit.node),
        matchedField: hit.field,
        matchedText: hit.text,
      };
    });
}

/**
 * Whether a timeline's answer reads its statements beyond their ids (the buckets'
 * statement lists, or any field of a shift's statements but `id`): only then does
 * its query carry the statements whole.
 */
function statementsReadWhole(info: GraphQLResolveInfo): boolean {
  const beyondId = (path: string[]) =>
    [...selectedFields(info, path)].some((f) => f !== 'id' && f !== '__typename');
  return (
    selectedFields(info, ['buckets']).has('statements') ||
    selectedFields(info, ['coarserBuckets']).has('statements') ||
    selectedFields(info, ['unplaced']).has('statements') ||
    beyondId(['shifts', 'before']) ||
    beyondId(['shifts', 'after'])
  );
}

/** The first `first` statements of a timeline's bucket or unplaced group, in its order. */
function groupStatements(ctx: Context, group: StatementGroupRow, first: number | null | undefined) {
  return nodesByIds<StatementRow>(
    ctx,
    group.statementIds.slice(0, boundedInt('first', first ?? 100, 0, MAX_PAGE_SIZE)),
  );
}

async function timeline(ctx: Context, args: QueryTimelineArgs, whole = true) {
  const range = checkRange(args.from, args.to);
  const refs: Reference[] = [{ path: 'actorId', id: args.actorId, expected: EXPECTED.actor }];
  if (args.aboutId) refs.push({ path: 'aboutId', id: args.aboutId, expected: EXPECTED.target });
  if (args.topicId) refs.push({ path: 'topicId', id: args.topicId, expected: EXPECTED.topic });
  const granularity = args.granularity ?? 'MONTH';
  // One query: the statements and the nodes the arguments name, which the check then reads from the loader.
  const { anchors, statements } = await ctx.explore.timelineStatements({
    actorId: args.actorId,
    aboutId: args.aboutId ?? null,
    topicId: args.topicId ?? null,
    ...range,
    limit: MAX_TIMELINE_STATEMENTS + 1,
    anchorIds: refs.map((r) => r.id),
    whole,
    includeRepresentatives: args.includeRepresentatives ?? false,
  });
  for (const node of anchors) ctx.loaders.node.prime(node.id, node);
  await checkReferences(ctx, refs);
  const [actor, about, topic] = await Promise.all([
    nodeById(ctx, args.actorId),
    nodeById(ctx, args.aboutId),
    nodeById(ctx, args.topicId),
  ]);
  // Whole statements cost the shifts and bucket lists no further round trip.
  for (const { id, node } of statements) if (node) ctx.loaders.node.prime(id, node);
  const data = buildTimeline(statements, granularity, MAX_TIMELINE_STATEMENTS);
  return {
    actor: actor as ActorRow,
    about: about as TargetRow | null,
    topic: topic as TopicRow | null,
    granularity,
    ...data,
    shifts: await withNodes(ctx, data.shifts, actor!.id, whole),
  };
}

async function aboutTimeline(ctx: Context, args: QueryAboutTimelineArgs) {
  const range = checkRange(args.from, args.to);
  await checkReferences(ctx, [{ path: 'targetId', id: args.targetId, expected: EXPECTED.target }]);
  const target = (await nodeById(ctx, args.targetId))!;
  const granularity = args.granularity ?? 'MONTH';
  const statements = await ctx.explore.aboutStatements({
    targetId: target.id,
    ...range,
    limit: MAX_TIMELINE_STATEMENTS + 1,
  });
  for (const { id, node } of statements) ctx.loaders.node.prime(id, node);
  const data = buildTimeline(statements, granularity, MAX_TIMELINE_STATEMENTS);
  const speakers = new Map<string, { count: number; stances: Record<Lowercase<Stance>, number> }>();
  for (const s of statements) {
    let entry = speakers.get(s.speaker);
    if (!entry) {
      entry = { count: 0, stances: { supportive: 0, critical: 0, neutral: 0, mixed: 0 } };
      speakers.set(s.speaker, entry);
    }
    entry.count += 1;
    for (const stance of new Set(s.stances.map((x) => x.stance))) {
      entry.stances[stance.toLowerCase() as Lowercase<Stance>] += 1;
    }
  }
  const actors = new Map((await nodesByIds(ctx, [...speakers.keys()])).map((n) => [n.id, n]));
  return {
    target: target as TargetRow,
    granularity,
    ...data,
    speakers: [...speakers]
      .sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : 1))
      .flatMap(([id, entry]) => {
        const speaker = actors.get(id);
        return speaker ? [{ speaker: speaker as ActorRow, ...entry }] : [];
      }),
    shifts: await withNodes(ctx, data.shifts, null),
  };
}

/**
 * Shifts with their speakers, statements and targets, loaded in one batch; with
 * `whole` false the request reads only the statements' ids, which is all they get.
 */
async function withNodes(ctx: Context, shifts: ShiftRow[], actorId: string | null, whole = true) {
  const speakerOf = (s: ShiftRow) => s.speaker ?? actorId ?? '';
  const ids = shifts.flatMap((s) =>
    whole ? [speakerOf(s), s.target, s.before, s.after] : [speakerOf(s), s.target],
  );
  const byId = new Map<string, NodeRow>((await nodesByIds(ctx, ids)).map((n) => [n.id, n]));
  if (!whole) {
    for (const s of shifts) {
      for (const id of [s.before, s.after]) {
        byId.set(id, { id, __typename: 'Statement' } as StatementRow);
      }
    }
  }
  return shifts.flatMap((s) => {
    const [speaker, target, before, after] = [
      byId.get(speakerOf(s)),
      byId.get(s.target),
      byId.get(s.before),
      byId.get(s.after),
    ];
    if (!speaker || !target || !before || !after) return [];
    return [
      {
        speaker: speaker as ActorRow,
        target: target as TargetRow,
        before: before as StatementRow,
        after: after as StatementRow,
        from: s.from as Stance,
        to: s.to as Stance,
        certain: s.certain,
      },
    ];
  });
}

async function stanceNetwork(ctx: Context, args: QueryStanceNetworkArgs) {
  const [speakerIds, targetIds, range, first] = checkArguments(
    () => idList('speakerIds', args.speakerIds, MAX_NETWORK_IDS),
    () => idList('targetIds', args.targetIds, MAX_NETWORK_IDS),
    () => checkRange(args.from, args.to),
    () => boundedInt('first', args.first ?? 100, 0, MAX_NETWORK_EDGES),
    () =>
      refuseIf(
        Boolean(args.includeRepresentatives && !args.speakerIds),
        'includeRepresentatives',
        'needs speakerIds: whose representatives to include',
      ),
  );
  await checkReferences(ctx, [
    ...listReferences('speakerIds', args.speakerIds, EXPECTED.actor),
    ...listReferences('targetIds', args.targetIds, EXPECTED.target),
  ]);
  const { total, edges } = await ctx.explore.stanceNetwork({
    speakerIds,
    targetIds,
    ...range,
    first,
    includeRepresentatives: args.includeRepresentatives ?? false,
  });
  const byId = new Map(
    (
      await nodesByIds(
        ctx,
        edges.flatMap((e) => [e.speaker, e.target]),
      )
    ).map((n) => [n.id, n]),
  );
  return {
    totalCount: total,
    edges: edges.flatMap((e) => {
      const [speaker, target] = [byId.get(e.speaker), byId.get(e.target)];
      if (!speaker || !target) return [];
      const { supportive, critical, neutral, mixed } = e;
      return [
        {
          id: `${e.speaker}->${e.target}`,
          speaker: speaker as ActorRow,
          target: target as TargetRow,
          count: e.count,
          stances: { supportive, critical, neutral, mixed },
          latestStance: e.latestStance as Stance,
          firstDate: partialDate(e.first, 'date')!,
          lastDate: partialDate(e.last, 'date')!,
        },
      ];
    }),
  };
}

/** Graph nodes in the order of `order`, priming the node loader for `GraphNode.node`. */
function graphNodes(
  ctx: Context,
  nodes: SubgraphNode[],
  order: Map<string, number>,
): GraphNodeRow[] {
  return nodes
    .filter(({ node }) => order.has(node.id))
    .map(({ node, hidden }) => {
      ctx.loaders.node.prime(node.id, node);
      return toGraphNode(node, order.get(node.id)!, hidden);
    })
    .sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : 1));
}

async function neighborhood(ctx: Context, args: QueryNeighborhoodArgs) {
  const [depth, limit] = checkArguments(
    () => boundedInt('depth', args.depth ?? 1, 1, MAX_DEPTH),
    () => boundedInt('limit', args.limit ?? 50, 0, MAX_NEIGHBORS),
  );
  const types = relationshipTypes(args.relationshipTypes);
  const found = await ctx.explore.neighborhood(args.id, depth, limit, types);
  if (!found) {
    await checkReferences(ctx, [{ path: 'id', id: args.id, expected: EXPECTED.any }]);
    // It existed a moment later: deleted in between, or created meanwhile; either way, not there.
    throw unknownIdsError([
      { path: 'id', id: args.id, message: `no object with id "${args.id}"`, suggestion: null },
    ]);
  }
  const distance = new Map(found.nodes.map((k) => [k.node.id, k.distance]));
  const omitted = found.total - (found.nodes.length - 1);
  return {
    nodes: graphNodes(ctx, found.nodes, distance),
    edges: toGraphEdges(found.edges),
    totalNeighbors: found.total,
    omitted,
    truncated: omitted > 0,
  };
}

async function paths(ctx: Context, args: QueryPathsArgs) {
  const [, maxLength, first] = checkArguments(
    () => refuseIf(args.fromId === args.toId, 'toId', 'must differ from fromId'),
    () => boundedInt('maxLength', args.maxLength ?? 4, 1, MAX_PATH_LENGTH),
    () => boundedInt('first', args.first ?? 10, 1, MAX_PATHS),
  );
  await checkReferences(ctx, [
    { path: 'fromId', id: args.fromId, expected: EXPECTED.any },
    { path: 'toId', id: args.toId, expected: EXPECTED.any },
  ]);
  const [from, to] = (await Promise.all([
    nodeById(ctx, args.fromId),
    nodeById(ctx, args.toId),
  ])) as [NodeRow, NodeRow];
  const types = relationshipTypes(args.relationshipTypes);
  const found = await ctx.explore.paths({
    fromId: from.id,
    toId: to.id,
    maxLength,
    first,
    scan: PATH_SCAN,
    types,
  });
  const distance = new Map<string, number>();
  for (const path of found.paths) {
    path.nodeIds.forEach((id, i) => distance.set(id, Math.min(i, distance.get(id) ?? i)));
  }
  const sub = distance.size ? await ctx.explore.subgraph([...distance.keys()], types, false) : null;
  return {
    nodes: sub ? graphNodes(ctx, sub.nodes, distance) : [],
    edges: toGraphEdges(found.paths.flatMap((p) => p.edges)),
    paths: found.paths.map((p) => ({ nodeIds: p.nodeIds, edgeIds: p.edges.map(edgeId) })),
    length: found.paths[0] ? found.paths[0].nodeIds.length - 1 : null,
    truncated: found.total > found.paths.length,
  };
}

export const exploreResolvers: Resolvers = {
  JSONObject: JSONObjectResolver,
  Query: {
    search: (_, args, ctx) => search(ctx, args),
    timeline: (_, args, ctx, info) => timeline(ctx, args, statementsReadWhole(info)),
    aboutTimeline: (_, args, ctx) => aboutTimeline(ctx, args),
    stanceNetwork: (_, args, ctx) => stanceNetwork(ctx, args),
    neighborhood: (_, args, ctx) => neighborhood(ctx, args),
    paths: (_, args, ctx) => paths(ctx, args),
  },
  TimelineBucket: {
    period: (b) => b.key,
    statements: (b, { first }, ctx) => groupStatements(ctx, b, first),
  },
  UnplacedStatements: {
    statements: (group, { first }, ctx) => groupStatements(ctx, group, first),
  },
};
