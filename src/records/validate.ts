import { z } from 'zod';
import { parsePartialDate, parseStatementDate } from '../calendar.js';
import {
  FORMAT,
  FORMAT_V1,
  FORMATS,
  RECORD_TYPES,
  upgradeRecord,
  type Dataset,
  type OrganizationRecord,
  type MeetingRecord,
  type PositionRecord,
  type RecordType,
  type SourceRecord,
  type StatementRecord,
} from './dataset.js';
import {
  COLLECTIONS,
  consistencyProblems,
  linksOf,
  readableReferencesOf,
  referencesOf,
  type AnyRecord,
  type Collection,
} from './record-kinds.js';
import { fold } from '../names/normalise.js';
import { safeParseRecord } from './issue-messages.js';
import { prepareUpgrade, UpgradeScan, type Upgrade, type UpgradeFacts } from './upgrade.js';

/** A problem found in an import file, with where it is: `statements[3].speaker`, `line 12: speaker`. */
export interface Problem {
  path: string;
  message: string;
}

export const formatProblem = ({ path, message }: Problem) =>
  path ? `${path}: ${message}` : message;

/**
 * Where a problem's path points in a file's parsed JSON: an object's key by its place among
 * the keys as written (a key not written, as a required field left out, after them), a
 * list's item by its index, so positions compare in the order of the file's text.
 */
export function positionIn(root: unknown, path: string): number[] {
  const position: number[] = [];
  let at = root;
  for (const [, key, index] of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (index !== undefined) {
      position.push(Number(index));
      at = Array.isArray(at) ? at[Number(index)] : undefined;
      continue;
    }
    const keys = at && typeof at === 'object' && !Array.isArray(at) ? Object.keys(at) : [];
    const place = keys.indexOf(key!);
    position.push(place === -1 ? keys.length : place);
    at = place === -1 ? undefined : (at as Record<string, unknown>)[key!];
  }
  return position;
}

const byPosition = (a: readonly number[], b: readonly number[]) => {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
};

/**
 * Problems in file order: by the position their paths point at (`positionOf`), problems at
 * one place in the order they were found. A refusal lists a file's problems as a reader
 * meets them — a reference on line 1 before a field on line 2 — not check by check.
 */
export function inFileOrder(
  problems: readonly Problem[],
  positionOf: (problem: Problem) => number[],
): Problem[] {
  return problems
    .map((problem, found) => ({ problem, found, position: positionOf(problem) }))
    .sort((a, b) => byPosition(a.position, b.position) || a.found - b.found)
    .map(({ problem }) => problem);
}

/** Answers which of these ids already exist in the graph (for references outside the file). */
export type ExistingIds = (ids: string[]) => Promise<Set<string>>;

function joinPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (acc, key) =>
      typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key),
    '',
  );
}

/** `base` and a path inside it: `statements[3].speakers[0]`, `line 12: speakers[0]`. */
const within = (base: string, separator: string, inner: string) =>
  !inner
    ? base
    : !base
      ? inner
      : inner.startsWith('[')
        ? `${base}${inner}`
        : `${base}${separator}${inner}`;

/** Fields of version 1 that version 2 says otherwise, with what to write instead. */
const RETIRED_FIELDS: Record<string, string> = {
  publisher:
    'unknown field: format 2 names the publisher by its organisation only (publishedBy); version 1 files convert',
};

/** Zod's issues with their paths; an unknown field is named in its path (`sources[0].foo`). */
export function zodProblems(error: z.ZodError, base: string, separator = '.'): Problem[] {
  return error.issues.flatMap((issue) => {
    const path = joinPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: within(base, separator, path ? `${path}.${key}` : key),
        message: RETIRED_FIELDS[key] ?? 'unknown field',
      }));
    }
    return [{ path: within(base, separator, path), message: issue.message }];
  });
}

