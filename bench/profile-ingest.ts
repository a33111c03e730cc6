import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { createDatabase, toPlain, type Database, type Tx } from '../src/db/neo4j.js';
import { createImporter } from '../src/import/importer.js';
import { migrate } from '../src/db/migrations.js';
import { freshNeo4j } from './neo4j.js';
import { ingestFloor } from './ingest.js';

/**
 * Where an ingest's time goes, ours beside the floor, on one fresh Neo4j each:
 * wall time, the CPU seconds of Neo4j's process and of this one, and (ours) Neo4j's
 * own time per query kind (resultAvailableAfter + resultConsumedAfter) against the
 * time each transaction takes from its start to its commit's answer.
 *   npx tsx bench/profile-ingest.ts --size 100000 [--methods ours,floor] [--batch-size 5000]
 */

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    methods: { type: 'string', default: 'floor,ours' },
    'batch-size': { type: 'string', default: '5000' },
  },
});
const size = Number(values.size);
const batchSize = Number(values['batch-size']);
const file = `bench/.data/statements-${size}.jsonl`;
const warmup = 'bench/.data/statements-2000.jsonl';

/** CPU seconds (user + system) of a process so far. */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const ownCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

interface Stat {
  count: number;
  server: number;
  client: number;
}

/** A Database whose transactions record, per query name, Neo4j's time and the wait for it. */
function instrumented(driver: Driver, stats: Map<string, Stat>): Database {
  const base = createDatabase(driver, { database: 'neo4j', txTimeoutMs: 600_000 });
  const add = (name: string, server: number, client: number) => {
    const s = stats.get(name) ?? { count: 0, server: 0, client: 0 };
    s.count += 1;
    s.server += server;
    s.client += client;
    stats.set(name, s);
  };
  const nameOf = (cypher: string) => {
    const m =
      /MERGE \(n:(\w+)|CREATE \(n:(\w+)|CREATE \(a\)-\[r:(\w+)|MATCH \(n:Entity \{id: row.id\}\)\s*SET n.contentHash|HOLDS_POSITION/.exec(
        cypher,
      );
    if (!m) return cypher.trim().split('\n')[0]!.slice(0, 50);
    return m[0].startsWith('MERGE')
      ? `merge ${m[1]}`
      : m[2]
        ? `create ${m[2]}`
        : m[3]
          ? `link ${m[3]}`
          : m[0].includes('contentHash')
            ? 'mark'
            : 'position';
  };
  const wrap = (tx: ManagedTransaction): Tx => ({
    async run(cypher, params = {}) {
      const start = performance.now();
      const result = await tx.run(cypher, params);
      const s = result.summary;
      add(
        nameOf(cypher),
        (Number(s.resultAvailableAfter) + Number(s.resultConsumedAfter)) / 1000,
        (performance.now() - start) / 1000,
      );
      return result.records.map((record) => toPlain(record.toObject()) as Record<string, unknown>);
    },
  });
  return {
    ...base,
    async writeTx(work) {
      const session = driver.session({ database: 'neo4j' });
      const start = performance.now();
      try {
        return await session.executeWrite((tx) => work(wrap(tx)));
      } finally {
        add('(write transaction, start to commit)', 0, (performance.now() - start) / 1000);
        await session.close();
      }
    },
    async readTx(work) {
      const session = driver.session({ database: 'neo4j' });
      try {
        return await session.executeRead((tx) => work(wrap(tx)));
      } finally {
        await session.close();
      }
    },
  };
}

async function main() {
  for (const method of values.methods.split(',')) {
    const neo = await freshNeo4j('4g', 2048);
    try {
      const db = createDatabase(neo.driver, { database: 'neo4j', txTimeoutMs: 600_000 });
      await migrate(db);
      if (method === 'floor') await ingestFloor(neo.driver, warmup, 2000, batchSize);
      else await createImporter(db).importJsonLines(warmup, { by: 'bench', batchSize });
      const session = neo.driver.session();
      await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
      await session.close();
      const stats = new Map<string, Stat>();
      const [neoCpu, jsCpu, start] = [cpuOf(neo.pid), ownCpu(), performance.now()];
      let validated = 0;
      if (method === 'floor') {
        const r = await ingestFloor(neo.driver, file, size, batchSize);
        console.log(JSON.stringify(r.phases));
      } else {
        const report = await createImporter(instrumented(neo.driver, stats)).importJsonLines(file, {
          by: 'bench',
          batchSize,
          onProgress: () => {
            if (!validated) validated = (performance.now() - start) / 1000;
          },
        });
        if (!report.ok) throw new Error(JSON.stringify(report.problems.slice(0, 3)));
      }
      const wall = (performance.now() - start) / 1000;
      console.log(
        `${method}: ${wall.toFixed(1)} s wall` +
          (validated ? ` (validation + first batch ${validated.toFixed(1)} s)` : '') +
          `, Neo4j CPU ${(cpuOf(neo.pid) - neoCpu).toFixed(1)} s, this process's CPU ${(ownCpu() - jsCpu).toFixed(1)} s, load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
      );
      for (const [name, s] of [...stats].sort((a, b) => b[1].client - a[1].client))
        console.log(
          `  ${name.padEnd(40)} ${String(s.count).padStart(5)}×  Neo4j ${s.server.toFixed(2).padStart(7)} s  awaited ${s.client.toFixed(2).padStart(7)} s`,
        );
    } finally {
      await neo.stop();
    }
  }
}

await main();
