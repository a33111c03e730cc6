import { createHash } from 'node:crypto';
import { searchKeyProps } from '../names/keys.js';
import { parsePartialDate } from '../calendar.js';
import type {
  CountryRecord,
  Dataset,
  MeetingRecord,
  OrganizationRecord,
  PersonRecord,
  PlaceRecord,
  PositionRecord,
  RecordType,
  SourceRecord,
  StatementRecord,
  TopicRecord,
} from './dataset.js';

/**
 * Records as the graph stores them: node properties, the links a record owns,
 * and a content hash over the canonical record, so an import can tell
 * created / updated / unchanged without comparing property by property.
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

/** Dataset collections and their record types, in an order where references point backwards. */
export const COLLECTIONS = [
  ['countries', 'country'],
  ['organizations', 'organization'],
  ['people', 'person'],
  ['places', 'place'],
  ['topics', 'topic'],
  ['sources', 'source'],
  ['positions', 'position'],
  ['meetings', 'meeting'],
  ['statements', 'statement'],
] as const satisfies ReadonlyArray<readonly [keyof Dataset, RecordType]>;

export type Collection = (typeof COLLECTIONS)[number][0];

export const COLLECTION_OF: Record<RecordType, Collection> = Object.fromEntries(
  COLLECTIONS.map(([collection, type]) => [type, collection]),
) as Record<RecordType, Collection>;

/**
 * Link lists are sets: their order carries no meaning, so they are sorted and
 * de-duplicated before hashing, and the exporter writes them in that order.
 */
export function canonical<T extends RecordType>(type: T, record: RecordOf[T]): RecordOf[T] {
  const byKey = <V>(items: V[], key: (v: V) => string) =>
    [...new Map(items.map((item) => [key(item), item])).values()].sort((a, b) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0,
    );
  const ids = (items: string[]) => byKey(items, (id) => id);
  const r = record as AnyRecord;
  switch (type) {
    case 'source': {
      const s = r as SourceRecord;
      return { ...s, cites: ids(s.cites) } as RecordOf[T];
    }
    case 'organization': {
      const o = r as OrganizationRecord;
      return { ...o, partOf: ids(o.partOf) } as RecordOf[T];
    }
    case 'meeting': {
      const m = r as MeetingRecord;
      return {
        ...m,
        participants: byKey(m.participants, (p) => `${p.actor} ${p.role}`),
      } as RecordOf[T];
    }
    case 'statement': {
      const s = r as StatementRecord;
      return {
        ...s,
        about: byKey(s.about, (a) => a.target),
        topics: ids(s.topics),
        mentions: ids(s.mentions),
        sources: byKey(s.sources, (x) => x.source),
        relays: ids(s.relays),
        respondsTo: ids(s.respondsTo),
      } as RecordOf[T];
    }
    default:
      return record;
  }
}

/** JSON with keys sorted at every level, so equal records hash equally. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(type: RecordType, record: AnyRecord): string {
  return createHash('sha256')
    .update(`${type}\n${stableStringify(canonical(type, record as never))}`)
    .digest('base64url');
}

/** A stored date property: kept as text, plus the day range it covers (ISO dates). */
function dateProps(prefix: string, text: string | undefined) {
  const date = text === undefined ? null : parsePartialDate(text);
  return {
    [prefix]: date?.text ?? null,
    [`${prefix}Precision`]: date?.precision ?? null,
    [`${prefix}Start`]: date?.start ?? null,
    [`${prefix}End`]: date?.end ?? null,
  };
}

export type Props = Record<string, string | number | boolean | string[] | null>;

/**
 * The node (or, for positions, relationship) properties of a record; dates as
 * YYYY-MM-DD strings; with the search keys derived from its name or text (src/names/keys.ts).
 */
export function propsOf(type: RecordType, record: AnyRecord): Props {
  const props = ownPropsOf(type, record);
  return { ...props, ...searchKeyProps(type, props) };
}