/** Records already in the graph, read back through the record store, for checks across records. */
export interface StoredFacts {
  records(type: RecordType, ids: string[]): Promise<AnyRecord[]>;
  /** Statements made at these meetings: to check a meeting's new dates against them. */
  statementsAt(meetingIds: string[]): Promise<Array<{ id: string; date: string; meeting: string }>>;
  /**
   * Statements that read one of these sources (role READ) and rely on UPSTREAM ones:
   * to check a source's new citations against them.
   */
  statementsReading(sourceIds: string[]): Promise<Array<{ ids: string[]; sources: SourceLinks }>>;
  /** Every organisation, named: for version 1 publisher names (compared folded). */
  organizations(): Promise<Array<Pick<OrganizationRecord, 'id' | 'name' | 'aliases'>>>;
}

type SourceLinks = Array<Pick<StatementRecord['sources'][number], 'source' | 'role'>>;

/** What converting a version 1 file asks of the graph, from the stored facts. */
export function upgradeFacts(existing: ExistingIds, facts?: StoredFacts): UpgradeFacts {
  return {
    cites: async (ids) =>
      new Map(
        ((await facts?.records('source', ids)) as SourceRecord[] | undefined)?.map((s) => [
          s.id,
          s.cites,
        ]) ?? [],
      ),
    organizations: async (folded, ids) => {
      const wanted = new Set(folded);
      const all = (await facts?.organizations()) ?? [];
      return all.filter(
        (o) =>
          ids.includes(o.id) || [o.name, ...(o.aliases ?? [])].some((n) => wanted.has(fold(n))),
      );
    },
    existingIds: existing,
  };
}

interface At<T> {
  path: string;
  separator: string;
  record: T;
}

/** What the rules across records read of a statement (a JSON Lines file's are kept to the end). */
type StatementFacts = Pick<StatementRecord, 'id' | 'date' | 'meeting' | 'post' | 'speakers'> & {
  sources: SourceLinks;
};
type SourceFacts = Pick<SourceRecord, 'id' | 'cites'>;
type MeetingFacts = Pick<MeetingRecord, 'id' | 'date' | 'endDate' | 'partOf'>;
type PositionFacts = Pick<PositionRecord, 'id' | 'person' | 'from' | 'to'>;

/**
 * What the rules across records read of a record, as plain data (it may cross from a
 * worker thread); for a statement none of them concern, its id alone.
 */
export type CrossFacts =
  | { type: 'source'; record: SourceFacts }
  | { type: 'meeting'; record: MeetingFacts }
  | { type: 'position'; record: PositionFacts }
  | { type: 'statement'; record: StatementFacts }
  | { type: 'statement-id'; id: string };

export function crossFacts(type: RecordType, record: AnyRecord): CrossFacts | undefined {
  if (type === 'source') {
    const { id, cites } = record as SourceRecord;
    return { type, record: { id, cites } };
  }
  if (type === 'meeting') {
    const { id, date, endDate, partOf } = record as MeetingRecord;
    return { type, record: { id, date, endDate, partOf } };
  }
  if (type === 'position') {
    const { id, person, from, to } = record as PositionRecord;
    return { type, record: { id, person, from, to } };
  }
  if (type === 'statement') {
    const s = record as StatementRecord;
    // Only what the rules need is kept, so a large JSON Lines file stays cheap.
    if (!(s.meeting || s.post || s.sources.some((x) => x.role === 'UPSTREAM')))
      return { type: 'statement-id', id: s.id };
    const { id, date, meeting, post, speakers } = s;
    const sources = s.sources.map(({ source, role }) => ({ source, role }));
    return { type, record: { id, date, meeting, post, speakers, sources } };
  }
  return undefined;
}

/** Days a date covers (a statement's may be bounds), or a meeting's dates (first day to last). */
const rangeOf = (from?: string, to?: string) => {
  const a = from ? parseStatementDate(from) : null;
  const b = to ? parsePartialDate(to) : a;
  return a && b ? { start: a.start, end: b.end } : null;
};
const overlaps = (x: { start: string; end: string }, y: { start: string; end: string }) =>
  x.start <= y.end && y.start <= x.end;
