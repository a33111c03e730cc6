import type { Dataset, RecordType, StatementRecord } from '../records/dataset.js';
import { COLLECTIONS, type AnyRecord, type RecordOf } from '../records/record-kinds.js';
import { parseStatementDate, type StatementDate } from '../calendar.js';

/** The GraphQL type name of each record type (what a network node or a CSV row calls it). */
export const TYPE_NAMES: Record<RecordType, string> = {
  person: 'Person',
  organization: 'Organization',
  country: 'Country',
  place: 'Place',
  topic: 'Topic',
  source: 'Source',
  position: 'Position',
  meeting: 'Meeting',
  statement: 'Statement',
};

export interface Entry<T extends RecordType = RecordType> {
  type: T;
  record: RecordOf[T];
}

/**
 * Lookups over a dataset for the format writers: every record by id, its label,
 * and a statement's source route. Pure: built from the records alone.
 */
export function indexDataset(dataset: Dataset) {
  const byId = new Map<string, Entry>();
  for (const [collection, type] of COLLECTIONS)
    for (const record of dataset[collection] as AnyRecord[]) byId.set(record.id, { type, record });

  function get<T extends RecordType>(id: string, type?: T): RecordOf[T] | undefined {
    const entry = byId.get(id);
    return entry && (type === undefined || entry.type === type)
      ? (entry.record as RecordOf[T])
      : undefined;
  }

  /** A readable name: an actor's or place's name, a title, a statement's text. */
  function label(id: string): string {
    const entry = byId.get(id);
    if (!entry) return id;
    const r = entry.record as unknown as Record<string, unknown>;
    return String(r.name ?? r.title ?? r.text ?? id);
  }

  return {
    byId,
    get,
    label,
    typeOf: (id: string): RecordType | undefined => byId.get(id)?.type,
    /** The GraphQL type name of the record with this id (`Person`, `Topic`, …). */
    typeName: (id: string): string => {
      const type = byId.get(id)?.type;
      return type ? TYPE_NAMES[type] : 'Unknown';
    },
    date: (text: string): StatementDate => parseStatementDate(text)!,
    sourceRoutes: (statement: StatementRecord) =>
      sourceRoutes(statement, (id) => get(id, 'source')),
  };
}

export type DatasetIndex = ReturnType<typeof indexDataset>;

/**
 * A statement's source route: the chains of citation among the sources it is
 * reported in, each from a source none of its other sources cites (the one the reader
 * holds) down to the one it relies on (Palestine Chronicle > TASS). A source that cites
 * nothing else of the statement's is a route of its own.
 */
export function sourceRoutes(
  statement: StatementRecord,
  sourceOf: (id: string) => { cites: string[] } | undefined,
): string[][] {
  const own = new Set(statement.sources.map((s) => s.source));
  const cited = (id: string) => (sourceOf(id)?.cites ?? []).filter((c) => own.has(c)).sort();
  const citedByOthers = new Set([...own].flatMap(cited));
  const routes: string[][] = [];
  const walk = (path: string[]) => {
    const next = cited(path.at(-1)!).filter((c) => !path.includes(c));
    if (next.length === 0) routes.push(path);
    for (const c of next) walk([...path, c]);
  };
  for (const id of [...own].sort()) if (!citedByOthers.has(id)) walk([id]);
  // Sources that cite each other in a circle have no outermost one: each is its own route.
  if (routes.length === 0) for (const id of [...own].sort()) routes.push([id]);
  return routes;
}
