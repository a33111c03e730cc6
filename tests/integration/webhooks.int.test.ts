import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createStatementEvents } from '../../src/events/statement-events.js';
import { createImporter } from '../../src/import/importer.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { createWebhooks, type Webhooks } from '../../src/webhooks/webhooks.service.js';
import { SIGNATURE_HEADER, verify } from '../../src/webhooks/webhooks.signature.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { SEED_FILE } from '../helpers/seed.js';

const EDITOR = 'editor-token-0123456789abcdef';
const READER = 'reader-token-0123456789abcdef';
const SECRET = 'a-webhook-secret-of-some-length';

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A receiver on 127.0.0.1: /ok answers 200, /flaky 500 twice then 200, /down always 503. */
async function startReceiver() {
  const received: Received[] = [];
  let flaky = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      const status =
        req.url === '/ok' ? 200 : req.url === '/flaky' ? (++flaky <= 2 ? 500 : 200) : 503;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, received, close: () => new Promise<void>((done) => server.close(() => done())) };
}

const statement = (id: string, speaker: string) => ({
  id: `statement:${id}`,
  speaker,
  text: `Webhook test ${id}.`,
  kind: 'PARAPHRASE',
  language: 'en',
  date: '2024-07-30',
  about: [{ target: 'org:hamas', stance: 'MIXED' }],
  sources: [
    { source: 'source:tass-2024-07-28-lavrov-malaysia', role: 'READ', quoteType: 'PARAPHRASE' },
  ],
  confidence: 0.7,
  verification: 'UNVERIFIED',
});

