import { safeParseRecord } from '../../records/issue-messages.js';
import type { z } from 'zod';
import type { Database, Tx } from '../../db/neo4j.js';
import { AppError, type ErrorCode, type FieldProblem } from '../../errors.js';
import {
  ID_PREFIXES,
  RECORD_TYPES,
  type RecordType,
  type StatementRecord,
} from '../../records/dataset.js';
import { kindOfId, newRecord, TYPES, type AnyRecord } from '../../records/record-kinds.js';
import { CREATED_PUBLISHER_KIND } from '../../records/upgrade.js';
import { latin } from '../../names/normalise.js';
import { createRecordStore, storedFacts, writeRow } from '../../records/record-store.repository.js';
import { ReferenceChecker } from '../../records/validate.js';
import type {
  CountryRow,
  MeetingRow,
  NodeRow,
  NodeType,
  OrganizationRow,
  PersonRow,
  PlaceRow,
  PositionRow,
  SourceRow,
  StatementRow,
  TopicRow,
} from '../shared/rows.js';
import type { StatementEvent, StatementEvents } from '../../events/statement-events.js';
import { createEditingRepository, type Referrer } from './editing.repository.js';
import { createMatcher } from '../../names/matcher.js';
import { toNamedEntity } from '../explore/explore.search.js';
import { foldRecords, rewriteReferences } from './editing.records.js';

export type Outcome = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'DELETED' | 'MERGED';

/** The row a node of each record type reads back as. */
export interface RowOf {
  person: PersonRow;
  organization: OrganizationRow;
  country: CountryRow;
  place: PlaceRow;
  topic: TopicRow;
  source: SourceRow;
  meeting: MeetingRow;
  statement: StatementRow;
}

export interface Written<T> {
  value: T;
  outcome: Outcome;
  /** Named nodes: other nodes whose name or an alias is the same name in another spelling or script. */
  duplicates?: PossibleDuplicate[];
}

export interface PossibleDuplicate {
  node: NodeRow;
  /** The other node's stored name or alias that matched. */
  matchedText: string;
  /** The written name or alias it matched. */
  name: string;
}

/** Record types whose names are checked for duplicates, with their labels. */
const NAMED_LABELS: Partial<Record<RecordType, NodeType>> = {
  person: 'Person',
  organization: 'Organization',
  country: 'Country',
  place: 'Place',
  topic: 'Topic',
};

/** A problem with one field of a mutation's arguments, with the code that says what kind. */
export interface EditProblem extends FieldProblem {
  code: ErrorCode;
}

/** A mutation refused as a whole; nothing was written. */
export class EditRejected extends AppError {
  constructor(readonly problems: EditProblem[]) {
    super(problems[0]!.code, `The change was refused: ${problems[0]!.message}`, { problems });
  }
}

const MAX_MERGE = 50;
const MAX_REFERRERS_LISTED = 20;
/** Record types in the order the importer writes them: referenced records first. */
const TYPE_ORDER = TYPES;

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function joinPath(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    prefix,
  );
}

/**
 * GraphQL sends absent optional fields as null; the dataset format leaves them
 * out. Strings must be well-formed Unicode: Neo4j stores UTF-8, so an unpaired
 * surrogate would come back changed instead of verbatim.
 */
function normalise(value: unknown, path: string, problems: EditProblem[]): unknown {
  if (typeof value === 'string') {
    if (UNPAIRED_SURROGATE.test(value)) {
      problems.push({ code: 'BAD_USER_INPUT', path, message: 'must be valid Unicode text' });
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => normalise(v, `${path}[${i}]`, problems));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, normalise(v, `${path}.${k}`, problems)]),
    );
  }
  return value;
}

