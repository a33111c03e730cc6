import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/records/dataset.js';
import { createImporter } from '../../src/import/importer.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { SEED_FILE } from '../helpers/seed.js';

interface Hit {
  score: number;
  label: string;
  matchedField: string;
  matchedText: string;
  node: { id: string; __typename: string };
}
interface Bucket {
  period: string;
  granularity: string;
  start: string;
  end: string;
  count: number;
  stances: Record<string, number>;
  withoutStance: number;
  statements: Array<{ id: string; date: { text: string } }>;
}
interface Shift {
  target: { id: string };
  from: string;
  to: string;
  before: { id: string };
  after: { id: string };
  certain: boolean;
}
interface Timeline {
  totalCount: number;
  buckets: Bucket[];
  coarserBuckets: Bucket[];
  shifts: Shift[];
}
interface GraphNode {
  id: string;
  type: string;
  label: string;
  distance: number;
  hiddenNeighbors: number;
}
interface GraphEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
}

const SEARCH = `query ($text: String!, $types: [SearchType!], $first: Int) {
  search(text: $text, types: $types, first: $first) {
    score label matchedField matchedText node { id __typename }
  }
}`;

const TIMELINE = `query ($actorId: ID!, $aboutId: ID, $topicId: ID, $from: Date, $to: Date, $granularity: TimeGranularity) {
  timeline(actorId: $actorId, aboutId: $aboutId, topicId: $topicId, from: $from, to: $to, granularity: $granularity) {
    totalCount
    buckets { ...bucket }
    coarserBuckets { ...bucket }
    shifts { target { ... on Node { id } } from to before { id } after { id } certain }
  }
}
fragment bucket on TimelineBucket {
  period granularity start end count withoutStance
  stances { supportive critical neutral mixed }
  statements { id date { text } }
}`;

const NETWORK = `query ($speakerIds: [ID!], $targetIds: [ID!], $from: Date, $to: Date, $first: Int) {
  stanceNetwork(speakerIds: $speakerIds, targetIds: $targetIds, from: $from, to: $to, first: $first) {
    totalCount
    edges {
      id speaker { id } target { ... on Node { id } } count latestStance
      stances { supportive critical neutral mixed }
      firstDate { text precision } lastDate { text precision }
    }
  }
}`;

const NEIGHBORHOOD = `query ($id: ID!, $depth: Int, $limit: Int, $types: [RelationshipType!]) {
  neighborhood(id: $id, depth: $depth, limit: $limit, relationshipTypes: $types) {
    totalNeighbors omitted truncated
    nodes { id type label distance hiddenNeighbors node { id __typename } }
    edges { id type source target properties }
  }
}`;

const PATHS = `query ($fromId: ID!, $toId: ID!, $maxLength: Int, $types: [RelationshipType!]) {
  paths(fromId: $fromId, toId: $toId, maxLength: $maxLength, relationshipTypes: $types) {
    length truncated
    paths { nodeIds edgeIds }
    nodes { id type label distance hiddenNeighbors }
    edges { id type source target properties }
  }
}`;

const code = (result: GraphQLResponse<unknown>) => result.errors?.[0]?.extensions?.code;

