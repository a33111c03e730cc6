import { periodOf, type Granularity, type Period } from '../../calendar.js';
import { AppError } from '../../errors.js';

/**
 * Timelines: a speaker's statements in periods, and where their stance toward a
 * target changed. Pure functions over the rows the repository returns.
 *
 * A statement goes into the period of the requested granularity that contains
 * its whole date range. A date coarser than that (2024-06 in a DAY or WEEK
 * timeline, 2024 in a MONTH one) is never spread over, or guessed into, a finer
 * period: it gets a period at its own precision, listed apart.
 */

export type { Granularity, Period };
export type Stance = 'SUPPORTIVE' | 'CRITICAL' | 'NEUTRAL' | 'MIXED';

/** A statement as a timeline needs it; `stances` are toward the timeline's targets only. */
export interface TimelineStatement {
  id: string;
  precision: 'DAY' | 'MONTH' | 'YEAR';
  start: string;
  end: string;
  stances: Array<{ target: string; stance: Stance }>;
}

export type StanceCounts = Record<Lowercase<Stance>, number>;

export interface TimelineBucketRow extends Period {
  count: number;
  stances: StanceCounts;
  /** Statements that take no stance toward the timeline's targets. */
  withoutStance: number;
  /** In date order. */
  statementIds: string[];
}

export interface ShiftRow {
  target: string;
  from: Stance;
  to: Stance;
  before: string;
  after: string;
  /** The date ranges do not overlap, so `before` is known to be earlier than `after`. */
  certain: boolean;
}

export interface TimelineData {
  totalCount: number;
  buckets: TimelineBucketRow[];
  coarserBuckets: TimelineBucketRow[];
  shifts: ShiftRow[];
}

/**
 * Where a statement goes: the period of `granularity` holding its whole range,
 * or, when the range is wider than one such period, the period of its own precision.
 */
export function placeStatement(s: TimelineStatement, granularity: Granularity): Period {
  const period = periodOf(s.start, granularity);
  return s.end <= period.end ? period : periodOf(s.start, s.precision);
}

/** Date order: first day covered, then last day (finer first), then id. */
export function byDate(a: TimelineStatement, b: TimelineStatement): number {
  return a.start.localeCompare(b.start) || a.end.localeCompare(b.end) || (a.id < b.id ? -1 : 1);
}

/**
 * Stance changes: per target, the statements taking a stance toward it in date
 * order; a shift is a statement whose stance differs from the one before.
 * Ordered by the later statement's date, then target id.
 */
export function findShifts(statements: readonly TimelineStatement[]): ShiftRow[] {
  const ordered = [...statements].sort(byDate);
  const last = new Map<string, { statement: TimelineStatement; stance: Stance }>();
  const shifts: ShiftRow[] = [];
  for (const statement of ordered) {
    const here = [...statement.stances].sort((a, b) => (a.target < b.target ? -1 : 1));
    for (const { target, stance } of here) {
      const previous = last.get(target);
      if (previous && previous.stance !== stance) {
        shifts.push({
          target,
          from: previous.stance,
          to: stance,
          before: previous.statement.id,
          after: statement.id,
          certain: previous.statement.end < statement.start,
        });
      }
      last.set(target, { statement, stance });
    }
  }
  return shifts;
}

const emptyCounts = (): StanceCounts => ({ supportive: 0, critical: 0, neutral: 0, mixed: 0 });

/**
 * Buckets and shifts for a speaker's statements. A statement counts once under
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
  const ordered = [...statements].sort(byDate);
  const buckets = new Map<string, TimelineBucketRow>();
  for (const statement of ordered) {
    const period = placeStatement(statement, granularity);
    const id = `${period.granularity}:${period.key}`;
    let bucket = buckets.get(id);
    if (!bucket) {
      bucket = { ...period, count: 0, stances: emptyCounts(), withoutStance: 0, statementIds: [] };
      buckets.set(id, bucket);
    }
    bucket.count += 1;
    bucket.statementIds.push(statement.id);
    const stances = new Set(statement.stances.map((s) => s.stance));
    if (stances.size === 0) bucket.withoutStance += 1;
    for (const stance of stances) bucket.stances[stance.toLowerCase() as Lowercase<Stance>] += 1;
  }
  const all = [...buckets.values()].sort(
    (a, b) => a.start.localeCompare(b.start) || b.end.localeCompare(a.end),
  );
  return {
    totalCount: ordered.length,
    buckets: all.filter((b) => b.granularity === granularity),
    coarserBuckets: all.filter((b) => b.granularity !== granularity),
    shifts: findShifts(ordered),
  };
}