const describeRange = (r: { start: string; end: string }) =>
  r.start === r.end ? r.start : `${r.start} to ${r.end}`;

/**
 * Rules across records, checked at import and on every mutation: no citation
 * cycles and no occasion part of itself; a statement's date overlaps its
 * meeting's dates (a month-precise statement may be of any day in it); the post
 * a statement was made in is one of its speakers' and was held on its date.
 * Records outside the file are read from the graph.
 */
class CrossChecker {
  private readonly sources = new Map<string, At<SourceFacts>>();
  private readonly meetings = new Map<string, At<MeetingFacts>>();
  private readonly positions = new Map<string, At<PositionFacts>>();
  private readonly statements: Array<At<StatementFacts>> = [];
  private readonly statementIds = new Set<string>();

  add(facts: CrossFacts | undefined, path: string, separator: string) {
    if (!facts) return;
    if (facts.type === 'statement-id') {
      this.statementIds.add(facts.id);
      return;
    }
    const at = { path, separator, record: facts.record };
    if (facts.type === 'source') this.sources.set(facts.record.id, at as never);
    if (facts.type === 'meeting') this.meetings.set(facts.record.id, at as never);
    if (facts.type === 'position') this.positions.set(facts.record.id, at as never);
    if (facts.type === 'statement') {
      this.statements.push(at as never);
      this.statementIds.add(facts.record.id);
    }
  }

