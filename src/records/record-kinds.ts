import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { parsePartialDate, parseStatementDate, type StatementDate } from '../calendar.js';
import { searchKeyProps } from '../names/keys.js';
import {
  countryRecord,
  ID_PREFIXES,
  meetingRecord,
  organizationRecord,
  personRecord,
  placeRecord,
  positionRecord,
  sourceRecord,
  statementRecord,
  topicRecord,
  type CountryRecord,
  type Dataset,
  type MeetingRecord,
  type OrganizationRecord,
  type PersonRecord,
  type PlaceRecord,
  type PositionRecord,
  type RecordType,
  type SourceRecord,
  type StatementRecord,
  type TopicRecord,
} from './dataset.js';

/**
 * The record kinds of the dataset and how the graph stores each: ONE table.
 * Import, export, editing, migrations, the read side's label lists and the
 * bench take labels, id prefixes, properties and links from here. A link is
 * declared once (`LinkSpec`); the relationships a record owns, the references
 * it is checked for, its canonical form and its read-back all derive from it.
 */

export interface RecordOf {
  source: SourceRecord;
  person: PersonRecord;
  organization: OrganizationRecord;
  country: CountryRecord;
  place: PlaceRecord;
  topic: TopicRecord;
  position: PositionRecord;
  meeting: MeetingRecord;
  statement: StatementRecord;
}

export type AnyRecord = RecordOf[RecordType];

export type Props = Record<string, string | number | boolean | string[] | null>;

/** Every relationship type a record can own, in the order they are written. */
export const RELATIONSHIP_TYPES = [
  'PART_OF',
  'LOCATED_IN',
  'CITES',
  'PUBLISHED_BY',
  'HELD_IN',
  'ATTENDED',
  'MADE',
  'ABOUT',
  'ON_TOPIC',
  'MENTIONS',
  'MADE_AT',
  'REPORTED_IN',
  'RELAYS',
  'RESPONDS_TO',
  'ON_BEHALF_OF',
] as const;

export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/** Every relationship type of the graph: those records own, and positions (records stored as relationships). */
export const GRAPH_RELATIONSHIP_TYPES = [...RELATIONSHIP_TYPES, 'HOLDS_POSITION'] as const;

/** What each relationship type links, for the schema's docs (a type without one fails to compile). */
export const RELATIONSHIP_DESCRIPTIONS: Record<(typeof GRAPH_RELATIONSHIP_TYPES)[number], string> =
  {
    MADE: 'Actor → Statement: the speaker.',
    ABOUT: 'Statement → actor, topic or meeting it is about, with a stance.',
    MENTIONS: 'Statement → actor, place or meeting it names without taking a stance.',
    ON_TOPIC: 'Statement → topic.',
    MADE_AT: 'Statement → the meeting it was said at.',
    REPORTED_IN:
      'Statement → a source that carries it: its role (READ or UPSTREAM), its order and the quote type.',
    CITES: 'Source → a source it republishes or relies on.',
    PUBLISHED_BY: 'Source → the organisation that published it.',
    RELAYS: 'Statement → a statement it passes on (A says that B said …).',
    RESPONDS_TO: 'Statement → a statement it answers.',
    ON_BEHALF_OF: 'Statement → the state or organisation its speakers spoke for.',
    HOLDS_POSITION: 'Person → organisation or country: a post, with title and dates.',
    PART_OF:
      'Organisation → the organisation or country it belongs to; meeting → the occasion it is part of.',
    ATTENDED: 'Actor → meeting, with the role.',
    HELD_IN: 'Meeting → the place or country it was held in.',
    LOCATED_IN: 'Place → its country.',
  };

/**
 * One link field of a record. `many`: a set of ids (or of entries naming one by
 * `ref`); otherwise one optional id. `in`: the relationship points at the
 * record (a statement's MADE comes from its speaker). `props`: entry fields
 * stored on the relationship (left off when an entry has none). `key`: what makes two entries the same fact
 * (default: `ref`); any other prop must then agree.
 */
