import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, CSRF_HEADER, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/db/neo4j.js';
import { createImporter } from '../../src/import/importer.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import type { GraphQLResponse } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { SEED_FILE } from '../helpers/seed.js';

const EDITOR = 'editor-token-0123456789abcdef';

function app(db: TestDatabase['db'], env: Record<string, string> = {}): App {
  const config = loadConfig({ API_TOKENS: `alice:editor:${EDITOR}`, ...env });
  return createApp({ db, logger: createLogger('silent'), metrics: createMetrics(), config });
}

async function post(yoga: App, query: string, headers: Record<string, string> = {}) {
  const response = await yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

const nest = (depth: number) =>
  `{ statements(first: 1) { edges { node { ${'relays { '.repeat(depth)}id${' }'.repeat(depth)} } } } }`;

describe('limits and hostile requests', () => {
  let t: TestDatabase;
  let yoga: App;
  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
    yoga = app(t.db, { MAX_BODY_BYTES: '4096' });
  });
  afterAll(() => t.close());

  it('answers each query limit with QUERY_TOO_COMPLEX and names the limit', async () => {
    const cases: Array<[string, string]> = [
      ['depth', nest(12)],
      [
        'cost',
        '{ statements(first: 100) { edges { node { speaker { statements(first: 100) { edges { node { id text } } } } } } } }',
      ],
      [
        'aliases',
        `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: node(id: "x") { id }`).join(' ')} }`,
      ],
      ['tokens', `{ ${'__typename '.repeat(2001)}}`],
      ['directives', `{ __typename ${'@include(if: true) '.repeat(51)}}`],
    ];
    const big = app(t.db); // the default limits, with the default body size
    for (const [limit, query] of cases) {
      const { status, body } = await post(big, query);
      expect(status, limit).toBe(200);
      expect(body.data, limit).toBeUndefined();
      expect(body.errors, limit).toHaveLength(1);
      expect(body.errors![0]!.extensions, limit).toEqual({ code: 'QUERY_TOO_COMPLEX', limit });
      expect(body.errors![0]!.message, limit).not.toMatch(/Syntax Error/);
    }
    // Like any validation error, 400 for clients that accept the GraphQL response type.
    const strict = await big.fetch('http://test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
      },
      body: JSON.stringify({ query: nest(12) }),
    });
    expect(strict.status).toBe(400);
    expect(((await strict.json()) as GraphQLResponse).errors![0]!.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'depth',
    });
    // Just within the limits is fine.
    const within = await post(big, nest(8));
    expect(within.body.errors).toBeUndefined();
  });

  it('does not suggest field names to someone probing the schema', async () => {
    const { body } = await post(yoga, '{ statementz { totalCount } }');
    // Said plainly, with neither a suggestion nor a placeholder where one was.
    expect(body.errors![0]!.message).toBe('Cannot query field "statementz" on type "Query".');
    // Nor in a variable's coercion errors: a field or an enum value close to a real one.
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query ($f: StatementFilter) { statements(filter: $f) { totalCount } }',
        variables: { f: { txt: 'x', stances: ['SUPPORTIV'] } },
      }),
    });
    const errors = ((await response.json()) as GraphQLResponse).errors!;
    expect(errors.map((e) => e.extensions!.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(errors.map((e) => e.message).join(' ')).toMatch(/"txt".*"SUPPORTIV"|"SUPPORTIV".*"txt"/);
    for (const error of errors) expect(error.message).not.toMatch(/Did you mean/);
  });

  it('refuses a body larger than MAX_BODY_BYTES with 413, with or without Content-Length', async () => {
    const query = `{ __typename } # ${'x'.repeat(5000)}`;
    const sized = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    expect(sized.status).toBe(413);
    expect(((await sized.json()) as GraphQLResponse).errors![0]!.extensions!.code).toBe(
      'REQUEST_ENTITY_TOO_LARGE',
    );
    const bytes = new TextEncoder().encode(JSON.stringify({ query }));
    const streamed = await yoga.fetch(
      new Request('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < bytes.length; i += 1000)
              controller.enqueue(bytes.slice(i, i + 1000));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as GraphQLResponse).errors![0]!.extensions!.code).toBe(
      'REQUEST_ENTITY_TOO_LARGE',
    );
  });

  it('reads bodies off node:http itself: within the limit answered, past it 413 as it streams or on Content-Length', async () => {
    const server = createServer(yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    /** POSTs `chunks` one write each (chunked, unless `length` is given); status and body. */
    const send = (chunks: string[], length?: number) =>
      new Promise<{ status: number; body: GraphQLResponse }>((resolve, reject) => {
        const headers: Record<string, string | number> = { 'content-type': 'application/json' };
        if (length !== undefined) headers['content-length'] = length;
        const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/graphql', headers });
        req.on('response', (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        });
        req.on('error', reject);
        for (const chunk of chunks) req.write(chunk);
        req.end();
      });
    try {
      const small = JSON.stringify({ query: '{ statements(first: 1) { totalCount } }' });
      const ok = await send([small.slice(0, 10), small.slice(10)]);
      expect(ok.status).toBe(200);
      expect(ok.body.data).toEqual({ statements: { totalCount: expect.any(Number) } });

      const large = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(5000)}` });
      const streamed = await send(large.match(/.{1,1000}/g)!);
      expect(streamed.status).toBe(413);
      expect(streamed.body.errors![0]).toMatchObject({
        message: 'The request body is larger than 4096 bytes (MAX_BODY_BYTES).',
        extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' },
      });
      const declared = await send([large], Buffer.byteLength(large));
      expect(declared.status).toBe(413);
      expect(declared.body.errors![0]!.extensions!.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('caps the page size', async () => {
    const { body } = await post(yoga, '{ statements(first: 101) { totalCount } }');
    expect(body.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: 'first' }],
    });
  });

  it('stops a transaction that runs past the timeout with QUERY_TOO_COMPLEX', async () => {
    // A write that waits for a lock another transaction holds runs into the timeout,
    // however fast the machine is.
    const db = createDatabase(t.db.driver, { database: t.db.name, txTimeoutMs: 300 });
    const timed = createApp({
      db,
      logger: createLogger('silent'),
      metrics: createMetrics(),
      config: loadConfig({ API_TOKENS: `alice:editor:${EDITOR}` }),
    });
    const session = t.db.driver.session({ database: t.db.name });
    const holder = await session.beginTransaction();
    try {
      await holder.run(`MATCH (n:Person {id: 'person:sergey-lavrov'}) SET n.held = true`);
      const { status, body } = await post(
        timed,
        `mutation { upsertPerson(input: { id: "person:sergey-lavrov", name: "Sergey Lavrov" }) { outcome } }`,
        { authorization: `Bearer ${EDITOR}` },
      );
      expect(status).toBe(200);
      expect(body.errors![0]!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX' });
    } finally {
      await holder.rollback();
      await session.close();
    }
  });

  it('needs the CSRF header on form posts, not on JSON posts or GET queries', async () => {
    const form = (headers: Record<string, string>) =>
      yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ query: '{ __typename }' }).toString(),
      });
    const refused = await form({});
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as GraphQLResponse).errors![0]!.extensions!.code).toBe(
      'FORBIDDEN',
    );
    expect((await form({ [CSRF_HEADER]: '1' })).status).toBe(200);
    const get = await yoga.fetch('http://test/graphql?query=%7B__typename%7D', {
      headers: { accept: 'application/json' },
    });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    const mutationByGet = await yoga.fetch(
      `http://test/graphql?query=${encodeURIComponent('mutation { deleteNode(id: "x") { outcome } }')}`,
      { headers: { accept: 'application/json', authorization: `Bearer ${EDITOR}` } },
    );
    expect(mutationByGet.status).toBe(405);
  });

  it('still serves GraphiQL', async () => {
    const page = await yoga.fetch('http://test/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Statement Graph');
  });

  it('allows only the configured origins (CORS)', async () => {
    const closed = await yoga.fetch('http://test/graphql', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(closed.headers.get('access-control-allow-origin')).toBeNull();

    const open = app(t.db, { CORS_ORIGINS: 'https://explorer.example.org' });
    const preflight = await open.fetch('http://test/graphql', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://explorer.example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(
      'https://explorer.example.org',
    );
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const other = await open.fetch('http://test/graphql', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });
});
