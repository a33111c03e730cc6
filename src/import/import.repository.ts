import neo4j from 'neo4j-driver';
import type { Database, Tx } from '../db/neo4j.js';
import type { RecordType } from './dataset.js';
import { RELATIONSHIP_TYPES, relationshipsOf, type Props } from './records.js';

/** A record ready to write: its properties, its content hash and the links it owns. */
export interface WriteRow {
  id: string;
  hash: string;
  props: Props;
  links: Record<string, unknown>;
}

/** Labels per record type: a fixed allow-list, never taken from input. */
const NODE_LABELS: Record<Exclude<RecordType, 'position'>, string> = {
  person: 'Person:Actor:Entity',
  organization: 'Organization:Actor:Entity',
  country: 'Country:Actor:Entity',
  place: 'Place:Entity',
  topic: 'Topic:Entity',
  source: 'Source:Entity',
  meeting: 'Meeting:Entity',
  statement: 'Statement:Entity',
};

const DATE_PROPS = /^(published|from|to|date|endDate)(Start|End)$/;

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
 * once the record's links are written, so an import stopped in between redoes it.
 */
const upsertNodes = (labels: string) => `
UNWIND $rows AS row
MERGE (n:${labels.split(':')[0]} {id: row.id})
ON CREATE SET n.createdAt = $now
WITH n, row, n.createdAt AS createdAt
SET n = row.props
SET n:${labels}, n.createdAt = createdAt, n.updatedAt = $now, n.updatedBy = $by`;

// createNodes
const createNodes = (labels: string) => `
UNWIND $rows AS row
CREATE (n:${labels})
SET n = row.props, n.createdAt = $now, n.updatedAt = $now, n.updatedBy = $by`;

const CREATE_NODES = Object.fromEntries(
  Object.entries(NODE_LABELS).map(([type, labels]) => [type, createNodes(labels)]),
) as Record<Exclude<RecordType, 'position'>, string>;

const UPSERT_NODES = Object.fromEntries(
  Object.entries(NODE_LABELS).map(([type, labels]) => [type, upsertNodes(labels)]),
) as Record<Exclude<RecordType, 'position'>, string>;

// upsertPositions: a position is a relationship keyed by its own id; moving it to another person or post re-creates it.
const UPSERT_POSITIONS = `
UNWIND $rows AS row
MATCH (p:Person {id: row.links.person})
MATCH (o:Entity {id: row.links.of}) WHERE o:Organization OR o:Country
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
const DELETE_OWNED_LINKS: Partial<Record<RecordType, string>> = {
  organization: `
UNWIND $ids AS id
MATCH (n:Organization {id: id})-[r:PART_OF]->()
DELETE r`,
  place: `
UNWIND $ids AS id
MATCH (n:Place {id: id})-[r:LOCATED_IN]->()
DELETE r`,
  source: `
UNWIND $ids AS id
MATCH (n:Source {id: id})-[r:CITES|PUBLISHED_BY]->()
DELETE r`,
  meeting: `
UNWIND $ids AS id
MATCH (n:Meeting {id: id})
CALL (n) { MATCH (n)-[r:HELD_IN]->() DELETE r }
CALL (n) { MATCH ()-[r:ATTENDED]->(n) DELETE r }`,
  statement: `
UNWIND $ids AS id
MATCH (n:Statement {id: id})
CALL (n) { MATCH (n)-[r:ABOUT|MENTIONS|ON_TOPIC|MADE_AT|REPORTED_IN|RELAYS|RESPONDS_TO]->() DELETE r }
CALL (n) { MATCH ()-[r:MADE]->(n) DELETE r }`,
};

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

export function createImportRepository(db: Database) {
  return {
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
     */
    async writeNodes(
      tx: Tx,
      type: RecordType,
      rows: WriteRow[],
      by: string,
      now: Date,
      { fresh = false } = {},
    ): Promise<void> {
      if (rows.length === 0 || type === 'position') return;
      const cypher = (fresh ? CREATE_NODES : UPSERT_NODES)[type];
      await tx.run(cypher, { rows: asParams(rows), by, now: dateTime(now) });
    },

    /**
     * Writes the links the records own, then marks them complete. `fresh`: the
     * records were just created, so they own no links yet and none are deleted.
     */
    async writeLinks(
      tx: Tx,
      type: RecordType,
      rows: WriteRow[],
      by: string,
      now: Date,
      { fresh = false } = {},
    ): Promise<void> {
      if (rows.length === 0) return;
      if (type === 'position') {
        await tx.run(UPSERT_POSITIONS, { rows: asParams(rows), by, now: dateTime(now) });
        return;
      }
      const deleteOwned = DELETE_OWNED_LINKS[type];
      if (deleteOwned && !fresh) await tx.run(deleteOwned, { ids: rows.map((row) => row.id) });
      const byType = new Map<string, Array<{ from: string; to: string; props: object }>>();
      for (const row of rows) {
        for (const rel of relationshipsOf(type, row.id, row.links)) {
          const list = byType.get(rel.type) ?? [];
          list.push({ from: rel.from, to: rel.to, props: rel.props });
          byType.set(rel.type, list);
        }
      }
      for (const [relType, rels] of byType) {
        await tx.run(CREATE_LINKS[relType as keyof typeof CREATE_LINKS], { rows: rels });
      }
      await tx.run(MARK_WRITTEN, { rows: rows.map(({ id, hash }) => ({ id, hash })) });
    },
  };
}

export type ImportRepository = ReturnType<typeof createImportRepository>;

const asParams = (rows: WriteRow[]) =>
  rows.map((row) => ({ ...row, props: toNeo4jProps(row.props) }));
const dateTime = (date: Date) => neo4j.types.DateTime.fromStandardDate(date);
