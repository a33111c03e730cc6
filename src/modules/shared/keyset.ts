import type { Direction, PageRequest, SortSpec } from './connection.js';

/**
 * Keyset pagination in Cypher: fragments over the alias `n` built only from an
 * allow-listed SortSpec. Imported by repositories only.
 */

/**
 * Cypher condition for rows after the cursor in (sort value, id) order; uses
 * $afterValue, $afterId. Written as a range on the sort value plus a tie-break
 * (not an OR of two cases) so Neo4j can keep reading an index in order.
 */
export function afterCondition(sort: SortSpec, direction: Direction): string {
  const value = sort.cast === 'none' ? '$afterValue' : `${sort.cast}($afterValue)`;
  const [op, opOrEqual] = direction === 'ASC' ? ['>', '>='] : ['<', '<='];
  return `${sort.expr} ${opOrEqual} ${value} AND (${sort.expr} ${op} ${value} OR n.id ${op} $afterId)`;
}

/**
 * Every allow-listed sort value is non-null by construction; saying so lets Neo4j
 * answer ORDER BY … LIMIT from a range index (statement dates) instead of sorting all rows.
 */
export function sortable(sort: SortSpec): string {
  return `${sort.expr} IS NOT NULL`;
}

// The order keyword from a fixed table: the GraphQL enum checks it, this keeps input out of Cypher regardless.
const ORDER: Record<Direction, string> = { ASC: 'ASC', DESC: 'DESC' };

export function orderClause(sort: SortSpec, direction: Direction): string {
  const order = Object.hasOwn(ORDER, direction) ? ORDER[direction] : undefined;
  if (!order) throw new Error(`not a sort direction: ${String(direction)}`);
  return `ORDER BY ${sort.expr} ${order}, n.id ${order}`;
}

/**
 * The sort value a row returns for its cursor. A date as text from Neo4j, the form a cursor
 * carries: the driver builds a Date from 64-bit integer arithmetic, and for a page of 100 that
 * conversion was about a third of the bytes our API allocated per request (see README, Benchmarks).
 */
export function sortValue(sort: SortSpec): string {
  return sort.cast === 'date' ? `toString(${sort.expr})` : sort.expr;
}

export function pageParams(page: PageRequest) {
  return { afterValue: page.after?.value ?? null, afterId: page.after?.id ?? null };
}
