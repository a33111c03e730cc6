import type { RecordType } from '../../import/dataset.js';
import { stableStringify, type AnyRecord } from '../../import/records.js';

/**
 * Pure record surgery for merges: references are rewritten from the merged ids to
 * the kept one, and the merged records are folded into the kept record. Whatever
 * cannot be combined without dropping a fact is reported, never dropped.
 */

type Loose = Record<string, unknown>;

/** The field that names a record, whose other spellings become aliases on a merge. */
const LABEL: Partial<Record<RecordType, 'name' | 'title'>> = {
  person: 'name',
  organization: 'name',
  country: 'name',
  place: 'name',
  topic: 'title',
};

/** Fields holding exactly one id. */
const SINGLE_REFS: Partial<Record<RecordType, string[]>> = {
  place: ['country'],
  source: ['publishedBy'],
  position: ['person', 'of'],
  meeting: ['heldIn'],
  statement: ['speaker', 'meeting'],
};

/** Fields holding a set of ids. */
const ID_LISTS: Partial<Record<RecordType, string[]>> = {
  organization: ['partOf'],
  source: ['cites'],
  statement: ['topics', 'mentions', 'relays', 'respondsTo'],
};

/**
 * Fields holding a set of objects: `ref` is the id inside each, `key` what makes
 * two entries the same fact, `value` what must then agree.
 */
const OBJECT_LISTS: Partial<
  Record<RecordType, Array<{ field: string; ref?: string; key: string[]; value?: string }>>
> = {
  meeting: [{ field: 'participants', ref: 'actor', key: ['actor', 'role'] }],
  statement: [
    { field: 'about', ref: 'target', key: ['target'], value: 'stance' },
    { field: 'sources', ref: 'source', key: ['source'], value: 'quoteType' },
    { field: 'figures', key: [] },
  ],
};

/** A record as read from the graph: absent fields dropped, figures parsed from their JSON. */
export function fromStored(type: RecordType, row: Loose): AnyRecord {
  const record = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null)) as Loose;
  if (type === 'statement') {
    record.figures = typeof record.figures === 'string' ? JSON.parse(record.figures) : [];
  }
  return record as unknown as AnyRecord;
}

const entryKey = (entry: Loose, key: string[]) =>
  key.length ? stableStringify(key.map((k) => entry[k])) : stableStringify(entry);

/** Adds `items` to a list of objects; a fact stated twice with different values is a conflict. */
function unionObjects(
  list: Loose[],
  items: Loose[],
  spec: { key: string[]; value?: string },
  conflict: (entry: Loose, other: Loose) => void,
): Loose[] {
  const byKey = new Map(list.map((entry) => [entryKey(entry, spec.key), entry]));
  for (const item of items) {
    const key = entryKey(item, spec.key);
    const existing = byKey.get(key);
    if (!existing) byKey.set(key, item);
    else if (spec.value && existing[spec.value] !== item[spec.value]) conflict(existing, item);
  }
  return [...byKey.values()];
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

/**
 * The record with every id in `replace` changed to its replacement. Links that
 * become links to the record itself are dropped (a source that cited its own
 * duplicate); two entries that become one must agree, or a conflict is reported.
 */
export function rewriteReferences(
  type: RecordType,
  record: AnyRecord,
  replace: ReadonlyMap<string, string>,
  conflicts: string[],
): AnyRecord {
  const r = { ...(record as unknown as Loose) };
  const to = (id: string) => replace.get(id) ?? id;
  for (const field of SINGLE_REFS[type] ?? []) {
    if (typeof r[field] === 'string') r[field] = to(r[field] as string);
  }
  for (const field of ID_LISTS[type] ?? []) {
    const ids = ((r[field] as string[] | undefined) ?? []).map(to);
    r[field] = [...new Set(ids)].filter((id) => id !== r.id);
  }
  for (const spec of OBJECT_LISTS[type] ?? []) {
    if (!spec.ref) continue;
    const entries = ((r[spec.field] as Loose[] | undefined) ?? []).map((e) => ({
      ...e,
      [spec.ref!]: to(e[spec.ref!] as string),
    }));
    r[spec.field] = unionObjects([], entries, spec, (a, b) =>
      conflicts.push(
        `${r.id}: ${spec.field} would name ${a[spec.ref!]} twice, as ${a[spec.value!]} and as ${b[spec.value!]}`,
      ),
    );
  }
  return r as unknown as AnyRecord;
}

/**
 * The kept record with the merged ones folded in: its own fields win, fields it
 * lacks are taken from the merged records in order, sets are united, and the
 * merged records' names become aliases. Two different values of a one-id field
 * (two speakers, two countries) are a conflict.
 */
export function foldRecords(
  type: RecordType,
  keep: AnyRecord,
  merged: AnyRecord[],
  conflicts: string[],
): AnyRecord {
  const r = { ...(keep as unknown as Loose) };
  const label = LABEL[type];
  const single = new Set(SINGLE_REFS[type] ?? []);
  const idLists = new Set(ID_LISTS[type] ?? []);
  const objectLists = new Map((OBJECT_LISTS[type] ?? []).map((spec) => [spec.field, spec]));
  for (const other of merged as unknown as Loose[]) {
    for (const [field, value] of Object.entries(other)) {
      if (field === 'id' || value === undefined) continue;
      if (field === label) {
        r.aliases = union((r.aliases as string[]) ?? [], [value as string]);
      } else if (field === 'aliases') {
        r.aliases = union((r.aliases as string[]) ?? [], value as string[]);
      } else if (idLists.has(field)) {
        r[field] = union((r[field] as string[]) ?? [], value as string[]).filter(
          (id) => id !== r.id,
        );
      } else if (objectLists.has(field)) {
        const spec = objectLists.get(field)!;
        r[field] = unionObjects((r[field] as Loose[]) ?? [], value as Loose[], spec, (a, b) =>
          conflicts.push(
            `${other.id}: ${field} names ${a[spec.ref!]} as ${b[spec.value!]}, ${r.id} as ${a[spec.value!]}`,
          ),
        );
      } else if (r[field] === undefined) {
        r[field] = value;
      } else if (single.has(field) && r[field] !== value) {
        conflicts.push(
          `${other.id}: ${field} is ${String(value)}, ${r.id} has ${String(r[field])}`,
        );
      }
    }
  }
  if (label && Array.isArray(r.aliases)) {
    r.aliases = (r.aliases as string[]).filter((alias) => alias !== r[label]);
  }
  return r as unknown as AnyRecord;
}
