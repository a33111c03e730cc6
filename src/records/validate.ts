import { z } from 'zod';
import { FORMAT, RECORD_TYPES, type Dataset, type RecordType } from './dataset.js';
import {
  COLLECTIONS,
  consistencyProblems,
  referencesOf,
  type AnyRecord,
  type Collection,
} from './record-kinds.js';

/** A problem found in an import file, with where it is: `statements[3].speaker`, `line 12: speaker`. */
export interface Problem {
  path: string;
  message: string;
}

export const formatProblem = ({ path, message }: Problem) =>
  path ? `${path}: ${message}` : message;

/** Answers which of these ids already exist in the graph (for references outside the file). */
export type ExistingIds = (ids: string[]) => Promise<Set<string>>;

function joinPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (acc, key) =>
      typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key),
    '',
  );
}

function zodProblems(error: z.ZodError, prefix: string): Problem[] {
  return error.issues.map((issue) => ({
    path: `${prefix}${joinPath(issue.path)}`,
    message: issue.message,
  }));
}

/**
 * Tracks ids and references across a whole file, so that every duplicate and
 * every unknown reference is reported, each with its path.
 */
export class ReferenceChecker {
  private readonly defined = new Map<string, string>();
  private readonly pending: Array<{ path: string; id: string }> = [];
  readonly problems: Problem[] = [];

  define(id: string, path: string, separator = '.'): void {
    const previous = this.defined.get(id);
    if (previous !== undefined) {
      this.problems.push({
        path: `${path}${separator}id`,
        message: `duplicate id "${id}" (first at ${previous})`,
      });
    } else {
      this.defined.set(id, path);
    }
  }

  add(type: RecordType, record: AnyRecord, path: string, separator = '.'): void {
    const at = (field: string) => `${path}${separator}${field}`;
    this.define(record.id, path, separator);
    for (const [field, message] of consistencyProblems(type, record)) {
      this.problems.push({ path: at(field), message });
    }
    for (const [field, id] of referencesOf(type, record)) {
      if (this.defined.has(id)) continue;
      this.pending.push({ path: at(field), id });
    }
  }

  /** Resolves references not defined in the file (yet) against the graph. */
  async finish(existing: ExistingIds): Promise<Problem[]> {
    const unresolved = this.pending.filter(({ id }) => !this.defined.has(id));
    const found = unresolved.length
      ? await existing([...new Set(unresolved.map(({ id }) => id))])
      : new Set();
    for (const { path, id } of unresolved) {
      if (!found.has(id)) this.problems.push({ path, message: `unknown id "${id}"` });
    }
    return this.problems;
  }
}

export type Validated = { ok: true; dataset: Dataset } | { ok: false; problems: Problem[] };

/**
 * Validates a whole JSON dataset and lists every problem: each record is checked
 * on its own, so one bad field does not hide the rest of the file.
 */
export async function validateDataset(input: unknown, existing: ExistingIds): Promise<Validated> {
  const envelope = datasetEnvelope.safeParse(input);
  if (!envelope.success) return { ok: false, problems: zodProblems(envelope.error, '') };
  const problems: Problem[] = [];
  const checker = new ReferenceChecker();
  const valid: Record<string, unknown[]> = {};
  for (const [collection, type] of COLLECTIONS) {
    valid[collection] = [];
    envelope.data[collection].forEach((raw, i) => {
      const path = `${collection}[${i}]`;
      const parsed = RECORD_TYPES[type].safeParse(raw);
      if (parsed.success) {
        checker.add(type, parsed.data as AnyRecord, path);
        valid[collection]!.push(parsed.data);
      } else {
        problems.push(...zodProblems(parsed.error, `${path}.`));
        // Its id still counts as defined, so references to it are not reported twice.
        const id = (raw as { id?: unknown } | null)?.id;
        if (typeof id === 'string') checker.define(id, path);
      }
    });
  }
  problems.push(...(await checker.finish(existing)));
  if (problems.length) return { ok: false, problems };
  return { ok: true, dataset: { ...envelope.data, ...valid } as Dataset };
}

/** The dataset with its records left unchecked: they are validated one by one. */
const datasetEnvelope = z.strictObject({
  format: z.literal(FORMAT, { error: `must be "${FORMAT}"` }),
  description: z.string().optional(),
  ...Object.fromEntries(
    COLLECTIONS.map(([collection]) => [collection, z.array(z.unknown()).default([])]),
  ),
}) as unknown as z.ZodType<
  { format: string; description?: string } & Record<Collection, unknown[]>
>;

export interface ParsedLine {
  type: RecordType;
  record: AnyRecord;
}

/** Parses one JSON Lines record (`{"type": "person", ...}`); problems carry the line number. */
export function parseLine(
  text: string,
  lineNumber: number,
): { line?: ParsedLine; problems: Problem[] } {
  const at = `line ${lineNumber}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problems: [{ path: at, message: `not valid JSON (${(error as Error).message})` }] };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    return { problems: [{ path: at, message: 'must be a JSON object' }] };
  }
  const { type, ...record } = json as Record<string, unknown>;
  if (typeof type !== 'string' || !(type in RECORD_TYPES)) {
    return {
      problems: [
        { path: `${at}: type`, message: `must be one of ${Object.keys(RECORD_TYPES).join(', ')}` },
      ],
    };
  }
  const parsed = RECORD_TYPES[type as RecordType].safeParse(record);
  if (!parsed.success) return { problems: zodProblems(parsed.error, `${at}: `) };
  return { line: { type: type as RecordType, record: parsed.data as AnyRecord }, problems: [] };
}
