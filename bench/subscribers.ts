/**
 * What live subscribers cost a write: recordStatement's latency over HTTP with no
 * subscriber, with 200 idle SSE subscribers (filters the writes never match), and
 * with 200 subscribers that match every write but never read (each overflows its
 * buffer and is dropped). Phases alternate so drift shows.
 *
 *   NEO4J_LOCAL_PORT=7700 NEO4J_DATA_DIR=$(mktemp -d) npm run bench:subscribers
 *
 * Uses NEO4J_URI when set; otherwise starts a local Neo4j (as the CLI does). Writes
 * `statement:bench-subscribers-*` statements into that graph (seeded if empty).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { connect } from '../src/db/connect.js';
import { createStatementEvents } from '../src/events/statement-events.js';
import { createImporter } from '../src/import/importer.js';
import { createLogger } from '../src/logger.js';
import { createMetrics } from '../src/metrics.js';

const SUBSCRIBERS = Number(process.env.SUBSCRIBERS ?? 200);
const WRITES = Number(process.env.WRITES ?? 300);
const TOKEN = 'bench-editor-token-0123456789abcdef';

const RECORD = `mutation ($input: StatementInput!) { recordStatement(input: $input) { outcome errors { message } } }`;
const SUBSCRIBE = `subscription ($filter: StatementFilter) { statementRecorded(filter: $filter) { change statement { id text } } }`;

const config = loadConfig({
  ...process.env,
  API_TOKENS: `bench:editor:${TOKEN}`,
  LOG_LEVEL: 'silent',
});
const connection = await connect(config, (line) => console.error(line));
await createImporter(connection.db).seedIfEmpty(config.seed.file);
const events = createStatementEvents(config.events);
const yoga = createApp({
  db: connection.db,
  logger: createLogger('silent'),
  metrics: createMetrics(),
  config,
  events,
});
const server = createServer(yoga);
await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

let counter = 0;
async function write(): Promise<number> {
  counter += 1;
  const started = performance.now();
  const response = await fetch(base, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({
      query: RECORD,
      variables: {
        input: {
          id: `statement:bench-subscribers-${counter % 50}`,
          speaker: 'person:sergey-lavrov',
          text: `Benchmark statement ${counter}.`,
          kind: 'PARAPHRASE',
          language: 'en',
          date: '2024-07-29',
          about: [{ target: 'org:hamas', stance: 'NEUTRAL' }],
          sources: [
            {
              source: 'source:tass-2024-07-28-lavrov-malaysia',
              role: 'READ',
              quoteType: 'PARAPHRASE',
            },
          ],
          confidence: 0.5,
          verification: 'UNVERIFIED',
        },
      },
    }),
  });
  const body = (await response.json()) as { data?: { recordStatement: { errors: unknown[] } } };
  const elapsed = performance.now() - started;
  if (!body.data || body.data.recordStatement.errors.length) throw new Error(JSON.stringify(body));
  return elapsed;
}

async function phase(name: string) {
  const times: number[] = [];
  for (let i = 0; i < WRITES; i++) times.push(await write());
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const { subscribers, overflows } = events.stats();
  console.log(
    `${name.padEnd(44)} median ${at(0.5).toFixed(2)} ms  p95 ${at(0.95).toFixed(2)} ms  mean ${mean.toFixed(2)} ms  (subscribers ${subscribers}, overflows so far ${overflows})`,
  );
}

/** Opens SSE subscriptions; `read` false leaves each response unread, as a stalled client. */
async function open(count: number, filter: (i: number) => unknown, read: boolean) {
  const controllers: AbortController[] = [];
  // Held: fetch cancels the body of a Response that is garbage-collected unread.
  const responses: Response[] = [];
  for (let i = 0; i < count; i++) {
    const controller = new AbortController();
    const response = await fetch(base, {
      method: 'POST',
      signal: controller.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: SUBSCRIBE, variables: { filter: filter(i) } }),
    });
    if (response.status !== 200) throw new Error(`subscribe: HTTP ${response.status}`);
    if (read) void response.body!.pipeTo(new WritableStream()).catch(() => {});
    controllers.push(controller);
    responses.push(response);
  }
  return () => {
    controllers.forEach((c) => c.abort());
    responses.length = 0;
  };
}

console.log(
  `recordStatement over HTTP, ${WRITES} sequential writes per phase; SUBSCRIPTION_BUFFER ${config.events.bufferSize}`,
);
for (let i = 0; i < 300; i++) await write(); // warm-up: the JIT, Neo4j's plan and page caches
for (let round = 1; round <= 2; round++) {
  await phase(`no subscribers (round ${round})`);
  const close = await open(SUBSCRIBERS, (i) => ({ speakerIds: [`person:nobody-${i}`] }), true);
  await phase(`${SUBSCRIBERS} idle subscribers (round ${round})`);
  close();
}
await phase('no subscribers');
const close = await open(SUBSCRIBERS, () => ({ aboutIds: ['org:hamas'] }), false);
await phase(`${SUBSCRIBERS} matching subscribers, never reading`);
close();
await phase('no subscribers');

server.closeAllConnections();
server.close();
await connection.close();