export interface LinkSpec {
  field: string;
  /** null: the id is kept as a property of the record (it names a position, itself a relationship). */
  rel: RelationshipType | 'HOLDS_POSITION' | null;
  /** The kinds of record it may name (the dataset schema checks the id prefixes). */
  to: readonly RecordType[];
  many?: boolean;
  in?: boolean;
  ref?: string;
  props?: string[];
  key?: string[];
  /**
   * An ordered list: kept in the given order (repeats dropped, by `key` for entries),
   * stored as `order` (0, 1, …) on each relationship.
   */
  ordered?: boolean;
}

/** One relationship a record owns, with the field path it comes from. */
export interface Link {
  path: string;
  rel: LinkSpec['rel'];
  from: string;
  to: string;
  props: Record<string, string | number>;
}

export interface Kind<T extends RecordType = RecordType> {
  type: T;
  /** The dataset collection that lists records of this kind. */
  collection: keyof Dataset & string;
  /** Node labels, most specific first; null: stored as a relationship (positions). */
  labels: string | null;
  idPrefix: string;
  schema: z.ZodType<RecordOf[T]>;
  /** The field that names a record; its other spellings become aliases on a merge. */
  nameField?: 'name' | 'title';
  links: LinkSpec[];
  /** Lists of values (not links) that a merge unites, entry by entry. */
  valueLists?: string[];
  /** The node (or, for positions, relationship) properties; dates as YYYY-MM-DD strings. */
  props(record: RecordOf[T]): Props;
}

const ACTORS = ['person', 'organization', 'country'] as const;

/** sha256 of an article's stored text (base64url): the same text is the same article. */
export const textHashOf = (text: string) =>
  createHash('sha256').update(text, 'utf8').digest('base64url');

/** A stored date property: kept as text, plus the day range it covers (ISO dates). */
function dateProps(
  prefix: string,
  text: string | undefined,
  parse: (text: string) => StatementDate | null = parsePartialDate,
) {
  const date = text === undefined ? null : parse(text);
  return {
    [prefix]: date?.text ?? null,
    [`${prefix}Precision`]: date?.precision ?? null,
    [`${prefix}Start`]: date?.start ?? null,
    [`${prefix}End`]: date?.end ?? null,
  };
}

/**
 * Kinds in an order where references point backwards: the order collections
 * are validated, written and exported in.
 */