function ownPropsOf(type: RecordType, record: AnyRecord): Props {
  switch (type) {
    case 'person': {
      const r = record as PersonRecord;
      return { id: r.id, name: r.name, aliases: r.aliases, description: r.description ?? null };
    }
    case 'organization': {
      const r = record as OrganizationRecord;
      return {
        id: r.id,
        name: r.name,
        aliases: r.aliases,
        kind: r.kind,
        description: r.description ?? null,
      };
    }
    case 'country': {
      const r = record as CountryRecord;
      return { id: r.id, name: r.name, aliases: r.aliases, iso: r.iso };
    }
    case 'place': {
      const r = record as PlaceRecord;
      return { id: r.id, name: r.name, aliases: r.aliases, kind: r.kind };
    }
    case 'topic': {
      const r = record as TopicRecord;
      return { id: r.id, title: r.title, aliases: r.aliases, description: r.description ?? null };
    }
    case 'source': {
      const r = record as SourceRecord;
      return {
        id: r.id,
        kind: r.kind,
        title: r.title,
        publisher: r.publisher ?? null,
        url: r.url ?? null,
        language: r.language ?? null,
        ...dateProps('published', r.publishedDate),
      };
    }
    case 'position': {
      const r = record as PositionRecord;
      return { id: r.id, title: r.title, ...dateProps('from', r.from), ...dateProps('to', r.to) };
    }
    case 'meeting': {
      const r = record as MeetingRecord;
      return {
        id: r.id,
        title: r.title,
        kind: r.kind,
        description: r.description ?? null,
        datePhrase: r.datePhrase ?? null,
        ...dateProps('date', r.date),
        ...dateProps('endDate', r.endDate),
      };
    }
    case 'statement': {
      const r = record as StatementRecord;
      return {
        id: r.id,
        text: r.text,
        kind: r.kind,
        language: r.language,
        confidence: r.confidence,
        verification: r.verification,
        note: r.note ?? null,
        datePhrase: r.datePhrase ?? null,
        // Neo4j properties cannot hold maps; figures are read with their statement, never queried alone.
        figures: r.figures.length > 0 ? JSON.stringify(r.figures) : null,
        ...dateProps('date', r.date),
      };
    }
  }
}

/** Every id a record refers to, with the field path it comes from. */
export function referencesOf(
  type: RecordType,
  record: AnyRecord,
): Array<[path: string, id: string]> {
  const list = (field: string, ids: string[]) =>
    ids.map((id, i) => [`${field}[${i}]`, id] as [string, string]);
  switch (type) {
    case 'organization':
      return list('partOf', (record as OrganizationRecord).partOf);
    case 'place':
      return [['country', (record as PlaceRecord).country]];
    case 'source': {
      const r = record as SourceRecord;
      return [
        ...(r.publishedBy ? [['publishedBy', r.publishedBy] as [string, string]] : []),
        ...list('cites', r.cites),
      ];
    }
    case 'position': {
      const r = record as PositionRecord;
      return [
        ['person', r.person],
        ['of', r.of],
      ];
    }
    case 'meeting': {
      const r = record as MeetingRecord;
      return [
        ...(r.heldIn ? [['heldIn', r.heldIn] as [string, string]] : []),
        ...r.participants.map((p, i) => [`participants[${i}].actor`, p.actor] as [string, string]),
      ];
    }
    case 'statement': {
      const r = record as StatementRecord;
      return [
        ['speaker', r.speaker],
        ...r.about.map((a, i) => [`about[${i}].target`, a.target] as [string, string]),
        ...list('topics', r.topics),
        ...list('mentions', r.mentions),
        ...(r.meeting ? [['meeting', r.meeting] as [string, string]] : []),
        ...r.sources.map((s, i) => [`sources[${i}].source`, s.source] as [string, string]),
        ...list('relays', r.relays),
        ...list('respondsTo', r.respondsTo),
      ];
    }
    default:
      return [];
  }
}

