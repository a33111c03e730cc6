/**
 * The page's only way out: POSTs of JSON to /graphql on its own origin. JSON
 * posts pass the API's CSRF check as they are (a browser preflights them).
 */

import type { Attributed, Occasion, Representation } from './attribution.js';
import type { Granularity, SearchType } from './state.js';

export type Stance = 'SUPPORTIVE' | 'CRITICAL' | 'NEUTRAL' | 'MIXED';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'statement-graph.token';

/** A reader token, when the API requires one (REQUIRE_READER_TOKEN); kept for this tab only. */
export const token = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (value: string | null) =>
    value === null
      ? sessionStorage.removeItem(TOKEN_KEY)
      : sessionStorage.setItem(TOKEN_KEY, value),
};

let pending = 0;
/** Requests in flight, on <html data-pending> (index.html starts it at 0): what tests wait on. */
const track = (delta: number) => {
  pending += delta;
  document.documentElement.dataset.pending = String(pending);
};

export async function graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  const bearer = token.get();
  if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
  track(+1);
  try {
    let response: Response;
    try {
      response = await fetch('/graphql', {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError('The API cannot be reached. Is the server running?', 'NETWORK');
    }
    let body: { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new ApiError(`The API answered HTTP ${response.status} without JSON.`, undefined);
    }
    const [error] = body.errors ?? [];
    if (error !== undefined) throw new ApiError(error.message, error.extensions?.code);
    if (body.data == null) throw new ApiError('The API answered without data.', undefined);
    return body.data;
  } finally {
    track(-1);
  }
}

// ------------------------------------------------------------------ search

/** A statement's speakers (and whom they spoke for), date and targets with stances: its compact label. */
const SUMMARY = /* GraphQL */ `
  fragment Summary on Statement {
    date {
      text
      precision
      start
      end
    }
    speakers {
      __typename
      id
      name
    }
    onBehalfOf {
      __typename
      id
      name
    }
    quotes
    approximate
    about {
      stance
      target {
        __typename
        ... on Actor {
          id
          name
        }
        ... on Topic {
          id
          title
        }
        ... on Meeting {
          id
          title
        }
      }
    }
  }
`;

/** What a compact statement row or node shows: speakers · date · target · stance. */
export interface StatementSummary {
  date: PartialDate & { start: string; end: string };
  /** In the source's order: several for a joint statement. */
  speakers: Ref[];
  onBehalfOf: Ref | null;
  /** Words quoted verbatim inside a paraphrase. */
  quotes: string[];
  /** The wording is ours, not known verbatim. */
  approximate: boolean;
  about: { stance: Stance; target: Ref }[];
}

export interface SearchHit {
  label: string;
  matchedField: 'NAME' | 'ALIAS' | 'TITLE' | 'TEXT';
  matchedText: string;
  node: { __typename: string; id: string } & Partial<StatementSummary>;
}

const SEARCH = /* GraphQL */ `
  query ExplorerSearch($text: String!, $types: [SearchType!], $first: Int) {
    search(text: $text, types: $types, first: $first) {
      label
      matchedField
      matchedText
      node {
        __typename
        id
        ...Summary
      }
    }
  }
  ${SUMMARY}
`;

export async function search(text: string, types: SearchType[]): Promise<SearchHit[]> {
  const data = await graphql<{ search: SearchHit[] }>(SEARCH, {
    text,
    types: types.length > 0 ? types : null,
    first: 40,
  });
  return data.search;
}

// ------------------------------------------------------------------ subgraphs

export interface GraphNode {
  id: string;
  type: string;
  label: string;
  distance: number;
  hiddenNeighbors: number;
  /** For statements: speakers, date and targets (compact labels, the date filter). */
  node?: Partial<StatementSummary>;
}

export interface GraphEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
}

export interface Neighborhood {
  nodes: GraphNode[];
  edges: GraphEdge[];
  totalNeighbors: number;
  omitted: number;
}

export interface Paths {
  nodes: GraphNode[];
  edges: GraphEdge[];
  paths: { nodeIds: string[]; edgeIds: string[] }[];
  length: number | null;
  truncated: boolean;
}

const NEIGHBORHOOD = /* GraphQL */ `
  query ExplorerNeighborhood($id: ID!, $limit: Int) {
    neighborhood(id: $id, depth: 1, limit: $limit) {
      totalNeighbors
      omitted
      nodes {
        id
        type
        label
        distance
        hiddenNeighbors
        node {
          ...Summary
        }
      }
      edges {
        id
        type
        source
        target
        properties
      }
    }
  }
  ${SUMMARY}
`;

