import { hash } from 'node:crypto';
import type { RecordType } from './dataset.js';
import { canonical, type AnyRecord } from './record-kinds.js';

/**
 * A content hash over the canonical record, so an import can tell created /
 * updated / unchanged without comparing property by property.
 */

/**
 * JSON with keys sorted at every level, so equal records hash equally. Hashes already
 * stored depend on this exact text: it must not change (tests/unit/records.test.ts).
 * Built by concatenation rather than entries/sort/map/join (it runs for every record
 * an import reads).
 */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // A hole or an undefined element is written as nothing, as Array#join writes it.
      if (i in value) out += (stableStringify(value[i]) as string | undefined) ?? '';
    }
    return `${out}]`;
  }
  if (value && typeof value === 'object') {
    // Default sort: by UTF-16 code units, as `<` compares strings.
    const keys = Object.keys(value).sort();
    let out = '{';
    let first = true;
    for (const key of keys) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined) continue;
      if (!first) out += ',';
      first = false;
      out += `${JSON.stringify(key)}:${stableStringify(v)}`;
    }
    return `${out}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(type: RecordType, record: AnyRecord): string {
  return canonicalHash(type, canonical(type, record as never));
}

/** The content hash of a record already in canonical form. */
export function canonicalHash(type: RecordType, canonicalRecord: AnyRecord): string {
  return hash('sha256', `${type}\n${stableStringify(canonicalRecord)}`, 'base64url');
}
