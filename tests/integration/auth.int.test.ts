import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createImporter } from '../../src/import/importer.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import type { GraphQLResponse } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { SEED_FILE } from '../helpers/seed.js';

const EDITOR = 'editor-token-0123456789abcdef';
const READER = 'reader-token-0123456789abcdef';
const TOKENS = `alice:editor:${EDITOR},bot:reader:${READER}`;

const READ = '{ node(id: "person:sergey-lavrov") { id } }';
const WRITE = `mutation { upsertTopic(input: { id: "topic:test-auth", title: "Auth" }) {
  outcome node { updatedBy } } }`;

function app(db: TestDatabase['db'], env: Record<string, string>): App {
  return createApp({
    db,
    logger: createLogger('silent'),
    metrics: createMetrics(),
    config: loadConfig(env),
  });
}

async function call(yoga: App, query: string, authorization?: string, operationName?: string) {
  const response = await yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(authorization === undefined ? {} : { authorization }),
    },
    body: JSON.stringify({ query, operationName }),
  });
  const text = await response.text();
  // Whatever goes wrong, a client never sees a stack trace or a driver's message.
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+|stack|Neo4jError|ForsetiClient/);
  return { response, body: JSON.parse(text) as GraphQLResponse };
}

const code = (body: GraphQLResponse) => body.errors?.[0]?.extensions?.code;

describe('access control', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
  });
  afterAll(() => t.close());

  describe('reads open (the default)', () => {
    let yoga: App;
    beforeAll(() => {
      yoga = app(t.db, { API_TOKENS: TOKENS });
    });

    it('lets anyone read', async () => {
      const { response, body } = await call(yoga, READ);
      expect(response.status).toBe(200);
      expect(body).toEqual({ data: { node: { id: 'person:sergey-lavrov' } } });
    });

    it('refuses a write without a token: 401 UNAUTHENTICATED with a Bearer challenge', async () => {
      const { response, body } = await call(yoga, WRITE);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(code(body)).toBe('UNAUTHENTICATED');
      expect(body.data).toBeUndefined();
      expect(body.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    });

    it("refuses a write with a reader's token: 403 FORBIDDEN", async () => {
      const { response, body } = await call(yoga, WRITE, `Bearer ${READER}`);
      expect(response.status).toBe(403);
      expect(code(body)).toBe('FORBIDDEN');
    });

    it("takes a write with an editor's token and records the token's name", async () => {
      const { response, body } = await call(yoga, WRITE, `Bearer ${EDITOR}`);
      expect(response.status).toBe(200);
      expect(body.data).toEqual({
        upsertTopic: { outcome: 'CREATED', node: { updatedBy: 'alice' } },
      });
    });

    it('checks the operation that runs, not the first one in the document', async () => {
      const document = `query Read ${READ} ${WRITE.replace('mutation', 'mutation Write')}`;
      expect((await call(yoga, document, `Bearer ${READER}`, 'Read')).response.status).toBe(200);
      const write = await call(yoga, document, `Bearer ${READER}`, 'Write');
      expect(code(write.body)).toBe('FORBIDDEN');
    });

    it('refuses an unknown or malformed token even for a read', async () => {
      for (const header of [`Bearer ${EDITOR}x`, `Basic ${EDITOR}`, 'Bearer']) {
        const { response, body } = await call(yoga, READ, header);
        expect(response.status, header).toBe(401);
        expect(code(body), header).toBe('UNAUTHENTICATED');
      }
    });

    it('refuses every write when no editor token is configured', async () => {
      const open = app(t.db, {});
      expect(code((await call(open, WRITE, `Bearer ${EDITOR}`)).body)).toBe('UNAUTHENTICATED');
      expect(code((await call(open, WRITE)).body)).toBe('UNAUTHENTICATED');
    });
  });

  describe('REQUIRE_READER_TOKEN=true', () => {
    let yoga: App;
    beforeAll(() => {
      yoga = app(t.db, { API_TOKENS: TOKENS, REQUIRE_READER_TOKEN: 'true' });
    });

    it('refuses reads and introspection without a token', async () => {
      for (const query of [READ, '{ __schema { queryType { name } } }']) {
        const { response, body } = await call(yoga, query);
        expect(response.status).toBe(401);
        expect(code(body)).toBe('UNAUTHENTICATED');
      }
    });

    it('lets readers and editors read, and still only editors write', async () => {
      for (const token of [READER, EDITOR]) {
        const { body } = await call(yoga, READ, `Bearer ${token}`);
        expect(body.data).toEqual({ node: { id: 'person:sergey-lavrov' } });
      }
      expect(code((await call(yoga, WRITE, `Bearer ${READER}`)).body)).toBe('FORBIDDEN');
    });

    it('keeps health checks and GraphiQL reachable without a token', async () => {
      expect((await yoga.fetch('http://test/health/live')).status).toBe(200);
      expect((await yoga.fetch('http://test/health/ready')).status).toBe(200);
      const page = await yoga.fetch('http://test/graphql', { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
    });
  });
});
