import type { Principal } from './auth.js';
import type { Context } from './modules/shared/context.js';
import type { Database } from './db/neo4j.js';
import type { StatementEvents } from './events/statement-events.js';
import type { Webhooks } from './webhooks/webhooks.service.js';
import { createEditingService } from './modules/editing/editing.service.js';
import { createExploreRepository } from './modules/explore/explore.repository.js';
import { createNodeLoaders } from './modules/nodes/nodes.loaders.js';
import { createNodesRepository } from './modules/nodes/nodes.repository.js';
import { createReviewLoaders } from './modules/review/review.loaders.js';
import { createReviewRepository } from './modules/review/review.repository.js';
import { createReviewService, type ReviewOptions } from './modules/review/review.service.js';
import { createStatementLoaders } from './modules/statements/statements.loaders.js';
import { createStatementsRepository } from './modules/statements/statements.repository.js';

export type { Context };

export function createContext(
  db: Database,
  principal: Principal | null = null,
  events: StatementEvents | null = null,
  webhooks: Webhooks | null = null,
  reviewOptions: ReviewOptions,
): Context {
  const nodes = createNodesRepository(db);
  const statements = createStatementsRepository(db);
  const review = createReviewRepository(db);
  const editing = createEditingService(db, events ?? undefined);
  const loaders = () => ({
    ...createNodeLoaders(nodes),
    ...createStatementLoaders(statements),
    ...createReviewLoaders(review),
  });
  return {
    nodes,
    statements,
    explore: createExploreRepository(db),
    loaders: loaders(),
    principal,
    editing,
    events,
    webhooks,
    review: createReviewService(db, editing, reviewOptions, review),
    // `this`: yoga copies these fields onto its own context object, which resolvers get.
    clearLoaders(this: Context) {
      this.loaders = loaders();
    },
  };
}
