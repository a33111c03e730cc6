import type { StatementFilter as FilterInput, StatementOrder } from '../../generated/graphql.js';
import { checkArguments } from '../../errors.js';
import type { Context } from '../shared/context.js';
import { pageRequest, toConnection } from '../shared/connection.js';
import { ID_PREFIXES } from '../../records/dataset.js';
import type { NodeRow, PositionRow } from '../shared/rows.js';
import { nodesByIds } from '../shared/nodes.js';
import { checkReferences } from '../references/references.js';
import { checkFilter, filterReferences, narrow } from './statements.filter.js';
import {
  LINKED_FIELDS,
  STATEMENT_LISTS,
  STATEMENT_SORTS,
  type LinkKey,
  type LinkedField,
  type LinkedRead,
  type StatementLinks,
  type StatementRead,
} from './statements.repository.js';
import { perSelection, plainProperties, selectedFields } from '../shared/selection.js';
import { getNamedType, isLeafType, isObjectType, type GraphQLResolveInfo } from 'graphql';

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
  const field = args.orderBy?.field ?? 'DATE';
  const direction = args.orderBy?.direction ?? 'DESC';
  const [checked, page] = checkArguments(
    () => checkFilter(args.filter, 'filter', within?.key === 'speakerIds'),
    () => pageRequest(args, STATEMENT_SORTS[field], direction, ID_PREFIXES.statement),
  );
  const filter = within ? narrow(checked, within.key, within.id) : checked;
  const refs = filterReferences(checked);
  // One query reads the page, the nodes its links point to and the filter's ids ask for, and the total.
  const asked = info ? askedFor(info) : { linked: {}, count: false, statements: 'whole' as const };
  const reads = asked.linked;
  const rows = await ctx.statements.page(filter, field, direction, page, {
    ...asked,
    anchorIds: refs.map((r) => r.id),
  });
  const edges = rows.map(({ node, sortValue, links, linked, anchors, partial }) => {
    if (!partial) {
      ctx.loaders.node.prime(node.id, node);
      ctx.loaders.statementLinks.prime(node.id, links as StatementLinks);
    }
    for (const other of anchors) ctx.loaders.node.prime(other.id, other);
    // Loops over keys, not Object.entries: no pair arrays for each of a page's rows.
    let partialNodes: LinkedNodes | undefined;
    for (const field in linked) {
      const nodes = linked[field as LinkedField]!;
      if (reads[field as LinkedField] === 'whole') {
        for (const other of nodes) ctx.loaders.node.prime(other.id, other);
      } else (partialNodes ??= {})[field as LinkedField] = nodes;
    }
    // A partially read statement is this page's own (never in the loader): its links and linked
    // nodes go on it. The loader keeps a whole one as it is: its partial linked nodes go with this
    // edge's copy only.
    if (partial) {
      const own = node as StatementRowWithReads;
      own[LINKS] = links;
      if (partialNodes) own[LINKED] = partialNodes;
      return { node, sortValue };
    }
    return { node: partialNodes ? { ...node, [LINKED]: partialNodes } : node, sortValue };
  });
  // An unknown id fails the field, never empties it (read from the loader: no query when the page had rows).
  await checkReferences(ctx, refs);
  const total = rows[0]?.total;
  return toConnection(edges, page, () =>
    typeof total === 'number' ? Promise.resolve(total) : ctx.statements.count(filter),
  );
}

/** What a page's request reads of its statements, their linked nodes and the total (per selection). */
const askedFor = perSelection((info) => ({
  linked: linkedFieldsAskedFor(info),
  count: selectedFields(info, []).has('totalCount'),
  statements: statementReadAskedFor(info),
}));

/**
 * Linked nodes a page read with only the properties its request selects below
 * the link, per link and id: the link's resolver answers from them (see
 * `linkedNodes`). They are never put in the node loader, which answers any field.
 */
export const LINKED = Symbol('linked nodes read with the page');

/** Per link, its few nodes as read: looked up by id in the list (a Map per link and row cost more). */
type LinkedNodes = Partial<Record<LinkedField, readonly NodeRow[]>>;

/**
 * A partially read statement's links (only the keys its request selects): the
 * link resolvers answer from them (see `statementLinks`), never the loader.
 */
export const LINKS = Symbol('links read with the page');

