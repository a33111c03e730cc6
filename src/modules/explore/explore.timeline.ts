import {
  periodOf,
  type Granularity,
  type Period,
  type StatementDatePrecision,
} from '../../calendar.js';
import { AppError } from '../../errors.js';

/**
 * Timelines: a speaker's statements in periods, and where their stance toward a
 * target changed. Pure functions over the rows the repository returns.
 *
 * A statement goes into the period of the requested granularity that contains
 * its whole date range. A date coarser than that (2024-06 in a DAY or WEEK
 * timeline, 2024 in a MONTH one) is never spread over, or guessed into, a finer
 * period: it gets a period at its own precision, listed apart. A date known only by
 * bounds ("2024-07-01/2024-07-15", "../2024-07-28") goes into the period of the
 * granularity, else the year, that holds both bounds; in none, it is listed apart as
 * unplaced (nothing says when in that span it was said), so the timeline loses nothing.
 */

export type { Granularity, Period };
export type Stance = 'SUPPORTIVE' | 'CRITICAL' | 'NEUTRAL' | 'MIXED';

/** A statement as a timeline needs it; `stances` are toward the timeline's targets only. */
export interface TimelineStatement {
  id: string;
  precision: StatementDatePrecision;
  start: string;
  end: string;
  stances: Array<{ target: string; stance: Stance }>;
  /** The speaker: shifts are per speaker (a timeline about a target has several). */
  speaker?: string;
  /** It passes on another's position (RELAYS): shown, never counted as the speaker's stance. */
  relays?: boolean;
}

export type StanceCounts = Record<Lowercase<Stance>, number>;

/** Statements counted together: a period's, or those no period holds. */
export interface StatementGroupRow {
  count: number;
  stances: StanceCounts;
  /** Statements that take no stance toward the timeline's targets. */
  withoutStance: number;
  /** In date order. */
  statementIds: string[];
}

export interface TimelineBucketRow extends Period, StatementGroupRow {}

export interface ShiftRow {
  /** Set when the timeline has several speakers. */
  speaker?: string;
  target: string;
  from: Stance;
  to: Stance;
  before: string;
  after: string;
  /** Always true: only shifts whose order is known are counted. */
  certain: boolean;
}

export interface TimelineData {
  totalCount: number;
  buckets: TimelineBucketRow[];
  coarserBuckets: TimelineBucketRow[];
  /** Statements whose date is unknown or bounded wider than any period, in date order. */
  unplaced: StatementGroupRow;
  shifts: ShiftRow[];
}

/**
 * Where a statement goes: the period of `granularity` holding its whole range,
 * or, when the range is wider than one such period, the period of its own precision.
 */
export function placeStatement(s: TimelineStatement, granularity: Granularity): Period | null {
  const period = periodOf(s.start, granularity);
  if (s.end <= period.end) return period;
  if (s.precision === 'DAY' || s.precision === 'MONTH' || s.precision === 'YEAR')
    return periodOf(s.start, s.precision);
  const year = periodOf(s.start, 'YEAR');
  return s.end <= year.end ? year : null;
}

/** Date order: first day covered, then last day (finer first), then id. */
export function byDate(a: TimelineStatement, b: TimelineStatement): number {
  return a.start.localeCompare(b.start) || a.end.localeCompare(b.end) || (a.id < b.id ? -1 : 1);
}

/**
 * Stance changes, counted only where they are known: per speaker and target,
 * among the speaker's own positions (a statement that relays another's position
 * is not the speaker's stance). A statement is known to follow another when its
 * date begins after the other's ends; two of one day, or 2024-07 and 2024-07-28,
 * have no known order. A statement shifts when the latest statements known to
 * precede it (those no other predecessor is known to follow) all took one
 * stance and it takes another; when they disagree, nothing is counted. Several
 * statements of unknown order shifting from the same predecessors count once.
 * Ordered by the later statement's date, then speaker and target id.
 */
