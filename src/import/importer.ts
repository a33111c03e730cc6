import { stat } from 'node:fs/promises';
import type { Database, Tx } from '../db/neo4j.js';
import { FORMAT, type Dataset, type RecordType } from '../records/dataset.js';
import { prepareUpgrade, UpgradeScan, type Upgrade } from '../records/upgrade.js';
import {
  createRecordStore,
  rowLinks,
  storedFacts,
  writeRow,
  type RecordStore,
  type WriteRow,
} from '../records/record-store.repository.js';
import { entitiesOfDataset } from '../names/entities.js';
import { sameNames, type SameName } from '../names/matcher.js';
import { COLLECTIONS, TYPES, type AnyRecord } from '../records/record-kinds.js';
import {
  inFileOrder,
  parseLine,
  positionIn,
  ReferenceChecker,
  unparsedLine,
  upgradeFacts,
  validateDataset,
  type ExistingIds,
  type Problem,
  type StoredFacts,
} from '../records/validate.js';
import { checkedLines, defaultThreads, headerFormat } from './line-check.js';
import { FileEncodingError, readLines, readTextFile } from './text-file.js';

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

export type ImportReport =
  | {
      ok: true;
      dryRun: boolean;
      counts: Record<RecordType, Counts>;
      records: number;
      /** Records of one type in the file that share a name in different spellings (a warning; JSON files only). */
      possibleDuplicates?: SameName[];
      /** What converting a version 1 file noticed but did not refuse (a publisher name its link does not bear). */
      warnings?: Problem[];
    }
  | { ok: false; problems: Problem[] };

export interface ImportOptions {
  /** Validate and count what would change; write nothing. */
  dryRun?: boolean;
  /** Recorded as `updatedBy` on every node written. */
  by: string;
  /** Records per transaction for JSON Lines (a JSON file is always one transaction). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Threads that validate a JSON Lines file (default: one per core for a file above 256 MB). */
  threads?: number;
}

const emptyCounts = () =>
  Object.fromEntries(
    TYPES.map((type) => [type, { created: 0, updated: 0, unchanged: 0 }]),
  ) as Record<RecordType, Counts>;

export interface Typed {
  type: RecordType;
  record: AnyRecord;
  /** The record's write row, when it was prepared ahead (JSON Lines batches). */
  row?: WriteRow;
}

/**
 * Imports a dataset: validates all of it first (every problem, nothing written
 * when there is one), then writes only what is new or changed.
 */
