import { createWriteStream, mkdirSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { RecordType } from '../records/dataset.js';
import type { Database } from '../db/neo4j.js';
import { createRecordStore, DATE_PROPS } from '../records/record-store.repository.js';
import { KINDS, type Kind, type Props } from '../records/record-kinds.js';
import type { Problem } from '../records/validate.js';
import { readJsonLinesChecked } from './importer.js';

/**
 * The bulk path for a fresh database: a JSON Lines dataset, validated as the
 * importer validates it, written as the CSV files of Neo4j's offline importer
 * (`neo4j-admin database import full`). Every node and relationship property
 * comes from the same rows the transactional importer writes (`writeRow`, from
 * the kinds table), so a field added to a record kind flows through unchanged,
 * and a bulk-imported graph reads back as the same records (tests/integration/bulk-import).
 */

/** One `--nodes` or `--relationships` group: a header file and a data file. */
export interface CsvGroup {
  /** Node labels (`Person:Actor:Entity`) or the relationship type. */
  name: string;
  header: string;
  data: string;
}

export type BulkCsvReport =
  | {
      ok: true;
      records: number;
      statements: number;
      nodes: CsvGroup[];
      relationships: CsvGroup[];
      /** Some value holds a line break: the importer must parse multi-line fields (slower). */
      multiline: boolean;
      /** Node ids whose list property is empty, by property: `finishBulkImport` sets them. */
      emptyLists: Array<{ key: string; ids: string[] }>;
    }
  | { ok: false; problems: Problem[] };

/** Between the elements of a list property: a control character no name or title holds. */
export const ARRAY_DELIMITER = '\u001f';

/** Dates are typed by name, as toNeo4jProps types them; the write stamps are instants. */
const TIMESTAMPS = new Set(['createdAt', 'updatedAt']);

type CsvType = 'string' | 'string[]' | 'long' | 'double' | 'boolean' | 'date' | 'datetime';

/** One CSV file being written; its columns grow as keys are first seen, its header is written last. */
class CsvFile {
  private readonly out: WriteStream;
  private readonly columns = new Map<string, CsvType | null>();
  private buffer: string[] = [];
  /** Ids (the first fixed value) of rows with an empty list, by property. */
  readonly emptyLists = new Map<string, string[]>();
  private size = 0;
  multiline = false;

  constructor(
    readonly name: string,
    readonly dir: string,
    readonly base: string,
    private readonly fixed: string[],
  ) {
    this.out = createWriteStream(join(dir, `${base}.csv`));
  }

  /** `fixed` values (ids) come first, then the properties in column order. */
  async row(fixedValues: string[], props: Record<string, unknown>): Promise<void> {
    for (const key of Object.keys(props)) {
      const value = props[key];
      const known = this.columns.get(key);
      if (known === undefined || (known === null && value !== null && value !== undefined)) {
        this.columns.set(key, csvType(key, value));
      }
    }
    const fields = fixedValues.map(quote);
    for (const [key] of this.columns) {
      const value = props[key];
      if (Array.isArray(value) && value.length === 0) {
        // The offline importer has no empty list: the property is left out here and set afterwards.
        if (this.fixed[0] !== 'id:ID') {
          throw new Error(
            `an empty list in ${key} of a ${this.name} relationship cannot be bulk imported`,
          );
        }
        let ids = this.emptyLists.get(key);
        if (!ids) this.emptyLists.set(key, (ids = []));
        ids.push(fixedValues[0]!);
        fields.push('');
      } else fields.push(this.field(value));
    }
    const line = `${fields.join(',')}\n`;
    this.buffer.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) await this.flush();
  }

  private field(value: unknown): string {
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) {
      for (const v of value) {
        if (String(v).includes(ARRAY_DELIMITER)) {
          throw new Error(`a list value holds U+001F, the bulk importer's list delimiter`);
        }
      }
      return this.text(value.join(ARRAY_DELIMITER));
    }
    if (typeof value === 'string') return this.text(value);
    return String(value);
  }

  private text(value: string): string {
    if (!this.multiline && /[\r\n]/.test(value)) this.multiline = true;
    return quote(value);
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  /** Writes what is buffered and the header; the group for the importer. */
  async close(): Promise<CsvGroup> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
    const header = [
      ...this.fixed,
      // A column that only ever held nulls is written as text: all of its fields are empty.
      ...[...this.columns].map(([key, type]) => `${key}:${type ?? 'string'}`),
    ].join(',');
    const headerFile = join(this.dir, `${this.base}.header.csv`);
    writeFileSync(headerFile, `${header}\n`);
    return { name: this.name, header: headerFile, data: join(this.dir, `${this.base}.csv`) };
  }
}

