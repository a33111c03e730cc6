import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { GraphQLError, GraphQLScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compiledQueries } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';

const Day = new GraphQLScalarType({
  name: 'Day',
  serialize: (value) => value,
  parseValue: (value) => {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
      throw new GraphQLError('Not a day.', { extensions: { code: 'BAD_USER_INPUT' } });
    return { day: value };
  },
});

/** A schema with what the API's queries meet: interfaces, lists, non-null, scalars, errors. */
const schema = createSchema({
  typeDefs: /* GraphQL */ `
    scalar Day
    enum Kind {
      A
      B
    }
    input Filter {
      kinds: [Kind!]
      from: Day
      first: Int = 2
    }
    interface Named {
      id: ID!
      name: String!
    }
    type Person implements Named {
      id: ID!
      name: String!
      friends: [Named!]!
    }
    type Topic implements Named {
      id: ID!
      name: String!
      title: String
    }
    type Query {
      things(filter: Filter): [Named!]!
      echo(day: Day!, kinds: [Kind!]): String!
      failing: String
      coded: String
      strict: Person!
      list: [Person]
      executor: String
    }
    type Mutation {
      touch: Boolean
    }
  `,
  resolvers: {
    Day,
    Named: { __resolveType: (x: { title?: string }) => ('title' in x ? 'Topic' : 'Person') },
    Person: { friends: async () => [{ id: 't1', name: 'T', title: 'Topic one' }] },
    Query: {
      things: (_: unknown, { filter }: { filter?: { first: number } }) =>
        [
          { id: 'p1', name: 'P' },
          { id: 't1', name: 'T', title: 'Topic one' },
          { id: 'p2', name: 'Q' },
        ].slice(0, filter?.first ?? 3),
      echo: (_: unknown, args: unknown) => JSON.stringify(args),
      failing: () => {
        throw new Error('secret: bolt://db:7687 refused');
      },
      coded: async () => {
        throw new GraphQLError('No such thing.', { extensions: { code: 'NOT_FOUND' } });
      },
      strict: () => ({ id: 'p1', name: null }),
      list: () => [{ id: 'p1', name: 'P' }, null, { id: 'p3', name: null }],
      executor: (_: unknown, __: unknown, ___: unknown, info: object) =>
        'fieldNodes' in info && 'operation' in info ? 'ok' : 'missing',
    },
    Mutation: { touch: () => true },
  },
});

function yoga(plugins: Plugin[]) {
  const app = createYoga({ schema, plugins, logging: false, maskedErrors: true });
  return async (query: string, variables?: Record<string, unknown>) =>
    (
      await app.fetch('http://x/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      })
    ).text();
}

const plain = yoga([]);
const compiled = yoga([compiledQueries(createLogger('silent'))]);

const REQUESTS: Array<[string, Record<string, unknown>?]> = [
  ['{ things { id name ... on Topic { title } ... on Person { friends { name __typename } } } }'],
  [
    'query ($f: Filter) { things(filter: $f) { __typename id } }',
    { f: { first: 1, kinds: ['A'] } },
  ],
  ['query ($f: Filter) { things(filter: $f) { id } }', { f: { kinds: ['C'] } }],
  ['query ($f: Filter) { things(filter: $f) { id } }', { f: { from: '2024-13' } }],
  ['query ($f: Filter) { things(filter: $f) { id } }', { f: { first: 'two' } }],
  ['query ($d: Day!) { echo(day: $d) }', { d: '2024-06-01' }],
  ['query ($d: Day!) { echo(day: $d) }', { d: 'June' }],
  ['query ($d: Day!) { echo(day: $d) }', {}],
  ['query ($d: Day!) { echo(day: $d) }', { d: null }],
  ['query ($d: Day!, $k: [Kind!]) { echo(day: $d, kinds: $k) }', { d: '2024-06-01', k: 'A' }],
  ['{ failing }'],
  ['{\n  a: coded\n  b: failing\n  things { id }\n}'],
  ['{ strict { id name } }'],
  ['{ list { id name } }'],
  ['query Two { failing } query One { coded }'],
  ['mutation { touch }'],
];

describe('compiledQueries (graphql-jit for queries)', () => {
  it.each(REQUESTS)('answers %s as yoga executor does, byte for byte', async (query, variables) => {
    expect(await compiled(query, variables)).toBe(await plain(query, variables));
  });

  it('masks unexpected errors and keeps codes and locations (the synchronous error first)', async () => {
    const body = JSON.parse(await compiled('{\n  a: coded\n  b: failing\n}'));
    expect(body.errors).toEqual([
      {
        message: 'Unexpected error.',
        locations: [{ line: 3, column: 3 }],
        path: ['b'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
      {
        message: 'No such thing.',
        locations: [{ line: 2, column: 3 }],
        path: ['a'],
        extensions: { code: 'NOT_FOUND' },
      },
    ]);
  });

  it('gives resolvers the resolve info they read', async () => {
    expect(JSON.parse(await compiled('{ executor }'))).toEqual({ data: { executor: 'ok' } });
  });
});