describe('Exploration over the seed', () => {
  let t: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
    app = createTestApp(t.db);
  });
  afterAll(() => t.close());

  const search = async (text: string, variables: Record<string, unknown> = {}) => {
    const result = await app.gql<{ search: Hit[] }>(SEARCH, { text, ...variables });
    expect(result.errors, text).toBeUndefined();
    return result.data!.search;
  };

  describe('search', () => {
    it('finds a person by another spelling or script of the name, saying which alias matched', async () => {
      for (const spelling of ['Sergei Lavrov', 'Сергей Лавров', 'سيرغي لافروف']) {
        const [first] = await search(spelling);
        expect(first, spelling).toMatchObject({
          node: { id: 'person:sergey-lavrov', __typename: 'Person' },
          label: 'Sergey Lavrov',
          matchedField: 'ALIAS',
          matchedText: spelling,
        });
      }
      const [byName] = await search('lavrov', { types: ['PERSON'] });
      expect(byName).toMatchObject({
        node: { id: 'person:sergey-lavrov' },
        matchedField: 'NAME',
        matchedText: 'Sergey Lavrov',
      });
    });

    it('puts the statement a quoted phrase comes from first, ahead of one that contains its words', async () => {
      const hits = await search('Israel would not stop until it completely eliminates Hamas');
      expect(hits[0]).toMatchObject({
        node: { id: 'statement:israel-will-not-stop-until-hamas-eliminated' },
        matchedField: 'TEXT',
      });
      expect(hits.map((h) => h.node.id)).toContain(
        'statement:lavrov-2024-07-28-israel-said-it-would-not-stop',
      );
      const [quote] = await search('an unrealistic task to eradicate the organization');
      expect(quote!.node.id).toBe('statement:lavrov-2024-07-28-eradicating-hamas-unrealistic');
    });

    it('requires every word, and ranks by score then id', async () => {
      const hits = await search('Gaza', { first: 100 });
      expect(hits.length).toBeGreaterThan(3);
      for (let i = 1; i < hits.length; i += 1) {
        const [a, b] = [hits[i - 1]!, hits[i]!];
        expect(a.score > b.score || (a.score === b.score && a.node.id < b.node.id)).toBe(true);
      }
      const both = await search('Gaza ceasefire', { first: 100 });
      expect(both.length).toBeLessThan(hits.length);
      expect(
        both.every((h) => /gaza/i.test(h.matchedText) && /ceasefire/i.test(h.matchedText)),
      ).toBe(true);
    });

    it('searches only the types asked for, topic aliases and meeting titles included', async () => {
      const topics = await search('Gaza', { types: ['TOPIC'], first: 100 });
      expect(topics.length).toBeGreaterThan(0);
      expect(new Set(topics.map((h) => h.node.__typename))).toEqual(new Set(['Topic']));
      const [alias] = await search('Al-Aqsa Flood', { types: ['TOPIC'] });
      expect(alias).toMatchObject({
        node: { id: 'topic:october-7-attack' },
        matchedField: 'ALIAS',
      });
      const [meeting] = await search('Malaysia visit', { types: ['MEETING'] });
      expect(meeting).toMatchObject({
        node: { id: 'meeting:lavrov-visit-malaysia-2024-07' },
        matchedField: 'TITLE',
      });
      const places = await search('Gaza', { types: ['PLACE'] });
      expect(new Set(places.map((h) => h.node.__typename))).toEqual(new Set(['Place']));
      // "Gaza" is the Gaza Strip's alias exactly: that, not the name's first word, is why it came first.
      expect(places.find((h) => h.node.id === 'place:gaza-strip')).toMatchObject({
        matchedField: 'ALIAS',
        matchedText: 'Gaza',
      });
      const [arabic] = await search('غزة', { types: ['PLACE'] });
      expect(arabic).toMatchObject({
        node: { id: 'place:gaza-strip' },
        matchedField: 'ALIAS',
        matchedText: 'قطاع غزة',
      });
      expect(await search('Lavrov', { types: [] })).toEqual([]);
    });

    it('answers hostile strings with results or BAD_USER_INPUT, never another error', async () => {
      const hostile = [
        'Lavrov AND',
        'AND',
        'OR NOT',
        'NOT Lavrov',
        '"Sergei Lavrov"',
        '"unbalanced',
        'Lavrov\\',
        '\\',
        '\\\\\\"',
        'name:Lavrov',
        '*:*',
        'Lav*',
        'Lavrov~',
        'Lavrov~2',
        'Lavrov^10',
        '+Lavrov -Hamas',
        '(Lavrov',
        'Lavrov)',
        '[a TO z]',
        '{a TO z}',
        '/.*/',
        '&& || !',
        '?',
        "'; MATCH (n) DETACH DELETE n //",
        '$query',
        '} RETURN 1 //',
        '\u0000Lavrov\u0007',
        '🙂 Lavrov',
        'a '.repeat(100),
        'x'.repeat(200),
        'x'.repeat(201),
        'Lavrov '.repeat(500),
        '',
        '   ',
      ];
      for (const text of hostile) {
        const response = await app.yoga.fetch('http://test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query: SEARCH, variables: { text } }),
        });
        expect(response.status, text).toBe(200);
        const result = (await response.json()) as GraphQLResponse<{ search: Hit[] }>;
        if (result.errors) expect(code(result), text).toBe('BAD_USER_INPUT');
        else expect(Array.isArray(result.data!.search), text).toBe(true);
      }
      // Syntax is searched as the words it contains.
      const [quoted] = await search('"Sergei Lavrov"');
      expect(quoted!.node.id).toBe('person:sergey-lavrov');
      expect((await search('+Lavrov -Hamas')).map((h) => h.node.id)).not.toContain(
        'person:sergey-lavrov',
      );
      expect(code(await app.gql(SEARCH, { text: 'x'.repeat(201) }))).toBe('BAD_USER_INPUT');
      expect(code(await app.gql(SEARCH, { text: '&& ||' }))).toBe('BAD_USER_INPUT');
      expect(code(await app.gql(SEARCH, { text: 'Lavrov', first: 101 }))).toBe('BAD_USER_INPUT');
    });
  });

  describe('timeline', () => {
    const timeline = async (variables: Record<string, unknown>) => {
      const result = await app.gql<{ timeline: Timeline }>(TIMELINE, variables);
      expect(result.errors).toBeUndefined();
      return result.data!.timeline;
    };

    it('puts month-precision statements about a target in their month, and never on a day', async () => {
      const args = { actorId: 'person:mousa-abu-marzouk', aboutId: 'country:RUS' };
      const byMonth = await timeline({ ...args, granularity: 'MONTH' });
      expect(byMonth.totalCount).toBe(5);
      expect(byMonth.coarserBuckets).toEqual([]);
      expect(byMonth.buckets).toHaveLength(1);
      const [june] = byMonth.buckets;
      expect(june).toMatchObject({
        period: '2024-06',
        granularity: 'MONTH',
        start: '2024-06-01',
        end: '2024-06-30',
        count: 5,
        withoutStance: 0,
        stances: { supportive: 5, critical: 0, neutral: 0, mixed: 0 },
      });
      expect(june!.statements.every((s) => s.date.text === '2024-06')).toBe(true);
      const ids = june!.statements.map((s) => s.id);
      expect(ids).toEqual([...ids].sort());

      const byDay = await timeline({ ...args, granularity: 'DAY' });
      expect(byDay.buckets).toEqual([]);
      expect(byDay.coarserBuckets.map((b) => [b.period, b.granularity, b.count])).toEqual([
        ['2024-06', 'MONTH', 5],
      ]);
    });

    it('lists statements about a target in date order, and counts no shift between two of one day', async () => {
      const result = await timeline({
        actorId: 'person:sergey-lavrov',
        aboutId: 'topic:eradication-of-hamas',
        granularity: 'DAY',
      });
      expect(result.buckets.map((b) => [b.period, b.count])).toEqual([['2024-07-28', 2]]);
      expect(result.buckets[0]!.stances).toEqual({
        supportive: 0,
        critical: 1,
        neutral: 1,
        mixed: 0,
      });
      // Their order is unknown, and one of them relays Israel's position: no shift.
      expect(result.shifts).toEqual([]);
      const all = await timeline({ actorId: 'person:sergey-lavrov' });
      expect(all.shifts).toEqual([]);
    });

    it('narrows to a topic and a date range, and counts statements without stance toward it', async () => {
      const onTopic = await timeline({
        actorId: 'person:sergey-lavrov',
        topicId: 'topic:gaza-ceasefire',
        granularity: 'YEAR',
      });
      expect(onTopic.buckets).toHaveLength(1);
      const [year] = onTopic.buckets;
      // Two are about the ceasefire (NEUTRAL); three are on the topic without a stance toward it.
      expect(year).toMatchObject({
        period: '2024',
        count: 5,
        withoutStance: 3,
        stances: { supportive: 0, critical: 0, neutral: 2, mixed: 0 },
      });
      const june = await timeline({
        actorId: 'person:sergey-lavrov',
        from: '2024-06-01',
        to: '2024-06-30',
      });
      expect(june.totalCount).toBe(0);
    });

    it('refuses unknown ids with NOT_FOUND and a reversed range with BAD_USER_INPUT', async () => {
      expect(code(await app.gql(TIMELINE, { actorId: 'person:nobody' }))).toBe('NOT_FOUND');
      expect(code(await app.gql(TIMELINE, { actorId: 'topic:gaza-war' }))).toBe('NOT_FOUND');
      expect(
        code(await app.gql(TIMELINE, { actorId: 'person:sergey-lavrov', aboutId: 'place:moscow' })),
      ).toBe('NOT_FOUND');
      expect(
        code(await app.gql(TIMELINE, { actorId: 'person:sergey-lavrov', topicId: 'country:RUS' })),
      ).toBe('NOT_FOUND');
      expect(
        code(
          await app.gql(TIMELINE, {
            actorId: 'person:sergey-lavrov',
            from: '2024-07-01',
            to: '2024-06-01',
          }),
        ),
      ).toBe('BAD_USER_INPUT');
    });
  });

  describe('stanceNetwork', () => {
    const network = async (variables: Record<string, unknown>) => {
      const result = await app.gql<{
        stanceNetwork: {
          totalCount: number;
          edges: Array<{
            id: string;
            speaker: { id: string };
            target: { id: string };
            count: number;
            latestStance: string;
            stances: Record<string, number>;
            firstDate: { text: string; precision: string };
            lastDate: { text: string; precision: string };
          }>;
        };
      }>(NETWORK, variables);
      expect(result.errors).toBeUndefined();
      return result.data!.stanceNetwork;
    };

    it("gives a speaker's edges with counts per stance and first and last dates, largest first", async () => {
      const result = await network({ speakerIds: ['person:mousa-abu-marzouk'] });
      expect(result.totalCount).toBe(result.edges.length);
      expect(result.edges[0]).toEqual({
        id: 'person:mousa-abu-marzouk->country:RUS',
        speaker: { id: 'person:mousa-abu-marzouk' },
        target: { id: 'country:RUS' },
        count: 5,
        latestStance: 'SUPPORTIVE',
        stances: { supportive: 5, critical: 0, neutral: 0, mixed: 0 },
        firstDate: { text: '2024-06', precision: 'MONTH' },
        lastDate: { text: '2024-06', precision: 'MONTH' },
      });
      const usa = result.edges.find((e) => e.target.id === 'country:USA');
      expect(usa).toMatchObject({ count: 2, stances: { critical: 2 } });
      const counts = result.edges.map((e) => e.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    });

    it('narrows to targets and to statements whose dates lie within the range', async () => {
      const ever = await network({ targetIds: ['org:hamas'] });
      expect(ever.edges.map((e) => [e.speaker.id, e.stances.critical, e.stances.neutral])).toEqual(
        expect.arrayContaining([
          // Israel's position through Netanyahu is his statement, on Israel's behalf (format 2).
          ['person:benjamin-netanyahu', 2, 0],
          ['person:sergey-lavrov', 0, 1],
        ]),
      );
      // Netanyahu's two are undated ("by 28 July 2024"): not known to lie within July.
      const july = await network({
        targetIds: ['org:hamas'],
        from: '2024-07-01',
        to: '2024-07-31',
      });
      expect(july.edges.map((e) => e.speaker.id)).toEqual(['person:sergey-lavrov']);
      const sunday = await network({
        targetIds: ['org:hamas'],
        from: '2024-07-28',
        to: '2024-07-28',
      });
      expect(sunday.edges.map((e) => e.speaker.id)).toEqual(['person:sergey-lavrov']);
      const capped = await network({ first: 2 });
      expect(capped.edges).toHaveLength(2);
      expect(capped.totalCount).toBeGreaterThan(2);
      expect(code(await app.gql(NETWORK, { first: 501 }))).toBe('BAD_USER_INPUT');
      const many = Array.from({ length: 101 }, (_, i) => `person:p${i}`);
      expect(code(await app.gql(NETWORK, { speakerIds: many }))).toBe('BAD_USER_INPUT');
    });
  });

  describe('neighborhood', () => {
    const neighborhood = async (variables: Record<string, unknown>) => {
      const result = await app.gql<{
        neighborhood: {
          totalNeighbors: number;
          omitted: number;
          truncated: boolean;
          nodes: Array<GraphNode & { node: { id: string; __typename: string } }>;
          edges: GraphEdge[];
        };
      }>(NEIGHBORHOOD, variables);
      expect(result.errors).toBeUndefined();
      return result.data!.neighborhood;
    };

    it('of a hub respects its limit and reports what it left out, overall and per node', async () => {
      const all = await neighborhood({ id: 'country:ISR', limit: 200 });
      const total = all.totalNeighbors;
      expect(total).toBeGreaterThan(5);
      expect(all).toMatchObject({ omitted: 0, truncated: false });
      expect(all.nodes).toHaveLength(total + 1);
      expect(all.nodes[0]).toMatchObject({ id: 'country:ISR', distance: 0, hiddenNeighbors: 0 });

      const some = await neighborhood({ id: 'country:ISR', limit: 5 });
      expect(some.nodes).toHaveLength(6);
      expect(some).toMatchObject({ totalNeighbors: total, omitted: total - 5, truncated: true });
      expect(some.nodes[0]).toMatchObject({
        id: 'country:ISR',
        type: 'Country',
        label: 'Israel',
        hiddenNeighbors: total - 5,
        node: { id: 'country:ISR', __typename: 'Country' },
      });
      // The kept ones are the first by distance, then id, of the whole neighbourhood.
      expect(some.nodes.map((n) => n.id)).toEqual(all.nodes.slice(0, 6).map((n) => n.id));
      const ids = new Set(some.nodes.map((n) => n.id));
      expect(some.edges.length).toBeGreaterThanOrEqual(5);
      for (const edge of some.edges) {
        expect(ids.has(edge.source) && ids.has(edge.target), edge.id).toBe(true);
      }
      const about = some.edges.find((e) => e.type === 'ABOUT');
      expect(about?.properties).toEqual({ stance: expect.any(String) });
      expect(about?.id).toBe(`ABOUT:${about?.source}->${about?.target}`);
    });

    it('goes deeper with depth, follows only the relationship types asked for, and labels statements', async () => {
      const one = await neighborhood({ id: 'person:benjamin-netanyahu', limit: 200 });
      const two = await neighborhood({ id: 'person:benjamin-netanyahu', depth: 2, limit: 200 });
      expect(two.totalNeighbors).toBeGreaterThan(one.totalNeighbors);
      expect(Math.max(...two.nodes.map((n) => n.distance))).toBe(2);
      const distances = two.nodes.map((n) => n.distance);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));

      // Israel's own statement; the one it made through Netanyahu is his (format 2, onBehalfOf).
      const made = await neighborhood({ id: 'country:ISR', types: ['MADE'], limit: 200 });
      expect(made.nodes.slice(1).map((n) => n.type)).toEqual(['Statement']);
      expect(made.edges.every((e) => e.type === 'MADE' && e.source === 'country:ISR')).toBe(true);
      expect(made.nodes[1]!.label).toMatch(/^1,200 soldiers/);
    });

    it('refuses a depth above 3, a limit above 200 and an unknown id', async () => {
      expect(code(await app.gql(NEIGHBORHOOD, { id: 'country:ISR', depth: 4 }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(code(await app.gql(NEIGHBORHOOD, { id: 'country:ISR', limit: 201 }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(code(await app.gql(NEIGHBORHOOD, { id: 'country:ISR', limit: -1 }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(code(await app.gql(NEIGHBORHOOD, { id: 'country:NOWHERE' }))).toBe('NOT_FOUND');
    });
  });

  describe('paths', () => {
    const paths = async (variables: Record<string, unknown>) => {
      const result = await app.gql<{
        paths: {
          length: number | null;
          truncated: boolean;
          paths: Array<{ nodeIds: string[]; edgeIds: string[] }>;
          nodes: GraphNode[];
          edges: GraphEdge[];
        };
      }>(PATHS, variables);
      expect(result.errors).toBeUndefined();
      return result.data!.paths;
    };

    it('finds two actors linked only through a statement', async () => {
      const result = await paths({
        fromId: 'person:sergey-lavrov',
        toId: 'person:benjamin-netanyahu',
      });
      expect(result.length).toBe(2);
      expect(result.paths.length).toBeGreaterThan(0);
      const types = new Map(result.nodes.map((n) => [n.id, n.type]));
      for (const path of result.paths) {
        expect(path.nodeIds).toHaveLength(3);
        expect(path.nodeIds[0]).toBe('person:sergey-lavrov');
        expect(path.nodeIds[2]).toBe('person:benjamin-netanyahu');
        expect(types.get(path.nodeIds[1]!)).toBe('Statement');
        expect(path.edgeIds).toHaveLength(2);
      }
      expect(result.paths.map((p) => p.nodeIds[1])).toContain(
        'statement:lavrov-2024-07-28-israel-said-it-would-not-stop',
      );
      const edgeIds = new Set(result.edges.map((e) => e.id));
      expect(edgeIds).toContain(
        'MADE:person:sergey-lavrov->statement:lavrov-2024-07-28-israel-said-it-would-not-stop',
      );
      expect(edgeIds).toContain(
        'MENTIONS:statement:lavrov-2024-07-28-israel-said-it-would-not-stop->person:benjamin-netanyahu',
      );
      for (const path of result.paths) for (const id of path.edgeIds) expect(edgeIds).toContain(id);
      expect(result.nodes[0]).toMatchObject({ id: 'person:sergey-lavrov', distance: 0 });
      expect(result.nodes.at(-1)).toMatchObject({ id: 'person:benjamin-netanyahu', distance: 2 });
    });

    it('gives none when the nodes are further apart than maxLength, and follows only the types asked for', async () => {
      const none = await paths({
        fromId: 'person:sergey-lavrov',
        toId: 'person:benjamin-netanyahu',
        maxLength: 1,
      });
      expect(none).toMatchObject({
        length: null,
        paths: [],
        nodes: [],
        edges: [],
        truncated: false,
      });
      const viaPosts = await paths({
        fromId: 'person:sergey-lavrov',
        toId: 'country:RUS',
        types: ['HOLDS_POSITION'],
      });
      expect(viaPosts.length).toBe(1);
      expect(viaPosts.edges).toEqual([
        expect.objectContaining({
          id: 'position:sergey-lavrov-minister-of-foreign-affairs-russia',
          type: 'HOLDS_POSITION',
          properties: expect.objectContaining({
            title: 'Minister of Foreign Affairs',
            from: '2004-03',
          }),
        }),
      ]);
    });

    it('refuses unknown ids with NOT_FOUND and a maxLength above 6 with BAD_USER_INPUT', async () => {
      expect(code(await app.gql(PATHS, { fromId: 'person:nobody', toId: 'country:RUS' }))).toBe(
        'NOT_FOUND',
      );
      expect(code(await app.gql(PATHS, { fromId: 'country:RUS', toId: 'person:nobody' }))).toBe(
        'NOT_FOUND',
      );
      expect(
        code(await app.gql(PATHS, { fromId: 'country:RUS', toId: 'country:ISR', maxLength: 7 })),
      ).toBe('BAD_USER_INPUT');
      expect(code(await app.gql(PATHS, { fromId: 'country:RUS', toId: 'country:RUS' }))).toBe(
        'BAD_USER_INPUT',
      );
    });
  });

  it('costs a few Cypher queries per answer, however many nodes it shows', async () => {
    const cost = async (query: string, variables: Record<string, unknown>) => {
      const before = await app.metric('statement_graph_cypher_queries_total');
      const result = await app.gql(query, variables);
      expect(result.errors).toBeUndefined();
      return (await app.metric('statement_graph_cypher_queries_total')) - before;
    };
    // The hits' and nodes' details come with them: no query per node.
    expect(await cost(SEARCH, { text: 'Gaza', first: 50 })).toBe(1);
    // The neighbourhood, its nodes with their hidden neighbours, and the edges between them.
    expect(await cost(NEIGHBORHOOD, { id: 'country:ISR', depth: 2, limit: 200 })).toBe(1);
    // Actor and target, statements, shifts' nodes, buckets' statements.
    expect(
      await cost(TIMELINE, { actorId: 'org:palestine-chronicle', granularity: 'DAY' }),
    ).toBeLessThanOrEqual(4);
  });

  describe('speaking capacity', () => {
    it("answers what Russia's foreign minister said in one query", async () => {
      const result = await app.gql<{
        statements: {
          totalCount: number;
          edges: Array<{
            node: {
              speaker: { id: string };
              speakingAs: Array<{ title: string; of: { id: string } }>;
            };
          }>;
        };
      }>(`{
        statements(first: 100, filter: { speakingAs: { ofId: "country:RUS", titleContains: "foreign" } }) {
          totalCount
          edges { node { speaker { id } speakingAs { title of { id } } } }
        }
      }`);
      expect(result.errors).toBeUndefined();
      expect(result.data!.statements.totalCount).toBe(7);
      for (const { node } of result.data!.statements.edges) {
        expect(node.speaker.id).toBe('person:sergey-lavrov');
        expect(node.speakingAs).toContainEqual({
          title: 'Minister of Foreign Affairs',
          of: { id: 'country:RUS' },
        });
      }
      const other = await app.gql<{ statements: { totalCount: number } }>(`{
        statements(filter: { speakingAs: { ofId: "country:RUS", titleContains: "prime minister" } }) { totalCount }
      }`);
      expect(other.data!.statements.totalCount).toBe(0);
      const israel = await app.gql<{ statements: { totalCount: number } }>(`{
        statements(filter: { speakingAs: { ofId: "country:ISR" } }) { totalCount }
      }`);
      // Netanyahu's own statement, and the one he made on Israel's behalf in his post.
      expect(israel.data!.statements.totalCount).toBe(2);
    });
  });
});

/** A speaker of our own, so the seed's facts above stay as they are. */
const envoyDataset = {
  format: 'statement-graph/1',
  people: [{ id: 'person:test-envoy', name: 'Test Envoy', aliases: [] }],
  organizations: [
    {
      id: 'org:test-envoy-office',
      name: 'Office of the Special Envoy',
      aliases: [],
      kind: 'ministry',
      partOf: ['country:RUS'],
    },
  ],
  positions: [
    {
      id: 'position:test-envoy-special-envoy',
      person: 'person:test-envoy',
      title: 'Special Envoy for the Middle East',
      of: 'org:test-envoy-office',
      from: '2024-06',
      to: '2024-06',
    },
  ],
  statements: (
    [
      ['2024', 'NEUTRAL'],
      ['2024-05-20', 'SUPPORTIVE'],
      ['2024-06', 'CRITICAL'],
      ['2024-06-15', 'CRITICAL'],
      ['2024-07-28', 'MIXED'],
    ] as const
  ).map(([date, stance]) => ({
    id: `statement:test-envoy-${date}`,
    speaker: 'person:test-envoy',
    text: `The envoy on Israel, ${date}.`,
    kind: 'PARAPHRASE',
    language: 'en',
    date,
    about: [{ target: 'country:ISR', stance }],
    sources: [
      { source: 'source:palestine-chronicle-2024-07-28', role: 'READ', quoteType: 'PARAPHRASE' },
    ],
    confidence: 1,
    verification: 'UNVERIFIED',
  })),
} as unknown as Dataset;

describe('Exploration over dates of mixed precision', () => {
  let t: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
    const report = await createImporter(t.db).importDataset(envoyDataset, { by: 'test' });
    expect(report.ok).toBe(true);
    app = createTestApp(t.db);
  });
  afterAll(() => t.close());

  const timeline = async (variables: Record<string, unknown>) => {
    const result = await app.gql<{ timeline: Timeline }>(TIMELINE, {
      actorId: 'person:test-envoy',
      aboutId: 'country:ISR',
      ...variables,
    });
    expect(result.errors).toBeUndefined();
    return result.data!.timeline;
  };
  const ids = (b: Bucket) => b.statements.map((s) => s.id.replace('statement:test-envoy-', ''));

  it('puts each date in the month holding it, and a year date apart', async () => {
    const t = await timeline({ granularity: 'MONTH' });
    expect(t.totalCount).toBe(5);
    expect(t.buckets.map((b) => [b.period, ids(b)])).toEqual([
      ['2024-05', ['2024-05-20']],
      ['2024-06', ['2024-06', '2024-06-15']],
      ['2024-07', ['2024-07-28']],
    ]);
    expect(t.coarserBuckets.map((b) => [b.period, b.granularity, ids(b)])).toEqual([
      ['2024', 'YEAR', ['2024']],
    ]);
  });

  it('puts ISO weeks Monday to Sunday, and a month date in a month of its own', async () => {
    const t = await timeline({ granularity: 'WEEK' });
    expect(t.buckets.map((b) => [b.period, b.start, b.end, ids(b)])).toEqual([
      ['2024-W21', '2024-05-20', '2024-05-26', ['2024-05-20']],
      ['2024-W24', '2024-06-10', '2024-06-16', ['2024-06-15']],
      ['2024-W30', '2024-07-22', '2024-07-28', ['2024-07-28']],
    ]);
    expect(t.coarserBuckets.map((b) => [b.period, b.granularity])).toEqual([
      ['2024', 'YEAR'],
      ['2024-06', 'MONTH'],
    ]);
  });

  it('finds the shifts in date order, only where the dates do not overlap', async () => {
    const t = await timeline({ granularity: 'YEAR' });
    expect(t.buckets.map((b) => [b.period, b.count])).toEqual([['2024', 5]]);
    // 2024 (the whole year) has no known order with any of the others.
    expect(t.shifts.map((s) => [s.from, s.to, s.before.id, s.after.id, s.certain])).toEqual([
      [
        'SUPPORTIVE',
        'CRITICAL',
        'statement:test-envoy-2024-05-20',
        'statement:test-envoy-2024-06',
        true,
      ],
      [
        'CRITICAL',
        'MIXED',
        'statement:test-envoy-2024-06-15',
        'statement:test-envoy-2024-07-28',
        true,
      ],
    ]);
    const june = await timeline({ from: '2024-06-01', to: '2024-06-30', granularity: 'DAY' });
    expect(june.buckets.map((b) => b.period)).toEqual(['2024-06-15']);
    expect(june.coarserBuckets.map((b) => b.period)).toEqual(['2024-06']);
    expect(june.shifts).toEqual([]);
  });

  it('gives the network edge its first and last dates in the same order', async () => {
    const result = await app.gql<{
      stanceNetwork: { edges: Array<Record<string, unknown>> };
    }>(NETWORK, { speakerIds: ['person:test-envoy'] });
    expect(result.data!.stanceNetwork.edges).toEqual([
      expect.objectContaining({
        count: 5,
        latestStance: 'MIXED',
        stances: { supportive: 1, critical: 2, neutral: 1, mixed: 1 },
        firstDate: { text: '2024', precision: 'YEAR' },
        lastDate: { text: '2024-07-28', precision: 'DAY' },
      }),
    ]);
  });

  it('counts a statement as made in a post when the post overlaps its date, posts of sub-organisations included', async () => {
    const result = await app.gql<{
      statements: { edges: Array<{ node: { id: string } }> };
    }>(`{
      statements(orderBy: { field: DATE, direction: ASC }, filter: { speakingAs: { ofId: "country:RUS", titleContains: "ENVOY" } }) {
        edges { node { id } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.statements.edges.map((e) => e.node.id)).toEqual([
      'statement:test-envoy-2024',
      'statement:test-envoy-2024-06',
      'statement:test-envoy-2024-06-15',
    ]);
  });
});