export function createImporter(db: Database) {
  const repo = createRecordStore(db);
  const existing = (ids: string[]) => repo.existingIds(ids);
  const facts: StoredFacts = {
    records: (type, ids) => db.readTx((tx) => storedFacts(repo, tx).records(type, ids)),
    statementsAt: (ids) => db.readTx((tx) => storedFacts(repo, tx).statementsAt(ids)),
    statementsReading: (ids) => db.readTx((tx) => storedFacts(repo, tx).statementsReading(ids)),
    organizations: () => db.readTx((tx) => storedFacts(repo, tx).organizations()),
  };

  async function importDataset(input: unknown, options: ImportOptions): Promise<ImportReport> {
    const validated = await validateDataset(input, existing, facts);
    if (!validated.ok) return validated;
    const records = datasetRecords(validated.dataset);
    const counts = emptyCounts();
    const plan = await classify(repo, records, counts);
    if (!options.dryRun) {
      // One transaction: the file lands whole or not at all.
      await db.writeTx((tx) =>
        Promise.all([
          writeNodes(repo, tx, plan, options.by, { complete: true }),
          writeLinks(repo, tx, plan, options.by, { marked: true }),
        ]),
      );
    }
    options.onProgress?.(records.length, records.length);
    return {
      ok: true,
      dryRun: Boolean(options.dryRun),
      counts,
      records: records.length,
      possibleDuplicates: sameNames(entitiesOfDataset(validated.dataset)),
      ...(validated.warnings.length ? { warnings: validated.warnings } : {}),
    };
  }

  /**
   * JSON Lines: validated in a first pass over the file; then written batch by batch,
   * each batch its own transaction: its nodes, and the links of those of its records
   * whose links point only to nodes already written (by an earlier batch, this one, or
   * before the import). The links of the rest (links to lines further down) are written
   * by a last pass over the file. A record counts as imported once its links are
   * written, so a re-run after a failure skips what fully landed and finishes the rest.
   * The passes after the first trust it, so the file must stay as it was validated:
   * if it changes (size or time), the import stops before its next write.
   */
  async function importJsonLines(file: string, options: ImportOptions): Promise<ImportReport> {
    const validatedFile = await fileState(file);
    const checked = await validateJsonLines(file, existing, facts, { threads: options.threads });
    if (!checked.ok) return checked;
    const total = checked.records;

    const counts = emptyCounts();
    const batchSize = options.batchSize ?? 1000;
    // The file's ids whose nodes are not written yet: a link to one of them waits.
    const unwritten = checked.ids;
    // Records whose nodes are written but not their links, with their content hashes, so
    // the last pass neither asks the graph again nor hashes the record again.
    const deferred: Written = { fresh: new Map(), changed: new Map() };
    let done = 0;
    // Before each write: the batch just read is of the file that was validated.
    const unchanged = async () => {
      if ((await fileState(file)) !== validatedFile) throw new FileChangedError(file);
    };
    // Into an empty graph (the first import of a file), every record is new: no hashes to ask for.
    const known = (await repo.isEmpty()) ? NOTHING_STORED : repo;
    for await (const batch of prefetched(batches(file, batchSize, checked.upgrade))) {
      await unchanged();
      const plan = await classify(known, batch, counts);
      if (options.dryRun) {
        done += batch.length;
        options.onProgress?.(done, total);
        continue;
      }
      // Unchanged records are in the graph already, written ones will be with this batch.
      for (const { record } of batch) unwritten.delete(record.id);
      const { now, later } = splitPlan(plan, unwritten);
      for (const kind of ['fresh', 'changed'] as const) {
        for (const list of later[kind].values())
          for (const row of list) deferred[kind].set(row.id, row.hash);
      }
      await db.writeTx((tx) =>
        Promise.all([
          writeNodes(repo, tx, now, options.by, { complete: true }),
          writeNodes(repo, tx, later, options.by),
          writeLinks(repo, tx, now, options.by, { marked: true }),
        ]),
      );
      done += batch.length;
      options.onProgress?.(done, total);
    }
    const warnings = checked.upgrade?.warnings.length ? { warnings: checked.upgrade.warnings } : {};
    if (options.dryRun) return { ok: true, dryRun: true, counts, records: total, ...warnings };
    if (deferred.fresh.size + deferred.changed.size > 0) {
      for await (const { plan } of prefetched(
        linkBatches(file, batchSize, deferred, checked.upgrade),
      )) {
        await unchanged();
        await db.writeTx((tx) => writeLinks(repo, tx, plan, options.by));
      }
    }
    return { ok: true, dryRun: false, counts, records: total, ...warnings };
  }

  /** Imports a `.json` dataset or a `.jsonl` file. */
  async function importFile(file: string, options: ImportOptions): Promise<ImportReport> {
    if (/\.jsonl$|\.ndjson$/i.test(file)) return importJsonLines(file, options);
    let json: unknown;
    try {
      json = JSON.parse(await readTextFile(file));
    } catch (error) {
      if (error instanceof FileEncodingError) {
        return { ok: false, problems: [encodingProblem(file, error)] };
      }
      return { ok: false, problems: [{ path: file, message: (error as Error).message }] };
    }
    return importDataset(json, options);
  }

  /** Loads the seed file into a graph that has no nodes yet; returns whether it did. */
  async function seedIfEmpty(file: string): Promise<ImportReport | null> {
    if (!(await repo.isEmpty())) return null;
    return importFile(file, { by: 'seed' });
  }

  return { importDataset, importJsonLines, importFile, seedIfEmpty };
}

export type Importer = ReturnType<typeof createImporter>;

/**
 * The first pass over a JSON Lines file: every line parsed and checked, every
 * reference resolved within the file or against `existing`; all problems, or the
 * number of records. `threads`: see checkedLines (default: defaultThreads).
 */
export const validateJsonLines = (
  file: string,
  existing: ExistingIds,
  facts?: StoredFacts,
  options: { threads?: number } = {},
) => readJsonLinesChecked(file, existing, undefined, facts, options);

