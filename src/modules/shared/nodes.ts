import type { NodeRow } from './rows.js';
import type { Context } from './context.js';

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
