import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate.js';
import { migrate } from '../../src/db/migrations.js';
import { createDatabase, createDriver, type Database } from '../../src/db/neo4j.js';
import {
  bulkImportLocal,
  freePort,
  startLocalNeo4j,
  type LocalNeo4j,
} from '../../src/db/local-neo4j.js';
import { ARRAY_DELIMITER, finishBulkImport, writeBulkCsv } from '../../src/import/bulk.js';
import { createImporter } from '../../src/import/importer.js';
import { FORMAT } from '../../src/records/dataset.js';
import { createRecordStore } from '../../src/records/record-store.repository.js';
import { canonical, COLLECTIONS, TYPES } from '../../src/records/record-kinds.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { graphCounts, readSeed } from '../helpers/seed.js';

/** The seed (with a line break and quotes in a text) and 300 generated statements, as JSON Lines. */
function datasetLines(): string {
  const seed = readSeed();
  const lines: object[] = [{ format: FORMAT }];
  for (const [collection, type] of COLLECTIONS) {
    for (const record of seed[collection] as Array<{ id: string }>) lines.push({ type, ...record });
  }
  const first = lines.find((l) => (l as { type?: string }).type === 'statement') as {
    text: string;
  };
  first.text = `${first.text}\nA second line with "quotes", a comma; and a semicolon.`;
  lines.push(...generate(300, 7));
  return `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
}

/** Each node's and relationship's property names with their Cypher types (values of the write stamps aside). */
async function shape(db: Database) {
  const nodes = await db.read(`
    MATCH (n:Entity)
    RETURN n.id AS id, labels(n) AS labels, [k IN keys(n) | k + ':' + valueType(n[k])] AS types
    ORDER BY id`);
  const rels = await db.read(`
    MATCH (a:Entity)-[r]->(b:Entity)
    RETURN a.id + ' ' + type(r) + ' ' + b.id AS key,
      [k IN keys(r) | k + ':' + valueType(r[k])] AS types,
      r { .*, createdAt: null, updatedAt: null } AS props
    ORDER BY key, props.stance, props.quoteType, props.role`);
  const sorted = (rows: Array<Record<string, unknown>>) =>
    rows.map((row) => ({
      ...row,
      labels: row.labels ? [...(row.labels as string[])].sort() : undefined,
      types: [...(row.types as string[])].sort(),
    }));
  return { nodes: sorted(nodes), rels: sorted(rels) };
}

describe('bulk import (neo4j-admin database import full) into a fresh database', () => {
  let t: TestDatabase;
  let dir: string;
  let bulk: LocalNeo4j;
  let bulkDb: Database;
  let close: () => Promise<void>;
  let report: Awaited<ReturnType<typeof writeBulkCsv>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'statement-graph-bulk-'));
    const file = join(dir, 'dataset.jsonl');
    writeFileSync(file, datasetLines());
    t = await openTestDatabase();
    const imported = await createImporter(t.db).importJsonLines(file, { by: 'test' });
    expect(imported.ok).toBe(true);

    report = await writeBulkCsv(file, join(dir, 'csv'), { by: 'test' });
    if (!report.ok) throw new Error(JSON.stringify(report.problems));
    const home = join(dir, 'neo4j');
    await bulkImportLocal({
      dataDir: home,
      nodes: report.nodes,
      relationships: report.relationships,
      arrayDelimiter: ARRAY_DELIMITER,
      multiline: report.multiline,
      offHeap: '256m',
      heap: '512m',
      log: () => {},
    });
    bulk = await startLocalNeo4j({
      dataDir: home,
      port: await freePort(),
      heap: '512m',
      log: () => {},
    });
    const driver = createDriver({ uri: bulk.uri, user: 'neo4j', password: '' });
    bulkDb = createDatabase(driver, { database: 'neo4j', txTimeoutMs: 30_000 });
    await migrate(bulkDb);
    await finishBulkImport(bulkDb, report);
    close = () => driver.close();
  });

  afterAll(async () => {
    await close?.();
    await bulk?.stop();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a line break inside a text as a multi-line field', () => {
    expect(report.ok && report.multiline).toBe(true);
  });

  it('holds the same nodes and relationships as the transactional importer', async () => {
    expect(await graphCounts(bulkDb)).toEqual(await graphCounts(t.db));
  });

  it('reads back as the same records, kind by kind', async () => {
    const ours = createRecordStore(t.db);
    const theirs = createRecordStore(bulkDb);
    // Link lists are sets, read back in storage order: compared in canonical (sorted) form.
    const records = async (store: typeof ours, type: (typeof TYPES)[number]) =>
      (await store.allRecords(type)).map((r) => canonical(type, r as never));
    for (const type of TYPES) {
      expect(await records(theirs, type), type).toEqual(await records(ours, type));
    }
  });

  it('stores every property with the same Cypher type (dates as dates, stamps as datetimes)', async () => {
    expect(await shape(bulkDb)).toEqual(await shape(t.db));
  });

  it('changes nothing when the same file is imported again transactionally', async () => {
    const again = await createImporter(bulkDb).importJsonLines(join(dir, 'dataset.jsonl'), {
      by: 'test',
    });
    if (!again.ok) throw new Error(JSON.stringify(again.problems));
    for (const counts of Object.values(again.counts)) {
      expect(counts.created + counts.updated).toBe(0);
    }
  });

  it('refuses a file with a problem before writing any CSV', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(
      bad,
      `${JSON.stringify({ format: FORMAT })}\n${JSON.stringify({ type: 'statement', id: 'statement:x' })}\n`,
    );
    const refused = await writeBulkCsv(bad, join(dir, 'bad-csv'), { by: 'test' });
    expect(refused.ok).toBe(false);
  });
});