/**
 * One pass that validates a JSON Lines file and, given `use`, hands each valid record's
 * write row to it as it goes (the bulk path writes CSV while it reads), in file order;
 * the caller discards what `use` made when problems come back.
 */
export async function readJsonLinesChecked(
  file: string,
  existing: ExistingIds,
  use: ((written: { type: RecordType; row: WriteRow }) => Promise<void>) | undefined,
  facts?: StoredFacts,
  { threads }: { threads?: number } = {},
): Promise<
  | { ok: true; records: number; upgrade?: Upgrade; ids: Map<string, string> }
  | { ok: false; problems: Problem[] }
> {
  const checker = new ReferenceChecker();
  const problems: Problem[] = [];
  let total = 0;
  let upgrade: Upgrade | undefined;
  try {
    upgrade = await upgradeOf(file, existing, facts);
    problems.push(...(upgrade?.problems ?? []));
    for (const record of upgrade?.created ?? []) {
      checker.add('organization', record, 'publisher converted', ': ');
      total += 1;
      if (use) await use({ type: 'organization', row: writeRow('organization', record) });
    }
    // Without an upgrade the file's header names version 2 (see upgradeOf).
    const format = upgrade ? await firstLineFormat(file) : FORMAT;
    const lines = checkedLines(file, format, upgrade, {
      toRow: use && writeRow,
      // The bulk path (`use`) stays on one thread unless asked: its rows would cross from the
      // workers as large messages, and that was not measured to pay.
      threads: threads ?? (use ? 1 : defaultThreads((await stat(file)).size)),
    });
    for await (const line of lines) {
      if ('problems' in line) {
        problems.push(...line.problems);
        if (line.refused) checker.addRefused(line.refused);
        continue;
      }
      checker.addChecked(line.checked);
      total += 1;
      if (use && problems.length === 0) await use({ type: line.type, row: line.row! });
    }
  } catch (error) {
    if (!(error instanceof FileEncodingError)) throw error;
    return { ok: false, problems: [encodingProblem(file, error)] };
  }
  problems.push(...(await checker.finish(existing, problems.length ? undefined : facts)));
  return problems.length
    ? { ok: false, problems: await inLineOrder(file, problems) }
    : { ok: true, records: total, upgrade, ids: checker.ids };
}

/**
 * A JSON Lines file's problems in file order: by line, then by where in the line their
 * field is written (see inFileOrder). The lines with problems are read once more for
 * that, only when the file is refused; problems of no line (an organisation a version 1
 * publisher name creates) come last.
 */
async function inLineOrder(file: string, problems: Problem[]): Promise<Problem[]> {
  const LINE = /^line (\d+)(?:: (.*))?$/s;
  const wanted = new Set(problems.map(({ path }) => Number(LINE.exec(path)?.[1] ?? 0)));
  const written = new Map<number, unknown>();
  const last = Math.max(...wanted);
  for await (const { lineNumber, text } of lines(file)) {
    if (lineNumber > last) break;
    if (!wanted.has(lineNumber)) continue;
    try {
      written.set(lineNumber, JSON.parse(text));
    } catch {
      // Not JSON: its one problem is the line's own.
    }
  }
  return inFileOrder(problems, ({ path }) => {
    const at = LINE.exec(path);
    if (!at) return [Number.MAX_SAFE_INTEGER];
    const line = Number(at[1]);
    return [line, ...positionIn(written.get(line), at[2] ?? '')];
  });
}

/** The format the file's header line names, if its first line is one. */
async function firstLineFormat(file: string): Promise<string | undefined> {
  for await (const { lineNumber, text } of lines(file))
    return lineNumber === 1 ? headerFormat(text) : undefined;
  return undefined;
}

/**
 * The conversion of a version 1 (or headerless) JSON Lines file, from a pass over
 * it of its own: a source's roles and its publisher depend on other records,
 * anywhere in the file. Undefined for a version 2 file (no extra pass).
 */
async function upgradeOf(
  file: string,
  existing: ExistingIds,
  facts?: StoredFacts,
): Promise<Upgrade | undefined> {
  const scan = new UpgradeScan();
  for await (const { lineNumber, text } of lines(file)) {
    if (lineNumber === 1) {
      if (headerFormat(text) === FORMAT) return undefined;
      if (headerFormat(text)) continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      continue; // reported by the checked pass
    }
    const { type, ...record } = (json ?? {}) as Record<string, unknown>;
    if (typeof type === 'string') scan.add(type, record, (field) => `line ${lineNumber}: ${field}`);
  }
  return prepareUpgrade(scan, upgradeFacts(existing, facts));
}