const PATHS = /* GraphQL */ `
  query ExplorerPaths($fromId: ID!, $toId: ID!) {
    paths(fromId: $fromId, toId: $toId, maxLength: 6, first: 20) {
      length
      truncated
      paths {
        nodeIds
        edgeIds
      }
      nodes {
        id
        type
        label
        distance
        hiddenNeighbors
        node {
          ...Summary
        }
      }
      edges {
        id
        type
        source
        target
        properties
      }
    }
  }
  ${SUMMARY}
`;

/** Answers that do not change while the page is open, by query and variables. */
const cache = new Map<string, Promise<unknown>>();

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let answer = cache.get(key) as Promise<T> | undefined;
  if (answer === undefined) {
    answer = load();
    cache.set(key, answer);
    answer.catch(() => cache.delete(key));
  }
  return answer;
}

export const neighborhood = (id: string, limit: number) =>
  cached(`n:${id}@${limit}`, async () => {
    const data = await graphql<{ neighborhood: Neighborhood }>(NEIGHBORHOOD, { id, limit });
    return data.neighborhood;
  });

export const paths = (fromId: string, toId: string) =>
  cached(`p:${fromId}>${toId}`, async () => {
    const data = await graphql<{ paths: Paths }>(PATHS, { fromId, toId });
    return data.paths;
  });

// ------------------------------------------------------------------ details

export interface Ref {
  __typename: string;
  id: string;
  name?: string;
  title?: string;
}

export interface PartialDate {
  text: string;
  precision: 'DAY' | 'MONTH' | 'YEAR' | 'BOUNDED' | 'UNKNOWN';
}

export interface SourceInfo {
  id: string;
  kind: string;
  title: string;
  publisher: string | null;
  url: string | null;
  publishedDate: { text: string } | null;
}

/** A statement another passes on (or that passes it on): its words and who said them. */
export interface RelayedStatement extends Attributed {
  id: string;
  text: string;
}

/** An occasion with the occasions it is part of (three levels). */
export interface MeetingRef extends Ref, Occasion {
  title: string;
  date: { text: string } | null;
  partOf: MeetingRef | null;
}

export interface Statement extends Attributed {
  __typename: 'Statement';
  id: string;
  text: string;
  kind: 'DIRECT_QUOTE' | 'PARAPHRASE' | 'REPORTED';
  language: string;
  date: PartialDate & { start: string; end: string };
  datePhrase: string | null;
  confidence: number;
  verification: 'UNVERIFIED' | 'VERIFIED' | 'DISPUTED';
  note: string | null;
  /** In the source's order: several for a joint statement. */
  speakers: Ref[];
  onBehalfOf: Ref | null;
  /** The post the source says it was made in. */
  post: { title: string; of: Ref } | null;
  speakingAs: { title: string; of: Ref }[];
  /** The states and organisations it counts for besides its speakers, and through whom. */
  representing: Representation[];
  quotes: string[];
  approximate: boolean;
  about: { stance: Stance; target: Ref }[];
  topics: Ref[];
  meeting: MeetingRef | null;
  /** The statement's own route: its sources, the origin first, the source read last. */
  route: { quoteType: string; source: SourceInfo }[];
  figures: Figure[];
  relays: RelayedStatement[];
  relayedBy: RelayedStatement[];
}

export interface Figure {
  value: number;
  unit: string;
  asOf: string | null;
  qualifier: 'EXACT' | 'AT_LEAST' | 'AT_MOST' | 'ABOUT';
  description: string | null;
}

export interface Position {
  title: string;
  of: Ref;
  from: { text: string } | null;
  to: { text: string } | null;
}

/** Any node but a statement, with what its details panel shows. */
export interface NodeDetails {
  __typename: string;
  id: string;
  name?: string;
  title?: string;
  aliases?: string[];
  description?: string | null;
  /** Organisations and places; meetings and sources answer an enum, under its own name. */
  kind?: string;
  meetingKind?: string;
  sourceKind?: string;
  iso?: string;
  positions?: (Position & { person?: Ref })[];
  partOf?: Ref[];
  country?: Ref;
  date?: { text: string } | null;
  datePhrase?: string | null;
  heldIn?: Ref | null;
  publisher?: string | null;
  url?: string | null;
  publishedDate?: { text: string } | null;
  chain?: SourceInfo[];
  statements?: { totalCount: number };
  /** Countries and organisations: also those of their officials and made on their behalf. */
  represented?: { totalCount: number };
  statementsAbout?: { totalCount: number };
}

