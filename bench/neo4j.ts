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

/** A fresh local Neo4j (with APOC, for the peer) in a temporary folder, removed on stop. */
export async function freshNeo4j(heap: string, pagecacheMb: number): Promise<BenchNeo4j> {
  const dataDir = mkdtempSync(join(tmpdir(), 'statement-graph-bench-'));
  const local: LocalNeo4j = await startLocalNeo4j({
    dataDir,
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
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
