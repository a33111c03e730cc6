import type { Row, Tx } from '../../db/neo4j.js';
import type { RecordType } from '../../import/dataset.js';
import { nameKeys } from '../../names/normalise.js';
import { KEYS_OUT, NODE_TYPES } from '../nodes/nodes.repository.js';
import type { NodeRow, NodeType, PositionRow } from '../rows.js';

/**
 * The Cypher of editing. Every method runs inside the caller's write transaction,
 * so a mutation checks, writes and verifies in one atomic unit. Node and link
 * writes themselves go through the import repository: a record written by a
 * mutation is exactly what the importer would write.
 */

/** Labels to record types: a fixed allow-list. */
export const TYPE_OF_LABEL: Record<NodeType, Exclude<RecordType, 'position'>> = {
  Person: 'person',
  Organization: 'organization',
  Country: 'country',
  Place: 'place',
  Topic: 'topic',
  Meeting: 'meeting',
  Source: 'source',
  Statement: 'statement',
};

/**
 * lockNodes: takes the write lock of each node until the transaction ends (the
 * documented set-and-remove idiom; nothing is stored). A concurrent delete or
 * merge of a node this write links to waits for it, or it waits for them and
 * then no longer finds the node. Ids are locked in sorted order, so two writes
 * locking the same nodes cannot deadlock each other.
 */
const LOCK_NODES = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n.__lock = true
REMOVE n.__lock
RETURN n.id AS id, head([l IN labels(n) WHERE l IN $types]) AS label`;

// nodeHash
const NODE_HASH = `
MATCH (n:Entity {id: $id})
RETURN n.contentHash AS hash`;

// positionHash
const POSITION_HASH = `
MATCH ()-[r:HOLDS_POSITION {id: $id}]->()
RETURN r.contentHash AS hash`;

// nodeRow
const NODE_ROW = `
MATCH (n:Entity {id: $id})
RETURN n { .*, __typename: head([l IN labels(n) WHERE l IN $types]) } AS node`;

// positionRow
const POSITION_ROW = `
MATCH (p:Person)-[r:HOLDS_POSITION {id: $id}]->(o)
RETURN r { .*, personId: p.id, ofId: o.id } AS position`;

/**
 * referrers: the records that own a link to each node. Links belong to the record
 * that lists them: MADE to its statement, ATTENDED to its meeting, a position is
 * a record of its own, every other link to its start node.
 */
const REFERRERS = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (x)-[r]->(n) WHERE NOT type(r) IN ['MADE', 'ATTENDED', 'HOLDS_POSITION']
  RETURN x.id AS by, head([l IN labels(x) WHERE l IN $types]) AS label, type(r) AS link
  UNION
  MATCH (n)-[r:MADE|ATTENDED]->(x)
  RETURN x.id AS by, head([l IN labels(x) WHERE l IN $types]) AS label, type(r) AS link
  UNION
  MATCH (n)-[r:HOLDS_POSITION]-()
  RETURN r.id AS by, 'Position' AS label, type(r) AS link
}
RETURN id, by, label, link
ORDER BY id, by, link`;

// deleteNode: only called once the node has no referrers, so every link it has is its own.
const DELETE_NODE = `
MATCH (n:Entity {id: $id})
DETACH DELETE n
RETURN count(*) AS deleted`;

// deletePosition
const DELETE_POSITION = `
MATCH ()-[r:HOLDS_POSITION {id: $id}]->()
DELETE r
RETURN count(*) AS deleted`;

// deleteMerged: every link of the merged nodes is their own by now (their referrers were rewritten).
const DELETE_NODES = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
DETACH DELETE n
RETURN count(*) AS deleted`;

// keepEarliestCreatedAt: a merged node keeps the oldest creation time of the nodes it replaces.
const SET_CREATED_AT = `
MATCH (n:Entity {id: $id})
SET n.createdAt = datetime($createdAt)`;

// createdAts
const CREATED_ATS = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN min(n.createdAt) AS createdAt`;

