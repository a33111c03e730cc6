import { invalidInput } from '../../errors.js';
import type { Resolvers } from '../../generated/graphql.js';
import { MAX_PAGE_SIZE } from '../shared/connection.js';
import type { NodeRow } from '../shared/rows.js';
import {
  checkReferences,
  EXPECTED,
  findUnknown,
  listReferences,
  unknownIdsError,
} from '../references/references.js';

const byTypename = <T extends { __typename: string }>(row: T) => row.__typename as T['__typename'];

export const nodesResolvers: Resolvers = {
  Query: {
    // Null for an unknown id, as Relay has it, and a NOT_FOUND error saying so (with a suggestion).
    node: async (_, { id }, ctx) => {
      const row = await ctx.loaders.node.load(id);
      if (!row) await checkReferences(ctx, [{ path: 'id', id, expected: EXPECTED.any }]);
      return row;
    },
    nodes: async (_, { ids }, ctx) => {
      if (ids.length > MAX_PAGE_SIZE) {
        throw invalidInput([
          { path: 'ids', message: `must have at most ${MAX_PAGE_SIZE} ids, not ${ids.length}` },
        ]);
      }
      const rows = await ctx.loaders.node.loadMany(ids);
      const problems = new Map(
        (await findUnknown(ctx, listReferences('ids', ids, EXPECTED.any))).map((p) => [p.path, p]),
      );
      // An unknown id's entry is null, with a NOT_FOUND error located at it (`nodes[2]`).
      return rows.map((row, i) => {
        if (row instanceof Error) throw row;
        const problem = problems.get(`ids[${i}]`);
        return (problem ? unknownIdsError([problem]) : row) as NodeRow | null;
      });
    },
  },
  Node: { __resolveType: byTypename },
  Actor: { __resolveType: byTypename },
  StatementTargetNode: { __resolveType: byTypename },
  Mentionable: { __resolveType: byTypename },
  Location: { __resolveType: byTypename },
};
