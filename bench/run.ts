import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import neo4j from 'neo4j-driver';
import { freePort } from '../src/db/local-neo4j.js';
import { writeDataset } from './generate.js';
import {
  ingestBulk,
  ingestFloor,
  ingestOurs,
  ingestRowAtATime,
  type IngestResult,
} from './ingest.js';
import { benchDir, freshNeo4j, type BenchNeo4j } from './neo4j.js';
import { QUERIES, type BenchQuery } from './queries.js';
import {
  latencySvg,
  machine,
  markdown,
  type BenchResults,
  type Failure,
  type LoadResult,
} from './report.js';

/**
 * `npm run bench [-- --size N --duration S --concurrency 1,8,32]`: ingest the same
 * generated graph three ways, then load our API, the floor and the peer with the
 * same query mix, in one run on one machine. Prints and writes bench/results/.
 */

const USAGE = `Usage: npm run bench -- [--size 10000] [--duration 10] [--concurrency 1,4,16,32] [--row-sample 1000]
  [--ingest floor,row-at-a-time,ours,bulk] [--queries-on ours|bulk|none] [--skip-ingest-comparison]
  [--batch-size 5000]   (records per write, ours and the floor alike)
  --ingest: the ingest methods to time (default all four); --queries-on: the graph the queries run on
  (default ours; bulk: the bulk importer's; none: stop after the ingests);
  --skip-ingest-comparison: leave out the floor and row-at-a-time even when --ingest names them
  A small first run: npm run bench -- --size 2000 --duration 2 --concurrency 1 (~3 min)
Environment: BENCH_PROFILE_DIR (a V8 CPU profile of our API), BENCH_NEO4J_HEAP (4g),
  BENCH_NEO4J_PAGECACHE_MB (2048; 4096 above 200,000 statements)`;

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '1,4,16,32' },
    'row-sample': { type: 'string', default: '1000' },
    'batch-size': { type: 'string', default: '5000' },
    'skip-ingest-comparison': { type: 'boolean', default: false },
    ingest: { type: 'string', default: 'floor,row-at-a-time,ours,bulk' },
    'queries-on': { type: 'string', default: 'ours' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const size = Number(values.size);
const duration = Number(values.duration);
const concurrencies = values.concurrency.split(',').map(Number);
const rowSample = Math.min(size, Number(values['row-sample']));
const batchSize = Number(values['batch-size']);
if (
  ![size, duration, rowSample, batchSize, ...concurrencies].every(
    (n) => Number.isInteger(n) && n > 0,
  ) ||
  size > 1_000_000
) {
  console.error(`${USAGE}\n(size up to 1,000,000; all numbers positive integers)`);
  process.exit(2);
}

const HEAP = process.env.BENCH_NEO4J_HEAP ?? '4g';
// The store of 1,000,000 statements is ~2.2 GB (221 MB at 100,000): the page cache holds it whole.
const PAGECACHE_MB = Number(process.env.BENCH_NEO4J_PAGECACHE_MB ?? (size > 200_000 ? 4096 : 2048));
const WARMUP_STATEMENTS = 2000;
const log = (line: string) => console.error(`[bench] ${line}`);

async function main() {
  const startedAt = new Date().toISOString();
  mkdirSync('bench/.data', { recursive: true });
  const file = `bench/.data/statements-${size}.jsonl`;
  const warmupFile = `bench/.data/statements-${WARMUP_STATEMENTS}.jsonl`;
  for (const [f, n] of [
    [file, size],
    [warmupFile, WARMUP_STATEMENTS],
  ] as const) {
    if (!existsSync(f)) {
      log(`generating ${n} statements into ${f}`);
      await writeDataset(f, n);
    }
  }
  // Counted as a stream: at 1,000,000 statements the file (680 MB) is longer than a JS string may be.
  let newlines = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines += 1;
  }
  const records = newlines - 1;

  // Each method gets a fresh Neo4j, warmed up by the same method on a small graph first.
  const ingest: IngestResult[] = [];
  const fresh = (dir?: string) => freshNeo4j(HEAP, PAGECACHE_MB, dir);
  // CALL … IN TRANSACTIONS needs an auto-commit transaction: session.run.
  const clear = async (neo: BenchNeo4j) => {
    const session = neo.driver.session();
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
    await session.close();
  };
  const only = new Set(values.ingest.split(','));
  const runs = (method: string) =>
    only.has(method) &&
    !(values['skip-ingest-comparison'] && (method === 'floor' || method === 'row-at-a-time'));
  const floorAndRowAtATime = async () => {
    for (const method of ['floor', 'row-at-a-time'] as const) {
      if (!runs(method)) continue;
      const neo = await fresh();
      try {
        if (method === 'floor') {
          await ingestFloor(neo.driver, warmupFile, WARMUP_STATEMENTS, batchSize);
          await clear(neo);
          log(`floor: ${size} statements`);
          ingest.push(await ingestFloor(neo.driver, file, size, batchSize));
        } else {
          await ingestRowAtATime(neo.driver, Math.min(200, rowSample));
          await clear(neo);
          log(`row-at-a-time: ${rowSample} statements (a sample; its rate only falls with size)`);
          ingest.push(await ingestRowAtATime(neo.driver, rowSample));
        }
        log(JSON.stringify(ingest.at(-1)));
      } finally {
        await neo.stop();
      }
    }
  };
  // The query runs use the database of `--queries-on`; the other one is stopped once ingested.
  const keepIf = async (kept: boolean, neo: BenchNeo4j) => {
    if (kept) return neo;
    await neo.stop();
    return null;
  };
  const ours = async (kept: boolean) => {
    if (!runs('ours')) return null;
    const neo = await fresh();
    try {
      await ingestOurs(neo.driver, warmupFile, WARMUP_STATEMENTS, batchSize);
      await clear(neo);
      log(`ours: ${size} statements`);
      ingest.push(await ingestOurs(neo.driver, file, size, batchSize));
      log(JSON.stringify(ingest.at(-1)));
    } catch (error) {
      await neo.stop();
      throw error;
    }
    return keepIf(kept, neo);
  };
  const bulk = async (kept: boolean) => {
    if (!runs('bulk')) return null;
    log(`bulk: ${size} statements`);
    const dir = benchDir();
    const { result, neo } = await ingestBulk(file, size, dir, () => fresh(dir));
    ingest.push(result);
    log(JSON.stringify(result));
    return keepIf(kept, neo);
  };
  let load: LoadResult[] = [];
  const failures: Failure[] = [];
  const write = () =>
    writeResults({
      startedAt,
      machine: machine(),
      size,
      records,
      durationSeconds: duration,
      ingest,
      load,
      queries: QUERIES.map(({ name, description }) => ({ name, description })),
      queriesOn: values['queries-on'],
      failures,
    });
  const query = async (neo: BenchNeo4j | null) => {
    if (!neo) throw new Error(`--queries-on ${values['queries-on']}: that method was not run`);
    try {
      load = await runQueries(neo.uri, failures);
    } finally {
      await neo.stop();
    }
    write();
  };
  if (values['queries-on'] === 'bulk') {
    // Bulk and the queries first; the results are written then, and again after each slower loader,
    // so a run cut short keeps what it measured.
    await query(await bulk(true));
    await floorAndRowAtATime();
    if (runs('floor')) write();
    await ours(false);
    if (runs('ours')) write();
  } else {
    await floorAndRowAtATime();
    const neo = await ours(values['queries-on'] === 'ours');
    await bulk(false);
    if (values['queries-on'] === 'none') write();
    else await query(neo);
  }
}

