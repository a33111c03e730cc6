import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../src/db/local-neo4j.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: {
      uri: string;
      user: string;
      password: string | undefined;
      database: string;
      pid: number | null;
    };
  }
}

/** One Neo4j for the whole run: the one NEO4J_URI names, or a fresh local one in a temporary folder. */
export default async function setup(project: TestProject) {
  const given = process.env.NEO4J_URI;
  let local: LocalNeo4j | undefined;
  let dataDir: string | undefined;
  if (!given) {
    dataDir = mkdtempSync(join(tmpdir(), 'statement-graph-test-'));
    local = await startLocalNeo4j({ dataDir, port: await freePort(), heap: '1g' });
  }
  project.provide('neo4j', {
    uri: given ?? local!.uri,
    user: process.env.NEO4J_USER ?? 'neo4j',
    password: given ? process.env.NEO4J_PASSWORD : undefined,
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
    pid: local?.pid ?? null,
  });
  return async () => {
    await local?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