/** Validates a record as the importer does (the same schema, with every problem and its path). */
function parseRecord(type: RecordType, input: unknown, path: string): AnyRecord {
  const problems: EditProblem[] = [];
  const normalised = normalise(input, path, problems);
  const parsed = safeParseRecord(RECORD_TYPES[type] as z.ZodType, normalised);
  if (!parsed.success) {
    problems.push(
      ...parsed.error.issues.map((issue) => ({
        code: 'BAD_USER_INPUT' as const,
        path: joinPath(path, issue.path),
        message: issue.message,
      })),
    );
  }
  if (problems.length) throw new EditRejected(problems);
  return parsed.data as AnyRecord;
}

/**
 * `speaker` (one id), as the statement input had it before joint statements,
 * is still taken: it means `speakers: [speaker]`. Giving both is refused.
 */
function upgradeInput(type: RecordType, input: unknown): unknown {
  if (type !== 'statement' || !input || typeof input !== 'object') return input;
  const { speaker, ...rest } = input as Record<string, unknown>;
  if (speaker == null) return rest;
  if (rest.speakers != null) {
    throw new EditRejected([
      {
        code: 'BAD_USER_INPUT',
        path: 'input.speaker',
        message: 'give speakers or speaker, not both',
      },
    ]);
  }
  return { ...rest, speakers: [speaker] };
}

/**
 * Writes of editors: each call is one write transaction that validates, locks
 * what it links to, writes through the record store and verifies, or changes nothing.
 */
