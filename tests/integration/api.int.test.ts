import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImporter } from '../../src/import/importer.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { SEED_FILE } from '../helpers/seed.js';

interface Edge<T> {
  cursor: string;
  node: T;
}
interface Page<T> {
  totalCount: number;
  edges: Array<Edge<T>>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('GraphQL read API over the seed', () => {
  let t: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
    app = createTestApp(t.db);
  });
  afterAll(() => t.close());

  it("finds a speaker's statements about a target within a date range", async () => {
    const query = `query ($from: Date, $to: Date) {
      statements(filter: { speakerIds: ["person:sergey-lavrov"], aboutIds: ["topic:eradication-of-hamas"], from: $from, to: $to }) {
        totalCount
        edges { node { id speaker { id } date { text precision } about { stance target { ... on Topic { id } } } } }
      }
    }`;
    const july = await app.gql<{ statements: Page<{ id: string; speaker: { id: string } }> }>(
      query,
      {
        from: '2024-07-01',
        to: '2024-07-31',
      },
    );
    expect(july.errors).toBeUndefined();
    expect(july.data!.statements.totalCount).toBe(2);
    expect(july.data!.statements.edges.map((e) => e.node.speaker.id)).toEqual([
      'person:sergey-lavrov',
      'person:sergey-lavrov',
    ]);
    expect(july.data!.statements.edges.map((e) => e.node.id)).toContain(
      'statement:lavrov-2024-07-28-eradicating-hamas-unrealistic',
    );

    const june = await app.gql<{ statements: Page<unknown> }>(query, {
      from: '2024-06-01',
      to: '2024-06-30',
    });
    expect(june.data!.statements.totalCount).toBe(0);
  });

  it('honours date precision: a MONTH date is within its month, and only overlaps a part of it', async () => {
    const query = `query ($from: Date, $to: Date, $match: DateMatch) {
      statements(first: 100, filter: { speakerIds: ["person:mousa-abu-marzouk"], from: $from, to: $to, dateMatch: $match }) {
        totalCount edges { node { date { text precision start end } } }
      }
    }`;
    const month = await app.gql<{ statements: Page<{ date: Record<string, string> }> }>(query, {
      from: '2024-06-01',
      to: '2024-06-30',
    });
    expect(month.data!.statements.totalCount).toBe(6);
    expect(month.data!.statements.edges[0]!.node.date).toEqual({
      text: '2024-06',
      precision: 'MONTH',
      start: '2024-06-01',
      end: '2024-06-30',
    });
    const part = { from: '2024-06-10', to: '2024-06-20' };
    expect(
      (await app.gql<{ statements: Page<unknown> }>(query, part)).data!.statements.totalCount,
    ).toBe(0);
    expect(
      (await app.gql<{ statements: Page<unknown> }>(query, { ...part, match: 'OVERLAPS' })).data!
        .statements.totalCount,
    ).toBe(6);
  });

  it('lists statements about a country from any speaker', async () => {
    const result = await app.gql<{
      node: {
        statementsAbout: Page<{
          speaker: { id: string };
          about: Array<{ stance: string; target: { id: string } }>;
        }>;
      };
    }>(`{
      node(id: "country:RUS") { ... on Country { statementsAbout(first: 100) {
        totalCount edges { node { speaker { id } about { stance target { ... on Country { id } } } } }
      } } }
    }`);
    expect(result.errors).toBeUndefined();
    const page = result.data!.node.statementsAbout;
    expect(page.totalCount).toBe(page.edges.length);
    expect(page.edges.length).toBeGreaterThan(0);
    for (const { node } of page.edges)
      expect(node.about.map((a) => a.target.id)).toContain('country:RUS');
    expect(new Set(page.edges.map((e) => e.node.speaker.id))).toContain('person:mousa-abu-marzouk');
  });