  async problems(facts: StoredFacts): Promise<Problem[]> {
    const problems: Problem[] = [];
    const push = (at: At<unknown>, field: string, message: string) =>
      problems.push({ path: within(at.path, at.separator, field), message });

    // Graph of links of one kind: the file's records, then the graph's for the rest.
    const loadAll = async <T extends { id: string }>(
      type: RecordType,
      inFile: Map<string, At<T>>,
      next: (r: T) => string[],
    ) => {
      const known = new Map<string, string[]>();
      for (const [id, at] of inFile) known.set(id, next(at.record));
      let frontier = [...new Set([...known.values()].flat())].filter((id) => !known.has(id));
      for (let round = 0; frontier.length && round < 100; round++) {
        const stored = (await facts.records(type, frontier)) as unknown as T[];
        for (const id of frontier) known.set(id, []);
        for (const r of stored) known.set(r.id, next(r));
        frontier = [...new Set(stored.flatMap(next))].filter((id) => !known.has(id));
      }
      return known;
    };
    /** The path from `from` back to `to`, if any: a cycle once the link to `from` is added. */
    const pathTo = (edges: Map<string, string[]>, from: string, to: string): string[] | null => {
      const previous = new Map<string, string>([[from, '']]);
      const queue = [from];
      while (queue.length) {
        const id = queue.shift()!;
        if (id === to) {
          const path = [id];
          for (let x = previous.get(id)!; x; x = previous.get(x)!) path.unshift(x);
          return path;
        }
        for (const n of edges.get(id) ?? []) {
          if (!previous.has(n)) {
            previous.set(n, id);
            queue.push(n);
          }
        }
      }
      return null;
    };

    if (this.sources.size) {
      const cites = await loadAll('source', this.sources, (s) => s.cites);
      for (const [id, at] of this.sources) {
        at.record.cites.forEach((cited, j) => {
          if (cited === id) return; // reported as a link to itself
          const back = pathTo(cites, cited, id);
          if (back) push(at, `cites[${j}]`, `citation cycle: ${[id, ...back].join(' → ')}`);
        });
      }
    }

    const meetingIds = new Set([
      ...this.meetings.keys(),
      ...this.statements.flatMap((s) => (s.record.meeting ? [s.record.meeting] : [])),
    ]);
    const meetings = new Map<string, MeetingFacts>(
      [...this.meetings].map(([id, at]) => [id, at.record]),
    );
    const missing = [...meetingIds].filter((id) => !meetings.has(id));
    if (missing.length)
      for (const m of (await facts.records('meeting', missing)) as MeetingRecord[])
        meetings.set(m.id, m);
    if (this.meetings.size) {
      const parents = await loadAll('meeting', this.meetings, (m) => (m.partOf ? [m.partOf] : []));
      for (const [id, at] of this.meetings) {
        const parent = at.record.partOf;
        if (!parent || parent === id) continue;
        const back = pathTo(parents, parent, id);
        if (back)
          push(at, 'partOf', `occasions would be part of each other: ${[id, ...back].join(' → ')}`);
      }
    }
    const statementIds = new Set(this.statements.map((s) => s.record.id));
    for (const at of this.statements) {
      const s = at.record;
      const m = s.meeting ? meetings.get(s.meeting) : undefined;
      const said = rangeOf(s.date);
      const held = m ? rangeOf(m.date, m.endDate) : null;
      if (said && held && !overlaps(said, held))
        push(
          at,
          'date',
          `${s.date} is outside the dates of its meeting ${m!.id} (${describeRange(held)})`,
        );
    }
    // A meeting's new dates must still hold its statements already in the graph.
    if (this.meetings.size) {
      for (const stored of await facts.statementsAt([...this.meetings.keys()])) {
        if (statementIds.has(stored.id)) continue;
        const at = this.meetings.get(stored.meeting)!;
        const held = rangeOf(at.record.date, at.record.endDate);
        const said = rangeOf(stored.date);
        if (said && held && !overlaps(said, held))
          push(at, 'date', `${stored.id} (${stored.date}) made at it would fall outside its dates`);
      }
    }

    await this.upstreamProblems(facts, push);

    const postIds = [
      ...new Set(this.statements.flatMap((s) => (s.record.post ? [s.record.post] : []))),
    ];
    const posts = new Map<string, PositionFacts>(
      [...this.positions].map(([id, at]) => [id, at.record]),
    );
    const postsMissing = postIds.filter((id) => !posts.has(id));
    if (postsMissing.length)
      for (const p of (await facts.records('position', postsMissing)) as PositionRecord[])
        posts.set(p.id, p);
    for (const at of this.statements) {
      const s = at.record;
      const post = s.post ? posts.get(s.post) : undefined;
      if (!post) continue;
      if (!s.speakers.includes(post.person))
        push(at, 'post', `is a post of ${post.person}, who is not one of the speakers`);
      const said = rangeOf(s.date);
      const from = post.from ? parsePartialDate(post.from) : null;
      const to = post.to ? parsePartialDate(post.to) : null;
      if (said && ((from && from.start > said.end) || (to && to.end < said.start)))
        push(at, 'post', `was not held on the statement's date (${s.date})`);
    }
    return problems;
  }

