import { checkArguments } from '../../errors.js';
import { boundedText } from '../shared/arguments.js';
import type { Context } from '../shared/context.js';
import { pageRequest, toConnection, type Direction, type SortSpec } from '../shared/connection.js';
import type { Connection, NodeRow } from '../shared/rows.js';
import { LIST_ID_PREFIXES, LISTS, type ListType } from './nodes.repository.js';

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
  const nameContains = args.filter?.nameContains;
  const [, page] = checkArguments(
    () => nameContains && boundedText('filter.nameContains', nameContains, 200),
    () => pageRequest(args, sort, direction, LIST_ID_PREFIXES[type]),
  );
  const rows = await ctx.nodes.page(type, sort, direction, page, nameContains);
  for (const { node } of rows) ctx.loaders.node.prime(node.id, node);
  return toConnection(rows as Array<{ node: T; sortValue: unknown }>, page, () =>
    ctx.nodes.count(type, nameContains),
  );
}