  it("gives a statement's sources, how each carries it, and the chain behind them", async () => {
    const result = await app.gql<{
      node: {
        sources: Array<{
          quoteType: string;
          source: {
            id: string;
            kind: string;
            cites: Array<{ id: string }>;
            chain: Array<{ id: string; publishedBy: { name: string } | null }>;
          };
        }>;
      };
    }>(`{
      node(id: "statement:lavrov-2024-07-28-no-prospect-for-end-to-bloodshed") { ... on Statement {
        sources { quoteType source { id kind publishedDate { text } cites { id } chain { id publishedBy { name } } } }
      } }
    }`);
    expect(result.errors).toBeUndefined();
    const sources = result.data!.node.sources;
    expect(sources.map((s) => [s.source.id, s.quoteType])).toEqual([
      ['source:palestine-chronicle-2024-07-28', 'DIRECT_QUOTE'],
      ['source:tass-2024-07-28-lavrov-malaysia', 'DIRECT_QUOTE'],
    ]);
    const article = sources[0]!.source;
    expect(article.cites.map((s) => s.id)).toContain('source:tass-2024-07-28-lavrov-malaysia');
    expect(
      article.chain.find((s) => s.id === 'source:tass-2024-07-28-lavrov-malaysia')?.publishedBy
        ?.name,
    ).toBe('TASS');
  });

  it('answers which posts a person held on a date, and in which capacity a statement was made', async () => {
    const query = `query ($at: Date) { node(id: "person:sergey-lavrov") { ... on Person {
      positions(at: $at) { title of { id name } from { text precision } to { text } }
    } } }`;
    const held = await app.gql<{ node: { positions: unknown[] } }>(query, { at: '2024-07-28' });
    expect(held.data!.node.positions).toEqual([
      {
        title: 'Minister of Foreign Affairs',
        of: { id: 'country:RUS', name: 'Russia' },
        from: { text: '2004-03', precision: 'MONTH' },
        to: null,
      },
    ]);
    expect(
      (await app.gql<{ node: { positions: unknown[] } }>(query, { at: '2003-01-01' })).data!.node
        .positions,
    ).toEqual([]);

    const capacity = await app.gql<{ node: { speakingAs: Array<{ title: string }> } }>(`{
      node(id: "statement:lavrov-2024-07-28-eradicating-hamas-unrealistic") { ... on Statement { speakingAs { title of { name } } } }
    }`);
    expect(capacity.data!.node.speakingAs).toEqual([
      { title: 'Minister of Foreign Affairs', of: { name: 'Russia' } },
    ]);
  });