/** A statement a page read partially, with what it read for its link fields. */
type StatementRowWithReads = { [LINKS]?: Partial<StatementLinks>; [LINKED]?: LinkedNodes };

/** A value at once, or a promise of it: a page's own reads answer at once, the loaders later. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * `next` of `value`: at once when `value` is no promise (a hundred statements' links make
 * no promises). Not named `then`: a module exporting `then` is a thenable to `import()`.
 */
export function andThen<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>) {
  return value instanceof Promise ? value.then(next) : next(value);
}

/**
 * The links of `statement` at `keys`: those its page read for this request when
 * it read them all (at once), else the loader's (every link, in one batched query).
 */
export function statementLinks(
  ctx: Context,
  statement: { id: string },
  key: LinkKey,
  also?: LinkKey,
): MaybePromise<StatementLinks> {
  // Two keys at most, not a rest list: no array for each link field of a page's statements.
  const read = (statement as StatementRowWithReads)[LINKS];
  if (read && Object.hasOwn(read, key) && (also === undefined || Object.hasOwn(read, also)))
    return read as StatementLinks;
  return ctx.loaders.statementLinks.load(statement.id).then((links) => links!);
}

/** What a field of Statement reads of the statement: properties and link keys. */
type FieldNeeds = { properties?: readonly string[]; links?: readonly LinkKey[] };

/**
 * What each field of Statement with a resolver of its own reads of the statement:
 * properties and link keys (the resolvers in statements.resolvers.ts). A field
 * with a resolver not listed here makes a page read its statements whole.
 */
const STATEMENT_FIELD_NEEDS: Record<string, FieldNeeds> = {
  date: { properties: ['date', 'datePrecision', 'dateStart', 'dateEnd'] },
  figures: { properties: ['figures'] },
  quotes: { properties: ['quotes'] },
  approximate: { properties: ['approximate'] },
  speaker: { links: ['speakers'] },
  speakers: { links: ['speakers'] },
  onBehalfOf: { links: ['onBehalfOf'] },
  post: { links: ['speakers', 'post'] },
  speakingAs: { properties: ['dateStart', 'dateEnd'], links: ['speakers', 'post'] },
  representing: { links: ['speakers'] },
  about: { links: ['about'] },
  topics: { links: ['topics'] },
  mentions: { links: ['mentions'] },
  meeting: { links: ['meeting'] },
  sources: { links: ['sources'] },
  route: {},
  // The links between statements, both ways: each list its own key.
  ...Object.fromEntries(STATEMENT_LISTS.map((key) => [key, { links: [key] }])),
};

/**
 * How a page reads its statements: only the properties and links the request's
 * fields of them need (a plain field is its property; see STATEMENT_FIELD_NEEDS
 * for the others), else whole when it selects a field this does not know.
 */
function statementReadAskedFor(info: GraphQLResolveInfo): StatementRead {
  const type = info.schema.getType('Statement');
  if (!isObjectType(type)) return 'whole';
  const fields = type.getFields();
  const properties = new Set(['id']);
  const links = new Set<LinkKey>();
  for (const name of selectedFields(info, ['edges', 'node'])) {
    if (name.startsWith('__')) continue;
    const field = fields[name];
    if (!field) return 'whole';
    const needs: FieldNeeds | null =
      name === 'date'
        ? datePartsAskedFor(info)
        : Object.hasOwn(STATEMENT_FIELD_NEEDS, name)
          ? STATEMENT_FIELD_NEEDS[name]!
          : null;
    if (needs) {
      for (const p of needs.properties ?? []) properties.add(p);
      for (const l of needs.links ?? []) links.add(l);
    } else if (!field.resolve && isLeafType(getNamedType(field.type))) properties.add(name);
    else return 'whole';
  }
  return { properties: [...properties], links: [...links] };
}

/** The property each field of a statement's `date` (a PartialDate) is read from (see `partialDate`). */
const DATE_PARTS: Record<string, string> = {
  text: 'date',
  precision: 'datePrecision',
  start: 'dateStart',
  end: 'dateEnd',
};

/** What a statement's `date` reads: the properties of the fields the request selects of it. */
function datePartsAskedFor(info: GraphQLResolveInfo): FieldNeeds {
  const properties = new Set(['date']);
  for (const name of selectedFields(info, ['edges', 'node', 'date'])) {
    if (name.startsWith('__')) continue;
    if (!Object.hasOwn(DATE_PARTS, name)) return STATEMENT_FIELD_NEEDS.date!;
    properties.add(DATE_PARTS[name]!);
  }
  return { properties: [...properties] };
}

