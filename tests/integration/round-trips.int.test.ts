import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, StatementRecord } from '../../src/records/dataset.js';
import { createImporter } from '../../src/import/importer.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { readSeed } from '../helpers/seed.js';

/** The seed plus 150 statements spread over its speakers, targets, topics, sources and meetings. */
function widenedSeed(): Dataset {
  const seed = readSeed();
  const pick = <T>(list: T[], i: number) => list[i % list.length]!;
  const extra: StatementRecord[] = Array.from({ length: 150 }, (_, i) => ({
    id: `statement:synthetic-${String(i).padStart(3, '0')}`,
    speakers: [pick([...seed.people, ...seed.organizations], i).id],
    quotes: [],
    approximate: false,
    text: `Synthetic statement ${i}`,
    kind: 'PARAPHRASE',
    language: 'en',
    // Dated as its meeting: a statement's date must overlap its occasion's.
    date: pick(seed.meetings, i).date!,
    about: [
      {
        target: pick(seed.countries, i).id,
        stance: pick(['SUPPORTIVE', 'CRITICAL', 'NEUTRAL', 'MIXED'] as const, i),
      },
      { target: pick(seed.topics, i).id, stance: 'NEUTRAL' },
    ],
    topics: [pick(seed.topics, i).id, pick(seed.topics, i + 3).id],
    mentions: [pick(seed.places, i).id],
    meeting: pick(seed.meetings, i).id,
    sources: [{ source: pick(seed.sources, i).id, role: 'READ', quoteType: 'PARAPHRASE' }],
    relays: [],
    respondsTo: [],
    figures: [],
    confidence: 0.5,
    verification: 'UNVERIFIED',
  }));
  return { ...seed, statements: [...seed.statements, ...extra] };
}

