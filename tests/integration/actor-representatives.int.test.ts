import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createImporter } from '../../src/import/importer.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import type { GraphQLResponse } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { SEED_FILE } from '../helpers/seed.js';

/**
 * An actor's own `statements` take `includeRepresentatives` for that actor (the
 * explorer counts a country's statements with its officials' words), answering
 * as the root `statements` filter with `speakerIds: [actor]` does. Seed plus the
 * two articles of tests/fixtures/two-articles.json.
 */

const TWO_ARTICLES = 'tests/fixtures/two-articles.json';
const QAT = 'country:QAT';
const JOINT = 'statement:test-qatar-egypt-2024-09-19-joint-ceasefire-call';
const PROGRESS = 'statement:test-premier-2024-09-13-some-progress';
const MEDIATING = 'statement:test-premier-2024-09-13-keep-mediating';

interface Page {
  totalCount: number;
  edges: Array<{ node: { id: string } }>;
}

describe("an actor's statements with its representatives", () => {
  let t: TestDatabase;
  let gql: <T = Record<string, unknown>>(query: string) => Promise<GraphQLResponse<T>>;

  beforeAll(async () => {
    t = await openTestDatabase();
    expect((await createImporter(t.db).seedIfEmpty(SEED_FILE))?.ok).toBe(true);
    expect((await createImporter(t.db).importFile(TWO_ARTICLES, { by: 'test' })).ok).toBe(true);
    const yoga = createApp({ db: t.db, logger: createLogger('silent'), metrics: createMetrics() });
    gql = async (query) => {
      const response = await yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as never;
    };
  });
  afterAll(() => t.close());

  it("counts a country's officials and those speaking on its behalf, as the root filter does", async () => {
    const ids = (page: Page) => page.edges.map((e) => e.node.id);
    const result = await gql<Record<string, { statements: Page } & Page>>(`{
      qatar: node(id: "${QAT}") { ... on Country {
        own: statements { totalCount edges { node { id } } }
        statements(filter: { includeRepresentatives: true }) { totalCount edges { node { id } } } } }
      root: statements(filter: { speakerIds: ["${QAT}"], includeRepresentatives: true }) {
        totalCount edges { node { id } } }
      israel: node(id: "country:ISR") { ... on Country {
        statements(filter: { includeRepresentatives: true }) { totalCount edges { node { id } } } } }
    }`);
    expect(result.errors).toBeUndefined();
    const qatar = result.data!.qatar as unknown as { own: Page; statements: Page };
    expect(ids(qatar.own)).toEqual([JOINT]);
    expect(ids(qatar.statements).sort()).toEqual([JOINT, MEDIATING, PROGRESS].sort());
    expect(qatar.statements.totalCount).toBe(3);
    expect(ids(qatar.statements)).toEqual(ids(result.data!.root as Page));
    // Netanyahu on Israel's behalf counts for Israel.
    expect(ids(result.data!.israel!.statements)).toContain(
      'statement:israel-will-not-stop-until-hamas-eliminated',
    );
  });

  it('still needs a speaker where the list has none: a meeting’s or a topic’s statements', async () => {
    const result = await gql(`{
      node(id: "topic:gaza-ceasefire") { ... on Topic {
        statements(filter: { includeRepresentatives: true }) { totalCount } } } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
