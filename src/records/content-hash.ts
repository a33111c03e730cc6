import { createHash } from 'node:crypto';
import type { RecordType } from './dataset.js';
import { canonical, type AnyRecord } from './record-kinds.js';

/**
 * A content hash over the canonical record, so an import can tell created /
 * updated / unchanged without comparing property by property.
 */

/** JSON with keys sorted at every level, so equal records hash equally. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(type: RecordType, record: AnyRecord): string {
  return canonicalHash(type, canonical(type, record as never));
}

/** The content hash of a record already in canonical form. */
export function canonicalHash(type: RecordType, canonicalRecord: AnyRecord): string {
  return createHash('sha256')
    .update(`${type}\n${stableStringify(canonicalRecord)}`)
    .digest('base64url');
}
