import type { Principal } from '../../auth.js';
import type { StatementEvents } from '../../events/statement-events.js';
import type { Webhooks } from '../../webhooks/webhooks.service.js';
import type { EditingService } from '../editing/editing.service.js';
import type { ExploreRepository } from '../explore/explore.repository.js';
import type { NodeLoaders } from '../nodes/nodes.loaders.js';
import type { NodesRepository } from '../nodes/nodes.repository.js';
import type { ReviewLoaders } from '../review/review.loaders.js';
import type { ReviewService } from '../review/review.service.js';
import type { StatementLoaders } from '../statements/statements.loaders.js';
import type { StatementsRepository } from '../statements/statements.repository.js';

/** Per-request context: created for every request, so loader caches never leak between users. */
export interface Context {
  nodes: NodesRepository;
  statements: StatementsRepository;
  explore: ExploreRepository;
  loaders: NodeLoaders & StatementLoaders & ReviewLoaders;
  /** Who is calling: from the bearer token, null without one. */
  principal: Principal | null;
  editing: EditingService;
  /** The process's statement events (live subscriptions); null outside the service. */
  events: StatementEvents | null;
  /** Saved searches and their webhooks; null outside the service. */
  webhooks: Webhooks | null;
  /** Articles and their candidate statements (schema/review.graphql). */
  review: ReviewService;
  /** Fresh loaders, so reads after a write in the same request never see cached rows. */
  clearLoaders(): void;
}