export const KINDS = {
  country: {
    type: 'country',
    collection: 'countries',
    labels: 'Country:Actor:Entity',
    idPrefix: ID_PREFIXES.country,
    schema: countryRecord,
    nameField: 'name',
    links: [],
    props: (r) => ({ id: r.id, name: r.name, aliases: r.aliases, iso: r.iso }),
  } satisfies Kind<'country'>,
  organization: {
    type: 'organization',
    collection: 'organizations',
    labels: 'Organization:Actor:Entity',
    idPrefix: ID_PREFIXES.organization,
    schema: organizationRecord,
    nameField: 'name',
    links: [{ field: 'partOf', rel: 'PART_OF', to: ['organization', 'country'], many: true }],
    props: (r) => ({
      id: r.id,
      name: r.name,
      aliases: r.aliases,
      kind: r.kind,
      description: r.description ?? null,
    }),
  } satisfies Kind<'organization'>,
  person: {
    type: 'person',
    collection: 'people',
    labels: 'Person:Actor:Entity',
    idPrefix: ID_PREFIXES.person,
    schema: personRecord,
    nameField: 'name',
    links: [],
    props: (r) => ({
      id: r.id,
      name: r.name,
      aliases: r.aliases,
      description: r.description ?? null,
    }),
  } satisfies Kind<'person'>,
  place: {
    type: 'place',
    collection: 'places',
    labels: 'Place:Entity',
    idPrefix: ID_PREFIXES.place,
    schema: placeRecord,
    nameField: 'name',
    links: [{ field: 'country', rel: 'LOCATED_IN', to: ['country'] }],
    props: (r) => ({ id: r.id, name: r.name, aliases: r.aliases, kind: r.kind }),
  } satisfies Kind<'place'>,
  topic: {
    type: 'topic',
    collection: 'topics',
    labels: 'Topic:Entity',
    idPrefix: ID_PREFIXES.topic,
    schema: topicRecord,
    nameField: 'title',
    links: [],
    props: (r) => ({
      id: r.id,
      title: r.title,
      aliases: r.aliases,
      description: r.description ?? null,
    }),
  } satisfies Kind<'topic'>,
  source: {
    type: 'source',
    collection: 'sources',
    labels: 'Source:Entity',
    idPrefix: ID_PREFIXES.source,
    schema: sourceRecord,
    links: [
      { field: 'publishedBy', rel: 'PUBLISHED_BY', to: ['organization'] },
      { field: 'cites', rel: 'CITES', to: ['source'], many: true },
    ],
    props: (r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      url: r.url ?? null,
      language: r.language ?? null,
      ...dateProps('published', r.publishedDate),
      // Only when given (an article taken in for review), so other sources store what they always have.
      ...(r.text === undefined
        ? {}
        : {
            // Not `text`, which whole-node projections of statements carry: read only
            // where asked for (Source.text, evidence spans).
            articleText: r.text,
            // The same text is the same article: intake finds a stored article by this hash.
            textHash: textHashOf(r.text),
          }),
      ...(r.author === undefined ? {} : { author: r.author }),
      ...(r.credits === undefined ? {} : { credits: r.credits }),
    }),
  } satisfies Kind<'source'>,
  position: {
    type: 'position',
    collection: 'positions',
    labels: null,
    idPrefix: ID_PREFIXES.position,
    schema: positionRecord,
    // A position is itself the HOLDS_POSITION relationship from its person to its post.
    links: [
      { field: 'person', rel: 'HOLDS_POSITION', to: ['person'], in: true },
      { field: 'of', rel: 'HOLDS_POSITION', to: ['organization', 'country'] },
    ],
    props: (r) => ({
      id: r.id,
      title: r.title,
      ...dateProps('from', r.from),
      ...dateProps('to', r.to),
    }),
  } satisfies Kind<'position'>,
  meeting: {
    type: 'meeting',
    collection: 'meetings',
    labels: 'Meeting:Entity',
    idPrefix: ID_PREFIXES.meeting,
    schema: meetingRecord,
    links: [
      { field: 'heldIn', rel: 'HELD_IN', to: ['place', 'country'] },
      { field: 'partOf', rel: 'PART_OF', to: ['meeting'] },
      {
        field: 'participants',
        rel: 'ATTENDED',
        to: ACTORS,
        many: true,
        in: true,
        ref: 'actor',
        props: ['role'],
        key: ['actor', 'role'],
      },
    ],
    props: (r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      description: r.description ?? null,
      datePhrase: r.datePhrase ?? null,
      ...dateProps('date', r.date),
      ...dateProps('endDate', r.endDate),
    }),
  } satisfies Kind<'meeting'>,
  statement: {
    type: 'statement',
    collection: 'statements',
    labels: 'Statement:Entity',
    idPrefix: ID_PREFIXES.statement,
    schema: statementRecord,
    links: [
      { field: 'speakers', rel: 'MADE', to: ACTORS, in: true, many: true, ordered: true },
      { field: 'onBehalfOf', rel: 'ON_BEHALF_OF', to: ACTORS },
      { field: 'post', rel: null, to: ['position'] },
      {
        field: 'about',
        rel: 'ABOUT',
        to: [...ACTORS, 'topic', 'meeting'],
        many: true,
        ref: 'target',
        props: ['stance'],
      },
      { field: 'topics', rel: 'ON_TOPIC', to: ['topic'], many: true },
      { field: 'mentions', rel: 'MENTIONS', to: [...ACTORS, 'place', 'meeting'], many: true },
      { field: 'meeting', rel: 'MADE_AT', to: ['meeting'] },
      {
        field: 'sources',
        rel: 'REPORTED_IN',
        to: ['source'],
        many: true,
        ref: 'source',
        // role: READ or UPSTREAM; evidence: code-point spans of the statement in the source's stored text, "212-270,301-340".
        props: ['role', 'quoteType', 'evidence'],
        // Read first, then upstream nearest first: the order is a fact.
        ordered: true,
      },
      { field: 'relays', rel: 'RELAYS', to: ['statement'], many: true },
      { field: 'respondsTo', rel: 'RESPONDS_TO', to: ['statement'], many: true },
    ],
    valueLists: ['figures'],
    props: (r) => ({
      id: r.id,
      text: r.text,
      kind: r.kind,
      language: r.language,
      confidence: r.confidence,
      verification: r.verification,
      note: r.note ?? null,
      datePhrase: r.datePhrase ?? null,
      post: r.post ?? null,
      quotes: r.quotes,
      approximate: r.approximate,
      // Neo4j properties cannot hold maps; figures are read with their statement, never queried alone.
      figures: r.figures.length > 0 ? JSON.stringify(r.figures) : null,
      ...dateProps('date', r.date, parseStatementDate),
    }),
  } satisfies Kind<'statement'>,
} as const satisfies { [T in RecordType]: Kind<T> };

