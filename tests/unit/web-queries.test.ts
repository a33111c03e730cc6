import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/neo4j.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { schema } from '../../src/schema.js';
import { QUERIES } from '../../web/src/api.js';

/** Variables for each query: enough to pass the request's own validation. */
const VARIABLES: Record<keyof typeof QUERIES, Record<string, unknown>> = {
  SEARCH: { text: 'Lavrov', types: null, first: 40 },
  NEIGHBORHOOD: { id: 'person:a', limit: 20 },
  PATHS: { fromId: 'person:a', toId: 'person:b' },
  STATEMENT: { id: 'statement:a' },
  NODE: { id: 'person:a' },
  TIMELINE: { actorId: 'person:a', aboutId: null, granularity: 'MONTH', from: null, to: null },
  ABOUT_TIMELINE: { targetId: 'org:a', granularity: 'MONTH', from: '2024-01-01', to: null },
  TARGETS: { actorId: 'person:a' },
  FIGURES: { text: '39324', from: null, to: null },
};

/** Every read fails: these tests are about what happens before a resolver runs. */
const NO_DATABASE = new Proxy(
  {},
  {
    get: () => () => Promise.reject(new Error('no database in this test')),
  },
) as unknown as Database;

describe("the explorer's queries", () => {
  const defaults = loadConfig({});
  // Half the default cost and tokens: room for the queries to grow, or for a stricter
  // deployment. Depth is the default: it is the shape of the answer, not its size.
  const app = createApp({
    db: NO_DATABASE,
    logger: createLogger('silent'),
    metrics: createMetrics(),
    config: loadConfig({
      QUERY_MAX_COST: String(defaults.limits.maxCost / 2),
      QUERY_MAX_TOKENS: String(defaults.limits.maxTokens / 2),
    }),
  });

  for (const [name, query] of Object.entries(QUERIES)) {
    it(`${name} is a named operation, valid against the schema and within the API's limits, with room to spare`, async () => {
      const document = parse(query);
      expect(validate(schema, document).map((e) => e.message)).toEqual([]);
      const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
      expect(operation?.name?.value).toMatch(/^Explorer[A-Z]/);

      const response = await app.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: VARIABLES[name as keyof typeof QUERIES] }),
      });
      const body = (await response.json()) as {
        errors?: { message: string; extensions?: { code?: string } }[];
      };
      const refusals = (body.errors ?? []).filter((e) =>
        ['QUERY_TOO_COMPLEX', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'].includes(
          e.extensions?.code ?? '',
        ),
      );
      expect(refusals).toEqual([]);
      // It got as far as the database.
      expect(body.errors?.length ?? 0).toBeGreaterThan(0);
    });
  }
});
