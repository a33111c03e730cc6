import { searchKeyProps } from '../names/keys.js';
import { ID_LABELS } from '../records/record-kinds.js';
import { upgradeStoredRecords } from '../records/upgrade.repository.js';
import { int, type Database } from './neo4j.js';

/**
 * The schema of the graph, applied at every start and in tests. Every statement
 * is idempotent (IF NOT EXISTS), so running them again changes nothing.
 */

const constraints = ID_LABELS.map(
  (label) =>
    `CREATE CONSTRAINT ${label.toLowerCase()}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
);

const indexes = [
  'CREATE CONSTRAINT holds_position_id IF NOT EXISTS FOR ()-[r:HOLDS_POSITION]-() REQUIRE r.id IS UNIQUE',
  'CREATE INDEX statement_date_start IF NOT EXISTS FOR (s:Statement) ON (s.dateStart)',
  'CREATE INDEX statement_date_end IF NOT EXISTS FOR (s:Statement) ON (s.dateEnd)',
  'CREATE INDEX statement_kind IF NOT EXISTS FOR (s:Statement) ON (s.kind)',
  'CREATE INDEX meeting_date_start IF NOT EXISTS FOR (m:Meeting) ON (m.dateStart)',
  'CREATE INDEX source_published_start IF NOT EXISTS FOR (s:Source) ON (s.publishedStart)',
  'CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name)',
  // Full-text over the search keys derived from names, titles and text (src/names/keys.ts):
  // folded and Latin words and skeletons, so any spelling or script finds the same node.
  // The indexes over the stored text they replace are dropped.
  'DROP INDEX actor_names IF EXISTS',
  'DROP INDEX statement_text IF EXISTS',
  'DROP INDEX titles IF EXISTS',
  `CREATE FULLTEXT INDEX actor_keys IF NOT EXISTS FOR (n:Person|Organization|Country|Place) ON EACH [n.searchKeys, n.searchSkeletons]`,
  `CREATE FULLTEXT INDEX statement_keys IF NOT EXISTS FOR (n:Statement) ON EACH [n.searchText]`,
  `CREATE FULLTEXT INDEX title_keys IF NOT EXISTS FOR (n:Meeting|Topic|Source) ON EACH [n.searchKeys, n.searchSkeletons]`,
  // Saved searches and their webhook delivery log: not part of the graph (no :Entity).
  'CREATE CONSTRAINT saved_search_id IF NOT EXISTS FOR (n:SavedSearch) REQUIRE n.id IS UNIQUE',
  'CREATE INDEX webhook_delivery_search IF NOT EXISTS FOR (d:WebhookDelivery) ON (d.searchId, d.at)',
  // Review: candidates live outside :Entity, found by id and by their article; articles by text hash or URL.
  'CREATE CONSTRAINT candidate_id IF NOT EXISTS FOR (c:Candidate) REQUIRE c.id IS UNIQUE',
  'CREATE INDEX candidate_source IF NOT EXISTS FOR (c:Candidate) ON (c.sourceId)',
  // A rejection sticks by content: a candidate with a rejected one's speaker and words is found by this key.
  'CREATE INDEX candidate_content_key IF NOT EXISTS FOR (c:Candidate) ON (c.contentKey)',
  'CREATE INDEX source_text_hash IF NOT EXISTS FOR (s:Source) ON (s.textHash)',
  'CREATE INDEX source_url IF NOT EXISTS FOR (s:Source) ON (s.url)',
];

export const MIGRATIONS: readonly string[] = [...constraints, ...indexes];

export async function migrate(db: Database): Promise<void> {
  // Schema changes cannot share a transaction with each other.
  for (const statement of MIGRATIONS) {
    await db.write(statement);
  }
  await backfillSearchKeys(db);
  // Statement sources without a role, publisher names beside their link (format 2 as first landed).
  await upgradeStoredRecords(db);
  await db.write('CALL db.awaitIndexes(300)');
}

/** Nodes written before search keys existed, a batch at a time (keys are derived in code, not Cypher). */
const MISSING_KEYS = `// missingSearchKeys
MATCH (n:Person|Organization|Country|Place|Topic|Meeting|Source)
WHERE n.searchKeys IS NULL
RETURN n.id AS id, head([l IN labels(n) WHERE l <> 'Entity' AND l <> 'Actor']) AS label,
  n { .name, .title, .aliases } AS props
LIMIT $batch
UNION ALL
MATCH (n:Statement) WHERE n.searchText IS NULL
RETURN n.id AS id, 'Statement' AS label, n { .text } AS props
LIMIT $batch`;

const SET_KEYS = `// setSearchKeys
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n += row.keys`;

const BACKFILL_BATCH = 5000;

export async function backfillSearchKeys(db: Database): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.read(MISSING_KEYS, { batch: int(BACKFILL_BATCH) });
    if (rows.length === 0) return total;
    await db.write(SET_KEYS, {
      rows: rows.map((row) => ({
        id: row.id,
        // Never left null, or the same node would come back in the next batch.
        keys: {
          ...(row.label === 'Statement'
            ? { searchText: '' }
            : { searchKeys: '', searchSkeletons: '' }),
          ...searchKeyProps(
            (row.label as string).toLowerCase(),
            row.props as Record<string, string | string[] | null>,
          ),
        },
      })),
    });
    total += rows.length;
  }
}
