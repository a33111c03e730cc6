import type { Database } from './db/neo4j.js';

/** Per-request context: created for every request, so loader caches never leak between users. */
export interface Context {
  db: Database;
}

export function createContext(db: Database): Context {
  return { db };
}