export function createEditingService(db: Database, events?: StatementEvents) {
  const repo = createEditingRepository();
  const store = createRecordStore(db);

  /**
   * One write transaction. The statements it wrote become events once it has
   * committed (never for a rolled-back or refused change): this is the one place
   * live subscriptions and webhooks hear of writes.
   */
  async function inWriteTx<T>(work: (tx: Tx, written: StatementEvent[]) => Promise<T>): Promise<T> {
    let written: StatementEvent[] = [];
    const result = await db.writeTx((tx) => {
      // A transaction the driver retries starts its list again.
      written = [];
      return work(tx, written);
    });
    if (events && written.length) {
      const at = new Date().toISOString();
      events.publish(written.map((event) => ({ ...event, at })));
    }
    return result;
  }

  /**
   * Writes records (nodes first, then links, as an import does); `by` is recorded on
   * each, and each statement is added to `written` with `outcome`.
   */
  async function writeRecords(
    tx: Tx,
    records: Array<{ type: RecordType; record: AnyRecord }>,
    by: string,
    written: StatementEvent[],
    outcome: StatementEvent['outcome'],
  ) {
    for (const { type, record } of records)
      if (type === 'statement')
        written.push({
          id: record.id,
          outcome,
          record: record as StatementRecord,
          by,
          at: '',
        });
    const now = new Date();
    const rows = (type: RecordType) =>
      records.filter((r) => r.type === type).map((r) => writeRow(type, r.record));
    for (const type of TYPE_ORDER) await store.writeNodes(tx, type, rows(type), by, now);
    for (const type of TYPE_ORDER) await store.writeLinks(tx, type, rows(type), by, now);
  }

  /** Checks references: every id a record names must exist (and is locked until commit). */
  async function checkReferences(tx: Tx, type: RecordType, record: AnyRecord, path: string) {
    const checker = new ReferenceChecker();
    checker.add(type, record, path);
    // Nodes are locked; a position (the post a statement names) is looked up in the same transaction.
    const existing = async (ids: string[]) => {
      const posts = ids.filter((id) => kindOfId(id) === 'position');
      const found = new Set((await repo.lockNodes(tx, ids)).keys());
      for (const p of await store.recordsById(tx, 'position', posts)) found.add(p.id);
      return found;
    };
    const problems = await checker.finish(existing, storedFacts(store, tx));
    if (problems.length) {
      throw new EditRejected(
        problems.map((p) => ({
          code: p.message.startsWith('unknown id') ? 'NOT_FOUND' : 'BAD_USER_INPUT',
          ...p,
        })),
      );
    }
  }

  /**
   * Nodes of the same type that carry one of the record's names in another
   * spelling or script (the name matcher's EXACT tier): a warning, never a refusal.
   */
  async function possibleDuplicates(
    tx: Tx,
    type: RecordType,
    record: AnyRecord,
  ): Promise<PossibleDuplicate[]> {
    const label = NAMED_LABELS[type];
    if (!label) return [];
    const r = record as { name?: string; title?: string; aliases?: string[] };
    const names = [r.name ?? r.title ?? '', ...(r.aliases ?? [])].filter(Boolean);
    const candidates = await repo.nameCandidates(tx, label, names, record.id);
    const byId = new Map(candidates.map((node) => [node.id, node]));
    const entities = candidates.flatMap((node) => {
      const entity = toNamedEntity(node);
      return entity ? [entity] : [];
    });
    return createMatcher(entities)
      .duplicates(names, { type: label, exceptId: record.id })
      .map((hit) => ({ node: byId.get(hit.id)!, matchedText: hit.text, name: hit.name }));
  }

  /** Validates, checks references and writes one record in the caller's transaction. */
  async function writeRecordIn(
    tx: Tx,
    written: StatementEvent[],
    type: RecordType,
    input: unknown,
    by: string,
    path: string,
  ): Promise<{ record: AnyRecord; outcome: Outcome }> {
    const record = parseRecord(type, input, path);
    await checkReferences(tx, type, record, path);
    const row = writeRow(type, record);
    const previous = await repo.hash(tx, type, record.id);
    const outcome: Outcome =
      previous === row.hash ? 'UNCHANGED' : previous === undefined ? 'CREATED' : 'UPDATED';
    if (outcome !== 'UNCHANGED') await writeRecords(tx, [{ type, record }], by, written, outcome);
    return { record, outcome };
  }

  async function upsertRecord(type: RecordType, input: unknown, by: string) {
    // Refused before a transaction is opened when the input itself is invalid.
    const record = parseRecord(type, upgradeInput(type, input), 'input');
    return inWriteTx(async (tx, written) => {
      const { outcome } = await writeRecordIn(tx, written, type, record, by, 'input');
      const duplicates = await possibleDuplicates(tx, type, record);
      // Read back in the same transaction: what was written, with no extra round trip.
      const value =
        type === 'position'
          ? await repo.positionRow(tx, record.id)
          : await repo.nodeRow(tx, record.id);
      return { value: value!, outcome, duplicates };
    });
  }

  return {
    /**
     * Writes a record as `upsertNode` does, inside another service's write
     * transaction (accepting a review candidate records its statement this way).
     * Problems are reported under `path`.
     */
    writeRecordIn,

    /**
     * Creates an organisation for a publisher that no organisation of the graph is
     * named as (an outlet of an article taken in): `org:<slug of the name>`, a number
     * added while that id is taken. Returns its id.
     */
    async createPublisherIn(tx: Tx, written: StatementEvent[], name: string, by: string) {
      const base = `${ID_PREFIXES.organization}:${latin(name).replace(/ /g, '-') || 'publisher'}`;
      let id = base;
      for (let n = 2; (await repo.hash(tx, 'organization', id)) !== undefined; n++)
        id = `${base}-${n}`;
      const record = newRecord('organization', {
        id,
        name,
        kind: CREATED_PUBLISHER_KIND,
        description: 'Created for the outlet of an article taken in for review.',
      });
      await writeRecordIn(tx, written, 'organization', record, by, 'input.outlet');
      return id;
    },

    /** A write transaction whose written statements are published once it commits (see `writeRecordIn`). */
    writeTx: inWriteTx,

    /** A node as the API reads it, inside the caller's transaction. */
    nodeRowIn: (tx: Tx, id: string) => repo.nodeRow(tx, id),

    /** Creates or replaces a node from its record; writing the same record again changes nothing. */
    async upsertNode<K extends keyof RowOf>(
      type: K,
      input: unknown,
      by: string,
    ): Promise<Written<RowOf[K]>> {
      const { value, outcome, duplicates } = await upsertRecord(type, input, by);
      return { value: value as RowOf[K], outcome, duplicates };
    },

    async setPosition(input: unknown, by: string): Promise<Written<PositionRow>> {
      const { value, outcome } = await upsertRecord('position', input, by);
      return { value: value as PositionRow, outcome };
    },

    /**
     * Deletes a node and the links it owns. Refused (CONFLICT, listing them) while
     * other records link to it: deleting it would silently change them. Merge a
     * duplicate instead, or change those records first.
     */
    async deleteNode(id: string): Promise<Written<string>> {
      return db.writeTx(async (tx) => {
        const found = await repo.lockNodes(tx, [id]);
        if (!found.has(id)) {
          throw new EditRejected([
            { code: 'NOT_FOUND', path: 'id', message: `no node with id "${id}"` },
          ]);
        }
        const referrers = await repo.referrers(tx, [id]);
        if (referrers.length) throw new EditRejected(referrerProblems(referrers, 'id'));
        await repo.deleteNode(tx, id);
        return { value: id, outcome: 'DELETED' as const };
      });
    },

    async deletePosition(id: string): Promise<Written<string>> {
      return db.writeTx(async (tx) => {
        const naming = await repo.statementsInPost(tx, id);
        if (naming.length) {
          throw new EditRejected(
            naming.slice(0, MAX_REFERRERS_LISTED).map((by) => ({
              code: 'CONFLICT' as const,
              path: 'id',
              message: `${by} was made in this post; change that statement first`,
            })),
          );
        }
        if (!(await repo.deletePosition(tx, id))) {
          throw new EditRejected([
            { code: 'NOT_FOUND', path: 'id', message: `no position with id "${id}"` },
          ]);
        }
        return { value: id, outcome: 'DELETED' as const };
      });
    },

    /**
     * Merges duplicates into `keepId` in one transaction: every record that links
     * to a merged node is rewritten to link to the kept one (through the import
     * path, so content hashes stay true), the merged records are folded into the
     * kept one, and the merged nodes are deleted once nothing refers to them.
     */
    async merge(keepId: string, mergeIds: string[], by: string): Promise<Written<NodeRow>> {
      checkMergeArguments(keepId, mergeIds);
      const value = await inWriteTx(async (tx, written) => {
        const types = await repo.lockNodes(tx, [keepId, ...mergeIds]);
        const type = types.get(keepId);
        const problems: EditProblem[] = [];
        if (!type)
          problems.push({
            code: 'NOT_FOUND',
            path: 'keepId',
            message: `no node with id "${keepId}"`,
          });
        mergeIds.forEach((mergeId, i) => {
          const mergeType = types.get(mergeId);
          const path = `mergeIds[${i}]`;
          if (!mergeType)
            problems.push({ code: 'NOT_FOUND', path, message: `no node with id "${mergeId}"` });
          else if (type && mergeType !== type) {
            problems.push({
              code: 'BAD_USER_INPUT',
              path,
              message: `is a ${mergeType}, not a ${type} like keepId`,
            });
          }
        });
        if (problems.length || !type) throw new EditRejected(problems);

        const merging = new Set(mergeIds);
        const referrers = (await repo.referrers(tx, mergeIds)).filter(
          (r) => r.by !== keepId && !merging.has(r.by),
        );
        await repo.lockNodes(
          tx,
          referrers.filter((r) => r.type !== 'position').map((r) => r.by),
        );
        const replace = new Map(mergeIds.map((m) => [m, keepId]));
        const conflicts: string[] = [];

        const [keepRow, ...mergedRows] = await loadRecords(tx, type, [keepId, ...mergeIds]);
        const rewrite = (t: RecordType, r: AnyRecord) =>
          rewriteReferences(t, r, replace, conflicts);
        const kept = foldRecords(
          type,
          rewrite(type, keepRow!),
          mergedRows.map((r) => rewrite(type, r)),
          conflicts,
        );
        const changed: Array<{ type: RecordType; record: AnyRecord }> = [{ type, record: kept }];
        const byType = groupBy(referrers, (r) => r.type);
        for (const [referrerType, list] of byType) {
          const ids = [...new Set(list.map((r) => r.by))];
          for (const record of await loadRecords(tx, referrerType, ids)) {
            changed.push({ type: referrerType, record: rewrite(referrerType, record) });
          }
        }
        const invalid = changed.flatMap(({ type: t, record }) => {
          const parsed = safeParseRecord(RECORD_TYPES[t] as z.ZodType, record);
          return parsed.success
            ? []
            : parsed.error.issues.map(
                (i) => `${record.id}: ${joinPath('', i.path).slice(1)} ${i.message}`,
              );
        });
        if (conflicts.length || invalid.length) {
          throw new EditRejected(
            [...conflicts, ...invalid].map((message) => ({
              code: 'CONFLICT',
              path: 'mergeIds',
              message,
            })),
          );
        }
        await writeRecords(
          tx,
          changed.map(({ type: t, record }) => ({
            type: t,
            record: (RECORD_TYPES[t] as z.ZodType).parse(record) as AnyRecord,
          })),
          by,
          written,
          'UPDATED',
        );
        // Nothing may still refer to a merged node: were it so, deleting it would lose a link.
        const left = await repo.referrers(tx, mergeIds);
        if (left.length) {
          throw new EditRejected(
            left.map((r) => ({
              code: 'CONFLICT',
              path: 'mergeIds',
              message: `${r.by} (${r.link}) changed while merging; try again`,
            })),
          );
        }
        const createdAt = await repo.earliestCreatedAt(tx, [keepId, ...mergeIds]);
        if (createdAt) await repo.setCreatedAt(tx, keepId, createdAt);
        await repo.deleteNodes(tx, mergeIds);
        return (await repo.nodeRow(tx, keepId))!;
      });
      return { value, outcome: 'MERGED' };
    },
  };

  async function loadRecords(tx: Tx, type: RecordType, ids: string[]): Promise<AnyRecord[]> {
    return store.recordsById(tx, type, ids);
  }
}

