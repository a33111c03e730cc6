import { inject } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createDatabase, type Database } from '../../src/db/neo4j.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics, type Metrics } from '../../src/metrics.js';
import { exportProcesses, type ExportRunner } from '../../src/export/export-runner.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: Array<{
    message: string;
    path?: Array<string | number>;
    extensions?: { code?: string; [k: string]: unknown };
  }>;
}

export interface TestApp {
  yoga: App;
  metrics: Metrics;
  /** POSTs a query through `yoga.fetch` (no port is opened). */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /** The value of a counter on /metrics, summed over its labels. */
  metric(name: string): Promise<number>;
}

/**
 * Downloads as the service writes them: each in a child process with its own heap limit
 * (`heapMb`, 1024 by default as EXPORT_HEAP_MB), reading from the run's Neo4j.
 */
export function testExportProcesses(
  db: Database,
  heapMb = 1024,
  onQuery?: Metrics['countQuery'],
): ExportRunner {
  const { uri, user, password } = inject('neo4j');
  return exportProcesses({
    connection: { uri, user, password, database: db.name, txTimeoutMs: 30_000 },
    heapMb,
    concurrency: 1,
    onQuery,
  });
}

/** `editorToken`: configured as an editor's token and sent with every query. */
export function createTestApp(db: Database, options: { editorToken?: string } = {}): TestApp {
  const metrics = createMetrics();
  // As in main.ts: every Cypher query the app sends is counted on /metrics.
  const counted = createDatabase(db.driver, {
    database: db.name,
    txTimeoutMs: 30_000,
    onQuery: metrics.countQuery,
  });
  const { editorToken } = options;
  const yoga = createApp({
    db: counted,
    logger: createLogger('silent'),
    metrics,
    exports: testExportProcesses(db, 1024, metrics.countQuery),
    ...(editorToken ? { config: loadConfig({ API_TOKENS: `editor:editor:${editorToken}` }) } : {}),
  });
  return {
    yoga,
    metrics,
    async gql(query, variables) {
      const response = await yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(editorToken ? { authorization: `Bearer ${editorToken}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse<never>;
    },
    async metric(name) {
      const text = await (await yoga.fetch('http://test/metrics')).text();
      return text
        .split('\n')
        .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
        .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
    },
  };
}
