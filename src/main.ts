import { createServer } from 'node:http';
import { getHeapStatistics } from 'node:v8';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { startLocalNeo4j, LocalNeo4jError, type LocalNeo4j } from './db/local-neo4j.js';
import { migrate } from './db/migrations.js';
import { createDatabase, createDriver, type Database } from './db/neo4j.js';
import { exportProcesses } from './export/export-runner.js';
import { createGraphExtractor } from './modules/review/review.extract.js';
import { createImporter } from './import/importer.js';
import { formatProblem } from './records/validate.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';

/** config → Neo4j (local unless NEO4J_URI) → migrations → seed → listen → graceful shutdown. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const local = config.neo4j.uri ? undefined : await startLocal(config);
  const uri = config.neo4j.uri ?? local!.uri;
  const driver = createDriver({ uri, user: config.neo4j.user, password: config.neo4j.password });
  const metrics = createMetrics();
  const db = createDatabase(driver, {
    database: config.neo4j.database,
    txTimeoutMs: config.neo4j.txTimeoutMs,
    onQuery: metrics.countQuery,
  });

  const stopDatabase = async () => {
    await driver.close();
    await local?.stop();
  };
  try {
    await driver.verifyConnectivity({ database: config.neo4j.database });
  } catch (error) {
    await stopDatabase();
    throw new StartupError(
      `Cannot reach Neo4j at ${uri} (${(error as Error).message.split('\n')[0]}). ` +
        (config.neo4j.uri
          ? 'Check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD, or unset NEO4J_URI to start the local Neo4j.'
          : 'The local Neo4j started but does not answer; see its logs in NEO4J_DATA_DIR/logs.'),
    );
  }
  await migrate(db);
  logger.info({ uri, database: config.neo4j.database }, 'neo4j schema is up to date');
  if (config.seed.onEmpty) await loadSeed(db, config.seed.file, logger);

  logHeapLimit(config, logger);
  const exports = exportProcesses({
    connection: {
      uri,
      user: config.neo4j.user,
      password: config.neo4j.password,
      database: config.neo4j.database,
      txTimeoutMs: config.memory.exportTxTimeoutMs,
    },
    heapMb: config.memory.exportHeapMb,
    concurrency: config.memory.exportConcurrency,
    onQuery: metrics.countQuery,
  });
  const extract = createGraphExtractor(db, {
    heapMb: config.memory.extractHeapMb,
    concurrency: config.memory.extractConcurrency,
  });
  const yoga = createApp({ db, logger, metrics, config, exports, extract });
  const server = createServer(yoga);
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(config.http.port, config.http.host, listening);
  });
  logger.info(`Statement Graph serving http://${config.http.host}:${config.http.port}/graphql`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Keep-alive connections would hold server.close() open forever.
    server.closeAllConnections();
    await new Promise<void>((closed) => server.close(() => closed()));
    await stopDatabase();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

class StartupError extends Error {}

/**
 * The heap cap is a flag of node itself (scripts/start.sh passes API_HEAP_MB as
 * --max-old-space-size): say which one is in force, and warn when the service was started
 * without it (`node dist/main.js` alone: V8's default, which scales with the machine).
 */
function logHeapLimit(config: Config, logger: Logger) {
  const limitMb = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
  const expected = config.memory.apiHeapMb;
  // heap_size_limit adds the young generation (a few MB) to --max-old-space-size.
  if (limitMb < expected || limitMb > expected + 64)
    logger.warn(
      { heapLimitMb: limitMb, API_HEAP_MB: expected },
      'the V8 heap limit is not API_HEAP_MB: start the service with npm start or scripts/start.sh',
    );
  else logger.info({ heapLimitMb: limitMb }, 'heap cap');
}

/** An empty graph gets the seed dataset, so a first start has something to answer. */
async function loadSeed(db: Database, file: string, logger: Logger): Promise<void> {
  const report = await createImporter(db).seedIfEmpty(file);
  if (report === null) return;
  if (!report.ok) {
    throw new StartupError(
      `The seed file ${file} is invalid:\n${report.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
    );
  }
  logger.info({ file, records: report.records }, 'loaded the seed dataset into the empty graph');
}

async function startLocal(config: Config): Promise<LocalNeo4j> {
  const { dataDir, port, heap } = config.neo4j.local;
  return startLocalNeo4j({ dataDir, port, heap, password: config.neo4j.password });
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof LocalNeo4jError ||
    error instanceof StartupError
  ) {
    process.stderr.write(`statement-graph: ${error.message}\n`);
  } else {
    process.stderr.write(
      `statement-graph: failed to start: ${(error as Error).stack ?? String(error)}\n`,
    );
  }
  process.exit(1);
});