const REF = /* GraphQL */ `
  fragment Ref on Node {
    __typename
    id
    ... on Actor {
      name
    }
    ... on Place {
      name
    }
    ... on Topic {
      title
    }
    ... on Meeting {
      title
    }
    ... on Source {
      title
    }
    ... on Statement {
      title: text
    }
  }
`;

/** Who said it: the speakers in order, whom they spoke for, and the post named. */
const ATTRIBUTION = /* GraphQL */ `
  fragment Attribution on Statement {
    speakers {
      ...Ref
    }
    onBehalfOf {
      ...Ref
    }
    post {
      title
    }
  }
`;

/**
 * Who said it, as plain fields: for lists deep in an answer (timeline buckets),
 * where each fragment level adds to the API's query cost.
 */
const WHO = `
      speakers {
        __typename
        id
        name
      }
      onBehalfOf {
        __typename
        id
        name
      }
      post {
        title
      }`;

/** An actor a statement counts for besides its speakers, and through whom. */
const REPRESENTATION = /* GraphQL */ `
  fragment Representation on Representation {
    basis
    actor {
      ...Ref
    }
    through {
      ...Ref
    }
    post {
      title
    }
  }
`;

const SOURCE = /* GraphQL */ `
  fragment SourceInfo on Source {
    id
    kind
    title
    publisher
    url
    publishedDate {
      text
    }
  }
`;

const FIGURE = /* GraphQL */ `
  fragment FigureInfo on Figure {
    value
    unit
    asOf
    qualifier
    description
  }
`;

const STATEMENT = /* GraphQL */ `
  query ExplorerStatement($id: ID!) {
    node(id: $id) {
      __typename
      ... on Statement {
        id
        text
        kind
        language
        date {
          text
          precision
          start
          end
        }
        datePhrase
        confidence
        verification
        note
        ...Attribution
        post {
          title
          of {
            ...Ref
          }
        }
        speakingAs {
          title
          of {
            ...Ref
          }
        }
        representing {
          ...Representation
        }
        quotes
        approximate
        about {
          stance
          target {
            ...Ref
          }
        }
        topics {
          ...Ref
        }
        meeting {
          ...Occasion
          partOf {
            ...Occasion
            partOf {
              ...Occasion
            }
          }
        }
        route {
          quoteType
          source {
            ...SourceInfo
          }
        }
        figures {
          ...FigureInfo
        }
        relays {
          id
          text
          ...Attribution
        }
        relayedBy {
          id
          text
          ...Attribution
        }
      }
    }
  }
  fragment Occasion on Meeting {
    ...Ref
    date {
      text
    }
  }
  ${REF}
  ${ATTRIBUTION}
  ${REPRESENTATION}
  ${SOURCE}
  ${FIGURE}
`;

const NODE = /* GraphQL */ `
  query ExplorerNode($id: ID!) {
    node(id: $id) {
      ...Ref
      ... on Actor {
        aliases
        statements(first: 1) {
          totalCount
        }
        statementsAbout(first: 1) {
          totalCount
        }
      }
      ... on Person {
        description
        positions {
          title
          of {
            ...Ref
          }
          from {
            text
          }
          to {
            text
          }
        }
      }
      ... on Organization {
        kind
        description
        partOf {
          ...Ref
        }
        represented: statements(first: 0, filter: { includeRepresentatives: true }) {
          totalCount
        }
      }
      ... on Country {
        iso
        represented: statements(first: 0, filter: { includeRepresentatives: true }) {
          totalCount
        }
      }
      ... on Topic {
        aliases
        description
      }
      ... on Place {
        aliases
        kind
        country {
          ...Ref
        }
      }
      ... on Meeting {
        meetingKind: kind
        description
        datePhrase
        date {
          text
        }
        heldIn {
          ...Ref
        }
      }
      ... on Source {
        sourceKind: kind
        publisher
        url
        publishedDate {
          text
        }
        chain {
          ...SourceInfo
        }
      }
    }
  }
  ${REF}
  ${SOURCE}
`;

export const statement = (id: string) =>
  cached(`s:${id}`, async () => {
    const data = await graphql<{ node: Statement | { __typename: string } | null }>(STATEMENT, {
      id,
    });
    if (data.node === null) throw new ApiError(`There is no ${id}.`, 'NOT_FOUND');
    if (data.node.__typename !== 'Statement') {
      throw new ApiError(`${id} is not a statement.`, 'BAD_USER_INPUT');
    }
    return data.node as Statement;
  });

export const nodeDetails = (id: string) =>
  cached(`d:${id}`, async () => {
    const data = await graphql<{ node: NodeDetails | null }>(NODE, { id });
    if (data.node === null) throw new ApiError(`There is no ${id}.`, 'NOT_FOUND');
    return data.node;
  });