/** Where the page's link paths lead below a statement: the objects the projection is for. */
const LINK_PATHS: Record<LinkedField, readonly string[]> = {
  speaker: ['speaker'],
  about: ['about', 'target'],
  topics: ['topics'],
  mentions: ['mentions'],
  meeting: ['meeting'],
  sources: ['sources', 'source'],
};

/**
 * The links whose nodes the request reads on this page's statements, and how:
 * only the properties it selects when they are all plain ones, else whole.
 */
function linkedFieldsAskedFor(info: GraphQLResolveInfo): Partial<Record<LinkedField, LinkedRead>> {
  const fields = selectedFields(info, ['edges', 'node']);
  return Object.fromEntries(
    LINKED_FIELDS.filter((field) => fields.has(field)).map((field) => [
      field,
      plainProperties(info, ['edges', 'node', ...LINK_PATHS[field]]) ?? 'whole',
    ]),
  );
}

/**
 * The nodes of `ids` for a statement's link `field`: from the properties its page
 * read for this request when it did (at once), else through the node loader (whole);
 * ids that do not resolve are left out.
 */
export function linkedNodes<T extends NodeRow>(
  ctx: Context,
  statement: object,
  field: LinkedField,
  ids: readonly string[],
): MaybePromise<T[]> {
  const read = (statement as StatementRowWithReads)[LINKED]?.[field];
  if (!read) return nodesByIds<T>(ctx, ids);
  // The page read them in the order of the link's ids (see `splitPartial`): then the list as read.
  if (read.length === ids.length && sameIds(read, ids)) return read as T[];
  const nodes: T[] = [];
  for (const id of ids) {
    const node = findById(read, id);
    if (!node) return nodesByIds<T>(ctx, ids);
    nodes.push(node as T);
  }
  return nodes;
}

/** The one node `id` of a statement's link `field` as its page read it, if it did. */
export function linkedNode<T extends NodeRow>(
  statement: object,
  field: LinkedField,
  id: string,
): T | undefined {
  const read = (statement as StatementRowWithReads)[LINKED]?.[field];
  return read && (findById(read, id) as T | undefined);
}

function sameIds(nodes: readonly NodeRow[], ids: readonly string[]): boolean {
  for (let i = 0; i < ids.length; i += 1) if (nodes[i]!.id !== ids[i]) return false;
  return true;
}

/** A statement links a few nodes: a search of the list, not a Map per call (and no closure). */
function findById(nodes: readonly NodeRow[], id: string): NodeRow | undefined {
  for (let i = 0; i < nodes.length; i += 1) if (nodes[i]!.id === id) return nodes[i];
  return undefined;
}

/**
 * Each of a statement's link `items` with the node it points to (`idOf`), as `pair`
 * shapes the two (read as `linkedNodes` reads them); items whose node does not
 * resolve are left out.
 */
export function linkedItems<T extends NodeRow, I, R>(
  ctx: Context,
  statement: object,
  field: LinkedField,
  items: readonly I[],
  idOf: (item: I) => string,
  pair: (item: I, node: T) => R,
): MaybePromise<R[]> {
  // As the page read them (the item's node at its index, else searched): no lists of ids and nodes.
  const read = (statement as StatementRowWithReads)[LINKED]?.[field];
  if (read) {
    const out: R[] = [];
    for (let i = 0; i < items.length; i += 1) {
      const id = idOf(items[i]!);
      const node = read[i]?.id === id ? read[i] : findById(read, id);
      if (!node) return pairs(ctx, statement, field, items, idOf, pair);
      out.push(pair(items[i]!, node as T));
    }
    return out;
  }
  return pairs(ctx, statement, field, items, idOf, pair);
}

function pairs<T extends NodeRow, I, R>(
  ctx: Context,
  statement: object,
  field: LinkedField,
  items: readonly I[],
  idOf: (item: I) => string,
  pair: (item: I, node: T) => R,
): MaybePromise<R[]> {
  return andThen(linkedNodes<T>(ctx, statement, field, items.map(idOf)), (nodes) => {
    const out: R[] = [];
    for (const item of items) {
      const node = findById(nodes, idOf(item));
      if (node) out.push(pair(item, node as T));
    }
    return out;
  });
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
