import { createReadStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Driver } from 'neo4j-driver';
import type { RecordType } from '../src/records/dataset.js';
import { createImporter } from '../src/import/importer.js';
import { toNeo4jProps } from '../src/records/record-store.repository.js';
import {
  COLLECTIONS,
  GRAPH_RELATIONSHIP_TYPES,
  KINDS,
  linksOf,
  propsOf,
  relationshipsOf,
  type AnyRecord,
} from '../src/records/record-kinds.js';
import { createDatabase } from '../src/db/neo4j.js';
import { migrate } from '../src/db/migrations.js';
import { generate } from './generate.js';
import { ARRAY_DELIMITER, finishBulkImport, writeBulkCsv } from '../src/import/bulk.js';
import { bulkImportLocal } from '../src/db/local-neo4j.js';
import type { BenchNeo4j } from './neo4j.js';

/**
 * Three ways to put the same generated graph into Neo4j:
 * - ours: the importer (validation of the whole file, hashes, batched UNWIND … MERGE);
 * - floor: plain batched UNWIND … CREATE of the same nodes and relationships, no checks;
 * - row-at-a-time: one transaction per record, one query per node and per link.
 */

export interface IngestResult {
  method: string;
  statements: number;
  records: number;
  seconds: number;
  statementsPerSecond: number;
  /** Seconds per phase, where a method has phases. */
  phases?: Record<string, number>;
}

/** Labels per record type: the kinds table's (positions are relationships and have none). */
const LABELS = Object.fromEntries(
  Object.values(KINDS).map((kind) => [kind.type, kind.labels ?? '']),
) as Record<RecordType, string>;

/** Relationship rows of a record — the importer's own rule — and a position as its HOLDS_POSITION. */
function relationships(
  type: RecordType,
  record: AnyRecord,
): Array<[string, string, string, Record<string, unknown>]> {
  if (type === 'position') {
    const links = linksOf(type, record);
    const [person, of] = [
      links.find((l) => l.path === 'person')!,
      links.find((l) => l.path === 'of')!,
    ];
    return [['HOLDS_POSITION', person.from, of.to, toNeo4jProps(propsOf(type, record))]];
  }
  return relationshipsOf(type, record).map((r) => [r.rel!, r.from, r.to, r.props]);
}

function records(statements: number): Array<{ type: RecordType; record: AnyRecord }> {
  return [...generate(statements)].map(({ type, ...record }) => ({
    type: type as RecordType,
    record: record as unknown as AnyRecord,
  }));
}

const REL_TYPES = GRAPH_RELATIONSHIP_TYPES;

async function timed(
  method: string,
  statements: number,
  count: number,
  work: () => Promise<void>,
): Promise<IngestResult> {
  const start = performance.now();
  await work();
  const seconds = (performance.now() - start) / 1000;
  return { method, statements, records: count, seconds, statementsPerSecond: statements / seconds };
}

export async function ingestOurs(
  driver: Driver,
  file: string,
  statements: number,
  batchSize: number,
): Promise<IngestResult> {
  const db = createDatabase(driver, { database: 'neo4j', txTimeoutMs: 600_000 });
  await migrate(db);
  let count = 0;
  // Phases from the importer's progress: validation (and the first batch), the batches (nodes
  // and the links that point back), the last pass for links to lines further down (if any).
  const phases: Record<string, number> = {};
  const start = performance.now();
  let lap = start;
  const onProgress = (done: number, total: number) => {
    const now = performance.now();
    const phase = !phases['validate + first batch'] ? 'validate + first batch' : 'batches';
    if (phase === 'validate + first batch' || done === total) {
      phases[phase] = (now - lap) / 1000;
      lap = now;
    }
  };
  const lastPass = () => {
    const seconds = (performance.now() - lap) / 1000;
    if (seconds >= 0.05) phases['links further down'] = seconds;
  };
  return timed('ours (importer)', statements, 0, async () => {
    const report = await createImporter(db).importJsonLines(file, {
      by: 'bench',
      batchSize,
      onProgress,
    });
    if (!report.ok)
      throw new Error(
        `import failed: ${report.problems
          .slice(0, 3)
          .map((p) => p.message)
          .join('; ')}`,
      );
    count = report.records;
    lastPass();
  }).then((r) => ({ ...r, records: count, phases }));
}

/**
 * The floor reads the same JSON Lines file as our importer (JSON.parse, no checks) and
 * streams it twice: nodes, then relationships, each in batches of one type, so memory
 * stays bounded at any size.
 */