/** Checks that go beyond one field: ranges that must be ordered, links to oneself. */
export function consistencyProblems(
  type: RecordType,
  record: AnyRecord,
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
  if (type === 'statement') {
    const r = record as StatementRecord;
    r.relays.forEach(
      (id, i) => id === r.id && problems.push([`relays[${i}]`, 'a statement cannot relay itself']),
    );
    r.respondsTo.forEach(
      (id, i) =>
        id === r.id && problems.push([`respondsTo[${i}]`, 'a statement cannot respond to itself']),
    );
  }
  if (type === 'source') {
    const r = record as SourceRecord;
    r.cites.forEach(
      (id, i) => id === r.id && problems.push([`cites[${i}]`, 'a source cannot cite itself']),
    );
  }
  return problems;
}

/** The links a record owns, as the import repository writes them (null where absent). */
export function linksOf(type: RecordType, record: AnyRecord): Record<string, unknown> {
  const r = canonical(type, record as never) as AnyRecord;
  switch (type) {
    case 'organization':
      return { partOf: (r as OrganizationRecord).partOf };
    case 'place':
      return { country: (r as PlaceRecord).country };
    case 'source': {
      const s = r as SourceRecord;
      return { cites: s.cites, publishedBy: s.publishedBy ?? null };
    }
    case 'position': {
      const p = r as PositionRecord;
      return { person: p.person, of: p.of };
    }
    case 'meeting': {
      const m = r as MeetingRecord;
      return { heldIn: m.heldIn ?? null, participants: m.participants };
    }
    case 'statement': {
      const s = r as StatementRecord;
      return {
        speaker: s.speaker,
        about: s.about,
        topics: s.topics,
        mentions: s.mentions,
        meeting: s.meeting ?? null,
        sources: s.sources,
        relays: s.relays,
        respondsTo: s.respondsTo,
      };
    }
    default:
      return {};
  }
}

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
] as const;

export interface RelationshipRow {
  type: (typeof RELATIONSHIP_TYPES)[number];
  from: string;
  to: string;
  props: Record<string, string>;
}

/**
 * The relationships a record owns, from its links: a statement owns the MADE
 * from its speaker, a meeting the ATTENDED of its participants. (Positions are
 * relationships of their own, written apart.)
 */
export function relationshipsOf(
  type: RecordType,
  id: string,
  links: Record<string, unknown>,
): RelationshipRow[] {
  const rels: RelationshipRow[] = [];
  const add = (
    rel: RelationshipRow['type'],
    from: string,
    to: unknown,
    props: Record<string, string> = {},
  ) => {
    if (typeof to === 'string') rels.push({ type: rel, from, to, props });
  };
  const ids = (key: string) => (links[key] ?? []) as string[];
  switch (type) {
    case 'organization':
      for (const x of ids('partOf')) add('PART_OF', id, x);
      break;
    case 'place':
      add('LOCATED_IN', id, links.country);
      break;
    case 'source':
      for (const x of ids('cites')) add('CITES', id, x);
      add('PUBLISHED_BY', id, links.publishedBy);
      break;
    case 'meeting':
      add('HELD_IN', id, links.heldIn);
      for (const p of links.participants as Array<{ actor: string; role: string }>) {
        add('ATTENDED', p.actor, id, { role: p.role });
      }
      break;
    case 'statement':
      if (typeof links.speaker === 'string') add('MADE', links.speaker, id);
      for (const a of links.about as Array<{ target: string; stance: string }>)
        add('ABOUT', id, a.target, { stance: a.stance });
      for (const x of ids('topics')) add('ON_TOPIC', id, x);
      for (const x of ids('mentions')) add('MENTIONS', id, x);
      add('MADE_AT', id, links.meeting);
      for (const s of links.sources as Array<{ source: string; quoteType: string }>) {
        add('REPORTED_IN', id, s.source, { quoteType: s.quoteType });
      }
      for (const x of ids('relays')) add('RELAYS', id, x);
      for (const x of ids('respondsTo')) add('RESPONDS_TO', id, x);
      break;
  }
  return rels;
}
