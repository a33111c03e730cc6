import neo4j from 'neo4j-driver';
import type { Database, Tx } from '../db/neo4j.js';
import type { RecordType } from './dataset.js';
import type { Props } from './records.js';

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
function toNeo4jProps(props: Props): Record<string, unknown> {
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

/** replaceLinks: the links a record owns are deleted and written again from the record. */
const REPLACE_LINKS: Partial<Record<RecordType, string>> = {
  organization: `
UNWIND $rows AS row
MATCH (n:Organization {id: row.id})
CALL (n) { MATCH (n)-[r:PART_OF]->() DELETE r }
CALL (n, row) { UNWIND row.links.partOf AS id MATCH (x:Entity {id: id}) CREATE (n)-[:PART_OF]->(x) }`,
  place: `
UNWIND $rows AS row
MATCH (n:Place {id: row.id})
CALL (n) { MATCH (n)-[r:LOCATED_IN]->() DELETE r }
CALL (n, row) { MATCH (x:Country {id: row.links.country}) CREATE (n)-[:LOCATED_IN]->(x) }`,
  source: `
UNWIND $rows AS row
MATCH (n:Source {id: row.id})
CALL (n) { MATCH (n)-[r:CITES|PUBLISHED_BY]->() DELETE r }
CALL (n, row) { UNWIND row.links.cites AS id MATCH (x:Source {id: id}) CREATE (n)-[:CITES]->(x) }
CALL (n, row) { MATCH (x:Organization {id: row.links.publishedBy}) CREATE (n)-[:PUBLISHED_BY]->(x) }`,
  meeting: `
UNWIND $rows AS row
MATCH (n:Meeting {id: row.id})
CALL (n) { MATCH (n)-[r:HELD_IN]->() DELETE r }
CALL (n) { MATCH ()-[r:ATTENDED]->(n) DELETE r }
CALL (n, row) { MATCH (x:Entity {id: row.links.heldIn}) CREATE (n)-[:HELD_IN]->(x) }
CALL (n, row) {
  UNWIND row.links.participants AS p
  MATCH (a:Actor {id: p.actor})
  CREATE (a)-[:ATTENDED {role: p.role}]->(n)
}`,
  statement: `
UNWIND $rows AS row
MATCH (s:Statement {id: row.id})
CALL (s) { MATCH (s)-[r:ABOUT|MENTIONS|ON_TOPIC|MADE_AT|REPORTED_IN|RELAYS|RESPONDS_TO]->() DELETE r }
CALL (s) { MATCH ()-[r:MADE]->(s) DELETE r }
CALL (s, row) { MATCH (a:Actor {id: row.links.speaker}) CREATE (a)-[:MADE]->(s) }
CALL (s, row) { UNWIND row.links.about AS t MATCH (x:Entity {id: t.target}) CREATE (s)-[:ABOUT {stance: t.stance}]->(x) }
CALL (s, row) { UNWIND row.links.topics AS id MATCH (x:Topic {id: id}) CREATE (s)-[:ON_TOPIC]->(x) }
CALL (s, row) { UNWIND row.links.mentions AS id MATCH (x:Entity {id: id}) CREATE (s)-[:MENTIONS]->(x) }
CALL (s, row) { MATCH (x:Meeting {id: row.links.meeting}) CREATE (s)-[:MADE_AT]->(x) }
CALL (s, row) {
  UNWIND row.links.sources AS src
  MATCH (x:Source {id: src.source})
  CREATE (s)-[:REPORTED_IN {quoteType: src.quoteType}]->(x)
}
CALL (s, row) { UNWIND row.links.relays AS id MATCH (x:Statement {id: id}) CREATE (s)-[:RELAYS]->(x) }
CALL (s, row) { UNWIND row.links.respondsTo AS id MATCH (x:Statement {id: id}) CREATE (s)-[:RESPONDS_TO]->(x) }`,
};

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

    /** Nodes first (all of a file or batch), then positions and links, so every link finds both ends. */
    async writeNodes(
      tx: Tx,
      type: RecordType,
      rows: WriteRow[],
      by: string,
      now: Date,
    ): Promise<void> {
      if (rows.length === 0 || type === 'position') return;
      await tx.run(UPSERT_NODES[type], { rows: asParams(rows), by, now: dateTime(now) });
    },

    async writeLinks(
      tx: Tx,
      type: RecordType,
      rows: WriteRow[],
      by: string,
      now: Date,
    ): Promise<void> {
      if (rows.length === 0) return;
      if (type === 'position') {
        await tx.run(UPSERT_POSITIONS, { rows: asParams(rows), by, now: dateTime(now) });
        return;
      }
      const cypher = REPLACE_LINKS[type];
      const params = { rows: rows.map(({ id, hash, links }) => ({ id, hash, links })) };
      if (cypher) await tx.run(cypher, params);
      await tx.run(MARK_WRITTEN, params);
    },
  };
}

export type ImportRepository = ReturnType<typeof createImportRepository>;

const asParams = (rows: WriteRow[]) =>
  rows.map((row) => ({ ...row, props: toNeo4jProps(row.props) }));
const dateTime = (date: Date) => neo4j.types.DateTime.fromStandardDate(date);
