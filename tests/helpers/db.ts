import { inject } from 'vitest';
import { migrate } from '../../src/db/migrations.js';
import { createDatabase, createDriver, type Database } from '../../src/db/neo4j.js';

export interface TestDatabase {
  db: Database;
  queries: () => number;
  clear(): Promise<void>;
  close(): Promise<void>;
}

/** A connection to the run's Neo4j, migrated and emptied, counting the queries it sends. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const { uri, user, password, database } = inject('neo4j');
  const driver = createDriver({ uri, user, password });
  let count = 0;
  const db = createDatabase(driver, { database, txTimeoutMs: 30_000, onQuery: () => (count += 1) });
  const clear = async () => {
    await db.write('MATCH (n) DETACH DELETE n');
  };
  await migrate(db);
  await clear();
  return { db, queries: () => count, clear, close: () => driver.close() };
}