/**
 * recordsById: records in the dataset's shape (null where absent), as the
 * exporter reads them, so they can be changed and written back through the import path.
 */
const RECORDS_BY_ID: Record<RecordType, string> = {
  // countryRecords
  country: `
UNWIND $ids AS id MATCH (n:Country {id: id})
RETURN n { .id, .name, .aliases, .iso } AS r`,
  // organizationRecords
  organization: `
UNWIND $ids AS id MATCH (n:Organization {id: id})
RETURN n { .id, .name, .aliases, .kind, .description,
           partOf: [(n)-[:PART_OF]->(x) | x.id] } AS r`,
  // personRecords
  person: `
UNWIND $ids AS id MATCH (n:Person {id: id})
RETURN n { .id, .name, .aliases, .description } AS r`,
  // placeRecords
  place: `
UNWIND $ids AS id MATCH (n:Place {id: id})
RETURN n { .id, .name, .aliases, .kind, country: head([(n)-[:LOCATED_IN]->(c) | c.id]) } AS r`,
  // topicRecords
  topic: `
UNWIND $ids AS id MATCH (n:Topic {id: id})
RETURN n { .id, .title, .aliases, .description } AS r`,
  // sourceRecords
  source: `
UNWIND $ids AS id MATCH (n:Source {id: id})
RETURN n { .id, .kind, .title, .publisher, .url, .language, publishedDate: n.published,
           publishedBy: head([(n)-[:PUBLISHED_BY]->(o) | o.id]),
           cites: [(n)-[:CITES]->(x) | x.id] } AS r`,
  // positionRecords
  position: `
UNWIND $ids AS id MATCH (p:Person)-[n:HOLDS_POSITION {id: id}]->(o)
RETURN n { .id, person: p.id, .title, of: o.id, from: n.from, to: n.to } AS r`,
  // meetingRecords
  meeting: `
UNWIND $ids AS id MATCH (n:Meeting {id: id})
RETURN n { .id, .title, .kind, date: n.date, endDate: n.endDate, .datePhrase, .description,
           heldIn: head([(n)-[:HELD_IN]->(x) | x.id]),
           participants: [(a)-[at:ATTENDED]->(n) | { actor: a.id, role: at.role }] } AS r`,
  // statementRecords
  statement: `
UNWIND $ids AS id MATCH (n:Statement {id: id})
RETURN n { .id, .text, .kind, .language, date: n.date, .datePhrase, .confidence, .verification, .note,
           figures: n.figures,
           speaker: head([(a)-[:MADE]->(n) | a.id]),
           about: [(n)-[ab:ABOUT]->(x) | { target: x.id, stance: ab.stance }],
           topics: [(n)-[:ON_TOPIC]->(x) | x.id],
           mentions: [(n)-[:MENTIONS]->(x) | x.id],
           meeting: head([(n)-[:MADE_AT]->(m) | m.id]),
           sources: [(n)-[rep:REPORTED_IN]->(x) | { source: x.id, quoteType: rep.quoteType }],
           relays: [(n)-[:RELAYS]->(x) | x.id],
           respondsTo: [(n)-[:RESPONDS_TO]->(x) | x.id] } AS r`,
};

export interface Referrer {
  /** The node referred to. */
  id: string;
  /** The record holding the link: a node id, or a position id. */
  by: string;
  type: RecordType;
  link: string;
}

/**
 * nameCandidates: nodes of one label whose search keys hold every word of one
 * of the names (folded or in Latin letters); the name matcher then decides
 * which are the same name. The words come from the normaliser (letters and
 * digits only) and are quoted.
 */
const NAME_CANDIDATES = `
CALL db.index.fulltext.queryNodes($index, $query, { limit: 50 }) YIELD node
WITH node WHERE $label IN labels(node) AND node.id <> $id
RETURN node { .*, ${KEYS_OUT}, __typename: $label } AS node`;

const KEY_INDEX: Partial<Record<NodeType, string>> = {
  Person: 'actor_keys',
  Organization: 'actor_keys',
  Country: 'actor_keys',
  Place: 'actor_keys',
  Topic: 'title_keys',
};

