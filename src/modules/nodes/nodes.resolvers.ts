import { badInput } from '../../errors.js';
import type { Resolvers } from '../../generated/graphql.js';
import { MAX_PAGE_SIZE } from '../shared/connection.js';

const byTypename = <T extends { __typename: string }>(row: T) => row.__typename as T['__typename'];

export const nodesResolvers: Resolvers = {
  Query: {
    node: (_, { id }, ctx) => ctx.loaders.node.load(id),
    nodes: async (_, { ids }, ctx) => {
      if (ids.length > MAX_PAGE_SIZE) {
        throw badInput(`nodes takes at most ${MAX_PAGE_SIZE} ids.`, [
          { path: 'ids', message: `at most ${MAX_PAGE_SIZE}` },
        ]);
      }
      return ctx.loaders.node
        .loadMany(ids)
        .then((rows) => rows.map((row) => (row instanceof Error ? null : row)));
    },
  },
  Node: { __resolveType: byTypename },
  Actor: { __resolveType: byTypename },
  StatementTargetNode: { __resolveType: byTypename },
  Mentionable: { __resolveType: byTypename },
  Location: { __resolveType: byTypename },
};
