import { FORMAT, type Dataset, type StatementRecord } from '../import/dataset.js';
import { canonical, COLLECTIONS, referencesOf, type AnyRecord } from '../import/records.js';
import type { Database, Row } from '../db/neo4j.js';
import { parsePartialDate } from '../calendar.js';
import { createExportRepository } from './export.repository.js';

export interface ExportFilter {
  speakerIds?: string[];
  /** Statements whose date lies within [from, to] (ISO days). */
  from?: string;
  to?: string;
}

/**
 * Reads the graph back as a dataset: importing it into an empty graph gives the
 * same graph. With a filter, the matching statements come with everything they
 * refer to (transitively), so the file imports on its own.
 */
export async function exportDataset(db: Database, filter: ExportFilter = {}): Promise<Dataset> {
  const repo = createExportRepository(db);
  const out = { format: FORMAT } as Dataset;
  const byId = new Map<string, { type: (typeof COLLECTIONS)[number][1]; record: AnyRecord }>();
  for (const [collection, type] of COLLECTIONS) {
    const records = (await repo.records(type)).map((row) =>
      canonical(type, toRecord(type, row) as never),
    );
    (out as Record<string, unknown>)[collection] = records;
    for (const record of records as AnyRecord[]) byId.set(record.id, { type, record });
  }
  if (!filter.speakerIds?.length && !filter.from && !filter.to) return out;

  const keep = new Set<string>();
  const visit = (id: string) => {
    const entry = byId.get(id);
    if (!entry || keep.has(id)) return;
    keep.add(id);
    for (const [, ref] of referencesOf(entry.type, entry.record)) visit(ref);
  };
  for (const s of out.statements) if (matches(s, filter)) visit(s.id);
  for (const p of out.positions) if (keep.has(p.person)) visit(p.id);
  for (const [collection] of COLLECTIONS) {
    (out as Record<string, unknown>)[collection] = (out[collection] as AnyRecord[]).filter((r) =>
      keep.has(r.id),
    );
  }
  return out;
}

function matches(s: StatementRecord, { speakerIds, from, to }: ExportFilter): boolean {
  if (speakerIds?.length && !speakerIds.includes(s.speaker)) return false;
  // Compare on the covered range: "2024-06" is within [2024-06-01, 2024-06-30].
  const { start, end } = parsePartialDate(s.date)!;
  return (!from || start >= from) && (!to || end <= to);
}

/** Drops absent fields and restores the record shape (figures are stored as JSON). */
function toRecord(type: string, row: Row): AnyRecord {
  const record = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));
  if (type === 'statement')
    record.figures = record.figures ? JSON.parse(record.figures as string) : [];
  return record as unknown as AnyRecord;
}
