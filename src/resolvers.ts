import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver, LocalDateResolver, URLResolver } from 'graphql-scalars';
import { checkDay } from './calendar.js';
import type { Resolvers } from './generated/graphql.js';
import { actorsResolvers } from './modules/actors/actors.resolvers.js';
import { editingResolvers } from './modules/editing/editing.resolvers.js';
import { exploreResolvers } from './modules/explore/explore.resolvers.js';
import { meetingsResolvers } from './modules/meetings/meetings.resolvers.js';
import { nodesResolvers } from './modules/nodes/nodes.resolvers.js';
import { sourcesResolvers } from './modules/sources/sources.resolvers.js';
import { statementsResolvers } from './modules/statements/statements.resolvers.js';
import { subscriptionsResolvers } from './modules/subscriptions/subscriptions.resolvers.js';
import { webhooksResolvers } from './modules/webhooks/webhooks.resolvers.js';

/** A Date argument, read by the calendar: a refusal says why ("February 2023 has 28 days"). */
function parseDay(value: unknown): string {
  const checked = checkDay(value);
  if (checked.ok) return checked.value;
  // graphql-js puts the variable or literal before this: `…got invalid value "2023-02-29"; February 2023 has 28 days.`
  const { message } = checked;
  throw new GraphQLError(
    message.startsWith('must')
      ? `A Date ${message}.`
      : `${message.charAt(0).toUpperCase()}${message.slice(1)}.`,
  );
}

/** Days stay "YYYY-MM-DD" strings end to end (graphql-scalars' Date would make them JS Dates at midnight UTC). */
const DateScalar = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  name: 'Date',
  description: 'A calendar day, YYYY-MM-DD, years 0001 to 9999.',
  parseValue: parseDay,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('A Date is a string, YYYY-MM-DD.');
    return parseDay(ast.value);
  },
});

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
