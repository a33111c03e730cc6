import { fold, latin } from '../names/normalise.js';
import { ID_PREFIXES, upgradeRecord, type OrganizationRecord } from './dataset.js';

/**
 * Version 1 → version 2 for what needs more than the record itself: the roles and
 * order of a statement's sources (from the citations between them) and the
 * publisher as one link (from a name, to an organisation of the file or the
 * graph, or one created for it). A file is scanned first (a JSON Lines file in a
 * pass of its own), the graph is asked once, then each record is converted on
 * its own. Records already in version 2's shape pass unchanged.
 */

export interface UpgradeProblem {
  path: string;
  message: string;
}

/** An organisation as name matching needs it. */
export interface NamedOrganization {
  id: string;
  name: string;
  aliases: string[];
}

/** What the graph knows, for references outside the file. */
export interface UpgradeFacts {
  /** The citations of stored sources, by id; ids with no stored source are left out. */
  cites(ids: string[]): Promise<Map<string, string[]>>;
  /** Stored organisations whose name or an alias folds (src/names) to one of `folded`, or whose id is in `ids`. */
  organizations(folded: string[], ids: string[]): Promise<NamedOrganization[]>;
  /** Which of these ids already exist in the graph. */
  existingIds(ids: string[]): Promise<Set<string>>;
}

type Loose = Record<string, unknown>;
type SourceEntry = Loose & { source?: unknown; role?: unknown };

const isObject = (v: unknown): v is Loose =>
  Boolean(v) && typeof v === 'object' && !Array.isArray(v);
const strings = (v: unknown) =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** What conversion needs of a file: its sources' citations and publishers, its organisations. */
export class UpgradeScan {
  readonly cites = new Map<string, string[]>();
  readonly publishers: Array<{ source: string; path: string; name: string; publishedBy?: string }> =
    [];
  readonly organizations = new Map<string, NamedOrganization>();
  /** Sources named by statements whose roles are to be inferred. */
  readonly referenced = new Set<string>();

  /** `field(name)`: the path of a field of this record (`sources[2].publisher`, `line 4: publisher`). */
  add(type: string, raw: unknown, field: (name: string) => string): void {
    if (!isObject(raw) || typeof raw.id !== 'string') return;
    if (type === 'source') {
      this.cites.set(raw.id, strings(raw.cites));
      if (typeof raw.publisher === 'string' && raw.publisher.trim())
        this.publishers.push({
          source: raw.id,
          path: field('publisher'),
          name: raw.publisher.trim(),
          ...(typeof raw.publishedBy === 'string' ? { publishedBy: raw.publishedBy } : {}),
        });
    }
    if (type === 'organization' && typeof raw.name === 'string')
      this.organizations.set(raw.id, { id: raw.id, name: raw.name, aliases: strings(raw.aliases) });
    if (type === 'statement' && Array.isArray(raw.sources)) {
      const entries = raw.sources.filter(isObject) as SourceEntry[];
      if (entries.length > 1 && entries.some((e) => e.role === undefined))
        for (const e of entries) if (typeof e.source === 'string') this.referenced.add(e.source);
    }
  }
}

export interface Upgrade {
  /** The record in version 2's shape. */
  record(type: string, raw: unknown): unknown;
  /** Organisations created for publisher names that no organisation of the file or graph has. */
  created: OrganizationRecord[];
  /** A publisher name that disagrees with its link: the link is kept. */
  warnings: UpgradeProblem[];
  /** A publisher name that names several organisations. */
  problems: UpgradeProblem[];
}

/** The kind given to an organisation created for a version 1 publisher name. */
export const CREATED_PUBLISHER_KIND = 'publisher';

/** Converts records of a version 1 file, with what `scan` found in it and what the graph knows. */
export async function prepareUpgrade(scan: UpgradeScan, facts: UpgradeFacts): Promise<Upgrade> {
  const cites = await citationsFrom(scan, facts);
  const { publishedBy, created, warnings, problems } = await publishers(scan, facts);
  return {
    created,
    warnings,
    problems,
    record(type, raw) {
      const shaped = upgradeRecord(type, raw);
      if (!isObject(shaped)) return shaped;
      if (type === 'source' && 'publisher' in shaped) {
        const rest = { ...shaped };
        delete rest.publisher;
        const link = typeof shaped.id === 'string' ? publishedBy.get(shaped.id) : undefined;
        return link ? { ...rest, publishedBy: link } : rest;
      }
      if (type === 'statement' && Array.isArray(shaped.sources))
        return { ...shaped, sources: withRoles(shaped.sources as unknown[], cites) };
      return shaped;
    },
  };
}

/** Citations of the file's sources and, through the graph, of every source they lead to. */
async function citationsFrom(scan: UpgradeScan, facts: UpgradeFacts) {
  const cites = new Map(scan.cites);
  let frontier = [...new Set([...scan.referenced, ...[...cites.values()].flat()])].filter(
    (id) => !cites.has(id),
  );
  for (let round = 0; frontier.length && round < 100; round++) {
    const stored = await facts.cites(frontier);
    for (const id of frontier) cites.set(id, stored.get(id) ?? []);
    frontier = [...new Set([...stored.values()].flat())].filter((id) => !cites.has(id));
  }
  return cites;
}