describe('Cypher round trips', () => {
  let t: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    t = await openTestDatabase();
    const report = await createImporter(t.db).importDataset(widenedSeed(), { by: 'test' });
    expect(report.ok).toBe(true);
    app = createTestApp(t.db);
  });
  afterAll(() => t.close());

  it('stay a small constant for a page of 100 statements with all their links, not one per statement', async () => {
    const before = await app.metric('statement_graph_cypher_queries_total');
    const result = await app.gql<{
      statements: {
        totalCount: number;
        edges: Array<{
          node: {
            speaker: { id: string };
            about: unknown[];
            topics: unknown[];
            sources: unknown[];
            meeting: unknown;
          };
        }>;
      };
    }>(`{
      statements(first: 100) {
        totalCount
        edges { node {
          id text date { text precision }
          speaker { id name }
          about { stance target { __typename ... on Actor { name } ... on Topic { title } ... on Meeting { title } } }
          topics { id title }
          sources { quoteType source { id title publisher } }
          meeting { id title }
        } }
      }
    }`);
    const queries = (await app.metric('statement_graph_cypher_queries_total')) - before;
    expect(result.errors).toBeUndefined();
    const edges = result.data!.statements.edges;
    expect(edges).toHaveLength(100);
    expect(edges.every((e) => e.node.speaker.id && e.node.sources.length > 0)).toBe(true);
    // The page, its links, the nodes they point to and the total: one query.
    expect(queries).toBe(1);
  });

  it('read only the properties a page selects of its linked nodes, with the answers of whole nodes', async () => {
    // The second selection adds a field with a resolver of its own under each link, so those nodes are read whole.
    const page = (whole: boolean) => `{
      statements(first: 100) {
        edges { node {
          id
          speaker { id name aliases createdAt updatedBy ${whole ? 'meetings { role }' : ''} }
          about { stance target { __typename
            ... on Actor { id name aliases } ... on Topic { title description }
            ... on Meeting { title kind datePhrase ${whole ? 'date { text }' : ''} }
            ... on Node { id } } }
          topics { id title aliases updatedAt ${whole ? 'statements(first: 0) { totalCount }' : ''} }
          sources { quoteType source { id kind title publisher url language author ${whole ? 'credits' : ''} } }
          meeting { id title kind description ${whole ? 'parts { id }' : ''} }
        } }
      }
    }`;
    type Page = { statements: { edges: Array<{ node: Record<string, unknown> }> } };
    const before = await app.metric('statement_graph_cypher_queries_total');
    const projected = await app.gql<Page>(page(false));
    expect((await app.metric('statement_graph_cypher_queries_total')) - before).toBe(1);
    const whole = await app.gql<Page>(page(true));
    expect(projected.errors).toBeUndefined();
    expect(whole.errors).toBeUndefined();
    const without = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(without)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .filter(
                  ([key]) => !['meetings', 'date', 'statements', 'credits', 'parts'].includes(key),
                )
                .map(([key, v]) => [key, without(v)]),
            )
          : value;
    expect(projected.data!.statements.edges).toHaveLength(100);
    expect(projected.data!.statements.edges).toEqual(without(whole.data!.statements.edges));
  });

  it('read only the fields a page selects of its statements, with the answers of whole statements', async () => {
    // Every field of Statement: each resolver's reads of a partially read statement are covered.
    const fields = `id text kind language datePhrase confidence verification note quotes approximate
      createdAt updatedAt updatedBy date { text precision start end }
      figures { value unit asOf qualifier description }
      speaker { id } speakers { id } onBehalfOf { id } post { id title }
      speakingAs { id title } representing { actor { id } through { id } basis post { id } }
      about { stance target { __typename ... on Node { id } } }
      topics { id } mentions { __typename ... on Node { id } } meeting { id }
      sources { role quoteType source { id } } route { role source { id } }
      relays { id } relayedBy { id } respondsTo { id } responses { id }`;
    type Page = { statements: { edges: Array<{ node: { id: string } }> } };
    const ids = (
      await app.gql<Page>(`{ statements(first: 100) { edges { node { id } } } }`)
    ).data!.statements.edges.map((e) => e.node.id);
    const paged = await app.gql<Page>(
      `{ statements(first: 100) { edges { node { ${fields} } } } }`,
    );
    const whole = await app.gql<{ nodes: unknown[] }>(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Statement { ${fields} } } }`,
      { ids },
    );
    expect(paged.errors).toBeUndefined();
    expect(whole.errors).toBeUndefined();
    expect(paged.data!.statements.edges.map((e) => e.node)).toEqual(whole.data!.nodes);
    // And the smallest page, its statements' ids only, in one query.
    const before = await app.metric('statement_graph_cypher_queries_total');
    expect(
      (
        await app.gql<Page>(`{ statements(first: 100) { edges { node { id } } } }`)
      ).data!.statements.edges.map((e) => e.node.id),
    ).toEqual(ids);
    expect((await app.metric('statement_graph_cypher_queries_total')) - before).toBe(1);
  });

  it('are one for a filtered page whose filter names nodes (checked from the same query)', async () => {
    const seed = readSeed();
    const speaker = seed.people[0]!.id;
    const target = seed.countries[0]!.id;
    const before = await app.metric('statement_graph_cypher_queries_total');
    const result = await app.gql<{
      statements: { totalCount: number; edges: Array<{ node: { speaker: { id: string } } }> };
    }>(
      `query ($speaker: ID!, $target: ID!) {
        statements(first: 20, filter: { speakerIds: [$speaker], aboutIds: [$target], from: "2024" }) {
          totalCount
          edges { node { id speaker { id name } about { stance target { ... on Actor { name } } }
            sources { quoteType source { title } } meeting { title } } }
        }
      }`,
      { speaker, target },
    );
    const queries = (await app.metric('statement_graph_cypher_queries_total')) - before;
    expect(result.errors).toBeUndefined();
    expect(result.data!.statements.edges.length).toBeGreaterThan(0);
    expect(result.data!.statements.edges.every((e) => e.node.speaker.id === speaker)).toBe(true);
    expect(queries).toBe(1);
  });

  it('are one for a timeline with its buckets, shifts and their statements', async () => {
    const seed = readSeed();
    const before = await app.metric('statement_graph_cypher_queries_total');
    const result = await app.gql<{ timeline: { totalCount: number } }>(
      `query ($actor: ID!, $about: ID!) {
        timeline(actorId: $actor, aboutId: $about, granularity: MONTH) {
          actor { name } about { ... on Actor { name } } totalCount
          buckets { period count stances { supportive critical } statements { id text } }
          shifts { from to before { id text } after { id date { text } } }
        }
      }`,
      { actor: seed.people[0]!.id, about: seed.countries[0]!.id },
    );
    const queries = (await app.metric('statement_graph_cypher_queries_total')) - before;
    expect(result.errors).toBeUndefined();
    expect(result.data!.timeline.totalCount).toBeGreaterThan(0);
    expect(queries).toBe(1);
  });

  it("read a timeline's statements whole only when the answer reads more than their ids", async () => {
    const seed = readSeed();
    const variables = { actor: seed.people[0]!.id, about: seed.countries[0]!.id };
    const ask = (fields: string) =>
      app.gql<{ timeline: { shifts: Array<{ before: { id: string }; after: { id: string } }> } }>(
        `query ($actor: ID!, $about: ID!) {
          timeline(actorId: $actor, aboutId: $about, granularity: MONTH) {
            totalCount shifts { from to before { ${fields} } after { ${fields} } }
          }
        }`,
        variables,
      );
    const whole = await ask('id text');
    const before = await app.metric('statement_graph_cypher_queries_total');
    const ids = await ask('id');
    expect((await app.metric('statement_graph_cypher_queries_total')) - before).toBe(1);
    expect(ids.errors).toBeUndefined();
    const idsOf = (r: typeof ids) => r.data!.timeline.shifts.map((s) => [s.before.id, s.after.id]);
    expect(idsOf(ids)).toEqual(idsOf(whole));
  });

  it('are one for a neighbourhood with its nodes, their hidden neighbours and the edges between them', async () => {
    const seed = readSeed();
    const before = await app.metric('statement_graph_cypher_queries_total');
    const result = await app.gql<{
      neighborhood: { totalNeighbors: number; nodes: unknown[]; edges: unknown[] };
    }>(
      `query ($id: ID!) {
        neighborhood(id: $id, depth: 2, limit: 50) {
          totalNeighbors omitted truncated
          nodes { id type label distance hiddenNeighbors node { id ... on Actor { name } } }
          edges { id type source target properties }
        }
      }`,
      { id: seed.countries[0]!.id },
    );
    const queries = (await app.metric('statement_graph_cypher_queries_total')) - before;
    expect(result.errors).toBeUndefined();
    expect(result.data!.neighborhood.nodes).toHaveLength(51);
    expect(result.data!.neighborhood.edges.length).toBeGreaterThan(0);
    expect(queries).toBe(1);
  });

  it('still name an unknown id in a filter (NOT_FOUND), whatever the page holds', async () => {
    const result = await app.gql(
      `{ statements(first: 5, filter: { speakerIds: ["person:nobody-at-all"] }) { totalCount } }`,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