/** A record as it may be written: fields with a default (link lists, aliases, figures) can be left out. */
export type RecordInput<T extends RecordType> = z.input<(typeof KINDS)[T]['schema']>;

/**
 * A record from its input form, with the defaults of the dataset schema filled in
 * (so code that builds records names only the links it sets). Not validated: the
 * import checks it like any other record.
 */
export function newRecord<T extends RecordType>(type: T, input: RecordInput<T>): RecordOf[T] {
  const shape = (KINDS[type].schema as unknown as z.ZodObject).shape;
  const defaults = Object.entries(shape).flatMap(([field, schema]) => {
    const filled = schema.safeParse(undefined);
    return filled.success && filled.data !== undefined ? [[field, filled.data] as const] : [];
  });
  return { ...Object.fromEntries(defaults), ...input } as RecordOf[T];
}

/** Record types in KINDS order: referenced kinds first. */
export const TYPES = Object.keys(KINDS) as RecordType[];

const kind = (type: RecordType) => KINDS[type] as unknown as Kind;

/** Record types stored as nodes, and their most specific label. */
export type NodeRecordType = Exclude<RecordType, 'position'>;
export const NODE_KINDS = TYPES.filter((t): t is NodeRecordType => kind(t).labels !== null);
export const LABEL_OF = Object.fromEntries(
  NODE_KINDS.map((t) => [t, kind(t).labels!.split(':')[0]!]),
) as Record<NodeRecordType, string>;
/** The labels that name a node's kind (NodeType in the API), in KINDS order. */
export const NODE_TYPES = NODE_KINDS.map((t) => LABEL_OF[t]);
export const TYPE_OF_LABEL = Object.fromEntries(NODE_KINDS.map((t) => [LABEL_OF[t], t])) as Record<
  string,
  NodeRecordType
>;
/** The labels whose ids are unique: :Entity (on every node, so ids are unique across kinds), then each kind's. */
export const ID_LABELS = ['Entity', ...NODE_KINDS.map((t) => LABEL_OF[t])];

/** Dataset collections and their record types, in an order where references point backwards. */
export const COLLECTIONS = TYPES.map((t) => [kind(t).collection, t] as const) as ReadonlyArray<
  readonly [Collection, RecordType]
>;
export type Collection =
  | 'countries'
  | 'organizations'
  | 'people'
  | 'places'
  | 'topics'
  | 'sources'
  | 'positions'
  | 'meetings'
  | 'statements';

export const COLLECTION_OF = Object.fromEntries(
  TYPES.map((t) => [t, kind(t).collection]),
) as Record<RecordType, Collection>;

/** The record type an id names, by its prefix. */
export const kindOfId = (id: string): RecordType | undefined =>
  TYPES.find((t) => id.startsWith(`${kind(t).idPrefix}:`));

/** The relationship types a kind owns: those starting at its node, and those ending there. */
export function ownedRelationships(type: RecordType): { out: string[]; in: string[] } {
  const links = kind(type).links;
  const rels = (incoming: boolean) => [
    ...new Set(
      links.filter((l) => l.rel !== null && Boolean(l.in) === incoming).map((l) => l.rel!),
    ),
  ];
  return { out: rels(false), in: rels(true) };
}

const keyOf = (spec: LinkSpec) => spec.key ?? (spec.ref ? [spec.ref] : []);

type Loose = Record<string, unknown>;

/**
 * Link lists are sets unless `ordered`: their order carries no meaning, so they are
 * sorted and de-duplicated before hashing, and the exporter writes them in that
 * order. Ordered lists (speakers, a statement's sources) keep theirs, repeats dropped.
 */