  it.each([
    [
      'statements',
      'statements(first: $first, after: $after, orderBy: { field: DATE, direction: ASC })',
    ],
    ['statements, newest first', 'statements(first: $first, after: $after)'],
    [
      'statements by confidence',
      'statements(first: $first, after: $after, orderBy: { field: CONFIDENCE, direction: ASC })',
    ],
    ['people', 'people(first: $first, after: $after)'],
    ['organizations', 'organizations(first: $first, after: $after)'],
    ['countries', 'countries(first: $first, after: $after, orderBy: { field: ID })'],
    ['topics', 'topics(first: $first, after: $after)'],
    ['meetings', 'meetings(first: $first, after: $after)'],
    ['sources', 'sources(first: $first, after: $after)'],
  ])('walks every page of %s exactly once, with totalCount matching', async (name, field) => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let pages = 0; pages < 50; pages += 1) {
      const result: GraphQLResponse<{ page: Page<{ id: string }> }> = await app.gql(
        `query ($first: Int, $after: String) { page: ${field} { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { first: 4, after },
      );
      expect(result.errors, name).toBeUndefined();
      const page: Page<{ id: string }> = result.data!.page;
      total = page.totalCount;
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    expect(total).toBeGreaterThan(0);
  });

  it('breaks ties by id in the direction asked (README: under DESC, by id descending)', async () => {
    for (const direction of ['ASC', 'DESC'] as const) {
      const result = await app.gql<{
        statements: Page<{ id: string; date: { start: string } }>;
      }>(
        `{ statements(first: 100, orderBy: { field: DATE, direction: ${direction} }) { edges { node { id date { start } } } } }`,
      );
      expect(result.errors).toBeUndefined();
      const nodes = result.data!.statements.edges.map((e) => e.node);
      const ties = nodes.slice(1).filter((n, i) => n.date.start === nodes[i]!.date.start);
      expect(ties.length, direction).toBeGreaterThan(0);
      nodes.slice(1).forEach((n, i) => {
        const before = nodes[i]!;
        if (n.date.start !== before.date.start) return;
        if (direction === 'ASC') expect(before.id < n.id, `${before.id} then ${n.id}`).toBe(true);
        else expect(before.id > n.id, `${before.id} then ${n.id}`).toBe(true);
      });
    }
  });

  it('refuses a page larger than 100, a foreign cursor and a reversed range with BAD_USER_INPUT', async () => {
    const tooMany = await app.gql(`{ statements(first: 101) { totalCount } }`);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const longName = await app.gql(
      `query ($text: String) { people(filter: { nameContains: $text }) { totalCount } }`,
      { text: 'x'.repeat(612) },
    );
    expect(longName.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [
        { path: 'filter.nameContains', message: 'must be at most 200 characters long, not 612' },
      ],
    });
    // Every list's filter refusal reads as the import's problems do: `path: message`.
    const long = 'x'.repeat(201);
    for (const list of ['people', 'organizations', 'countries']) {
      const refused = await app.gql(
        `query ($text: String) { ${list}(filter: { nameContains: $text }) { totalCount } }`,
        { text: long },
      );
      expect(refused.errors?.[0]?.message, list).toBe(
        'filter.nameContains: must be at most 200 characters long, not 201.',
      );
    }
    const badFilter = await app.gql(
      `{ statements(filter: { text: "", minConfidence: 2 }) { totalCount } }`,
    );
    expect(badFilter.errors?.[0]).toMatchObject({
      message:
        'filter.minConfidence: must be between 0 and 1, not 2; filter.text: must not be empty.',
      extensions: {
        code: 'BAD_USER_INPUT',
        problems: [
          { path: 'filter.minConfidence', message: 'must be between 0 and 1, not 2' },
          { path: 'filter.text', message: 'must not be empty' },
        ],
      },
    });
    const nested = await app.gql(
      `{ people(first: 1) { edges { node { statements(filter: { text: "" }) { totalCount } } } } }`,
    );
    expect(nested.errors?.[0]?.message).toBe('filter.text: must not be empty.');
    const foreign = await app.gql(`{ statements(after: "bm90IGEgY3Vyc29y") { totalCount } }`);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const [first] = (
      await app.gql<{ people: Page<unknown> }>(`{ people(first: 1) { edges { cursor } } }`)
    ).data!.people.edges;
    const otherOrder = await app.gql(
      `query ($after: String) { statements(after: $after) { totalCount } }`,
      { after: first!.cursor },
    );
    expect(otherOrder.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const reversed = await app.gql(
      `{ statements(filter: { from: "2024-07-01", to: "2024-06-01" }) { totalCount } }`,
    );
    expect(reversed.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: 'filter.to' }],
    });
    const badDate = await app.gql(
      `query ($from: Date) { statements(filter: { from: $from }) { totalCount } }`,
      {
        from: '2024-02-30',
      },
    );
    expect(badDate.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [{ path: 'from', message: '"2024-02-30": February 2024 has 29 days' }],
    });
    // A variable GraphQL refuses names its path as our own refusals do (the variable's name first).
    const badVariables = await app.gql(
      `query ($n: Int, $f: StatementFilter, $id: ID!) { statements(first: $n, filter: $f) { totalCount } node(id: $id) { id } }`,
      { n: 'ten', f: { stances: ['ANGRY'], minConfidence: 'high', nope: 1 } },
    );
    expect(badVariables.errors?.map((e) => e.extensions)).toEqual(
      [
        { path: 'n', message: 'must be a whole number, not "ten"' },
        {
          path: 'f.stances[0]',
          message: 'must be one of SUPPORTIVE, CRITICAL, NEUTRAL, MIXED, not "ANGRY"',
        },
        { path: 'f.minConfidence', message: 'must be a number, not "high"' },
        { path: 'f.nope', message: 'unknown field' },
        { path: 'id', message: 'required' },
      ].map((problem) => ({ code: 'BAD_USER_INPUT', problems: [problem] })),
    );
    // Written in the query, the same values fail validation, each with its problem the same way.
    const badLiterals = await app.gql(
      `{ statements(first: "ten", filter: { from: "2024-02-30", stances: [CRITICAL, ANGRY], kinds: "REPORTED", minConfidence: "high", txt: 1, speakingAs: {} }) { totalCount } }`,
    );
    expect(badLiterals.errors?.map((e) => e.extensions)).toEqual(
      [
        { path: 'first', message: 'must be a whole number, not "ten"' },
        { path: 'filter.from', message: '"2024-02-30": February 2024 has 29 days' },
        {
          path: 'filter.stances[1]',
          message: 'must be one of SUPPORTIVE, CRITICAL, NEUTRAL, MIXED, not "ANGRY"',
        },
        {
          path: 'filter.kinds',
          message:
            'must be one of DIRECT_QUOTE, PARAPHRASE, REPORTED, written without quotes, not "REPORTED"',
        },
        { path: 'filter.minConfidence', message: 'must be a number, not "high"' },
        { path: 'filter.txt', message: 'unknown field' },
        { path: 'filter.speakingAs.ofId', message: 'required' },
      ].map((problem) => ({ code: 'GRAPHQL_VALIDATION_FAILED', problems: [problem] })),
    );
    // No suggestions (README, Limits): graphql-js suggests an enum value for a near miss.
    const nearMiss = await app.gql(`{ statements(filter: { stances: CRITICL }) { totalCount } }`);
    expect(nearMiss.errors?.[0]).toMatchObject({
      message: 'Value "CRITICL" does not exist in "Stance" enum.',
      extensions: {
        problems: [
          {
            path: 'filter.stances',
            message: 'must be one of SUPPORTIVE, CRITICAL, NEUTRAL, MIXED, not "CRITICL"',
          },
        ],
      },
    });
  });

  it("refuses a field once with the problems of all its arguments, in the arguments' order", async () => {
    const statements = await app.gql(
      `{ statements(filter: { text: "", minConfidence: 2 }, first: 101, after: "bm90IGEgY3Vyc29y") { totalCount } }`,
    );
    expect(statements.errors).toHaveLength(1);
    expect(statements.errors?.[0]).toMatchObject({
      message:
        'filter.minConfidence: must be between 0 and 1, not 2; filter.text: must not be empty; first: must be between 0 and 100, not 101; after: not a cursor this API issued.',
      extensions: {
        code: 'BAD_USER_INPUT',
        problems: [
          { path: 'filter.minConfidence', message: 'must be between 0 and 1, not 2' },
          { path: 'filter.text', message: 'must not be empty' },
          { path: 'first', message: 'must be between 0 and 100, not 101' },
          { path: 'after', message: 'not a cursor this API issued' },
        ],
      },
    });
    const people = await app.gql(
      `query ($text: String) { people(filter: { nameContains: $text }, first: 101) { totalCount } }`,
      { text: 'x'.repeat(201) },
    );
    expect(people.errors?.[0]?.message).toBe(
      'filter.nameContains: must be at most 200 characters long, not 201; first: must be between 0 and 100, not 101.',
    );
    const paths = await app.gql(
      `{ paths(fromId: "country:ISR", toId: "country:ISR", maxLength: 0, first: 0) { length } }`,
    );
    expect(paths.errors?.[0]?.extensions?.problems).toEqual([
      { path: 'toId', message: 'must differ from fromId' },
      { path: 'maxLength', message: 'must be between 1 and 6, not 0' },
      { path: 'first', message: 'must be between 1 and 50, not 0' },
    ]);
  });

  it('returns null for an unknown id, and objects of every kind through node()', async () => {
    const result = await app.gql<{ nodes: Array<{ __typename: string } | null> }>(`{
      nodes(ids: ["person:nobody", "country:ISR", "org:hamas", "place:moscow", "topic:gaza-ceasefire",
                  "meeting:abu-marzouk-visit-moscow-2024-06", "source:tass-2024-07-28-lavrov-malaysia",
                  "statement:lavrov-2024-07-28-no-prospect-for-end-to-bloodshed"]) { __typename id }
    }`);
    expect(result.data!.nodes.map((n) => n?.__typename ?? null)).toEqual([
      null,
      'Country',
      'Organization',
      'Place',
      'Topic',
      'Meeting',
      'Source',
      'Statement',
    ]);
  });

  it('serves health and Prometheus metrics with request counts per operation', async () => {
    expect((await app.yoga.fetch('http://test/health/ready')).status).toBe(200);
    await app.gql(`query CountPeople { people { totalCount } }`);
    const text = await (await app.yoga.fetch('http://test/metrics')).text();
    expect(text).toMatch(
      /statement_graph_graphql_requests_total\{operation="CountPeople",status="200"\} 1/,
    );
    expect(text).toMatch(
      /statement_graph_graphql_request_duration_seconds_bucket\{le="[^"]+",operation="CountPeople"\}/,
    );
    expect(await app.metric('statement_graph_cypher_queries_total')).toBeGreaterThan(0);
  });
});
