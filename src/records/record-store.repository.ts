import neo4j from 'neo4j-driver';
import type { Database, Row, Tx } from '../db/neo4j.js';
import { canonicalHash } from './content-hash.js';
import type { RecordType, StatementRecord } from './dataset.js';
import {
  canonical,
  KINDS,
  linksOf,
  NODE_KINDS,
  ownedRelationships,
  propsOf,
  RELATIONSHIP_TYPES,
  type AnyRecord,
  type Kind,
  type Link,
  type NodeRecordType,
  type Props,
} from './record-kinds.js';

/**
 * The one place records are written to the graph and read back from it: the
 * importer, the exporter and editing all go through here, so a record written
 * by a mutation is exactly what an import would write, and what the exporter
 * reads back imports again unchanged.
 */

/** A record ready to write: its properties, its content hash and the relationships it owns. */
export interface WriteRow {
  id: string;
  hash: string;
  props: Props;
  links: Link[];
}

export function writeRow(type: RecordType, record: AnyRecord): WriteRow {
  // The canonical form once, for the hash and the relationships (relationshipsOf's rule).
  const canonicalRecord = canonical(type, record as never) as AnyRecord;
  return {
    id: record.id,
    hash: canonicalHash(type, canonicalRecord),
    props: propsOf(type, record),
    links: rowLinks(type, record, canonicalRecord),
  };
}

/** A row's `links` alone: what writeLinks needs of a record besides its id and hash. */
export function rowLinks(
  type: RecordType,
  record: AnyRecord,
  canonicalRecord = canonical(type, record as never) as AnyRecord,
): Link[] {
  // A position is one relationship of its own: its links say between which nodes.
  // A link kept as a property (rel null: a statement's post) is not a relationship.
  return type === 'position'
    ? linksOf(type, record)
    : linksOf(type, canonicalRecord).filter((l) => l.rel !== null);
}

export const DATE_PROPS = /^(published|from|to|date|endDate)(Start|End)$/;

/** YYYY-MM-DD strings become Neo4j dates, so range filters compare dates, not text. */
export function toNeo4jProps(props: Props): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(props)
      .filter(([, value]) => value !== null)
      .map(([key, value]) => {
        if (DATE_PROPS.test(key) && typeof value === 'string') {
          const [y, m, d] = value.split('-').map(Number);
          return [key, new neo4j.types.Date(y!, m!, d!)];
        }
        return [key, value];
      }),
  );
}

const present = (row: Row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));

/**
 * A record as read from the graph: absent fields dropped (in link entries too: a
 * source entry without evidence), figures parsed from their JSON.
 */
export function fromStored(type: RecordType, row: Row): AnyRecord {
  const record = present(row);
  for (const [field, value] of Object.entries(record)) {
    if (Array.isArray(value))
      record[field] = value.map((e: unknown) =>
        e && typeof e === 'object' && !Array.isArray(e) ? present(e as Row) : e,
      );
  }
  if (type === 'statement') {
    record.figures = typeof record.figures === 'string' ? JSON.parse(record.figures) : [];
  }
  return record as unknown as AnyRecord;
}

const kind = (type: RecordType) => KINDS[type] as unknown as Kind;
const labelsOf = (type: NodeRecordType) => kind(type).labels!;
const perNodeKind = (cypher: (type: NodeRecordType) => string) =>
  Object.fromEntries(NODE_KINDS.map((type) => [type, cypher(type)])) as Record<
    NodeRecordType,
    string
  >;

// findHashes
const FIND_NODE_HASHES = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.contentHash AS hash`;

// findPositionHashes
const FIND_POSITION_HASHES = `
UNWIND $ids AS id
MATCH ()-[r:HOLDS_POSITION {id: id}]->()
RETURN r.id AS id, r.contentHash AS hash`;

// isEmpty
const IS_EMPTY = `RETURN NOT EXISTS { MATCH (:Entity) } AS empty`;

// findExistingIds
const FIND_EXISTING_IDS = `
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
OPTIONAL MATCH ()-[r:HOLDS_POSITION {id: id}]->()
WITH id, n, r WHERE n IS NOT NULL OR r IS NOT NULL
RETURN id`;

/**
 * upsertNodes: the whole property set is replaced, so a field removed from a record
 * is removed from the node. This also drops the content hash: it is set again only
 * once the record's links are written (row.hash here when they are written in the
 * same transaction, else null), so an import stopped in between redoes it.
 */
const UPSERT_NODES = perNodeKind(
  (type) => `