  /**
   * Each UPSTREAM source of a statement is reached through citations from one of
   * its READ sources: checked for the file's statements, and for the graph's
   * statements that read a source whose citations the file changes.
   */
  private async upstreamProblems(
    facts: StoredFacts,
    push: (at: At<unknown>, field: string, message: string) => void,
  ): Promise<void> {
    const relying = this.statements.filter((at) =>
      at.record.sources.some((x) => x.role === 'UPSTREAM'),
    );
    const stored = (
      this.sources.size ? await facts.statementsReading([...this.sources.keys()]) : []
    ).flatMap(({ ids, sources }) => {
      const others = ids.filter((id) => !this.statementIds.has(id)).sort();
      return others.length ? [{ ids: others, sources }] : [];
    });
    if (relying.length === 0 && stored.length === 0) return;
    const cites = new Map<string, string[]>(
      [...this.sources].map(([id, at]) => [id, at.record.cites]),
    );
    const reads = (s: { sources: SourceLinks }) =>
      s.sources.filter((x) => x.role === 'READ').map((x) => x.source);
    let frontier = [
      ...new Set([...relying.map((at) => at.record), ...stored].flatMap(reads)),
    ].filter((id) => !cites.has(id));
    for (let round = 0; round < 100; round++) {
      frontier = [...new Set([...frontier, ...[...cites.values()].flat()])].filter(
        (id) => !cites.has(id),
      );
      if (frontier.length === 0) break;
      const found = (await facts.records('source', frontier)) as SourceRecord[];
      for (const id of frontier) cites.set(id, []);
      for (const r of found) cites.set(r.id, r.cites);
    }
    const reached = (s: { sources: SourceLinks }) => {
      const seen = new Set<string>();
      const queue = reads(s).flatMap((id) => cites.get(id) ?? []);
      while (queue.length) {
        const id = queue.shift()!;
        if (seen.has(id)) continue;
        seen.add(id);
        queue.push(...(cites.get(id) ?? []));
      }
      return seen;
    };
    for (const at of relying) {
      const seen = reached(at.record);
      at.record.sources.forEach((x, i) => {
        if (x.role === 'UPSTREAM' && !seen.has(x.source))
          push(
            at,
            `sources[${i}].role`,
            `UPSTREAM ${x.source} is not reached through cites from a READ source (${reads(at.record).join(', ') || 'none'})`,
          );
      });
    }
    for (const s of stored) {
      const seen = reached(s);
      for (const x of s.sources) {
        if (x.role !== 'UPSTREAM' || seen.has(x.source)) continue;
        const read = reads(s).find((id) => this.sources.has(id))!;
        push(
          this.sources.get(read)!,
          'cites',
          `${s.ids[0]}${s.ids.length > 1 ? ` (and ${s.ids.length - 1} more)` : ''} reads it and relies on ${x.source}, which its citations would no longer reach`,
        );
      }
    }
  }
}

/** What checking a record on its own found: plain data, so a worker thread can send it. */
export interface CheckedRecord {
  id: string;
  path: string;
  separator: string;
  /** Its fields that contradict each other (consistencyProblems), with their paths. */
  problems: Problem[];
  /** Every id it refers to, with the path of the field. */
  references: Array<{ path: string; id: string }>;
  cross: CrossFacts | undefined;
}

/** The checks of one record that need no other record. */
export function checkRecord(
  type: RecordType,
  record: AnyRecord,
  path: string,
  separator = '.',
): CheckedRecord {
  const at = (field: string) => within(path, separator, field);
  const links = linksOf(type, record);
  return {
    id: record.id,
    path,
    separator,
    problems: consistencyProblems(type, record, links).map(([field, message]) => ({
      path: at(field),
      message,
    })),
    references: referencesOf(type, record, links).map(([field, id]) => ({ path: at(field), id })),
    cross: crossFacts(type, record),
  };
}

/**
 * What a record the schema refused still says, so a file's duplicate ids and unknown
 * references are reported with its other problems, not only once those are fixed: its id
 * (if it is text) and each reference the schema found no fault with. Plain data, as CheckedRecord.
 */
export interface RefusedRecord {
  id?: string;
  path: string;
  separator: string;
  references: Array<{ path: string; id: string }>;
}

function refusedRecord(
  type: RecordType,
  record: unknown,
  error: z.ZodError,
  path: string,
  separator: string,
): RefusedRecord {
  const faulty = error.issues.flatMap((issue) => {
    const at = joinPath(issue.path);
    return issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => (at ? `${at}.${key}` : key))
      : [at];
  });
  const sound = (field: string) =>
    !faulty.some(
      (f) => f === '' || field === f || field.startsWith(`${f}.`) || field.startsWith(`${f}[`),
    );
  const id = (record as { id?: unknown } | null)?.id;
  return {
    ...(typeof id === 'string' ? { id } : {}),
    path,
    separator,
    references: readableReferencesOf(type, record)
      .filter(([field]) => sound(field))
      .map(([field, ref]) => ({ path: within(path, separator, field), id: ref })),
  };
}

