import { readFileSync } from 'node:fs';
import type { Database } from '../../src/db/neo4j.js';
import type { Dataset } from '../../src/records/dataset.js';

export const SEED_FILE = 'seed/statement-graph.json';

export const readSeed = (): Dataset => JSON.parse(readFileSync(SEED_FILE, 'utf8')) as Dataset;

/** Node counts per label and relationship counts per type: a fingerprint of the graph's shape. */
export async function graphCounts(db: Database): Promise<Record<string, number>> {
  const nodes = await db.read(
    `MATCH (n) UNWIND labels(n) AS label RETURN 'node:' + label AS key, count(*) AS n ORDER BY key`,
  );
  const rels = await db.read(
    `MATCH ()-[r]->() RETURN 'rel:' + type(r) AS key, count(*) AS n ORDER BY key`,
  );
  return Object.fromEntries([...nodes, ...rels].map((row) => [row.key as string, row.n as number]));
}