UNWIND $rows AS row
MERGE (n:${labelsOf(type).split(':')[0]} {id: row.id})
ON CREATE SET n.createdAt = $now
WITH n, row, n.createdAt AS createdAt
SET n = row.props
SET n:${labelsOf(type)}, n.createdAt = createdAt, n.updatedAt = $now, n.updatedBy = $by, n.contentHash = row.hash`,
);

// createNodes: row.hash as in upsertNodes.
const CREATE_NODES = perNodeKind(
  (type) => `
UNWIND $rows AS row
CREATE (n:${labelsOf(type)})
SET n = row.props, n.createdAt = $now, n.updatedAt = $now, n.updatedBy = $by, n.contentHash = row.hash`,
);

// upsertPositions: a position is a relationship keyed by its own id; moving it to another person or post re-creates it.
const UPSERT_POSITIONS = `
UNWIND $rows AS row
MATCH (p:Person {id: row.person})
MATCH (o:Entity {id: row.of}) WHERE o:Organization OR o:Country
OPTIONAL MATCH ()-[old:HOLDS_POSITION {id: row.id}]->()
WITH p, o, row, old, old.createdAt AS createdAt
DELETE old
CREATE (p)-[r:HOLDS_POSITION]->(o)
SET r = row.props, r.createdAt = coalesce(createdAt, $now), r.updatedAt = $now, r.updatedBy = $by, r.contentHash = row.hash`;

// markWritten: the record is complete in the graph.
const MARK_WRITTEN = `
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n.contentHash = row.hash`;

/** deleteOwnedLinks: before an updated record's links are written again, the old ones go. */
const DELETE_OWNED_LINKS = Object.fromEntries(
  NODE_KINDS.flatMap((type) => {
    const owned = ownedRelationships(type);
    if (owned.out.length + owned.in.length === 0) return [];
    const calls = [
      ...(owned.out.length
        ? [`CALL (n) { MATCH (n)-[r:${owned.out.join('|')}]->() DELETE r }`]
        : []),
      ...(owned.in.length ? [`CALL (n) { MATCH ()-[r:${owned.in.join('|')}]->(n) DELETE r }`] : []),
    ];
    return [
      [
        type,
        `
UNWIND $ids AS id
MATCH (n:${labelsOf(type).split(':')[0]} {id: id})
${calls.join('\n')}`,
      ],
    ];
  }),
) as Partial<Record<RecordType, string>>;

/** createLinks: one UNWIND per relationship type, both ends found through the :Entity id constraint. */
const CREATE_LINKS = Object.fromEntries(
  RELATIONSHIP_TYPES.map((type) => [
    type,
    `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:${type}]->(b)
SET r = row.props`,
  ]),
) as Record<(typeof RELATIONSHIP_TYPES)[number], string>;

/** The record fields stored as properties of `n`, as the dataset format names them. */
const FIELDS: Record<RecordType, string> = {
  country: `.id, .name, .aliases, .iso`,
  organization: `.id, .name, .aliases, .kind, .description`,
  person: `.id, .name, .aliases, .description`,
  place: `.id, .name, .aliases, .kind`,
  topic: `.id, .title, .aliases, .description`,
  source: `.id, .kind, .title, .url, .language, publishedDate: n.published,
           text: n.articleText, .author, .credits`,
  position: `.id, person: p.id, .title, of: o.id, from: n.from, to: n.to`,
  meeting: `.id, .title, .kind, date: n.date, endDate: n.endDate, .datePhrase, .description`,
  statement: `.id, .text, .kind, .language, date: n.date, .datePhrase, .confidence, .verification, .note,
           figures: n.figures, .post, .quotes, .approximate`,
};

/**
 * The links a record owns, read back as it lists them: the inverse of the
 * relationships `writeLinks` creates from the same declarations (record-kinds.ts).
 */
function linkFieldsOf(type: RecordType): string[] {
  if (kind(type).labels === null) return [];
  return kind(type).links.flatMap((spec) => {
    if (spec.rel === null) return [];
    const value = spec.ref
      ? `{ ${[`${spec.ref}: x.id`, ...(spec.props ?? []).map((p) => `${p}: r.${p}`)].join(', ')} }`
      : 'x.id';
    if (spec.ordered) {
      const pattern = spec.in ? `(x)-[r:${spec.rel}]->(n)` : `(n)-[r:${spec.rel}]->(x)`;
      return [`${spec.field}: COLLECT { MATCH ${pattern} RETURN ${value} ORDER BY r.order }`];
    }
    const r = spec.props?.length ? 'r' : '';
    const pattern = spec.in ? `(x)-[${r}:${spec.rel}]->(n)` : `(n)-[${r}:${spec.rel}]->(x)`;
    const list = `[${pattern} | ${value}]`;
    return [`${spec.field}: ${spec.many ? list : `head(${list})`}`];
  });
}

const projection = (type: RecordType) =>
  `n { ${[FIELDS[type], ...linkFieldsOf(type)].join(',\n           ')} } AS r`;

const matchAll = (type: RecordType) =>
  type === 'position'
    ? `MATCH (p:Person)-[n:HOLDS_POSITION]->(o)`
    : `MATCH (n:${labelsOf(type).split(':')[0]})`;

const matchById = (type: RecordType) =>
  type === 'position'
    ? `UNWIND $ids AS id MATCH (p:Person)-[n:HOLDS_POSITION {id: id}]->(o)`
    : `UNWIND $ids AS id MATCH (n:${labelsOf(type).split(':')[0]} {id: id})`;

/** exportRecords: every record of a kind in the dataset's shape (null where absent), in id order. */
export const ALL_RECORDS = Object.fromEntries(
  Object.keys(KINDS).map((type) => [
    type,
    `// exportRecords:${type}\n${matchAll(type as RecordType)}\nRETURN ${projection(type as RecordType)} ORDER BY n.id`,
  ]),
) as Record<RecordType, string>;