function datasetRecords(dataset: Dataset): Typed[] {
  return COLLECTIONS.flatMap(([collection, type]) =>
    (dataset[collection] as AnyRecord[]).map((record) => ({ type, record })),
  );
}

/** Rows to write, by type: `fresh` ones do not exist yet; `changed` ones exist and differ (or never got their links). */
interface Plan {
  fresh: Map<RecordType, WriteRow[]>;
  changed: Map<RecordType, WriteRow[]>;
}

/** What an empty graph holds: no record, so nothing to ask it (the file's ids are distinct). */
const NOTHING_STORED: Pick<RecordStore, 'existingHashes'> = {
  existingHashes: async () => new Map(),
};

/** Counts created / updated / unchanged and plans the rows that need writing. */
async function classify(
  repo: Pick<RecordStore, 'existingHashes'>,
  records: Typed[],
  counts: Record<RecordType, Counts>,
) {
  const plan: Plan = { fresh: new Map(), changed: new Map() };
  for (const type of TYPES) {
    const ofType = records.filter((r) => r.type === type);
    if (ofType.length === 0) continue;
    const hashes = await repo.existingHashes(
      type,
      ofType.map((r) => r.record.id),
    );
    const fresh: WriteRow[] = [];
    const changed: WriteRow[] = [];
    for (const { record, row: prepared } of ofType) {
      const row = prepared ?? writeRow(type, record);
      const previous = hashes.get(record.id);
      if (previous === row.hash) {
        counts[type].unchanged += 1;
        continue;
      }
      // No hash: written by an import that stopped before its links — it counts as created.
      counts[type][previous == null ? 'created' : 'updated'] += 1;
      // Positions are relationships: always upserted by id.
      (previous === undefined && type !== 'position' ? fresh : changed).push(row);
    }
    plan.fresh.set(type, fresh);
    plan.changed.set(type, changed);
  }
  return plan;
}

/*
 * writeNodes and writeLinks send all their queries before awaiting any (the record
 * store's methods send theirs before their first await): a transaction's queries run in
 * order on its connection, so the links written after the nodes still find them, and
 * Neo4j runs each query while the next is packed and sent instead of waiting a round
 * trip for it. The caller awaits them together.
 */

/** `complete`: their links are written in this transaction too (see RecordStore.writeNodes). */
function writeNodes(repo: RecordStore, tx: Tx, plan: Plan, by: string, { complete = false } = {}) {
  const now = new Date();
  return Promise.all(
    TYPES.flatMap((type) => [
      repo.writeNodes(tx, type, plan.fresh.get(type) ?? [], by, now, { fresh: true, complete }),
      repo.writeNodes(tx, type, plan.changed.get(type) ?? [], by, now, { complete }),
    ]),
  );
}

function writeLinks(repo: RecordStore, tx: Tx, plan: Plan, by: string, { marked = false } = {}) {
  const now = new Date();
  return Promise.all(
    TYPES.flatMap((type) => [
      repo.writeLinks(tx, type, plan.fresh.get(type) ?? [], by, now, { fresh: true, marked }),
      repo.writeLinks(tx, type, plan.changed.get(type) ?? [], by, now, { marked }),
    ]),
  );
}

/**
 * The rows whose links can be written now, every end of them written (not in
 * `unwritten`), and the rest, whose links must wait for nodes further down the file.
 */
function splitPlan(plan: Plan, unwritten: ReadonlyMap<string, unknown>) {
  const now: Plan = { fresh: new Map(), changed: new Map() };
  const later: Plan = { fresh: new Map(), changed: new Map() };
  const ready = (row: WriteRow) =>
    row.links.every((link) => !unwritten.has(link.from) && !unwritten.has(link.to));
  for (const kind of ['fresh', 'changed'] as const) {
    for (const [type, rows] of plan[kind]) {
      now[kind].set(type, rows.filter(ready));
      later[kind].set(
        type,
        rows.filter((row) => !ready(row)),
      );
    }
  }
  return { now, later };
}