export function canonical<T extends RecordType>(type: T, record: RecordOf[T]): RecordOf[T] {
  // The last item of each key, in key order (each key computed once).
  const byKey = <V>(items: V[], key: (v: V) => string) =>
    [...new Map(items.map((item) => [key(item), item]))]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, item]) => item);
  const many = kind(type).links.filter((l) => l.many);
  if (many.length === 0) return record;
  const r = { ...(record as unknown as Loose) };
  for (const spec of many) {
    const items = (r[spec.field] as unknown[] | undefined) ?? [];
    const key = keyOf(spec);
    if (spec.ordered) {
      const seen = new Set<string>();
      r[spec.field] = key.length
        ? (items as Loose[]).filter((e) => {
            const k = key.map((p) => e[p]).join(' ');
            return !seen.has(k) && Boolean(seen.add(k));
          })
        : [...new Set(items as string[])];
      continue;
    }
    r[spec.field] = key.length
      ? byKey(items as Loose[], (e) => key.map((k) => e[k]).join(' '))
      : byKey(items as string[], (id) => id);
  }
  return r as unknown as RecordOf[T];
}

/**
 * The node (or, for positions, relationship) properties of a record; dates as
 * YYYY-MM-DD strings; with the search keys derived from its name or text (src/names/keys.ts).
 */
export function propsOf(type: RecordType, record: AnyRecord): Props {
  const props = kind(type).props(record as never);
  return { ...props, ...searchKeyProps(type, props) };
}

/** The links of a record as it was given, each with the path of the field it comes from. */
export function linksOf(type: RecordType, record: AnyRecord): Link[] {
  const r = record as unknown as Loose;
  const links: Link[] = [];
  // Plain loops and one helper outside: this runs for every record an import reads, up to three times.
  for (const spec of kind(type).links) {
    const value = r[spec.field];
    if (!spec.many) addLink(links, spec, record.id, spec.field, value);
    else if (spec.ref) {
      const entries = (value as Loose[] | undefined) ?? [];
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i]!;
        const path = `${spec.field}[${i}].${spec.ref}`;
        addLink(links, spec, record.id, path, e[spec.ref], e, spec.ordered ? i : undefined);
      }
    } else {
      const ids = (value as string[] | undefined) ?? [];
      for (let i = 0; i < ids.length; i++)
        addLink(
          links,
          spec,
          record.id,
          `${spec.field}[${i}]`,
          ids[i],
          undefined,
          spec.ordered ? i : undefined,
        );
    }
  }
  return links;
}

function addLink(
  links: Link[],
  spec: LinkSpec,
  self: string,
  path: string,
  id: unknown,
  entry?: Loose,
  order?: number,
) {
  if (typeof id !== 'string') return;
  const props: Link['props'] = {};
  for (const p of spec.props ?? []) if (entry?.[p] != null) props[p] = String(entry[p]);
  if (order !== undefined) props.order = order;
  links.push(
    spec.in
      ? { path, rel: spec.rel, from: id, to: self, props }
      : { path, rel: spec.rel, from: self, to: id, props },
  );
}

/**
 * The ids a record the schema refused still names, read without trusting its shape: each text
 * in a link field, with its path (the caller keeps those the schema found no fault with).
 */
export function readableReferencesOf(
  type: RecordType,
  raw: unknown,
): Array<[path: string, id: string]> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return [];
  const r = raw as Loose;
  const found: Array<[string, string]> = [];
  const take = (path: string, id: unknown) => {
    if (typeof id === 'string') found.push([path, id]);
  };
  for (const spec of kind(type).links) {
    const value = r[spec.field];
    if (!spec.many) take(spec.field, value);
    else if (Array.isArray(value))
      value.forEach((entry: unknown, i) => {
        if (!spec.ref) take(`${spec.field}[${i}]`, entry);
        else if (entry !== null && typeof entry === 'object')
          take(`${spec.field}[${i}].${spec.ref}`, (entry as Loose)[spec.ref]);
      });
  }
  return found;
}

/** Every id a record refers to, with the field path it comes from. */
export function referencesOf(
  type: RecordType,
  record: AnyRecord,
  links: Link[] = linksOf(type, record),
): Array<[path: string, id: string]> {
  return links.map((l) => [l.path, l.from === record.id ? l.to : l.from]);
}