/** recordsById: records of a kind by id, in the dataset's shape (null where absent). */
export const RECORDS_BY_ID = Object.fromEntries(
  Object.keys(KINDS).map((type) => [
    type,
    `// recordsById:${type}\n${matchById(type as RecordType)}\nRETURN ${projection(type as RecordType)}`,
  ]),
) as Record<RecordType, string>;

// setEmptyLists: list properties the offline importer cannot write empty (it leaves them absent).
const SET_EMPTY_LISTS = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n += $props`;

// statementsAt: statements made at these meetings, with their dates.
const STATEMENTS_AT = `
UNWIND $ids AS id
MATCH (m:Meeting {id: id})<-[:MADE_AT]-(s:Statement)
RETURN s.id AS id, s.date AS date, m.id AS meeting`;

/**
 * statementsReading: statements that read one of these sources and rely on upstream
 * ones, one row per distinct list of sources, with the statements that have it.
 */
const STATEMENTS_READING = `
UNWIND $ids AS id
MATCH (:Source {id: id})<-[:REPORTED_IN {role: 'READ'}]-(s:Statement)
WHERE EXISTS { (s)-[:REPORTED_IN {role: 'UPSTREAM'}]->() }
WITH DISTINCT s
WITH s, COLLECT { MATCH (s)-[r:REPORTED_IN]->(x) RETURN { source: x.id, role: r.role } ORDER BY r.order } AS sources
RETURN collect(s.id) AS ids, sources`;

// organizationNames: every organisation's names, for version 1 publisher names.
const ORGANIZATION_NAMES = `
MATCH (o:Organization)
RETURN o.id AS id, o.name AS name, coalesce(o.aliases, []) AS aliases`;

/** Records and statements already stored, for the checks across records (src/records/validate.ts). */
export function storedFacts(store: RecordStore, tx: Tx) {
  return {
    records: (type: RecordType, ids: string[]) => store.recordsById(tx, type, ids),
    statementsAt: (meetingIds: string[]) => store.statementsAt(tx, meetingIds),
    statementsReading: async (sourceIds: string[]) =>
      (await tx.run(STATEMENTS_READING, { ids: sourceIds })) as Array<{
        ids: string[];
        sources: Array<Pick<StatementRecord['sources'][number], 'source' | 'role'>>;
      }>,
    organizations: async () =>
      (await tx.run(ORGANIZATION_NAMES)) as Array<{ id: string; name: string; aliases: string[] }>,
  };
}

export function createRecordStore(db: Database) {
  return {
    /** Sets `key` to an empty list on the nodes `ids`, a batch per transaction. */
    async setEmptyLists(key: string, ids: readonly string[], batch = 10_000): Promise<void> {
      for (let i = 0; i < ids.length; i += batch) {
        await db.write(SET_EMPTY_LISTS, { ids: ids.slice(i, i + batch), props: { [key]: [] } });
      }
    },

    /** Content hashes of the records that already exist, by id. */
    async existingHashes(type: RecordType, ids: string[]): Promise<Map<string, string | null>> {
      const rows = await db.read(type === 'position' ? FIND_POSITION_HASHES : FIND_NODE_HASHES, {
        ids,
      });
      return new Map(rows.map((row) => [row.id as string, (row.hash as string | null) ?? null]));
    },

    async isEmpty(): Promise<boolean> {
      const [row] = await db.read(IS_EMPTY);
      return row?.empty === true;
    },

    async existingIds(ids: string[]): Promise<Set<string>> {
      const rows = await db.read(FIND_EXISTING_IDS, { ids });
      return new Set(rows.map((row) => row.id as string));
    },

    /**
     * Nodes first (all of a file or batch), then positions and links, so every link
     * finds both ends. `fresh`: the nodes are known not to exist, so they are created
     * without MERGE (a concurrent writer of the same id fails the transaction on the constraint).
     * `complete`: the caller writes these records' links in this same transaction (writeLinks
     * with `marked`), so the nodes get their content hash now, with no second write of each.
     */
    async writeNodes(
      tx: Tx,
      type: RecordType,
      rows: WriteRow[],
      by: string,
      now: Date,
      { fresh = false, complete = false } = {},
    ): Promise<void> {
      if (rows.length === 0 || type === 'position') return;
      const cypher = (fresh ? CREATE_NODES : UPSERT_NODES)[type];
      await tx.run(cypher, { rows: nodeParams(rows, complete), by, now: dateTime(now) });
    },

    /**
     * Writes the links the records own, then marks them complete. `fresh`: the
     * records were just created, so they own no links yet and none are deleted.
     * `marked`: their nodes were written `complete` in this transaction, so they are
     * marked already.
     */
    async writeLinks(
      tx: Tx,
      type: RecordType,
      rows: WriteRow[],
      by: string,
      now: Date,
      { fresh = false, marked = false } = {},
    ): Promise<void> {
      if (rows.length === 0) return;
      if (type === 'position') {
        await tx.run(UPSERT_POSITIONS, { rows: positionParams(rows), by, now: dateTime(now) });
        return;
      }
      // Sent at once, not each after the last one's answer: a transaction's queries run in
      // order on its connection, so Neo4j runs one while the next is packed and sent.
      const runs: Array<Promise<unknown>> = [];
      const deleteOwned = DELETE_OWNED_LINKS[type];
      if (deleteOwned && !fresh) runs.push(tx.run(deleteOwned, { ids: rows.map((row) => row.id) }));
      const byType = new Map<string, Array<{ from: string; to: string; props: object }>>();
      for (const row of rows) {
        for (const link of row.links) {
          const list = byType.get(link.rel!) ?? [];
          list.push({ from: link.from, to: link.to, props: relationshipProps(link.props) });
          byType.set(link.rel!, list);
        }
      }
      for (const [relType, rels] of byType) {
        runs.push(tx.run(CREATE_LINKS[relType as keyof typeof CREATE_LINKS], { rows: rels }));
      }
      if (!marked)
        runs.push(tx.run(MARK_WRITTEN, { rows: rows.map(({ id, hash }) => ({ id, hash })) }));
      await Promise.all(runs);
    },

    /** Every record of a kind, in id order, read back in the dataset's shape. */
    async allRecords(type: RecordType): Promise<AnyRecord[]> {
      const rows = await db.read(ALL_RECORDS[type]);
      return rows.map((row) => fromStored(type, row.r as Row));
    },

    async statementsAt(
      tx: Tx,
      meetingIds: string[],
    ): Promise<Array<{ id: string; date: string; meeting: string }>> {
      if (meetingIds.length === 0) return [];
      const rows = await tx.run(STATEMENTS_AT, { ids: meetingIds });
      return rows as Array<{ id: string; date: string; meeting: string }>;
    },

    /** Records of a kind by id, in the order of `ids`; ids with no record are left out. */
    async recordsById(tx: Tx, type: RecordType, ids: string[]): Promise<AnyRecord[]> {
      if (ids.length === 0) return [];
      const rows = await tx.run(RECORDS_BY_ID[type], { ids });
      const byId = new Map(
        rows.map((row) => [(row.r as Row).id as string, fromStored(type, row.r as Row)]),
      );
      return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    },
  };
}

export type RecordStore = ReturnType<typeof createRecordStore>;

const nodeParams = (rows: WriteRow[], complete: boolean) =>
  rows.map(({ id, hash, props }) => ({
    id,
    hash: complete ? hash : null,
    props: toNeo4jProps(props),
  }));
const positionParams = (rows: WriteRow[]) =>
  rows.map(({ id, hash, props, links }) => ({
    id,
    hash,
    props: toNeo4jProps(props),
    person: links.find((l) => l.path === 'person')!.from,
    of: links.find((l) => l.path === 'of')!.to,
  }));
/** Whole numbers (a speaker's `order`) are stored as integers, not floats. */
const relationshipProps = (props: Link['props']) =>
  Object.fromEntries(
    Object.entries(props).map(([k, v]) => [k, typeof v === 'number' ? neo4j.int(v) : v]),
  );
const dateTime = (date: Date) => neo4j.types.DateTime.fromStandardDate(date);