/**
 * Tracks ids and references across a whole file, so that every duplicate and
 * every unknown reference is reported, each with its path.
 */
export class ReferenceChecker {
  private readonly defined = new Map<string, string>();
  private readonly pending: Array<{ path: string; id: string }> = [];
  private readonly cross = new CrossChecker();
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

  /** The ids the records define, each with where (for the caller to keep once checking is done). */
  get ids(): Map<string, string> {
    return this.defined;
  }

  add(type: RecordType, record: AnyRecord, path: string, separator = '.'): void {
    this.addChecked(checkRecord(type, record, path, separator));
  }

  /** A record checked on its own (by checkRecord, here or in a worker), added in file order. */
  addChecked({ id, path, separator, problems, references, cross }: CheckedRecord): void {
    this.define(id, path, separator);
    this.cross.add(cross, path, separator);
    this.problems.push(...problems);
    for (const reference of references) {
      if (this.defined.has(reference.id)) continue;
      this.pending.push(reference);
    }
  }

  /** A record the schema refused: its id still counts as defined, its sound references are checked. */
  addRefused({ id, path, separator, references }: RefusedRecord): void {
    if (id !== undefined) this.define(id, path, separator);
    for (const reference of references)
      if (!this.defined.has(reference.id)) this.pending.push(reference);
  }

  /**
   * Resolves references not defined in the file (yet) against the graph; then,
   * when every reference resolves, checks the rules across records.
   */
  async finish(existing: ExistingIds, facts?: StoredFacts): Promise<Problem[]> {
    const unresolved = this.pending.filter(({ id }) => !this.defined.has(id));
    const found = unresolved.length
      ? await existing([...new Set(unresolved.map(({ id }) => id))])
      : new Set();
    for (const { path, id } of unresolved) {
      if (!found.has(id)) this.problems.push({ path, message: `unknown id "${id}"` });
    }
    if (facts && this.problems.length === 0)
      this.problems.push(...(await this.cross.problems(facts)));
    return this.problems;
  }
}

export type Validated =
  { ok: true; dataset: Dataset; warnings: Problem[] } | { ok: false; problems: Problem[] };

/**
 * Validates a whole JSON dataset and lists every problem: each record is checked
 * on its own, so one bad field does not hide the rest of the file.
 */
export async function validateDataset(
  input: unknown,
  existing: ExistingIds,
  facts?: StoredFacts,
): Promise<Validated> {
  const envelope = datasetEnvelope.safeParse(input);
  if (!envelope.success) {
    const problems = zodProblems(envelope.error, '');
    // An unknown top-level field does not hide the records' problems.
    if (problems.some((p) => !p.message.startsWith('unknown field')))
      return { ok: false, problems };
    const known = await validateDataset(
      Object.fromEntries(Object.entries(input as object).filter(([k]) => ENVELOPE_KEYS.has(k))),
      existing,
      facts,
    );
    return {
      ok: false,
      problems: inFileOrder([...problems, ...(known.ok ? [] : known.problems)], ({ path }) =>
        positionIn(input, path),
      ),
    };
  }
  let upgrade: Upgrade | undefined;
  if (envelope.data.format === FORMAT_V1) {
    const scan = new UpgradeScan();
    for (const [collection, type] of COLLECTIONS)
      envelope.data[collection].forEach((raw, i) =>
        scan.add(type, raw, (field) => `${collection}[${i}].${field}`),
      );
    upgrade = await prepareUpgrade(scan, upgradeFacts(existing, facts));
  }
  const problems: Problem[] = [...(upgrade?.problems ?? [])];
  const checker = new ReferenceChecker();
  const valid: Record<string, unknown[]> = {};
  for (const [collection, type] of COLLECTIONS) {
    valid[collection] = [];
    // Organisations created for version 1 publisher names come after the file's own.
    const created = type === 'organization' ? (upgrade?.created ?? []) : [];
    [...envelope.data[collection], ...created].forEach((raw, i) => {
      const path = `${collection}[${i}]`;
      // A version 1 record is read in version 2's shape, refused or not: the schema's paths are its.
      const record = upgrade ? upgrade.record(type, raw) : raw;
      const parsed = safeParseRecord(RECORD_TYPES[type], record);
      if (parsed.success) {
        checker.add(type, parsed.data as AnyRecord, path);
        valid[collection]!.push(parsed.data);
      } else {
        problems.push(...zodProblems(parsed.error, path));
        checker.addRefused(refusedRecord(type, record, parsed.error, path, '.'));
      }
    });
  }
  problems.push(...(await checker.finish(existing, problems.length ? undefined : facts)));
  if (problems.length)
    return { ok: false, problems: inFileOrder(problems, ({ path }) => positionIn(input, path)) };
  return {
    ok: true,
    dataset: { ...envelope.data, ...valid, format: FORMAT } as Dataset,
    warnings: upgrade?.warnings ?? [],
  };
}

