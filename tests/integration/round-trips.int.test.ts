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
    speaker: pick([...seed.people, ...seed.organizations], i).id,
    text: `Synthetic statement ${i}`,
    kind: 'PARAPHRASE',
    language: 'en',
    date: `2024-${String((i % 12) + 1).padStart(2, '0')}`,
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
    sources: [{ source: pick(seed.sources, i).id, quoteType: 'PARAPHRASE' }],
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
    // page + count + links + the nodes they point to.
    expect(queries).toBeLessThanOrEqual(6);
  });
});