/**
 * A statement's sources with their roles, in version 2's order. A source reached
 * through citations (CITES, at any depth) from another of the statement's sources
 * is UPSTREAM, the others READ; the READ ones come first in the file's order, then
 * the UPSTREAM ones nearest to a READ one first. Entries that have a role keep it.
 */
export function withRoles(entries: unknown[], cites: ReadonlyMap<string, string[]>): unknown[] {
  if (!entries.every(isObject) || entries.every((e) => e.role !== undefined)) return entries;
  const ids = entries.map((e) => (typeof e.source === 'string' ? e.source : ''));
  const reachedFrom = (from: string) => depths(cites, [from]);
  const upstream = ids.map((id, i) =>
    ids.some((other, j) => j !== i && other !== id && reachedFrom(other).has(id)),
  );
  const role = (i: number) => (entries[i]!.role ?? (upstream[i] ? 'UPSTREAM' : 'READ')) as string;
  const read = entries.flatMap((_, i) => (role(i) === 'READ' ? [i] : []));
  const distance = depths(
    cites,
    read.map((i) => ids[i]!),
  );
  const rest = entries
    .map((_, i) => i)
    .filter((i) => role(i) !== 'READ')
    .sort((a, b) => (distance.get(ids[a]!) ?? 1e9) - (distance.get(ids[b]!) ?? 1e9) || a - b);
  return [...read, ...rest].map((i) => ({ ...entries[i]!, role: role(i) }));
}

/** Sources reached from `starts` through citations, with the fewest steps (0 for a start). */
function depths(cites: ReadonlyMap<string, string[]>, starts: string[]) {
  const depth = new Map(starts.map((id) => [id, 0]));
  const queue = [...starts];
  while (queue.length) {
    const id = queue.shift()!;
    for (const next of cites.get(id) ?? [])
      if (!depth.has(next)) {
        depth.set(next, depth.get(id)! + 1);
        queue.push(next);
      }
  }
  return depth;
}

/**
 * Each version 1 publisher name as a link: kept as given where the source links an
 * organisation already (a name that disagrees with it is a warning), else the one
 * organisation of the file or graph with that name (an alias when no name matches),
 * else an organisation created for it, `org:<slug of the name>`.
 */
async function publishers(scan: UpgradeScan, facts: UpgradeFacts) {
  const publishedBy = new Map<string, string>();
  const created: OrganizationRecord[] = [];
  const warnings: UpgradeProblem[] = [];
  const problems: UpgradeProblem[] = [];
  if (scan.publishers.length === 0) return { publishedBy, created, warnings, problems };

  const names = [...new Set(scan.publishers.map((p) => fold(p.name)))];
  const linked = [...new Set(scan.publishers.flatMap((p) => p.publishedBy ?? []))];
  const organizations = new Map<string, NamedOrganization>();
  for (const o of await facts.organizations(names, linked)) organizations.set(o.id, o);
  // The file's own version of an organisation wins over the graph's.
  for (const [id, o] of scan.organizations) organizations.set(id, o);
  const namesOf = (o: NamedOrganization) => [o.name, ...o.aliases].map(fold);

  const madeFor = new Map<string, string>();
  const taken = async (id: string) =>
    organizations.has(id) ||
    created.some((o) => o.id === id) ||
    (await facts.existingIds([id])).has(id);
  for (const p of scan.publishers) {
    const folded = fold(p.name);
    if (p.publishedBy) {
      const org = organizations.get(p.publishedBy);
      if (org && !namesOf(org).includes(folded))
        warnings.push({
          path: p.path,
          message: `"${p.name}" is not a name of ${org.id} ("${org.name}"), which publishedBy links: the link is kept`,
        });
      continue;
    }
    const all = [...organizations.values()];
    const byName = all.filter((o) => fold(o.name) === folded);
    const matches = byName.length ? byName : all.filter((o) => namesOf(o).includes(folded));
    if (matches.length === 1) {
      publishedBy.set(p.source, matches[0]!.id);
      continue;
    }
    if (matches.length > 1) {
      problems.push({
        path: p.path,
        message: `"${p.name}" names several organisations (${matches.map((o) => o.id).join(', ')}): give publishedBy`,
      });
      continue;
    }
    let id = madeFor.get(folded);
    if (!id) {
      const base = `${ID_PREFIXES.organization}:${latin(p.name).replace(/ /g, '-') || 'publisher'}`;
      id = base;
      for (let n = 2; await taken(id); n++) id = `${base}-${n}`;
      madeFor.set(folded, id);
      created.push({
        id,
        name: p.name,
        aliases: [],
        kind: CREATED_PUBLISHER_KIND,
        description: 'Created from a version 1 source that named it as its publisher.',
        partOf: [],
      });
    }
    publishedBy.set(p.source, id);
  }
  return { publishedBy, created, warnings, problems };
}