/** By name for dates and stamps, else by value; null while only nulls were seen. */
function csvType(key: string, value: unknown): CsvType | null {
  if (DATE_PROPS.test(key)) return 'date';
  if (TIMESTAMPS.has(key)) return 'datetime';
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return 'string[]';
  // A speaker's place in an ordered list (MADE.order) is an integer, as `import` writes it.
  if (key === 'order') return 'long';
  if (typeof value === 'number') return 'double';
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
}

/** Always quoted, so an empty string stays one; an empty unquoted field is an absent property. */
const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;

/**
 * Validates `file` as an import into an empty graph would and, in the same pass,
 * writes one node file per record kind and one relationship file per relationship
 * type into `dir`. When the file has a problem, `dir` is removed and the problems returned.
 */
export async function writeBulkCsv(
  file: string,
  dir: string,
  options: { by: string; now?: Date; threads?: number },
): Promise<BulkCsvReport> {
  mkdirSync(dir, { recursive: true });
  const now = (options.now ?? new Date()).toISOString();
  const stamps = { createdAt: now, updatedAt: now, updatedBy: options.by };
  const nodeFiles = new Map<RecordType, CsvFile>();
  const relFiles = new Map<string, CsvFile>();
  const relFile = (rel: string) => {
    let f = relFiles.get(rel);
    if (!f) relFiles.set(rel, (f = new CsvFile(rel, dir, `rel-${rel}`, [':START_ID', ':END_ID'])));
    return f;
  };
  let statements = 0;
  // One pass: each record is checked and written; the files are dropped if any problem turns up.
  const checked = await readJsonLinesChecked(
    file,
    async () => new Set(),
    async ({ type, row }) => {
      if (type === 'statement') statements += 1;
      const props: Props = row.props;
      const labels = (KINDS[type] as unknown as Kind).labels;
      if (labels === null) {
        // A position is the HOLDS_POSITION relationship between its person and its post.
        const person = row.links.find((l) => l.path === 'person')!.from;
        const of = row.links.find((l) => l.path === 'of')!.to;
        await relFile('HOLDS_POSITION').row([person, of], {
          ...props,
          ...stamps,
          contentHash: row.hash,
        });
        return;
      }
      let nodes = nodeFiles.get(type);
      if (!nodes)
        nodeFiles.set(type, (nodes = new CsvFile(labels, dir, `nodes-${type}`, ['id:ID'])));
      // `id` is both the importer's :ID (one id space: ids are unique across kinds) and the property.
      const { id, ...rest } = props;
      await nodes.row([String(id)], { ...rest, ...stamps, contentHash: row.hash });
      for (const link of row.links) await relFile(link.rel!).row([link.from, link.to], link.props);
    },
    // Into an empty graph: the rules across records see the file's records only.
    {
      records: async () => [],
      statementsAt: async () => [],
      statementsReading: async () => [],
      organizations: async () => [],
    },
    { threads: options.threads },
  );
  if (!checked.ok) {
    await Promise.all([...nodeFiles.values(), ...relFiles.values()].map((f) => f.close()));
    rmSync(dir, { recursive: true, force: true });
    return checked;
  }
  const records = checked.records;
  const nodes = await Promise.all([...nodeFiles.values()].map((f) => f.close()));
  const relationships = await Promise.all([...relFiles.values()].map((f) => f.close()));
  const multiline = [...nodeFiles.values(), ...relFiles.values()].some((f) => f.multiline);
  const emptyLists = new Map<string, string[]>();
  for (const f of nodeFiles.values()) {
    for (const [key, ids] of f.emptyLists)
      emptyLists.set(key, [...(emptyLists.get(key) ?? []), ...ids]);
  }
  return {
    ok: true,
    records,
    statements,
    nodes,
    relationships,
    multiline,
    emptyLists: [...emptyLists].map(([key, ids]) => ({ key, ids })),
  };
}

/**
 * After the offline import, with Neo4j started on it and migrated: what the CSV
 * files cannot say (empty lists), so the graph equals what `import` writes.
 */
export async function finishBulkImport(
  db: Database,
  report: Extract<BulkCsvReport, { ok: true }>,
): Promise<void> {
  const store = createRecordStore(db);
  for (const { key, ids } of report.emptyLists) await store.setEmptyLists(key, ids);
}
