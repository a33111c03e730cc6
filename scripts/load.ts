/**
 * `npm run load [-- --duration 20 --connections 10 --write-every 5 --keep]`
 *
 * Load test on loopback: starts the app in this process on a free port, against
 * NEO4J_URI or the local Neo4j (started if none runs, as the CLI does), seeds an
 * empty graph, and runs autocannon in a worker thread for a bounded time. The mix
 * cycles through read queries and a recordStatement (a new statement each time)
 * with an editor token made for the run. It reports errors (HTTP and GraphQL;
 * expected: zero), latency percentiles, throughput, and the service's memory
 * before and after. The statements it wrote are deleted afterwards unless --keep.
 *
 * autocannon runs in a worker so its own allocations stay out of the service's
 * V8 heap (heapUsed); RSS is the whole process, load generator included.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { connect } from '../src/db/connect.js';
import { createDatabase } from '../src/db/neo4j.js';
import { createImporter } from '../src/import/importer.js';
import { createLogger } from '../src/logger.js';
import { createMetrics } from '../src/metrics.js';
import { createEditingService } from '../src/modules/editing/editing.service.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '10' },
    'write-every': { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const writeEvery = Number(args['write-every']);
if (!(duration > 0 && duration <= 600) || !(connections >= 1 && connections <= 200)) {
  throw new Error('--duration must be 1 to 600 seconds, --connections 1 to 200');
}
if (!(Number.isInteger(writeEvery) && writeEvery >= 2)) {
  throw new Error('--write-every must be an integer of at least 2 (one write per N requests)');
}

const READS = [
  /* GraphQL */ `
    query LoadStatements {
      statements(first: 20) {
        totalCount
        edges {
          node {
            id
            text
            date {
              text
            }
            speaker {
              id
              name
            }
            about {
              stance
              target {
                ... on Node {
                  id
                }
              }
            }
            sources {
              quoteType
              source {
                id
                title
              }
            }
          }
        }
      }
    }
  `,
  /* GraphQL */ `
    query LoadActor {
      node(id: "person:sergey-lavrov") {
        ... on Person {
          name
          aliases
          positions {
            title
            of {
              name
            }
          }
          statements(first: 10) {
            edges {
              node {
                id
                text
              }
            }
          }
        }
      }
    }
  `,
  /* GraphQL */ `
    query LoadPeople {
      people(filter: { nameContains: "a" }, first: 50) {
        totalCount
        edges {
          node {
            id
            name
          }
        }
      }
    }
  `,
  /* GraphQL */ `
    query LoadSearch {
      search(text: "Hamas") {
        __typename
      }
    }
  `,
];

const RECORD = /* GraphQL */ `
  mutation LoadRecord($input: StatementInput!) {
    recordStatement(input: $input) {
      outcome
      errors {
        code
        path
        message
      }
      node {
        id
      }
    }
  }
`;

/** The worker's code: plain JavaScript, so it runs without a TypeScript loader. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const autocannon = require(workerData.autocannon);
const { url, token, duration, connections, reads, record, writeEvery, runId } = workerData;
const headers = { 'content-type': 'application/json', authorization: 'Bearer ' + token };
let sequence = 0;
const written = [];
const failures = [];
let graphqlErrors = 0;
let writes = 0;
const check = (status, body) => {
  let json = null;
  try { json = JSON.parse(body); } catch {}
  const refused = json && json.data && json.data.recordStatement && json.data.recordStatement.errors.length > 0;
  if (status === 200 && json && !json.errors && !refused) return true;
  graphqlErrors += 1;
  if (failures.length < 5) failures.push(status + ' ' + body.slice(0, 300));
  return false;
};
const requests = [];
requests.push({
  method: 'POST', path: '/graphql', headers,
  setupRequest: (request, context) => {
    sequence += 1;
    context.id = 'statement:load-' + runId + '-' + sequence;
    return { ...request, body: JSON.stringify({ query: record, variables: { input: {
      id: context.id, speaker: 'person:sergey-lavrov', text: 'Load test statement ' + sequence,
      kind: 'PARAPHRASE', language: 'en', date: '2024-07-28',
      about: [{ target: 'topic:gaza-ceasefire', stance: 'SUPPORTIVE' }],
      topics: ['topic:gaza-war'],
      sources: [{ source: 'source:tass-2024-07-28-lavrov-malaysia', role: 'READ', quoteType: 'PARAPHRASE' }],
      confidence: 0.5, verification: 'UNVERIFIED' } } }) };
  },
  onResponse: (status, body, context) => {
    writes += 1;
    if (check(status, body)) written.push(context.id);
  },
});
for (let i = 0; i < writeEvery - 1; i += 1) {
  requests.push({ method: 'POST', path: '/graphql', headers,
    body: JSON.stringify({ query: reads[i % reads.length] }),
    onResponse: (status, body) => { check(status, body); } });
}
const options = { url, duration, connections, requests };
autocannon(options, (error, raw) => {
  if (error) throw error;
  // Off the main thread autocannon hands back raw histograms; aggregate them here.
  const result = JSON.parse(JSON.stringify(autocannon.aggregateResult([raw], options)));
  parentPort.postMessage({ result, written, graphqlErrors, failures, writes });
});
`;

interface LoadResult {
  result: {
    requests: { total: number };
    latency: { p50: number; p90: number; p99: number; max: number; average: number };
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
  };
  written: string[];
  graphqlErrors: number;
  failures: string[];
  writes: number;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function memory() {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

/** Mean server-side latency per operation, from the service's own request histogram. */
async function operationLatencies(metrics: ReturnType<typeof createMetrics>) {
  const metric = await metrics.registry
    .getSingleMetric('statement_graph_graphql_request_duration_seconds')!
    .get();
  const value = (name: string, operation: string) =>
    metric.values.find(
      (v) => (v as { metricName?: string }).metricName === name && v.labels.operation === operation,
    )?.value ?? 0;
  const operations = [...new Set(metric.values.map((v) => String(v.labels.operation)))].sort();
  return operations.map((operation) => {
    const count = value('statement_graph_graphql_request_duration_seconds_count', operation);
    const sum = value('statement_graph_graphql_request_duration_seconds_sum', operation);
    return { operation, count, mean: count ? (sum / count) * 1000 : 0 };
  });
}