/** The dataset with its records left unchecked: they are validated one by one. */
const ENVELOPE_KEYS = new Set(['format', 'description', ...COLLECTIONS.map(([c]) => c)]);

const datasetEnvelope = z.strictObject({
  format: z.enum(FORMATS, { error: `must be "${FORMAT}" (or "${FORMAT_V1}")` }),
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

/**
 * Parses one JSON Lines record (`{"type": "person", ...}`); problems carry the line number.
 * `format`: the file's header, if it has one; version 1 records (and those of a file
 * without a header) are upgraded to version 2's shape, with `upgrade` (prepared from
 * a scan of the whole file) where it is given.
 */
export function parseLine(
  text: string,
  lineNumber: number,
  format?: string,
  upgrade?: Upgrade,
): { line?: ParsedLine; problems: Problem[]; refused?: RefusedRecord } {
  const at = `line ${lineNumber}`;
  const raw = rawLine(text, at, format, upgrade);
  if (!raw.line) return { problems: raw.problems };
  const parsed = safeParseRecord(RECORD_TYPES[raw.line.type], raw.line.record);
  if (!parsed.success)
    return {
      problems: zodProblems(parsed.error, at, ': '),
      refused: refusedRecord(raw.line.type, raw.line.record, parsed.error, at, ': '),
    };
  return { line: { type: raw.line.type, record: parsed.data as AnyRecord }, problems: [] };
}

/**
 * A line of a file that `parseLine` accepted, read again without the schema: the
 * record as written (upgraded as parseLine upgrades it), its defaults not filled in
 * and its text not trimmed. Only for what the schema checks but never changes — a
 * record's id and links (see `rowLinks`) —, so a second pass over a validated file
 * need not validate it again. Undefined for a line parseLine would refuse.
 */
export function unparsedLine(
  text: string,
  format?: string,
  upgrade?: Upgrade,
): ParsedLine | undefined {
  return rawLine(text, '', format, upgrade).line as ParsedLine | undefined;
}

const FORMAT_LINE_NOT_FIRST = `a format line ({"format": "${FORMAT}"}) belongs only on the file's first line`;

/** A line's JSON object, its type and its record in version 2's shape, before the schema. */
function rawLine(
  text: string,
  at: string,
  format?: string,
  upgrade?: Upgrade,
): { line?: { type: RecordType; record: unknown }; problems: Problem[] } {
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
  if (type === undefined && 'format' in record) {
    return { problems: [{ path: at, message: FORMAT_LINE_NOT_FIRST }] };
  }
  if (typeof type !== 'string' || !(type in RECORD_TYPES)) {
    return {
      problems: [
        { path: `${at}: type`, message: `must be one of ${Object.keys(RECORD_TYPES).join(', ')}` },
      ],
    };
  }
  const upgraded =
    format === FORMAT
      ? record
      : upgrade
        ? upgrade.record(type, record)
        : upgradeRecord(type, record);
  return { line: { type: type as RecordType, record: upgraded }, problems: [] };
}
