import type { Principal } from './auth.js';
import type { Database } from './db/neo4j.js';
import type { StatementEvents } from './events/statement-events.js';
import type { Webhooks } from './webhooks/webhooks.service.js';
import { createEditingService, type EditingService } from './modules/editing/editing.service.js';
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
  /** Who is calling: from the bearer token, null without one. */
  principal: Principal | null;
  editing: EditingService;
  /** The process's statement events (live subscriptions); null outside the service. */
  events: StatementEvents | null;
  /** Saved searches and their webhooks; null outside the service. */
  webhooks: Webhooks | null;
  /** Fresh loaders, so reads after a write in the same request never see cached rows. */
  clearLoaders(): void;
}

export function createContext(
  db: Database,
  principal: Principal | null = null,
  events: StatementEvents | null = null,
  webhooks: Webhooks | null = null,
): Context {
  const nodes = createNodesRepository(db);
  const statements = createStatementsRepository(db);
  const loaders = () => ({ ...createNodeLoaders(nodes), ...createStatementLoaders(statements) });
  return {
    nodes,
    statements,
    explore: createExploreRepository(db),
    loaders: loaders(),
    principal,
    editing: createEditingService(db, events ?? undefined),
    events,
    webhooks,
    // `this`: yoga copies these fields onto its own context object, which resolvers get.
    clearLoaders(this: Context) {
      this.loaders = loaders();
    },
  };
}
