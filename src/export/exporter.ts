import { FORMAT, type Dataset } from '../records/dataset.js';
import { canonical, COLLECTIONS, referencesOf, type AnyRecord } from '../records/record-kinds.js';
import type { Database } from '../db/neo4j.js';
import {
  createStatementsRepository,
  type StatementFilter,
} from '../modules/statements/statements.repository.js';
import { createRecordStore } from '../records/record-store.repository.js';
import { unknownIdsError } from '../modules/references/references.rules.js';
import { filterReferences } from '../modules/statements/statements.filter.js';

/** A record type's node type: `person` → `Person`. */
const NODE_TYPE_OF = Object.fromEntries(
  COLLECTIONS.map(([, type]) => [type, type[0]!.toUpperCase() + type.slice(1)]),
) as Record<(typeof COLLECTIONS)[number][1], string>;

/** The `statements` query's filter: an export of a slice matches exactly what the API lists. */
export type ExportFilter = StatementFilter;

/** True when the filter sets no condition at all (the whole graph is exported). */
export const isEmptyFilter = (filter: ExportFilter) =>
  Object.entries(filter).every(
    ([key, value]) =>
      value === null || value === undefined || (key === 'dateMatch' && value === 'WITHIN'),
  );

/**
 * A filtered slice: the dataset (the matching statements with everything they refer
 * to, transitively) and the ids of the statements that matched the filter. A matching
 * statement may relay or respond to one that did not match; that one is in `dataset`
 * (so every reference resolves) but not in `matching`.
 */
export interface ExportSlice {
  dataset: Dataset;
  /** Ids of the statements that matched, in id order. */
  matching: string[];
}

/**
 * Reads the graph back as a dataset: importing it into an empty graph gives the
 * same graph. With a filter, the matching statements come with everything they
 * refer to (transitively), so the file imports on its own.
 */
export async function exportDataset(db: Database, filter: ExportFilter = {}): Promise<Dataset> {
  return (await exportSlice(db, filter)).dataset;
}

export async function exportSlice(db: Database, filter: ExportFilter = {}): Promise<ExportSlice> {
  const store = createRecordStore(db);
  const out = { format: FORMAT } as Dataset;
  const byId = new Map<string, { type: (typeof COLLECTIONS)[number][1]; record: AnyRecord }>();
  for (const [collection, type] of COLLECTIONS) {
    const records = (await store.allRecords(type)).map((record) =>
      canonical(type, record as never),
    );
    (out as Record<string, unknown>)[collection] = records;
    for (const record of records as AnyRecord[]) byId.set(record.id, { type, record });
  }
  if (isEmptyFilter(filter)) return { dataset: out, matching: out.statements.map((s) => s.id) };
  // An id that names nothing is an error, never an empty file (as in the `statements` query).
  const unknown = filterReferences(filter).filter(({ id, expected }) => {
    const type = byId.get(id)?.type;
    return !type || !(expected.types as readonly string[]).includes(NODE_TYPE_OF[type]);
  });
  if (unknown.length) {
    throw unknownIdsError(
      unknown.map(({ path, id, expected }) => ({
        path,
        id,
        message: `no ${expected.what} with id "${id}"`,
        suggestion: null,
      })),
    );
  }
  const matching = await createStatementsRepository(db).matchingIds(filter);

  const keep = new Set<string>();
  const visit = (id: string) => {
    const entry = byId.get(id);
    if (!entry || keep.has(id)) return;
    keep.add(id);
    for (const [, ref] of referencesOf(entry.type, entry.record)) visit(ref);
  };
  for (const id of matching) visit(id);
  for (const p of out.positions) if (keep.has(p.person)) visit(p.id);
  for (const [collection] of COLLECTIONS) {
    (out as Record<string, unknown>)[collection] = (out[collection] as AnyRecord[]).filter((r) =>
      keep.has(r.id),
    );
  }
  return { dataset: out, matching };
}
