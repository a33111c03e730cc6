import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { buildLocalNeo4j, LocalNeo4jError, startLocalNeo4j } from '../db/local-neo4j.js';

const USAGE = `Usage: npm run neo4j [-- --prepare]
Starts the embedded local Neo4j (NEO4J_DATA_DIR, NEO4J_LOCAL_PORT, NEO4J_LOCAL_HEAP) until Ctrl-C.
  --prepare   only compile the launcher and download Neo4j's jars, then exit`;

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: { prepare: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) return void console.log(USAGE);
  if (values.prepare) return buildLocalNeo4j();
  const { neo4j } = loadConfig();
  const local = await startLocalNeo4j({ ...neo4j.local, password: neo4j.password });
  console.log(`Neo4j is running at ${local.uri} (pid ${local.pid}). Ctrl-C stops it.`);
  const stop = () => void local.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

run().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof LocalNeo4jError;
  console.error(`neo4j: ${known ? (error as Error).message : (error as Error).stack}`);
  process.exit(1);
});
