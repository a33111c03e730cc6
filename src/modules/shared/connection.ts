import { isDay, isUtcDateTime } from '../../calendar.js';
import { checkArguments, invalidInput } from '../../errors.js';
import { boundedInt } from './arguments.js';
import type { Connection } from './rows.js';

/**
 * Relay connections: page arguments, cursors (sort name, direction, value, id),
 * and the connection object. The Cypher side of a page is in keyset.ts.
 */

/** Page size cap: a client asking for more gets BAD_USER_INPUT, not a silent truncation. */
export const MAX_PAGE_SIZE = 100;

export type Direction = 'ASC' | 'DESC';

/**
 * A sort order from an allow-list: `expr` is Cypher over the alias `n`, written
 * here and never taken from input; `cast` turns the cursor's value back into
 * the type `expr` has.
 */
export interface SortSpec {
  /** Names the sort in cursors, so a cursor from another order is refused. */
  readonly name: string;
  /** Never null for any node of the list. */
  readonly expr: string;
  readonly cast: 'date' | 'datetime' | 'none';
}

export interface PageRequest {
  /** Rows to fetch: one more than the page, to know whether another follows. */
  limit: number;
  first: number;
  after: { value: unknown; id: string } | null;
  direction: Direction;
  sortName: string;
}

/**
 * `idPrefix`: the prefix of the list's ids ("statement", "meeting"): a cursor from
 * another list, whose id has another prefix, is refused rather than read as a
 * position in this one (a meeting's date would silently skip statements).
 */
export function pageRequest(
  args: { first?: number | null; after?: string | null },
  sort: SortSpec,
  direction: Direction,
  idPrefix: string,
): PageRequest {
  const [first, after] = checkArguments(
    () => boundedInt('first', args.first ?? 20, 0, MAX_PAGE_SIZE),
    () => (args.after ? decodeCursor(args.after, sort, direction, idPrefix) : null),
  );
  return { first, limit: first + 1, after, direction, sortName: sort.name };
}

/**
 * The resolvers of a connection type: `totalCount` counts when asked, through the
 * connection's function (a compiled query reads a field without a resolver as a
 * plain property, where graphql-js's default resolver would call a function).
 */
export const connectionResolvers = {
  totalCount: (connection: { totalCount: () => Promise<number> }) => connection.totalCount(),
};

export function toConnection<T extends { id: string }>(
  rows: Array<{ node: T; sortValue: unknown }>,
  page: PageRequest,
  totalCount: () => Promise<number>,
): Connection<T> {
  const edges = rows
    .slice(0, page.first)
    .map(({ node, sortValue }) => new Edge(node, sortValue, page));
  return {
    edges,
    pageInfo: new PageInfo(edges, rows.length > page.first, page.after !== null),
    totalCount,
  };
}

/**
 * A page's info, its cursors written when read. A class, not an object literal with getters:
 * V8 keeps such a literal's getters in an accessor pair of its own, allocated in the old
 * generation, and through the getters' closure that pair kept the whole page alive across
 * young-generation collections until the next full one (measured: a page of 100 statements
 * was promoted whole; README, Benchmarks).
 */
class PageInfo<T extends { id: string }> {
  constructor(
    private readonly edges: readonly Edge<T>[],
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
  ) {}

  get startCursor(): string | null {
    return this.edges[0]?.cursor ?? null;
  }

  get endCursor(): string | null {
    return this.edges.at(-1)?.cursor ?? null;
  }
}

/** An edge whose cursor is written when read: most requests read none of a page's 100. */
class Edge<T extends { id: string }> {
  constructor(
    readonly node: T,
    private readonly sortValue: unknown,
    private readonly page: PageRequest,
  ) {}

  get cursor(): string {
    return encodeCursor(this.page.sortName, this.page.direction, this.sortValue, this.node.id);
  }
}

function encodeCursor(sortName: string, direction: Direction, value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([sortName, direction, value, id])).toString('base64url');
}

/**
 * What a cursor's sort value may be, checked as strictly as the values this API
 * writes into cursors: a forged or corrupted cursor ("2024-02-30") is refused
 * here and never reaches Neo4j's date(), which would fail on it.
 */
const VALID_VALUE: Record<SortSpec['cast'], (value: unknown) => boolean> = {
  date: isDay,
  datetime: isUtcDateTime,
  none: (v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)),
};

/** The one reader of cursors: any refusal is BAD_USER_INPUT on `after`. */
function decodeCursor(
  cursor: string,
  sort: SortSpec,
  direction: Direction,
  idPrefix: string,
): { value: unknown; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4 || typeof parsed[3] !== 'string') {
    throw invalidInput([{ path: 'after', message: 'not a cursor this API issued' }]);
  }
  if (!parsed[3].startsWith(`${idPrefix}:`)) {
    throw invalidInput([
      { path: 'after', message: 'a cursor from another list; start again without it' },
    ]);
  }
  if (parsed[0] !== sort.name || parsed[1] !== direction) {
    throw invalidInput([
      { path: 'after', message: 'a cursor from another sort order; start again without it' },
    ]);
  }
  if (!VALID_VALUE[sort.cast](parsed[2])) {
    const what = { date: 'day', datetime: 'UTC date-time', none: 'string or number' }[sort.cast];
    throw invalidInput([
      {
        path: 'after',
        message: `not a cursor this API issued (its ${sort.name} value is no ${what})`,
      },
    ]);
  }
  return { value: parsed[2], id: parsed[3] };
}
