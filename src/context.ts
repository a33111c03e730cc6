import type { Database } from './db/neo4j.js';
import {
  createExploreRepository,
  type ExploreRepository,
} from './modules/explore/explore.repository.js';
import { createNodeLoaders, type NodeLoaders } from './modules/nodes/nodes.loaders.js';
import { createNodesRepository, type NodesRepository } from './modules/nodes/nodes.repository.js';
import {
  createStatementLoaders,
  type StatementLoaders,
} from './modules/statements/statements.loaders.js';
import {
  createStatementsRepository,
  type StatementsRepository,
} from './modules/statements/statements.repository.js';

/** Per-request context: created for every request, so loader caches never leak between users. */
export interface Context {
  nodes: NodesRepository;
  statements: StatementsRepository;
  explore: ExploreRepository;
  loaders: NodeLoaders & StatementLoaders;
}

export function createContext(db: Database): Context {
  const nodes = createNodesRepository(db);
  const statements = createStatementsRepository(db);
  return {
    nodes,
    statements,
    explore: createExploreRepository(db),
    loaders: { ...createNodeLoaders(nodes), ...createStatementLoaders(statements) },
  };
}
