import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { exportDataset } from '../../src/export/exporter.js';
import { createImporter } from '../../src/import/importer.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import type { GraphQLResponse } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';

const EDITOR = 'editor-token-0123456789abcdef';
const PARALLEL = 20;

interface Payload {
  outcome: string | null;
  errors: Array<{ code: string; path: string }>;
}

const person = (id: string, name: string) =>
  `mutation { p: upsertPerson(input: { id: "${id}", name: "${name}" }) { outcome errors { code path } } }`;
const statement = (id: string, speaker: string, text: string) => `mutation {
  p: recordStatement(input: {
    id: "${id}", speaker: "${speaker}", text: "${text}", kind: PARAPHRASE, language: "en", date: "2024-07",
    sources: [{ source: "source:test-wire", role: READ, quoteType: PARAPHRASE }], confidence: 0.5, verification: UNVERIFIED
  }) { outcome errors { code path } } }`;
const merge = (keep: string, dup: string) =>
  `mutation { p: mergeEntities(keepId: "${keep}", mergeIds: ["${dup}"]) { outcome errors { code path } } }`;
const remove = (id: string) =>
  `mutation { p: deleteNode(id: "${id}") { outcome errors { code path } } }`;

describe('concurrent writes', () => {
  let t: TestDatabase;
  let gql: (query: string) => Promise<GraphQLResponse<{ p: Payload }>>;

  const count = async (cypher: string, params: Record<string, unknown> = {}) =>
    (await t.db.read(cypher, params))[0]!.n as number;
  const ok = async (query: string) => {
    const result = await gql(query);
    expect(result.errors).toBeUndefined();
    expect(result.data!.p.errors).toEqual([]);
  };

  beforeAll(async () => {
    t = await openTestDatabase();
    const yoga = createApp({
      db: t.db,
      logger: createLogger('silent'),
      metrics: createMetrics(),
      config: loadConfig({ API_TOKENS: `alice:editor:${EDITOR}` }),
    });
    gql = async (query) => {
      const response = await yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR}` },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as GraphQLResponse<{ p: Payload }>;
    };
    await ok(
      `mutation { p: upsertSource(input: { id: "source:test-wire", kind: WIRE_REPORT, title: "Wire" }) { outcome errors { code path } } }`,
    );
  });
  afterAll(() => t.close());

  it('creates one node from many parallel upserts of the same id', async () => {
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => gql(person('person:test-same', `Name ${i}`))),
    );
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data!.p.errors).toEqual([]);
    }
    expect(results.filter((r) => r.data!.p.outcome === 'CREATED').length).toBeGreaterThanOrEqual(1);
    expect(await count(`MATCH (n:Entity {id: 'person:test-same'}) RETURN count(n) AS n`)).toBe(1);
  });

  it('keeps exactly one speaker for a statement recorded in parallel with different speakers', async () => {
    for (let i = 0; i < 4; i += 1) await ok(person(`person:test-speaker-${i}`, `Speaker ${i}`));
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        gql(statement('statement:test-same', `person:test-speaker-${i % 4}`, `Version ${i}`)),
      ),
    );
    for (const result of results) expect(result.data!.p.errors).toEqual([]);
    expect(
      await count(`MATCH (n:Statement {id: 'statement:test-same'}) RETURN count(n) AS n`),
    ).toBe(1);
    expect(
      await count(
        `MATCH ()-[r:MADE]->(:Statement {id: 'statement:test-same'}) RETURN count(r) AS n`,
      ),
    ).toBe(1);
    expect(
      await count(
        `MATCH (:Statement {id: 'statement:test-same'})-[r:REPORTED_IN]->() RETURN count(r) AS n`,
      ),
    ).toBe(1);
    // Whichever write came last, the stored links and the content hash agree with each other.
    const report = await createImporter(t.db).importDataset(await exportDataset(t.db), {
      by: 'test',
      dryRun: true,
    });
    expect(report).toMatchObject({ ok: true, counts: { statement: { created: 0, updated: 0 } } });
  });

  it('merges two nodes into each other at once without losing either one', async () => {
    for (let round = 0; round < 3; round += 1) {
      const [a, b] = [`person:test-twin-a${round}`, `person:test-twin-b${round}`];
      await ok(person(a, 'Twin A'));
      await ok(person(b, 'Twin B'));
      await ok(statement(`statement:test-twin-a${round}`, a, 'By A'));
      await ok(statement(`statement:test-twin-b${round}`, b, 'By B'));
      const [ab, ba] = await Promise.all([gql(merge(a, b)), gql(merge(b, a))]);
      const outcomes = [ab, ba].map((r) => r.data!.p.outcome ?? r.data!.p.errors[0]!.code).sort();
      expect(outcomes).toEqual(['MERGED', 'NOT_FOUND']);
      expect(
        await count(`MATCH (n:Person) WHERE n.id IN $ids RETURN count(n) AS n`, { ids: [a, b] }),
      ).toBe(1);
      expect(
        await count(
          `MATCH (p:Person)-[:MADE]->(s:Statement) WHERE p.id IN $ids RETURN count(s) AS n`,
          { ids: [a, b] },
        ),
      ).toBe(2);
    }
  });

  it('never leaves a statement without its speaker when the speaker is deleted at the same time', async () => {
    for (let round = 0; round < 5; round += 1) {
      const speaker = `person:test-doomed-${round}`;
      const id = `statement:test-doomed-${round}`;
      await ok(person(speaker, 'Doomed'));
      const [deleted, recorded] = await Promise.all([
        gql(remove(speaker)),
        gql(statement(id, speaker, 'Last words')),
      ]);
      expect(deleted.errors).toBeUndefined();
      expect(recorded.errors).toBeUndefined();
      const outcomes = [deleted.data!.p, recorded.data!.p].map(
        (p) => p.outcome ?? p.errors[0]!.code,
      );
      // Either the delete came first (the statement's speaker is unknown),
      // or the statement did (the delete is refused: the speaker is referred to).
      expect([
        ['DELETED', 'NOT_FOUND'],
        ['CONFLICT', 'CREATED'],
      ]).toContainEqual(outcomes);
      expect(
        await count(
          `MATCH (s:Statement {id: $id}) WHERE NOT EXISTS { (:Actor)-[:MADE]->(s) } RETURN count(s) AS n`,
          { id },
        ),
      ).toBe(0);
    }
  });
});