// ------------------------------------------------------------------ timeline

export interface TimelineStatement extends Attributed {
  id: string;
  text: string;
  kind: string;
  date: PartialDate & { start: string; end: string };
  speakers: Ref[];
  quotes: string[];
  approximate: boolean;
  /** Through whom it counts for the timeline's actor, when its representatives are included. */
  representing: Representation[];
  /** The occasion it was said at, within its occasions. */
  meeting: Occasion | null;
  about: { stance: Stance; target: { id: string } }[];
  /** Positions of others it passes on: shown as relayed, never counted as the speaker's. */
  relays: ({ id: string } & Attributed)[];
}

/** Statements counted together: a timeline's period, or those no period holds. */
export interface StatementGroup {
  count: number;
  withoutStance: number;
  stances: { supportive: number; critical: number; neutral: number; mixed: number };
  statements: TimelineStatement[];
}

export interface TimelineBucket extends StatementGroup {
  period: string;
  granularity: Granularity;
  start: string;
  end: string;
}

export interface StanceShift {
  speaker: Ref;
  target: Ref;
  from: Stance;
  to: Stance;
  certain: boolean;
  before: { id: string; date: { text: string } };
  after: { id: string; date: { text: string } };
}

export interface Timeline {
  /** Null for a timeline of what was said about `about`, by anyone. */
  actor: Ref | null;
  about: Ref | null;
  totalCount: number;
  buckets: TimelineBucket[];
  coarserBuckets: TimelineBucket[];
  /** Statements whose date is unknown or known only by bounds wider than any period. */
  unplaced: StatementGroup;
  shifts: StanceShift[];
}

export interface TimelineAnswer {
  timeline: Timeline;
  /**
   * What the actor spoke about, most statements first: the targets to narrow to;
   * for a timeline about a target, who spoke about it.
   */
  targets: { count: number; target: Ref }[];
}

/** A statement as a timeline shows it (a fragment spread would count as a level of depth). */
const TIMELINE_STATEMENT = /* GraphQL */ `
      id
      text
      kind
      date {
        text
        precision
        start
        end
      }
      ${WHO}
      quotes
      approximate
      meeting {
        id
        title
        partOf {
          id
          title
          partOf {
            id
            title
          }
        }
      }
      representing {
        basis
        actor {
          __typename
          id
          name
        }
        through {
          __typename
          id
          name
        }
        post {
          title
        }
      }
      about {
        stance
        target {
          ... on Node {
            id
          }
        }
      }
      relays {
        id
        ${WHO}
      }
`;

/** What a period and the unplaced statements share (see `StatementGroup`). */
const STATEMENT_GROUP = /* GraphQL */ `
    count
    withoutStance
    stances {
      supportive
      critical
      neutral
      mixed
    }
    statements {
      ${TIMELINE_STATEMENT}
    }
`;

const TIMELINE_PARTS = /* GraphQL */ `
  fragment Shift on StanceShift {
    speaker {
      ...Ref
    }
    target {
      ...Ref
    }
    from
    to
    before {
      id
      date {
        text
      }
    }
    after {
      id
      date {
        text
      }
    }
  }
  fragment Bucket on TimelineBucket {
    period
    granularity
    start
    end
    ${STATEMENT_GROUP}
  }
  fragment Unplaced on UnplacedStatements {
    ${STATEMENT_GROUP}
  }
  ${REF}
`;

/**
 * Lists are left at the API's default length (statements per period: 100; targets:
 * 100): a literal `first` multiplies a field's cost under the API's query cost limit.
 */
const TIMELINE = /* GraphQL */ `
  query ExplorerTimeline(
    $actorId: ID!
    $aboutId: ID
    $from: Date
    $to: Date
    $granularity: TimeGranularity
    $includeRepresentatives: Boolean
  ) {
    timeline(
      actorId: $actorId
      aboutId: $aboutId
      from: $from
      to: $to
      granularity: $granularity
      includeRepresentatives: $includeRepresentatives
    ) {
      actor {
        ...Ref
      }
      about {
        ...Ref
      }
      totalCount
      buckets {
        ...Bucket
      }
      coarserBuckets {
        ...Bucket
      }
      unplaced {
        ...Unplaced
      }
      shifts {
        ...Shift
      }
    }
  }
  ${TIMELINE_PARTS}
`;

