import type { StatementFilter as FilterInput, StatementOrder } from '../../generated/graphql.js';
import type { Context } from '../shared/context.js';
import { pageRequest, toConnection } from '../shared/connection.js';
import type { PositionRow } from '../shared/rows.js';
import { checkReferences } from '../references/references.js';
import { checkFilter, filterReferences, narrow } from './statements.filter.js';
import { LINKED_FIELDS, STATEMENT_SORTS, type LinkedField } from './statements.repository.js';
import { selectedFields } from '../shared/selection.js';
import type { GraphQLResolveInfo } from 'graphql';

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
  info?: GraphQLResolveInfo,
) {
  const checked = checkFilter(args.filter, 'filter', within?.key === 'speakerIds');
  const filter = within ? narrow(checked, within.key, within.id) : checked;
  const field = args.orderBy?.field ?? 'DATE';
  const direction = args.orderBy?.direction ?? 'DESC';
  const page = pageRequest(args, STATEMENT_SORTS[field], direction);
  const refs = filterReferences(checked);
  // One query reads the page, the nodes its links point to and the filter's ids ask for, and the total.
  const rows = await ctx.statements.page(filter, field, direction, page, {
    linked: info ? linkedFieldsAskedFor(info) : [],
    anchorIds: refs.map((r) => r.id),
    count: info ? selectedFields(info, []).has('totalCount') : false,
  });
  for (const { node, links, linked, anchors } of rows) {
    ctx.loaders.node.prime(node.id, node);
    ctx.loaders.statementLinks.prime(node.id, links);
    for (const other of linked) ctx.loaders.node.prime(other.id, other);
    for (const other of anchors) ctx.loaders.node.prime(other.id, other);
  }
  // An unknown id fails the field, never empties it (read from the loader: no query when the page had rows).
  await checkReferences(ctx, refs);
  const total = rows[0]?.total;
  return toConnection(rows, page, () =>
    typeof total === 'number' ? Promise.resolve(total) : ctx.statements.count(filter),
  );
}

/** The links whose nodes the request reads on this page's statements. */
function linkedFieldsAskedFor(info: GraphQLResolveInfo): LinkedField[] {
  const fields = selectedFields(info, ['edges', 'node']);
  return LINKED_FIELDS.filter((field) => fields.has(field));
}

/**
 * Posts overlapping a date range: held on (one of) the days it covers. A post
 * with no known start date is not held on any date by inference (it would be
 * held on every date before its end): only where a statement names it as its post.
 */
export function heldDuring(p: PositionRow, start: string, end: string): boolean {
  return Boolean(p.fromStart) && p.fromStart! <= end && (!p.toEnd || p.toEnd >= start);
}

/** The posts the statement's speakers hold or held, by id. */
async function speakersPosts(ctx: Context, speakers: string[]): Promise<PositionRow[]> {
  const lists = await ctx.loaders.related<PositionRow>('positionsHeld').loadMany(speakers);
  return lists.flatMap((list) => (list instanceof Error ? [] : list));
}

/** A position (a post some speaker holds) by id, or null. */
export async function positionOf(ctx: Context, speakers: string[], id: string | null) {
  if (!id) return null;
  return (await speakersPosts(ctx, speakers)).find((p) => p.id === id) ?? null;
}

/** The capacity a statement was made in: its named post, else its speakers' posts held on its date. */
export async function capacity(
  ctx: Context,
  links: { speakers: string[]; post: string | null },
  start: string,
  end: string,
): Promise<PositionRow[]> {
  const posts = await speakersPosts(ctx, links.speakers);
  return links.post
    ? posts.filter((p) => p.id === links.post)
    : posts.filter((p) => heldDuring(p, start, end));
}
