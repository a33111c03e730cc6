import type { StatementFilter as FilterInput, StatementOrder } from '../../generated/graphql.js';
import type { Context } from '../shared/context.js';
import { pageRequest, toConnection } from '../shared/connection.js';
import type { PositionRow } from '../shared/rows.js';
import { checkReferences } from '../references/references.js';
import { checkFilter, filterReferences, narrow } from './statements.filter.js';
import { STATEMENT_SORTS } from './statements.repository.js';

export interface StatementListArgs {
  filter?: FilterInput | null;
  orderBy?: StatementOrder | null;
  first?: number | null;
  after?: string | null;
}

/** Statements as a connection; `within` pins one id list (an actor's, a topic's, …). */
export async function statementConnection(
  ctx: Context,
  args: StatementListArgs,
  within?: { key: Parameters<typeof narrow>[1]; id: string },
) {
  const checked = checkFilter(args.filter);
  const filter = within ? narrow(checked, within.key, within.id) : checked;
  const field = args.orderBy?.field ?? 'DATE';
  const direction = args.orderBy?.direction ?? 'DESC';
  const page = pageRequest(args, STATEMENT_SORTS[field], direction);
  // The ids are checked while the page is read: an unknown one fails the field, never empties it.
  const [, rows] = await Promise.all([
    checkReferences(ctx, filterReferences(checked)),
    ctx.statements.page(filter, field, direction, page),
  ]);
  for (const { node, links } of rows) {
    ctx.loaders.node.prime(node.id, node);
    ctx.loaders.statementLinks.prime(node.id, links);
  }
  return toConnection(rows, page, () => ctx.statements.count(filter));
}

/** Posts overlapping the statement's date range: held on (one of) the days it covers. */
export function heldDuring(p: PositionRow, start: string, end: string): boolean {
  return (!p.fromStart || p.fromStart <= end) && (!p.toEnd || p.toEnd >= start);
}
