import type { Config } from '../config.js';
import { startLocalNeo4j, type LocalNeo4j } from './local-neo4j.js';
import { migrate } from './migrations.js';
import { createDatabase, createDriver, type Database } from './neo4j.js';

export interface Connection {
  db: Database;
  uri: string;
  close(): Promise<void>;
}

/**
 * For command-line tools: the Neo4j NEO4J_URI names; else the local one if the
 * service is already running it; else a local one started for this command.
 */
export async function connect(config: Config, log: (line: string) => void): Promise<Connection> {
  const { user, password, database, txTimeoutMs } = config.neo4j;
  const open = async (uri: string) => {
    const driver = createDriver({ uri, user, password });
    await driver.verifyConnectivity({ database });
    return driver;
  };
  let local: LocalNeo4j | undefined;
  let uri = config.neo4j.uri ?? `bolt://127.0.0.1:${config.neo4j.local.port}`;
  let driver;
  try {
    driver = await open(uri);
  } catch (error) {
    if (config.neo4j.uri) {
      throw new Error(`Cannot reach Neo4j at ${uri}: ${(error as Error).message.split('\n')[0]}`);
    }
    log('No local Neo4j is running; starting one for this command.');
    local = await startLocalNeo4j({ ...config.neo4j.local, password, log });
    uri = local.uri;
    driver = await open(uri);
  }
  // Commands run long batches: the service's per-request timeout does not apply.
  const db = createDatabase(driver, { database, txTimeoutMs: Math.max(txTimeoutMs, 600_000) });
  await migrate(db);
  return {
    db,
    uri,
    async close() {
      await driver.close();
      await local?.stop();
    },
  };
}

/**
 * For commands that can do without a graph (extract): the Neo4j NEO4J_URI names,
 * else the local one if it is running; null when neither answers. Never starts one.
 */
export async function connectIfReachable(config: Config): Promise<Connection | null> {
  const { user, password, database, txTimeoutMs } = config.neo4j;
  const uri = config.neo4j.uri ?? `bolt://127.0.0.1:${config.neo4j.local.port}`;
  const driver = createDriver({ uri, user, password });
  try {
    await driver.verifyConnectivity({ database });
  } catch {
    await driver.close();
    return null;
  }
  const db = createDatabase(driver, { database, txTimeoutMs });
  return { db, uri, close: () => driver.close() };
}