export type EditingService = ReturnType<typeof createEditingService>;

function checkMergeArguments(keepId: string, mergeIds: string[]) {
  const problems: EditProblem[] = [];
  if (mergeIds.length === 0) {
    problems.push({
      code: 'BAD_USER_INPUT',
      path: 'mergeIds',
      message: 'name at least one node to merge',
    });
  }
  if (mergeIds.length > MAX_MERGE) {
    problems.push({
      code: 'BAD_USER_INPUT',
      path: 'mergeIds',
      message: `at most ${MAX_MERGE} ids`,
    });
  }
  mergeIds.forEach((id, i) => {
    const path = `mergeIds[${i}]`;
    if (id === keepId) problems.push({ code: 'BAD_USER_INPUT', path, message: 'is keepId itself' });
    else if (mergeIds.indexOf(id) !== i)
      problems.push({ code: 'BAD_USER_INPUT', path, message: 'is named twice' });
  });
  if (kindOfId(keepId) === 'position') {
    problems.push({
      code: 'BAD_USER_INPUT',
      path: 'keepId',
      message: 'positions are not nodes; set or delete them',
    });
  }
  if (problems.length) throw new EditRejected(problems);
}

function referrerProblems(referrers: Referrer[], path: string): EditProblem[] {
  const listed = referrers.slice(0, MAX_REFERRERS_LISTED).map((r) => ({
    code: 'CONFLICT' as const,
    path,
    message: `${r.by} links to it (${r.link}); change that ${r.type} first, or merge this node into another`,
  }));
  if (referrers.length > MAX_REFERRERS_LISTED) {
    listed.push({
      code: 'CONFLICT',
      path,
      message: `and ${referrers.length - MAX_REFERRERS_LISTED} more links`,
    });
  }
  return listed;
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
