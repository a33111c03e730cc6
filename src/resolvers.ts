import { DateTimeResolver, URLResolver } from 'graphql-scalars';
import { DateScalar } from './date-argument.js';
import type { Resolvers } from './generated/graphql.js';
import { actorsResolvers } from './modules/actors/actors.resolvers.js';
import { editingResolvers } from './modules/editing/editing.resolvers.js';
import { exploreResolvers } from './modules/explore/explore.resolvers.js';
import { meetingsResolvers } from './modules/meetings/meetings.resolvers.js';
import { nodesResolvers } from './modules/nodes/nodes.resolvers.js';
import { reviewResolvers } from './modules/review/review.resolvers.js';
import { sourcesResolvers } from './modules/sources/sources.resolvers.js';
import { statementsResolvers } from './modules/statements/statements.resolvers.js';
import { subscriptionsResolvers } from './modules/subscriptions/subscriptions.resolvers.js';
import { webhooksResolvers } from './modules/webhooks/webhooks.resolvers.js';

const modules: Resolvers[] = [
  nodesResolvers,
  actorsResolvers,
  statementsResolvers,
  meetingsResolvers,
  sourcesResolvers,
  exploreResolvers,
  editingResolvers,
  subscriptionsResolvers,
  webhooksResolvers,
  reviewResolvers,
];

/** Each type's resolvers live in one module; only Query and Mutation are shared, so only they are merged. */
export const resolvers: Resolvers = Object.assign(
  { Date: DateScalar, DateTime: DateTimeResolver, URL: URLResolver },
  ...modules,
  {
    Query: Object.assign({}, ...modules.map((m) => m.Query)),
    Mutation: Object.assign({}, ...modules.map((m) => m.Mutation)),
  },
);
