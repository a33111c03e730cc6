import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../src/db/local-neo4j.js';

export interface BenchNeo4j {
  uri: string;
  driver: Driver;
  pid: number;
  stop(): Promise<void>;
}

/** A temporary folder for a bench database (and, for the bulk path, its CSV files). */
export const benchDir = () => mkdtempSync(join(tmpdir(), 'statement-graph-bench-'));

/**
 * A local Neo4j (with APOC, for the peer) on `dir`/home — a fresh one unless the
 * bulk importer filled it — removed on stop.
 */
export async function freshNeo4j(
  heap: string,
  pagecacheMb: number,
  dir = benchDir(),
): Promise<BenchNeo4j> {
  const local: LocalNeo4j = await startLocalNeo4j({
    dataDir: join(dir, 'home'),
    port: await freePort(),
    heap,
    pagecacheMb,
    apoc: true,
    log: () => {},
  });
  const driver = neo4j.driver(local.uri, undefined, { disableLosslessIntegers: true });
  return {
    uri: local.uri,
    driver,
    pid: local.pid,
    async stop() {
      await driver.close();
      await local.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
