import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, LocalDateResolver, URLResolver } from 'graphql-scalars';
import type { Resolvers } from './generated/graphql.js';
import { actorsResolvers } from './modules/actors/actors.resolvers.js';
import { editingResolvers } from './modules/editing/editing.resolvers.js';
import { exploreResolvers } from './modules/explore/explore.resolvers.js';
import { meetingsResolvers } from './modules/meetings/meetings.resolvers.js';
import { nodesResolvers } from './modules/nodes/nodes.resolvers.js';
import { sourcesResolvers } from './modules/sources/sources.resolvers.js';
import { statementsResolvers } from './modules/statements/statements.resolvers.js';

/** Days stay "YYYY-MM-DD" strings end to end (graphql-scalars' Date would make them JS Dates at midnight UTC). */
const DateScalar = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  name: 'Date',
  description: 'A calendar day, YYYY-MM-DD.',
});

const modules: Resolvers[] = [
  nodesResolvers,
  actorsResolvers,
  statementsResolvers,
  meetingsResolvers,
  sourcesResolvers,
  exploreResolvers,
  editingResolvers,
];

/** Each type's resolvers live in one module; only Query is shared, so it is the only one merged. */
export const resolvers: Resolvers = Object.assign(
  { Date: DateScalar, DateTime: DateTimeResolver, URL: URLResolver },
  ...modules,
  { Query: Object.assign({}, ...modules.map((m) => m.Query)) },
);