/**
 * The relationships a record owns, from its canonical form: a statement owns the
 * MADE from its speaker, a meeting the ATTENDED of its participants. (Positions
 * are relationships of their own, written apart.)
 */
export function relationshipsOf(type: RecordType, record: AnyRecord): Link[] {
  if (kind(type).labels === null) return [];
  return linksOf(type, canonical(type, record as never)).filter((l) => l.rel !== null);
}

/** Checks that go beyond one field: ranges that must be ordered, links to oneself. */
export function consistencyProblems(
  type: RecordType,
  record: AnyRecord,
  links: Link[] = linksOf(type, record),
): Array<[path: string, message: string]> {
  const problems: Array<[string, string]> = [];
  const ordered = (fromPath: string, from?: string, toPath?: string, to?: string) => {
    const a = from ? parsePartialDate(from) : null;
    const b = to ? parsePartialDate(to) : null;
    if (a && b && a.start > b.end)
      problems.push([toPath!, `must not be before ${fromPath} (${from})`]);
  };
  if (type === 'position') {
    const r = record as PositionRecord;
    ordered('from', r.from, 'to', r.to);
  }
  if (type === 'meeting') {
    const r = record as MeetingRecord;
    if (r.endDate && !r.date) problems.push(['endDate', 'needs a start date']);
    ordered('date', r.date, 'endDate', r.endDate);
  }
  if (type === 'meeting') {
    const r = record as MeetingRecord;
    if (r.partOf === r.id) problems.push(['partOf', 'a meeting cannot be part of itself']);
  }
  if (type === 'statement') {
    const r = record as StatementRecord;
    const topics = new Set(r.topics);
    r.about.forEach((a, i) => {
      if (a.target.startsWith(`${ID_PREFIXES.topic}:`) && !topics.has(a.target))
        problems.push([`about[${i}].target`, `is a topic: list it in topics too (${a.target})`]);
    });
    if (r.onBehalfOf && r.speakers.includes(r.onBehalfOf))
      problems.push(['onBehalfOf', 'is one of the speakers: a speaker speaks for itself']);
    const read = r.sources.findIndex((x) => x.role === 'READ');
    if (read < 0)
      problems.push(['sources', 'needs at least one source with role READ (the one read)']);
    r.sources.forEach((x, i) => {
      const first = r.sources.findIndex((y) => y.source === x.source);
      if (first < i) problems.push([`sources[${i}].source`, `repeats sources[${first}]`]);
      if (x.role === 'READ' && i > 0 && r.sources[i - 1]!.role === 'UPSTREAM')
        problems.push([
          `sources[${i}].role`,
          'READ sources come first, then the UPSTREAM sources they rely on',
        ]);
    });
    r.quotes.forEach((q, i) => {
      if (!r.text.includes(q)) problems.push([`quotes[${i}]`, 'must occur in text as written']);
    });
  }
  for (const link of links) {
    const message = link.rel && SELF_LINK[link.rel];
    if (message && link.from === link.to) problems.push([link.path, message]);
  }
  return problems;
}

const SELF_LINK: Partial<Record<NonNullable<Link['rel']>, string>> = {
  RELAYS: 'a statement cannot relay itself',
  RESPONDS_TO: 'a statement cannot respond to itself',
  CITES: 'a source cannot cite itself',
};

/** Link fields of a kind, by shape, for rewriting and folding records on a merge. */
export function linkFields(type: RecordType) {
  const links = kind(type).links;
  return {
    single: links.filter((l) => !l.many).map((l) => l.field),
    idLists: links.filter((l) => l.many && !l.ref && !l.ordered).map((l) => l.field),
    /** Ordered lists (a statement's speakers): the order is a fact, so two different lists conflict. */
    orderedLists: links.filter((l) => l.ordered && !l.ref).map((l) => l.field),
    objectLists: links
      .filter((l) => l.many && l.ref)
      .map((l) => ({
        field: l.field,
        ref: l.ref!,
        key: keyOf(l),
        value: (l.props ?? []).find((p) => !keyOf(l).includes(p)),
      })),
    valueLists: kind(type).valueLists ?? [],
    nameField: kind(type).nameField,
  };
}
