import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../src/db/local-neo4j.js';
import { migrate } from '../../src/db/migrations.js';
import { createDatabase, createDriver } from '../../src/db/neo4j.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import type { GraphQLResponse } from '../helpers/app.js';

const EDITOR = 'editor-token-0123456789abcdef';
const READ = '{ node(id: "person:test-fault") { id ... on Person { name } } }';
const write = (id: string) =>
  `mutation { upsertPerson(input: { id: "${id}", name: "Written" }) { outcome errors { code } } }`;

/**
 * A Neo4j of its own, so this test can stop it and start it again on the same
 * port and data folder while the app keeps running.
 */
describe('Neo4j unreachable, then back', () => {
  let dataDir: string;
  let port: number;
  let neo4j: LocalNeo4j | undefined;
  let driver: Driver;
  let yoga: App;

  const start = async () => {
    neo4j = await startLocalNeo4j({ dataDir, port, heap: '512m', log: () => {} });
  };
  const gql = async (query: string) => {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR}` },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse };
  };
  const ready = async () => (await yoga.fetch('http://test/health/ready')).status;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'statement-graph-fault-'));
    port = await freePort();
    await start();
    driver = createDriver({ uri: neo4j!.uri, user: 'neo4j', password: undefined });
    const db = createDatabase(driver, { database: 'neo4j', txTimeoutMs: 10_000 });
    await migrate(db);
    yoga = createApp({
      db,
      logger: createLogger('silent'),
      metrics: createMetrics(),
      config: loadConfig({ API_TOKENS: `alice:editor:${EDITOR}` }),
    });
  });

  afterAll(async () => {
    await driver?.close();
    await neo4j?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stays up, answers DATABASE_UNAVAILABLE and 503, and recovers by itself with nothing lost', async () => {
    expect((await gql(write('person:test-fault'))).body.data).toEqual({
      upsertPerson: { outcome: 'CREATED', errors: [] },
    });
    expect(await ready()).toBe(200);

    await neo4j!.stop();

    expect(await ready()).toBe(503);
    expect((await yoga.fetch('http://test/health/live')).status).toBe(200);
    for (const query of [READ, write('person:test-fault-2')]) {
      const { status, body } = await gql(query);
      expect(status).toBe(200);
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.extensions).toEqual({ code: 'DATABASE_UNAVAILABLE' });
      expect(JSON.stringify(body)).not.toMatch(/bolt:|ECONNREFUSED|stack/);
    }

    // Same port and data: the driver finds it again, without restarting the app.
    await start();
    let status = await ready();
    for (let attempt = 0; status !== 200 && attempt < 60; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      status = await ready();
    }
    expect(status).toBe(200);
    expect((await gql(READ)).body).toEqual({
      data: { node: { id: 'person:test-fault', name: 'Written' } },
    });
    expect((await gql(write('person:test-fault-2'))).body.data).toEqual({
      upsertPerson: { outcome: 'CREATED', errors: [] },
    });
  });
});