/** The file's inode, size and modification time: what tells that it changed between two passes. */
async function fileState(file: string): Promise<string> {
  const { size, mtimeMs, ino } = await stat(file);
  return `${ino}:${size}:${mtimeMs}`;
}

/** The file changed after it was validated: the import stops (what landed is skipped by the next). */
export class FileChangedError extends Error {
  constructor(file: string) {
    super(
      `${file} changed while it was being imported; import it again (what was written is kept)`,
    );
  }
}

/** Where the file's bytes are not UTF-8: the line, or the file as a whole. */
const encodingProblem = (file: string, error: FileEncodingError): Problem => ({
  path: error.line === undefined ? file : `line ${error.line}`,
  message: error.message,
});

/** The file's non-blank lines (see text-file.ts for what it accepts). */
async function* lines(file: string) {
  for await (const line of readLines(file)) if (line.text.trim() !== '') yield line;
}

/**
 * Runs `source` one item ahead: the next batch is read, parsed and hashed while
 * the caller awaits Neo4j with the current one, so on two cores the importer's
 * JavaScript and Neo4j's writing overlap instead of taking turns.
 */
async function* prefetched<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  for (;;) {
    const current = await next;
    if (current.done) return;
    next = it.next();
    // A failure of the read ahead surfaces when it is awaited; never as an unhandled rejection.
    next.catch(() => {});
    yield current.value;
  }
}

/** Records whose nodes are written (links not yet), by id, with their content hashes. */
interface Written {
  fresh: Map<string, string>;
  changed: Map<string, string>;
}

/**
 * The last pass's batches: the records in `written`, as link rows, `size` a batch. The file
 * was validated whole first and has not changed since (checked before each write),
 * and a record's links read from its line as written are the links
 * of its parsed record: the schema checks the ids and link fields but changes none of
 * them (no trimming; a list left out is an empty list either way). So no record is
 * parsed with the schema, hashed or given search keys a second time here — except
 * positions, whose link row carries their properties (they are few).
 */
async function* linkBatches(file: string, size: number, written: Written, upgrade?: Upgrade) {
  let plan: Plan = { fresh: new Map(), changed: new Map() };
  let records = 0;
  const add = (type: RecordType, record: AnyRecord, parsed: () => AnyRecord) => {
    const kind = written.fresh.has(record.id) ? 'fresh' : 'changed';
    const hash = written[kind].get(record.id);
    if (hash === undefined) return 0;
    const row: WriteRow =
      type === 'position'
        ? writeRow(type, parsed())
        : // writeLinks reads a row's id, hash and links; its properties were the nodes pass's.
          { id: record.id, hash, props: {}, links: rowLinks(type, record) };
    const rows = plan[kind].get(type) ?? [];
    rows.push(row);
    plan[kind].set(type, rows);
    return 1;
  };
  for (const record of upgrade?.created ?? []) records += add('organization', record, () => record);
  let format: string | undefined;
  for await (const { lineNumber, text } of lines(file)) {
    if (lineNumber === 1 && (format = headerFormat(text))) continue;
    // Valid when it was validated: if not now, the file changed.
    const line = unparsedLine(text, format, upgrade);
    if (!line) throw new FileChangedError(file);
    records += add(line.type, line.record, () => {
      const parsed = parseLine(text, lineNumber, format, upgrade).line;
      if (!parsed) throw new FileChangedError(file);
      return parsed.record;
    });
    if (records >= size) {
      yield { plan, records };
      plan = { fresh: new Map(), changed: new Map() };
      records = 0;
    }
  }
  if (records) yield { plan, records };
}

/** Batches of records with their write rows, ready to classify and write. */
async function* batches(file: string, size: number, upgrade?: Upgrade) {
  let batch: Typed[] = (upgrade?.created ?? []).map((record) => ({
    type: 'organization' as const,
    record,
  }));
  let format: string | undefined;
  for await (const { lineNumber, text } of lines(file)) {
    if (lineNumber === 1 && (format = headerFormat(text))) continue;
    const line = parseLine(text, lineNumber, format, upgrade).line;
    if (!line) throw new FileChangedError(file);
    batch.push({ ...line, row: writeRow(line.type, line.record) });
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
