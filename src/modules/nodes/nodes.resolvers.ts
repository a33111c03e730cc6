import type { Context } from '../../context.js';
import { badInput } from '../../errors.js';
import type { Resolvers } from '../../generated/graphql.js';
import {
  MAX_PAGE_SIZE,
  pageRequest,
  toConnection,
  type Direction,
  type SortSpec,
} from '../pagination.js';
import type { Connection, NodeRow } from '../rows.js';
import { LISTS, type ListType } from './nodes.repository.js';

/** Nodes by id through the request's loader; ids that do not resolve are left out. */
export async function nodesByIds<T extends NodeRow = NodeRow>(
  ctx: Context,
  ids: readonly string[],
): Promise<T[]> {
  const rows = await ctx.loaders.node.loadMany(ids);
  return rows.filter((row): row is T => row !== null && !(row instanceof Error));
}

export async function nodeById<T extends NodeRow = NodeRow>(
  ctx: Context,
  id: string | null | undefined,
) {
  return id ? ((await ctx.loaders.node.load(id)) as T | null) : null;
}

export interface ListArgs {
  first?: number | null;
  after?: string | null;
  orderBy?: { field?: string | null; direction?: Direction | null } | null;
  filter?: { nameContains?: string | null } | null;
}

/** A root list of one type as a Relay connection. */
export async function nodeConnection<T extends NodeRow>(
  ctx: Context,
  type: ListType,
  args: ListArgs,
  defaults: { field: string; direction: Direction },
): Promise<Connection<T>> {
  const field = args.orderBy?.field ?? defaults.field;
  const direction = args.orderBy?.direction ?? defaults.direction;
  const sort = (LISTS[type] as Record<string, SortSpec>)[field]!;
  const page = pageRequest(args, sort, direction);
  const nameContains = args.filter?.nameContains;
  if (nameContains && nameContains.length > 200) {
    throw badInput('filter.nameContains is too long.', [
      { path: 'filter.nameContains', message: 'at most 200 characters' },
    ]);
  }
  const rows = await ctx.nodes.page(type, sort, direction, page, nameContains);
  for (const { node } of rows) ctx.loaders.node.prime(node.id, node);
  return toConnection(rows as Array<{ node: T; sortValue: unknown }>, page, () =>
    ctx.nodes.count(type, nameContains),
  );
}

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
