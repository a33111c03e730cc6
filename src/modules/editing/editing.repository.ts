import type { Tx } from '../../db/neo4j.js';
import type { RecordType } from '../../records/dataset.js';
import { nameKeys } from '../../names/normalise.js';
import { NODE_TYPES, TYPE_OF_LABEL } from '../../records/record-kinds.js';
import { nodeOut } from '../nodes/nodes.repository.js';
import type { NodeRow, NodeType, PositionRow } from '../shared/rows.js';

/**
 * The Cypher of editing. Every method runs inside the caller's write transaction,
 * so a mutation checks, writes and verifies in one atomic unit. Records are
 * read and written through the record store (src/records): a record written by
 * a mutation is exactly what the importer would write.
 */

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

// statementsInPost: statements that name the position as the post they were made in.
const STATEMENTS_IN_POST = `
MATCH (s:Statement {post: $id})
RETURN s.id AS id ORDER BY id`;

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
RETURN node { .*, ${nodeOut('node')}, __typename: $label } AS node`;

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
        rows.map((row) => [row.id as string, TYPE_OF_LABEL[row.label as string]!] as const),
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
        type: row.label === 'Position' ? 'position' : TYPE_OF_LABEL[row.label as string]!,
        link: row.link as string,
      }));
    },

    async deleteNode(tx: Tx, id: string): Promise<boolean> {
      const [row] = await tx.run(DELETE_NODE, { id });
      return (row?.deleted as number) > 0;
    },

    async statementsInPost(tx: Tx, id: string): Promise<string[]> {
      const rows = await tx.run(STATEMENTS_IN_POST, { id });
      return rows.map((row) => row.id as string);
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
