import type { Database } from './neo4j.js';

/**
 * The schema of the graph, applied at every start and in tests. Every statement
 * is idempotent (IF NOT EXISTS), so running them again changes nothing.
 */

/** Every node carries :Entity as well, so `node(id)` is one index lookup and ids are unique across kinds. */
export const NODE_LABELS = [
  'Entity',
  'Person',
  'Organization',
  'Country',
  'Place',
  'Topic',
  'Meeting',
  'Source',
  'Statement',
] as const;

const constraints = NODE_LABELS.map(
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
  // Full-text: another spelling of a name finds the same actor.
  `CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (n:Person|Organization|Country|Place) ON EACH [n.name, n.aliases]`,
  `CREATE FULLTEXT INDEX statement_text IF NOT EXISTS FOR (n:Statement) ON EACH [n.text]`,
  `CREATE FULLTEXT INDEX titles IF NOT EXISTS FOR (n:Meeting|Topic|Source) ON EACH [n.title, n.aliases]`,
];

export const MIGRATIONS: readonly string[] = [...constraints, ...indexes];

export async function migrate(db: Database): Promise<void> {
  // Schema changes cannot share a transaction with each other.
  for (const statement of MIGRATIONS) {
    await db.write(statement);
  }
  await db.write('CALL db.awaitIndexes(300)');
}