export async function ingestFloor(
  driver: Driver,
  file: string,
  statements: number,
  batchSize: number,
): Promise<IngestResult> {
  await migrate(createDatabase(driver, { database: 'neo4j', txTimeoutMs: 600_000 }));
  let count = 0;
  let nodesDone = 0;
  const started = performance.now();
  const result = await timed('floor (UNWIND … CREATE)', statements, 0, async () => {
    const session = driver.session({ database: 'neo4j' });
    const pending = new Map<string, object[]>();
    // One write in flight while the next batch is read and prepared: JavaScript and Neo4j
    // overlap on the two cores (as in our importer); a second write in flight only contends.
    let inFlight: Promise<unknown> = Promise.resolve();
    const flush = async (key: string, cypher: string) => {
      const rows = pending.get(key) ?? [];
      pending.set(key, []);
      if (!rows.length) return;
      await inFlight;
      inFlight = session.executeWrite((tx) => tx.run(cypher, { rows }));
      inFlight.catch(() => {});
    };
    const nodeCypher = (type: RecordType) =>
      `UNWIND $rows AS row CREATE (n:${LABELS[type]}) SET n = row`;
    const relCypher = (rel: string) =>
      `UNWIND $rows AS row MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to}) CREATE (a)-[r:${rel}]->(b) SET r = row.props`;
    const add = async (key: string, row: object, cypher: string) => {
      const rows = pending.get(key) ?? [];
      rows.push(row);
      pending.set(key, rows);
      if (rows.length >= batchSize) await flush(key, cypher);
    };
    try {
      for await (const { type, record } of fileRecords(file)) {
        count += 1;
        if (type !== 'position')
          await add(type, toNeo4jProps(propsOf(type, record)), nodeCypher(type));
      }
      for (const [, type] of COLLECTIONS)
        if (type !== 'position') await flush(type, nodeCypher(type));
      // Every node is written before the relationships that find them.
      await inFlight;
      nodesDone = performance.now();
      for await (const { type, record } of fileRecords(file)) {
        for (const [rel, from, to, props] of relationships(type, record)) {
          await add(rel, { from, to, props }, relCypher(rel));
        }
      }
      for (const rel of REL_TYPES) await flush(rel, relCypher(rel));
      await inFlight;
    } finally {
      await session.close();
    }
  });
  const phases = {
    nodes: (nodesDone - started) / 1000,
    links: result.seconds - (nodesDone - started) / 1000,
  };
  return { ...result, records: count, phases };
}

async function* fileRecords(file: string): AsyncGenerator<{ type: RecordType; record: AnyRecord }> {
  for await (const line of createInterface({
    input: createReadStream(file),
    crlfDelay: Infinity,
  })) {
    if (!line.trim()) continue;
    const { type, ...record } = JSON.parse(line) as { type?: RecordType } & Record<string, unknown>;
    if (type) yield { type, record: record as unknown as AnyRecord };
  }
}

export async function ingestRowAtATime(driver: Driver, statements: number): Promise<IngestResult> {
  await migrate(createDatabase(driver, { database: 'neo4j', txTimeoutMs: 600_000 }));
  const all = records(statements);
  return timed('row-at-a-time', statements, all.length, async () => {
    const session = driver.session({ database: 'neo4j' });
    try {
      for (const { type, record } of all) {
        await session.executeWrite(async (tx) => {
          if (type !== 'position') {
            await tx.run(
              `MERGE (n:${LABELS[type].split(':')[0]} {id: $id}) SET n = $props SET n:${LABELS[type]}`,
              {
                id: record.id,
                props: toNeo4jProps(propsOf(type, record)),
              },
            );
          }
          for (const [rel, from, to, props] of relationships(type, record)) {
            await tx.run(
              `MATCH (a:Entity {id: $from}) MATCH (b:Entity {id: $to}) MERGE (a)-[r:${rel}]->(b) SET r = $props`,
              { from, to, props },
            );
          }
        });
      }
    } finally {
      await session.close();
    }
  });
}

/**
 * The bulk path for a fresh database: the dataset file → CSV (validated, through
 * the kinds table) → `neo4j-admin database import full` → Neo4j started on the
 * folder, constraints and indexes built (migrations), populated. Timed from the
 * file to a database ready for queries; the phases are in `phases`.
 */
export async function ingestBulk(
  file: string,
  statements: number,
  dataDir: string,
  start: () => Promise<BenchNeo4j>,
): Promise<{ result: IngestResult; neo: BenchNeo4j }> {
  const phases: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    phases[name] = (now - t) / 1000;
    t = now;
  };
  const begin = t;
  const csv = await writeBulkCsv(file, join(dataDir, 'csv'), { by: 'bench' });
  if (!csv.ok) throw new Error(`bulk: ${csv.problems[0]?.message}`);
  lap('validate + CSV');
  await bulkImportLocal({
    dataDir: join(dataDir, 'home'),
    nodes: csv.nodes,
    relationships: csv.relationships,
    arrayDelimiter: ARRAY_DELIMITER,
    multiline: csv.multiline,
    log: () => {},
  });
  lap('neo4j-admin import');
  rmSync(join(dataDir, 'csv'), { recursive: true, force: true });
  const neo = await start();
  lap('start');
  const db = createDatabase(neo.driver, { database: 'neo4j', txTimeoutMs: 600_000 });
  try {
    await migrate(db);
  } catch (error) {
    // Populating the indexes of a large graph may outlast migrate's 300 s wait: wait on.
    if (!/index|timeout|timed out/i.test(String(error))) throw error;
    await db.write('CALL db.awaitIndexes(3600)');
  }
  await finishBulkImport(db, csv);
  lap('constraints + indexes');
  const seconds = (performance.now() - begin) / 1000;
  return {
    result: {
      method: 'bulk (neo4j-admin import)',
      statements,
      records: csv.records,
      seconds,
      statementsPerSecond: statements / seconds,
      phases,
    },
    neo,
  };
}