interface Server {
  target: LoadResult['target'];
  url: string;
  child: ChildProcess;
  cypherCount(): Promise<number>;
  request(q: BenchQuery): {
    method: 'POST';
    path: string;
    headers: Record<string, string>;
    body: string;
  };
}

async function startServer(
  target: LoadResult['target'],
  command: string[],
  env: Record<string, string>,
  executable = process.execPath,
): Promise<ChildProcess> {
  const child = spawn(executable, command, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ready, failed) => {
    const timer = setTimeout(() => failed(new Error(`${target} did not start`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (/ready|serving/i.test(chunk.toString())) {
        clearTimeout(timer);
        ready();
      }
    });
    child.on('exit', (code) => failed(new Error(`${target} exited with ${code}`)));
  });
  child.stdout!.resume();
  return child;
}

const profileFlags = () =>
  process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];

const graphqlRequest = (q: { query: string; variables?: object }) => ({
  method: 'POST' as const,
  path: '/graphql',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(q),
});

async function runQueries(uri: string, failures: Failure[]): Promise<LoadResult[]> {
  log('building the API (dist/) for the query runs');
  if (spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' }).status !== 0)
    throw new Error('build failed');
  const ports = { ours: await freePort(), floor: await freePort(), peer: await freePort() };
  const env = { NEO4J_URI: uri, SEED_ON_EMPTY: 'false', HOST: '127.0.0.1' };
  const servers: Server[] = [
    {
      target: 'ours',
      url: `http://127.0.0.1:${ports.ours}`,
      // Started as `npm start` starts it (scripts/start.sh: its heap cap and malloc setting),
      // logging one line per request as it does in production.
      // BENCH_PROFILE_DIR: a V8 CPU profile of our API over the whole run, written when it stops.
      child: await startServer(
        'ours',
        profileFlags(),
        { ...env, PORT: String(ports.ours), LOG_LEVEL: 'info' },
        'scripts/start.sh',
      ),
      cypherCount: async () => {
        const text = await (await fetch(`http://127.0.0.1:${ports.ours}/metrics`)).text();
        return text
          .split('\n')
          .filter((l) => l.startsWith('statement_graph_cypher_queries_total{'))
          .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
      },
      request: (q) => graphqlRequest(q.ours),
    },
    {
      target: 'floor',
      url: `http://127.0.0.1:${ports.floor}`,
      child: await startServer('floor', ['--import', 'tsx', 'bench/servers/floor.ts'], {
        ...env,
        PORT: String(ports.floor),
      }),
      cypherCount: async () =>
        (
          (await (await fetch(`http://127.0.0.1:${ports.floor}/stats`)).json()) as {
            queries: number;
          }
        ).queries,
      request: (q) => ({ method: 'POST', path: `/${q.name}`, headers: {}, body: '' }),
    },
    {
      target: 'peer',
      url: `http://127.0.0.1:${ports.peer}`,
      child: await startServer('peer', ['--import', 'tsx', 'bench/servers/peer.ts'], {
        ...env,
        PORT: String(ports.peer),
      }),
      cypherCount: async () =>
        (
          (await (await fetch(`http://127.0.0.1:${ports.peer}/stats`)).json()) as {
            queries: number;
          }
        ).queries,
      request: (q) => graphqlRequest(q.peer),
    },
  ];
  try {
    await warmUp(uri);
    // A query a target cannot answer is left out of its mix and reported, not timed.
    const failing = await checkAnswers(servers);
    const mixOf = (server: Server) =>
      QUERIES.filter((q) => !failing.some((f) => f.target === server.target && f.query === q.name));
    failures.push(...failing);
    const results: LoadResult[] = [];
    // Warm-up, not recorded: each server's mix, long enough that every query runs a few times.
    for (const server of servers) {
      await cannon(server, 4, warmUpSeconds, mixOf(server));
      await settle(uri);
    }
    for (const concurrency of concurrencies) {
      for (const server of servers) {
        log(`${server.target} at concurrency ${concurrency}`);
        results.push(await cannon(server, concurrency, duration, mixOf(server)));
        log(JSON.stringify(results.at(-1)));
        await settle(uri);
      }
    }
    // Each query alone, one connection: where the time of the mix goes.
    for (const query of QUERIES) {
      for (const server of servers) {
        if (!mixOf(server).includes(query)) continue;
        results.push({
          ...(await cannon(server, 1, Math.max(2, Math.round(duration / 2)), [query])),
          query: query.name,
        });
        log(JSON.stringify(results.at(-1)));
        await settle(uri);
      }
    }
    return results;
  } finally {
    for (const s of servers) s.child.kill('SIGTERM');
  }
}

/** The mix's warm-up per server: 3 s, or half a step for long steps (a large graph's slow requests). */
const warmUpSeconds = Math.max(3, Math.round(duration / 2));

/**
 * Reads the whole store once (every node and relationship with its properties),
 * so the timed runs start on a warm page cache, as a server in use would: at
 * 1,000,000 statements the first requests on a cold cache took seconds each.
 */
async function warmUp(uri: string) {
  const started = Date.now();
  const driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true });
  try {
    for (const cypher of [
      'MATCH (n) RETURN count(*) AS items, sum(size(keys(properties(n)))) AS values',
      'MATCH ()-[r]->() RETURN count(*) AS items, sum(size(keys(properties(r)))) AS values',
    ]) {
      const { records } = await driver.executeQuery(cypher, {}, { database: 'neo4j' });
      log(`warm-up: ${JSON.stringify(records[0]!.toObject())}`);
    }
  } finally {
    await driver.close();
  }
  log(`warm-up: store read in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Waits until Neo4j runs no transaction but this one, so each timed run starts on an idle
 * database: a request autocannon gave up on keeps running in Neo4j (at 1,000,000 statements
 * the peer's abandoned 32-connection requests ran on into the next server's runs). What still
 * runs after `patienceMs` is terminated, and said so.
 */
async function settle(uri: string, patienceMs = 120_000) {
  const driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true });
  const started = Date.now();
  try {
    for (;;) {
      const { records } = await driver.executeQuery(
        `SHOW TRANSACTIONS YIELD transactionId AS id, currentQuery AS query
         WHERE NOT query STARTS WITH 'SHOW TRANSACTIONS' RETURN collect(id) AS ids`,
        {},
        { database: 'neo4j' },
      );
      const ids = records[0]!.get('ids') as string[];
      if (ids.length === 0) break;
      if (Date.now() - started > patienceMs) {
        await driver.executeQuery('TERMINATE TRANSACTIONS $ids', { ids }, { database: 'neo4j' });
        log(
          `settle: terminated ${ids.length} transactions still running after ${patienceMs / 1000} s`,
        );
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await driver.close();
  }
  const waited = Date.now() - started;
  if (waited > 1000)
    log(`settle: Neo4j busy with earlier requests for ${(waited / 1000).toFixed(1)} s`);
}

/** Each target's answer to each query, before anything is timed: the ones that fail. */
async function checkAnswers(servers: Server[]): Promise<Failure[]> {
  const failed: Failure[] = [];
  for (const server of servers) {
    for (const q of QUERIES) {
      const r = server.request(q);
      const response = await fetch(server.url + r.path, {
        method: r.method,
        headers: r.headers,
        body: r.body || undefined,
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (!response.ok || body.errors) {
        const message = `${response.status} ${JSON.stringify(body).slice(0, 300)}`;
        log(`${server.target} fails ${q.name}: ${message} (left out of its runs)`);
        failed.push({ target: server.target, query: q.name, message });
      }
    }
  }
  return failed;
}

async function cannon(
  server: Server,
  connections: number,
  seconds: number,
  mix = QUERIES,
): Promise<LoadResult> {
  const before = await server.cypherCount();
  let rssMb = 0;
  const sampler = setInterval(() => {
    const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    rssMb = Math.max(rssMb, kb / 1024);
  }, 200);
  // Each 2xx answer's time as measured (ms, fractional): autocannon's own percentiles come from
  // a histogram of whole milliseconds, too coarse where a page takes 6 ms and one decides a ratio.
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        connections,
        duration: seconds,
        // A slow request (a large graph at 32 connections) is timed, not counted as an error, up to a step.
        timeout: Math.max(10, seconds),
        requests: mix.map((q) => server.request(q)),
      },
      (error, done) => (error ? reject(error as Error) : resolve(done)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  const cypher = (await server.cypherCount()) - before;
  const requests = result.requests.total;
  return {
    target: server.target,
    concurrency: connections,
    requests,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requestsPerSecond: result.requests.average,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    cypherPerRequest: requests ? cypher / requests : 0,
    rssMb,
  };
}

/** The nearest-rank percentile `p` (0–100] of ascending `sorted`; NaN when it is empty. */
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.ceil((p / 100) * sorted.length) - 1]! : NaN;

/**
 * bench/results/results-<size>.{json,md} and latency-<size>.svg; a run without queries
 * (`--queries-on none`) writes results-<size>-ingest.{json,md}, leaving a query run's report.
 */
function writeResults(results: BenchResults) {
  const dir = 'bench/results';
  mkdirSync(dir, { recursive: true });
  const queried = results.queriesOn !== 'none';
  const name = `results-${results.size}${queried ? '' : '-ingest'}`;
  const md = markdown(results).replace('(latency.svg)', `(latency-${results.size}.svg)`);
  writeFileSync(`${dir}/${name}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${dir}/${name}.md`, md);
  if (queried) writeFileSync(`${dir}/latency-${results.size}.svg`, latencySvg(results.load));
  console.log(md);
  log(`written to ${dir}/${name}.{json,md}${queried ? ` and latency-${results.size}.svg` : ''}`);
}

main().catch((error: unknown) => {
  console.error(`[bench] failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