function allWordsOfAny(names: readonly string[]): string | null {
  const clauses = new Set<string>();
  for (const name of names) {
    const k = nameKeys(name);
    for (const form of [k.folded, k.latin]) {
      if (form)
        clauses.add(
          `(${form
            .split(' ')
            .map((w) => `"${w}"`)
            .join(' AND ')})`,
        );
    }
  }
  return clauses.size > 0 ? [...clauses].join(' OR ') : null;
}

const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();

export function createEditingRepository() {
  return {
    /** Locks the nodes that exist among `ids`; returns each one's type. */
    async lockNodes(tx: Tx, ids: Iterable<string>): Promise<Map<string, RecordType>> {
      const rows = await tx.run(LOCK_NODES, { ids: sorted(ids), types: NODE_TYPES });
      return new Map(
        rows.map((row) => [row.id as string, TYPE_OF_LABEL[row.label as NodeType]] as const),
      );
    },

    /** Other nodes of `label` that may carry one of `names`: candidates for duplicate warnings. */
    async nameCandidates(
      tx: Tx,
      label: NodeType,
      names: readonly string[],
      exceptId: string,
    ): Promise<NodeRow[]> {
      const index = KEY_INDEX[label];
      const query = allWordsOfAny(names);
      if (!index || !query) return [];
      const rows = await tx.run(NAME_CANDIDATES, { index, query, label, id: exceptId });
      return rows.map((row) => row.node as NodeRow);
    },

    /** The stored content hash of a record; undefined when there is no such record. */
    async hash(tx: Tx, type: RecordType, id: string): Promise<string | null | undefined> {
      const [row] = await tx.run(type === 'position' ? POSITION_HASH : NODE_HASH, { id });
      return row ? ((row.hash as string | null) ?? null) : undefined;
    },

    async nodeRow(tx: Tx, id: string): Promise<NodeRow | null> {
      const [row] = await tx.run(NODE_ROW, { id, types: NODE_TYPES });
      return (row?.node as NodeRow | undefined) ?? null;
    },

    async positionRow(tx: Tx, id: string): Promise<PositionRow | null> {
      const [row] = await tx.run(POSITION_ROW, { id });
      return (row?.position as PositionRow | undefined) ?? null;
    },

    async referrers(tx: Tx, ids: string[]): Promise<Referrer[]> {
      const rows = await tx.run(REFERRERS, { ids, types: NODE_TYPES });
      return rows.map((row) => ({
        id: row.id as string,
        by: row.by as string,
        type: row.label === 'Position' ? 'position' : TYPE_OF_LABEL[row.label as NodeType],
        link: row.link as string,
      }));
    },

    /** Records of one type by id, in the dataset's shape with null for absent fields. */
    async records(tx: Tx, type: RecordType, ids: string[]): Promise<Row[]> {
      if (ids.length === 0) return [];
      const rows = await tx.run(RECORDS_BY_ID[type], { ids });
      return rows.map((row) => row.r as Row);
    },

    async deleteNode(tx: Tx, id: string): Promise<boolean> {
      const [row] = await tx.run(DELETE_NODE, { id });
      return (row?.deleted as number) > 0;
    },

    async deletePosition(tx: Tx, id: string): Promise<boolean> {
      const [row] = await tx.run(DELETE_POSITION, { id });
      return (row?.deleted as number) > 0;
    },

    async deleteNodes(tx: Tx, ids: string[]): Promise<number> {
      const [row] = await tx.run(DELETE_NODES, { ids });
      return (row?.deleted as number) ?? 0;
    },

    async earliestCreatedAt(tx: Tx, ids: string[]): Promise<string | null> {
      const [row] = await tx.run(CREATED_ATS, { ids });
      return (row?.createdAt as string | null) ?? null;
    },

    async setCreatedAt(tx: Tx, id: string, createdAt: string): Promise<void> {
      await tx.run(SET_CREATED_AT, { id, createdAt });
    },
  };
}

export type EditingRepository = ReturnType<typeof createEditingRepository>;