describe('saved searches with webhooks', () => {
  let t: TestDatabase;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let yoga: App;
  let webhooks: Webhooks;

  const make = (env: Record<string, string>) => {
    const config = loadConfig({
      API_TOKENS: `alice:editor:${EDITOR},bot:reader:${READER}`,
      ...env,
    });
    const events = createStatementEvents(config.events);
    const hooks = createWebhooks({
      db: t.db,
      events,
      options: config.webhooks,
      logger: createLogger('silent'),
    });
    const app = createApp({
      db: t.db,
      logger: createLogger('silent'),
      metrics: createMetrics(),
      config,
      events,
      webhooks: hooks,
    });
    return { app, hooks };
  };

  async function gql(app: App, query: string, variables: unknown, token = EDITOR) {
    const response = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers read loosely
      data?: Record<string, any>;
      errors?: Array<{ extensions: { code: string } }>;
    };
  }

  const SAVE = `mutation ($input: SaveSearchInput!) { saveSearch(input: $input) {
    savedSearch { id name url filter createdBy } secret errors { code path message } } }`;
  const RECORD = `mutation ($input: StatementInput!) { recordStatement(input: $input) { outcome errors { message } } }`;
  const DELIVERIES = `{ savedSearches { id name deliveries(first: 10) {
    deliveryId statementId change attempt status httpStatus error } } }`;

  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
    receiver = await startReceiver();
    ({ app: yoga, hooks: webhooks } = make({
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_RETRY_BASE_MS: '20',
      WEBHOOK_MAX_ATTEMPTS: '3',
    }));
  });
  afterAll(async () => {
    webhooks.stop();
    await receiver.close();
    await t.close();
  });

  it('POSTs each new matching statement to the saved URL, signed with the secret', async () => {
    const saved = await gql(yoga, SAVE, {
      input: {
        name: 'Lavrov',
        filter: { speakerIds: ['person:sergey-lavrov'] },
        url: `${receiver.base}/ok`,
        secret: SECRET,
      },
    });
    expect(saved.data!.saveSearch).toMatchObject({
      savedSearch: { name: 'Lavrov', url: `${receiver.base}/ok`, createdBy: 'alice' },
      secret: SECRET,
      errors: [],
    });
    expect(JSON.parse(saved.data!.saveSearch.savedSearch.filter)).toEqual({
      speakerIds: ['person:sergey-lavrov'],
      dateMatch: 'WITHIN',
    });

    await gql(yoga, RECORD, { input: statement('hook-other', 'person:mousa-abu-marzouk') });
    await gql(yoga, RECORD, { input: statement('hook-lavrov', 'person:sergey-lavrov') });
    await webhooks.idle();

    const posts = receiver.received.filter((r) => r.path === '/ok');
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(post!.headers['content-type']).toBe('application/json');
    expect(post!.headers['x-statement-graph-event']).toBe('statement.recorded');
    const signature = post!.headers[SIGNATURE_HEADER] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verify(SECRET, post!.body, signature, Math.floor(Date.now() / 1000))).toBe(true);
    expect(
      verify('another-secret-entirely', post!.body, signature, Math.floor(Date.now() / 1000)),
    ).toBe(false);
    expect(verify(SECRET, `${post!.body} `, signature, Math.floor(Date.now() / 1000))).toBe(false);
    const body = JSON.parse(post!.body);
    expect(body).toMatchObject({
      type: 'statement.recorded',
      change: 'CREATED',
      by: 'alice',
      attempt: 1,
      savedSearch: { id: saved.data!.saveSearch.savedSearch.id, name: 'Lavrov' },
      statement: {
        id: 'statement:hook-lavrov',
        speakers: ['person:sergey-lavrov'],
        about: [{ target: 'org:hamas', stance: 'MIXED' }],
      },
    });
    expect(post!.headers['x-statement-graph-delivery']).toBe(body.deliveryId);

    const log = await gql(yoga, DELIVERIES, {});
    const search = log.data!.savedSearches.find((s: { name: string }) => s.name === 'Lavrov');
    expect(search.deliveries).toEqual([
      {
        deliveryId: body.deliveryId,
        statementId: 'statement:hook-lavrov',
        change: 'CREATED',
        attempt: 1,
        status: 'DELIVERED',
        httpStatus: 200,
        error: null,
      },
    ]);
  });

  it('retries a failing target with backoff and logs every attempt', async () => {
    for (const [name, path] of [
      ['Flaky', '/flaky'],
      ['Down', '/down'],
    ])
      expect(
        (
          await gql(yoga, SAVE, {
            input: {
              name,
              filter: { speakerIds: ['person:mousa-abu-marzouk'] },
              url: `${receiver.base}${path}`,
            },
          })
        ).data!.saveSearch.errors,
      ).toEqual([]);
    await gql(yoga, RECORD, { input: statement('hook-abu-marzouk', 'person:mousa-abu-marzouk') });
    await webhooks.idle();

    expect(receiver.received.filter((r) => r.path === '/flaky')).toHaveLength(3);
    expect(receiver.received.filter((r) => r.path === '/down')).toHaveLength(3);
    const ids = new Set(
      receiver.received
        .filter((r) => r.path === '/down')
        .map((r) => r.headers['x-statement-graph-delivery']),
    );
    expect(ids.size).toBe(1);

    const log = await gql(yoga, DELIVERIES, {});
    const attempts = (name: string) =>
      log
        .data!.savedSearches.find((s: { name: string }) => s.name === name)
        .deliveries.map((d: { attempt: number; status: string; httpStatus: number }) => [
          d.attempt,
          d.status,
          d.httpStatus,
        ]);
    expect(attempts('Flaky')).toEqual([
      [3, 'DELIVERED', 200],
      [2, 'RETRYING', 500],
      [1, 'RETRYING', 500],
    ]);
    expect(attempts('Down')).toEqual([
      [3, 'FAILED', 503],
      [2, 'RETRYING', 503],
      [1, 'RETRYING', 503],
    ]);
  });

  it('refuses loopback, private and non-http targets unless configured, and bad filters', async () => {
    const { app, hooks } = make({});
    try {
      for (const url of [
        `${receiver.base}/ok`,
        'http://10.1.2.3/hook',
        'http://[::1]/hook',
        'http://169.254.169.254/latest',
        'ftp://example.org/x',
        'http://user:pw@example.org/',
      ]) {
        const result = await gql(app, SAVE, { input: { name: 'Refused', url } });
        expect(result.data!.saveSearch.savedSearch, url).toBeNull();
        expect(result.data!.saveSearch.errors, url).toEqual([
          expect.objectContaining({ code: 'BAD_USER_INPUT', path: 'input.url' }),
        ]);
      }
      const badFilter = await gql(app, SAVE, {
        input: {
          name: 'Bad',
          url: 'https://93.184.216.34/hook',
          filter: { minConfidence: 3 },
          secret: 'short',
        },
      });
      expect(badFilter.data!.saveSearch.errors.map((e: { path: string }) => e.path).sort()).toEqual(
        ['input.filter.minConfidence', 'input.secret'],
      );
    } finally {
      hooks.stop();
    }
  });

  it('is for editors only', async () => {
    const asReader = await gql(yoga, DELIVERIES, {}, READER);
    expect(asReader.errors![0]!.extensions.code).toBe('FORBIDDEN');
    const saveAsReader = await gql(
      yoga,
      SAVE,
      { input: { name: 'x', url: `${receiver.base}/ok` } },
      READER,
    );
    expect(saveAsReader.errors![0]!.extensions.code).toBe('FORBIDDEN');
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: DELIVERIES }),
    });
    const anonymous = (await response.json()) as {
      errors: Array<{ extensions: { code: string } }>;
    };
    expect(anonymous.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });
});