async function main() {
  const config = loadConfig();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const connection = await connect(config, log);
  // As the service runs it: its transaction timeout, its query counter.
  const metrics = createMetrics();
  const db = createDatabase(connection.db.driver, {
    database: config.neo4j.database,
    txTimeoutMs: config.neo4j.txTimeoutMs,
    onQuery: metrics.countQuery,
  });
  const server = createServer();
  try {
    const seeded = await createImporter(connection.db).seedIfEmpty(config.seed.file);
    if (seeded) log(`Seeded the empty graph from ${config.seed.file}.`);
    const token = randomBytes(24).toString('base64url');
    const yoga = createApp({
      db,
      logger: createLogger('warn'),
      metrics,
      config: {
        ...config,
        auth: {
          tokens: [{ name: 'load-test', role: 'editor', token }],
          requireReaderToken: config.auth.requireReaderToken,
        },
      },
    });
    server.on('request', yoga);
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const before = memory();
    log(
      `Load: ${duration} s, ${connections} connections, one write in ${writeEvery} requests, on ${url} against ${connection.uri}`,
    );
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        autocannon: createRequire(import.meta.url).resolve('autocannon'),
        url,
        token,
        duration,
        connections,
        reads: READS,
        record: RECORD,
        writeEvery,
        runId: Date.now().toString(36),
      },
    });
    const run = await new Promise<LoadResult>((done, failed) => {
      worker.once('message', done);
      worker.once('error', failed);
    });
    await worker.terminate();
    const after = memory();

    const { result } = run;
    const perOperation = await operationLatencies(metrics);
    const errors = result.errors + result.timeouts + result.non2xx + run.graphqlErrors;
    const lines = [
      `requests        ${result.requests.total} in ${result.duration} s (${(result.requests.total / result.duration).toFixed(1)} req/s), ${run.writes} of them writes`,
      `errors          ${errors} (socket ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}, GraphQL errors ${run.graphqlErrors})`,
      `latency         p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      `memory before   rss ${mb(before.rss)}, heap used ${mb(before.heapUsed)}`,
      `memory after    rss ${mb(after.rss)}, heap used ${mb(after.heapUsed)}${(globalThis as { gc?: unknown }).gc ? ' (after GC)' : ''}`,
      ...perOperation.map(
        ({ operation, count, mean }) =>
          `  ${operation.padEnd(16)}${String(count).padStart(6)} requests, mean ${mean.toFixed(1)} ms (server side)`,
      ),
      ...run.failures.map((f) => `failure         ${f}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);

    if (!args.keep && run.written.length) {
      const editing = createEditingService(connection.db);
      for (const id of run.written) await editing.deleteNode(id);
      log(`Deleted the ${run.written.length} statements the load test wrote (--keep keeps them).`);
    }
    process.exitCode = errors === 0 ? 0 : 1;
  } finally {
    server.closeAllConnections();
    await new Promise<void>((closed) => server.close(() => closed()));
    await connection.close();
  }
}

await main();
