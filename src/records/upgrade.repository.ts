import { int, type Database } from '../db/neo4j.js';
import { RECORD_TYPES, type RecordType } from './dataset.js';
import type { AnyRecord } from './record-kinds.js';
import { createRecordStore, storedFacts, writeRow } from './record-store.repository.js';
import { prepareUpgrade, UpgradeScan } from './upgrade.js';
import { upgradeFacts } from './validate.js';

/**
 * A graph written before statement sources had roles and sources a publisher link
 * only (format 2 as it first landed) is converted as a version 1 file would be
 * (upgrade.ts), through the record store, so hashes and exports stay true. Run by
 * `migrate` at every start; a converted graph has nothing left to convert.
 */

// legacySources: sources that still store a publisher name (the name a link now gives).
const LEGACY_SOURCES = `
MATCH (n:Source) WHERE n.publisher IS NOT NULL
RETURN n.id AS id, n.publisher AS publisher`;

// legacyStatements: statements whose sources were written without a role.
const LEGACY_STATEMENTS = `
MATCH (n:Statement) WHERE EXISTS { (n)-[r:REPORTED_IN]->() WHERE r.role IS NULL }
  AND NOT n.id IN $skip
RETURN n.id AS id LIMIT $batch`;

const BY = 'migration';

/** Converts what is left to convert; returns how many records it rewrote. */
export async function upgradeStoredRecords(db: Database, batch = 2000): Promise<number> {
  const store = createRecordStore(db);
  let total = 0;
  // Sources first, all at once (a publisher name converts the same for every source naming it).
  const legacy = await db.read(LEGACY_SOURCES);
  let sourceIds = legacy.map((row) => row.id as string);
  const names = new Map(legacy.map((row) => [row.id as string, row.publisher as string]));
  // Records that do not convert into valid ones are left as they are, and not tried again.
  const skip: string[] = [];
  for (;;) {
    const statementIds = (await db.read(LEGACY_STATEMENTS, { batch: int(batch), skip })).map(
      (row) => row.id as string,
    );
    if (sourceIds.length === 0 && statementIds.length === 0) return total;
    total += await db.writeTx(async (tx) => {
      const scan = new UpgradeScan();
      const sources = await store.recordsById(tx, 'source', sourceIds);
      const withNames = sources.map((r) => ({ ...r, publisher: names.get(r.id) }));
      withNames.forEach((r) => scan.add('source', r, (field) => `${r.id} ${field}`));
      const statements = await store.recordsById(tx, 'statement', statementIds);
      statements.forEach((r) => scan.add('statement', r, (field) => `${r.id} ${field}`));
      const upgrade = await prepareUpgrade(
        scan,
        upgradeFacts((ids) => store.existingIds(ids), storedFacts(store, tx)),
      );
      // A name that names several organisations stays as it was stored (nothing reads it).
      const unsure = new Set(upgrade.problems.map((p) => p.path.split(' ')[0]));
      const converted: Array<[RecordType, string, unknown]> = [
        ...upgrade.created.map((r) => ['organization', r.id, r] as [RecordType, string, unknown]),
        ...withNames
          .filter((r) => !unsure.has(r.id))
          .map(
            (r) => ['source', r.id, upgrade.record('source', r)] as [RecordType, string, unknown],
          ),
        ...statements.map(
          (r) =>
            ['statement', r.id, upgrade.record('statement', r)] as [RecordType, string, unknown],
        ),
      ];
      const records: Array<[RecordType, AnyRecord]> = [];
      for (const [type, id, r] of converted) {
        const parsed = RECORD_TYPES[type].safeParse(r);
        if (parsed.success) records.push([type, parsed.data as AnyRecord]);
        else skip.push(id);
      }
      skip.push(...statementIds.filter((id) => !statements.some((s) => s.id === id)));
      const now = new Date();
      const rows = (type: RecordType) =>
        records.filter(([t]) => t === type).map(([, r]) => writeRow(type, r));
      for (const type of ['organization', 'source', 'statement'] as const)
        await store.writeNodes(tx, type, rows(type), BY, now);
      for (const type of ['organization', 'source', 'statement'] as const)
        await store.writeLinks(tx, type, rows(type), BY, now);
      return records.length;
    });
    sourceIds = [];
  }
}