/** What everyone said about a target: the timeline, and its speakers. */
const ABOUT_TIMELINE = /* GraphQL */ `
  query ExplorerAboutTimeline(
    $targetId: ID!
    $from: Date
    $to: Date
    $granularity: TimeGranularity
  ) {
    aboutTimeline(targetId: $targetId, from: $from, to: $to, granularity: $granularity) {
      target {
        ...Ref
      }
      totalCount
      buckets {
        ...Bucket
      }
      coarserBuckets {
        ...Bucket
      }
      unplaced {
        ...Unplaced
      }
      speakers {
        count
        speaker {
          ...Ref
        }
      }
      shifts {
        ...Shift
      }
    }
  }
  ${TIMELINE_PARTS}
`;

const TARGETS = /* GraphQL */ `
  query ExplorerTargets($actorId: ID!, $includeRepresentatives: Boolean) {
    stanceNetwork(speakerIds: [$actorId], includeRepresentatives: $includeRepresentatives) {
      edges {
        count
        target {
          ...Ref
        }
      }
    }
  }
  ${REF}
`;

/** A date range the explorer is narrowed to (YYYY-MM-DD, inclusive), or nulls. */
export interface DateRange {
  from: string | null;
  to: string | null;
}

/**
 * The targets are asked apart: they do not change with the target or the period length.
 * `includeRepresentatives`: a state's or organisation's officials and those speaking on
 * its behalf count for it, in the timeline and its targets alike.
 */
export const timeline = async (
  actorId: string,
  aboutId: string | null,
  granularity: Granularity,
  range: DateRange,
  includeRepresentatives = false,
): Promise<TimelineAnswer> => {
  const rep = includeRepresentatives ? '+' : '';
  const [answer, targets] = await Promise.all([
    cached(
      `t:${actorId}${rep}>${aboutId ?? ''}@${granularity}:${range.from}:${range.to}`,
      async () => {
        const data = await graphql<{ timeline: Timeline }>(TIMELINE, {
          actorId,
          aboutId,
          granularity,
          includeRepresentatives,
          ...range,
        });
        return data.timeline;
      },
    ),
    cached(`tt:${actorId}${rep}`, async () => {
      const data = await graphql<{ stanceNetwork: { edges: { count: number; target: Ref }[] } }>(
        TARGETS,
        { actorId, includeRepresentatives },
      );
      return data.stanceNetwork.edges;
    }),
  ]);
  return { timeline: answer, targets };
};

/** What everyone said about `targetId`, in the shape of an actor's timeline (`actor` null). */
export const aboutTimeline = (targetId: string, granularity: Granularity, range: DateRange) =>
  cached(
    `a:${targetId}@${granularity}:${range.from}:${range.to}`,
    async (): Promise<TimelineAnswer> => {
      const data = await graphql<{
        aboutTimeline: Omit<Timeline, 'actor' | 'about'> & {
          target: Ref;
          speakers: { count: number; speaker: Ref }[];
        };
      }>(ABOUT_TIMELINE, { targetId, granularity, ...range });
      const { target, speakers, ...rest } = data.aboutTimeline;
      return {
        timeline: { ...rest, actor: null, about: target },
        targets: speakers.map((s) => ({ count: s.count, target: s.speaker })),
      };
    },
  );

// ------------------------------------------------------------------ figures

export interface StatedFigure {
  figure: Figure;
  statement: Attributed & {
    id: string;
    text: string;
    date: PartialDate;
    route: { source: { id: string; publisher: string | null; title: string } }[];
  };
}

const FIGURES = /* GraphQL */ `
  query ExplorerFigures($text: String, $from: Date, $to: Date) {
    figures(text: $text, from: $from, to: $to) {
      figure {
        ...FigureInfo
      }
      statement {
        id
        text
        date {
          text
          precision
        }
        ...Attribution
        route {
          source {
            id
            publisher
            title
          }
        }
      }
    }
  }
  ${FIGURE}
  ${REF}
  ${ATTRIBUTION}
`;

/** Figures matching `text` (all with null), with who gave them. */
export const figures = (text: string | null, range: DateRange) =>
  cached(`f:${text ?? ''}:${range.from}:${range.to}`, async () => {
    const data = await graphql<{ figures: StatedFigure[] }>(FIGURES, { text, ...range });
    return data.figures;
  });

/** A node's display name. */
export const nameOf = (ref: Ref | NodeDetails): string => ref.name ?? ref.title ?? ref.id;

/** Every query the page sends, for a test that checks them against the schema and the API's limits. */
export const QUERIES = {
  SEARCH,
  NEIGHBORHOOD,
  PATHS,
  STATEMENT,
  NODE,
  TIMELINE,
  ABOUT_TIMELINE,
  TARGETS,
  FIGURES,
};
