import { stableStringify } from '../../records/content-hash.js';
import type { RecordType } from '../../records/dataset.js';
import { linkFields, type AnyRecord } from '../../records/record-kinds.js';

/**
 * Pure record surgery for merges: references are rewritten from the merged ids to
 * the kept one, and the merged records are folded into the kept record. Whatever
 * cannot be combined without dropping a fact is reported, never dropped.
 */

type Loose = Record<string, unknown>;

/** Link fields by shape (record-kinds.ts), with the lists of values a merge unites entry by entry. */
function fieldsOf(type: RecordType) {
  const f = linkFields(type);
  return {
    label: f.nameField,
    single: f.single,
    idLists: f.idLists,
    orderedLists: f.orderedLists,
    objectLists: [
      ...f.objectLists,
      ...f.valueLists.map((field) => ({ field, ref: undefined, key: [], value: undefined })),
    ] as Array<{ field: string; ref?: string; key: string[]; value?: string }>,
  };
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

/** A statement's sources in their order: the sources read first, then the upstream ones (stable). */
const readFirst = (entries: Loose[]) => [
  ...entries.filter((e) => e.role !== 'UPSTREAM'),
  ...entries.filter((e) => e.role === 'UPSTREAM'),
];

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
  const fields = fieldsOf(type);
  const to = (id: string) => replace.get(id) ?? id;
  for (const field of fields.single) {
    if (typeof r[field] === 'string') r[field] = to(r[field] as string);
  }
  for (const field of fields.orderedLists) {
    r[field] = [...new Set(((r[field] as string[] | undefined) ?? []).map(to))];
  }
  for (const field of fields.idLists) {
    const ids = ((r[field] as string[] | undefined) ?? []).map(to);
    r[field] = [...new Set(ids)].filter((id) => id !== r.id);
  }
  for (const spec of fields.objectLists) {
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
  const fields = fieldsOf(type);
  const label = fields.label;
  const single = new Set(fields.single);
  const idLists = new Set(fields.idLists);
  const orderedLists = new Set(fields.orderedLists);
  const objectLists = new Map(fields.objectLists.map((spec) => [spec.field, spec]));
  for (const other of merged as unknown as Loose[]) {
    for (const [field, value] of Object.entries(other)) {
      if (field === 'id' || value === undefined) continue;
      if (field === label) {
        r.aliases = union((r.aliases as string[]) ?? [], [value as string]);
      } else if (field === 'aliases') {
        r.aliases = union((r.aliases as string[]) ?? [], value as string[]);
      } else if (orderedLists.has(field)) {
        if (r[field] === undefined) r[field] = value;
        else if (stableStringify(r[field]) !== stableStringify(value))
          conflicts.push(
            `${other.id}: ${field} are ${(value as string[]).join(', ')}, ${r.id} has ${(r[field] as string[]).join(', ')}`,
          );
      } else if (idLists.has(field)) {
        r[field] = union((r[field] as string[]) ?? [], value as string[]).filter(
          (id) => id !== r.id,
        );
      } else if (objectLists.has(field)) {
        const spec = objectLists.get(field)!;
        r[field] = readFirst(
          unionObjects((r[field] as Loose[]) ?? [], value as Loose[], spec, (a, b) =>
            conflicts.push(
              `${other.id}: ${field} names ${a[spec.ref!]} as ${b[spec.value!]}, ${r.id} as ${a[spec.value!]}`,
            ),
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