export function findShifts(statements: readonly TimelineStatement[]): ShiftRow[] {
  const ordered = [...statements].filter((s) => !s.relays).sort(byDate);
  const series = new Map<string, Array<{ statement: TimelineStatement; stance: Stance }>>();
  for (const statement of ordered) {
    for (const { target, stance } of statement.stances) {
      const key = `${statement.speaker ?? ''}\u0000${target}`;
      let list = series.get(key);
      if (!list) series.set(key, (list = []));
      list.push({ statement, stance });
    }
  }
  const shifts: Array<ShiftRow & { order: TimelineStatement }> = [];
  for (const [key, list] of series) {
    const [speaker, target] = key.split('\u0000') as [string, string];
    const counted = new Set<string>();
    // The list is in date order, so its starts never decrease and the statements known to
    // precede one (ending before it starts) only grow along it: they are taken in order of
    // their ends, and of them the latest (ending on or after the last start among them)
    // kept as the last start moves on. The answer is the one comparing every pair gave.
    const byEnd = list
      .map((_, i) => i)
      .sort((a, b) => compare(list[a]!.statement.end, list[b]!.statement.end));
    let taken = 0;
    let latestStart = '';
    let latest: number[] = [];
    let changed = true;
    let from: Stance | null = null;
    let once = '';
    for (const { statement: b, stance } of list) {
      while (taken < byEnd.length && list[byEnd[taken]!]!.statement.end < b.start) {
        const i = byEnd[taken++]!;
        const start = list[i]!.statement.start;
        if (start > latestStart) {
          latestStart = start;
          latest = latest.filter((j) => list[j]!.statement.end >= latestStart);
        }
        if (list[i]!.statement.end >= latestStart) latest.push(i);
        changed = true;
      }
      if (taken === 0) continue;
      if (changed) {
        changed = false;
        latest.sort((x, y) => x - y);
        const stances = new Set(latest.map((j) => list[j]!.stance));
        from = stances.size === 1 ? list[latest[0]!]!.stance : null;
        once = latest.map((j) => list[j]!.statement.id).join(',');
      }
      if (from === null || from === stance) continue;
      const shift = `${once}>${stance}`;
      if (counted.has(shift)) continue;
      counted.add(shift);
      shifts.push({
        ...(speaker === '' ? {} : { speaker }),
        target,
        from,
        to: stance,
        before: list[latest.at(-1)!]!.statement.id,
        after: b.id,
        certain: true,
        order: b,
      });
    }
  }
  return shifts
    .sort(
      (a, b) =>
        byDate(a.order, b.order) ||
        (a.speaker ?? '').localeCompare(b.speaker ?? '') ||
        (a.target < b.target ? -1 : a.target > b.target ? 1 : 0),
    )
    .map(({ order: _order, ...shift }) => shift);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const emptyGroup = (): StatementGroupRow => ({
  count: 0,
  stances: { supportive: 0, critical: 0, neutral: 0, mixed: 0 },
  withoutStance: 0,
  statementIds: [],
});

/**
 * Buckets and shifts for a speaker's statements; every statement is in one bucket or
 * in `unplaced`. A statement counts once under
 * each distinct stance it takes toward the targets, or as without stance.
 * Refuses more than `cap` statements: a timeline that large is not read whole.
 */
export function buildTimeline(
  statements: readonly TimelineStatement[],
  granularity: Granularity,
  cap: number,
): TimelineData {
  if (statements.length > cap) {
    throw new AppError(
      'QUERY_TOO_COMPLEX',
      `The timeline covers more than ${cap} statements; narrow it with from/to, aboutId or topicId.`,
    );
  }
  const buckets = new Map<string, TimelineBucketRow>();
  const unplaced = emptyGroup();
  for (const statement of [...statements].sort(byDate)) {
    const period = placeStatement(statement, granularity);
    let group: StatementGroupRow = unplaced;
    if (period) {
      const id = `${period.granularity}:${period.key}`;
      group = buckets.get(id) ?? { ...period, ...emptyGroup() };
      buckets.set(id, group as TimelineBucketRow);
    }
    group.count += 1;
    group.statementIds.push(statement.id);
    const stances = new Set(statement.stances.map((s) => s.stance));
    if (stances.size === 0) group.withoutStance += 1;
    for (const stance of stances) group.stances[stance.toLowerCase() as Lowercase<Stance>] += 1;
  }
  const all = [...buckets.values()].sort(
    (a, b) => a.start.localeCompare(b.start) || b.end.localeCompare(a.end),
  );
  return {
    totalCount: statements.length,
    buckets: all.filter((b) => b.granularity === granularity),
    coarserBuckets: all.filter((b) => b.granularity !== granularity),
    unplaced,
    shifts: findShifts(statements),
  };
}
