import { describe, expect, it } from 'vitest';
import { monthEnd } from '../../src/calendar.js';
import { AppError } from '../../src/errors.js';
import {
  buildTimeline,
  byDate,
  findShifts,
  placeStatement,
  type TimelineStatement,
} from '../../src/modules/explore/explore.timeline.js';

const day = (id: string, date: string, stances: TimelineStatement['stances'] = []) =>
  ({ id, precision: 'DAY', start: date, end: date, stances }) satisfies TimelineStatement;
const month = (id: string, ym: string, stances: TimelineStatement['stances'] = []) => {
  const [y, m] = ym.split('-').map(Number);
  return {
    id,
    precision: 'MONTH',
    start: `${ym}-01`,
    end: monthEnd(y!, m!),
    stances,
  } satisfies TimelineStatement;
};
const year = (id: string, y: string): TimelineStatement => ({
  id,
  precision: 'YEAR',
  start: `${y}-01-01`,
  end: `${y}-12-31`,
  stances: [],
});
const toward = (
  stance: 'SUPPORTIVE' | 'CRITICAL' | 'NEUTRAL' | 'MIXED',
  target = 'country:ISR',
) => [{ target, stance }];

describe('placeStatement', () => {
  it('puts a date into the period containing it when it fits', () => {
    expect(placeStatement(day('a', '2024-07-28'), 'WEEK')!.key).toBe('2024-W30');
    expect(placeStatement(month('a', '2024-06'), 'MONTH')!.key).toBe('2024-06');
    expect(placeStatement(month('a', '2024-06'), 'YEAR')!.key).toBe('2024');
  });

  it('gives a coarser date a period of its own precision, never a guessed day or week', () => {
    expect(placeStatement(month('a', '2024-06'), 'DAY')).toEqual({
      key: '2024-06',
      granularity: 'MONTH',
      start: '2024-06-01',
      end: '2024-06-30',
    });
    expect(placeStatement(month('a', '2024-06'), 'WEEK')!.granularity).toBe('MONTH');
    expect(placeStatement(year('a', '2024'), 'MONTH')).toMatchObject({
      key: '2024',
      granularity: 'YEAR',
    });
  });

  it('places a date known by bounds only where both bounds fall in one period; else lists it as unplaced', () => {
    const bounded = (start: string, end: string): TimelineStatement => ({
      id: 'b',
      precision: 'BOUNDED',
      start,
      end,
      stances: [],
    });
    expect(placeStatement(bounded('2024-07-01', '2024-07-15'), 'MONTH')!.key).toBe('2024-07');
    expect(placeStatement(bounded('2024-07-01', '2024-07-15'), 'DAY')).toMatchObject({
      key: '2024',
      granularity: 'YEAR',
    });
    // "../2024-07-28": on or before that day, of any year.
    expect(placeStatement(bounded('0001-01-01', '2024-07-28'), 'MONTH')).toBeNull();
    const timeline = buildTimeline(
      [day('a', '2024-07-28'), bounded('0001-01-01', '2024-07-28')],
      'MONTH',
      100,
    );
    expect(timeline.totalCount).toBe(2);
    expect(timeline.buckets.map((b) => b.statementIds)).toEqual([['a']]);
    expect(timeline.unplaced).toMatchObject({ count: 1, withoutStance: 1, statementIds: ['b'] });
  });
});

describe('findShifts', () => {
  it('reports each change of stance toward a target, naming both statements', () => {
    const shifts = findShifts([
      day('c', '2024-07-20', toward('CRITICAL')),
      day('a', '2024-07-01', toward('SUPPORTIVE')),
      day('b', '2024-07-10', toward('SUPPORTIVE')),
      day('d', '2024-07-25', toward('SUPPORTIVE')),
    ]);
    expect(shifts).toEqual([
      {
        target: 'country:ISR',
        from: 'SUPPORTIVE',
        to: 'CRITICAL',
        before: 'b',
        after: 'c',
        certain: true,
      },
      {
        target: 'country:ISR',
        from: 'CRITICAL',
        to: 'SUPPORTIVE',
        before: 'c',
        after: 'd',
        certain: true,
      },
    ]);
  });

  it('follows each target on its own', () => {
    const shifts = findShifts([
      day('a', '2024-07-01', [
        { target: 'x', stance: 'CRITICAL' },
        { target: 'y', stance: 'NEUTRAL' },
      ]),
      day('b', '2024-07-02', [{ target: 'y', stance: 'NEUTRAL' }]),
      day('c', '2024-07-03', [{ target: 'x', stance: 'MIXED' }]),
    ]);
    expect(shifts.map((s) => [s.target, s.before, s.after])).toEqual([['x', 'a', 'c']]);
  });

  it('counts no shift between statements whose order is unknown: a month and a day in it', () => {
    const shifts = findShifts([
      day('b', '2024-06-15', toward('CRITICAL')),
      month('a', '2024-06', toward('SUPPORTIVE')),
    ]);
    expect(shifts).toEqual([]);
  });

  it('counts no shift inside one day, and none out of a day whose statements disagree', () => {
    expect(
      findShifts([
        day('s2', '2024-07-28', toward('CRITICAL')),
        day('s1', '2024-07-28', toward('NEUTRAL')),
        day('s3', '2024-07-29', toward('CRITICAL')),
      ]),
    ).toEqual([]);
  });

  it('counts a shift from a day whose statements agree to a later one', () => {
    const shifts = findShifts([
      day('s1', '2024-07-28', toward('NEUTRAL')),
      day('s2', '2024-07-28', toward('NEUTRAL')),
      month('m', '2024-09', toward('CRITICAL')),
    ]);
    expect(shifts).toEqual([
      {
        target: 'country:ISR',
        from: 'NEUTRAL',
        to: 'CRITICAL',
        before: 's2',
        after: 'm',
        certain: true,
      },
    ]);
  });

  it('counts a known shift beside a year-precision statement, and once for statements of unknown order', async () => {
    const shifts = findShifts([
      { ...year('y', '2024'), stances: toward('NEUTRAL') },
      day('a', '2024-05-20', toward('SUPPORTIVE')),
      month('m', '2024-06', toward('CRITICAL')),
      day('b', '2024-06-15', toward('CRITICAL')),
      day('c', '2024-07-28', toward('MIXED')),
    ]);
    expect(shifts.map((s) => [s.before, s.after, s.from, s.to])).toEqual([
      ['a', 'm', 'SUPPORTIVE', 'CRITICAL'],
      ['b', 'c', 'CRITICAL', 'MIXED'],
    ]);
  });

  it("leaves out positions the speaker relays: they are another's stance", () => {
    const relayed = { ...day('r', '2024-07-10', toward('CRITICAL')), relays: true };
    expect(
      findShifts([
        day('a', '2024-07-01', toward('SUPPORTIVE')),
        relayed,
        day('b', '2024-07-20', toward('SUPPORTIVE')),
      ]),
    ).toEqual([]);
  });

  it('follows each speaker on their own in a timeline about a target', () => {
    const shifts = findShifts([
      { ...day('a', '2024-07-01', toward('SUPPORTIVE')), speaker: 'p:one' },
      { ...day('b', '2024-07-02', toward('CRITICAL')), speaker: 'p:two' },
      { ...day('c', '2024-07-03', toward('CRITICAL')), speaker: 'p:one' },
    ]);
    expect(shifts).toEqual([
      expect.objectContaining({ speaker: 'p:one', before: 'a', after: 'c', to: 'CRITICAL' }),
    ]);
  });
});

/** findShifts as its contract reads, comparing every pair: what the faster one must equal. */
function shiftsByEveryPair(statements: readonly TimelineStatement[]) {
  type Said = { statement: TimelineStatement; stance: string };
  const series = new Map<string, Said[]>();
  for (const statement of [...statements].filter((s) => !s.relays).sort(byDate)) {
    for (const { target, stance } of statement.stances) {
      const key = `${statement.speaker ?? ''}\u0000${target}`;
      series.set(key, [...(series.get(key) ?? []), { statement, stance }]);
    }
  }
  const shifts: Array<Record<string, unknown> & { order: TimelineStatement }> = [];
  for (const [key, list] of series) {
    const [speaker, target] = key.split('\u0000') as [string, string];
    const counted = new Set<string>();
    for (const { statement: b, stance } of list) {
      const before = list.filter((x) => x.statement.end < b.start);
      if (before.length === 0) continue;
      const latestStart = before.reduce(
        (m, x) => (x.statement.start > m ? x.statement.start : m),
        '',
      );
      const latest = before.filter((x) => x.statement.end >= latestStart);
      const stances = new Set(latest.map((x) => x.stance));
      if (stances.size !== 1 || stances.has(stance)) continue;
      const once = `${latest.map((x) => x.statement.id).join(',')}>${stance}`;
      if (counted.has(once)) continue;
      counted.add(once);
      shifts.push({
        ...(speaker === '' ? {} : { speaker }),
        target,
        from: [...stances][0],
        to: stance,
        before: latest.at(-1)!.statement.id,
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
        String(a.speaker ?? '').localeCompare(String(b.speaker ?? '')) ||
        (a.target! < b.target! ? -1 : a.target! > b.target! ? 1 : 0),
    )
    .map(({ order: _order, ...shift }) => shift);
}

describe('findShifts against every pair', () => {
  it('finds the shifts comparing every pair of statements finds, on random timelines', () => {
    let seed = 15;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const stances = ['SUPPORTIVE', 'CRITICAL', 'NEUTRAL', 'MIXED'] as const;
    const pad = (n: number) => String(n).padStart(2, '0');
    for (let run = 0; run < 300; run++) {
      const statements: TimelineStatement[] = [];
      const size = 1 + Math.floor(random() * 60);
      const months = 1 + Math.floor(random() * 4);
      for (let i = 0; i < size; i++) {
        const m = 1 + Math.floor(random() * months);
        const d = 1 + Math.floor(random() * 28);
        const shape = random();
        const s =
          shape < 0.6
            ? day(`s${i}`, `2024-${pad(m)}-${pad(d)}`)
            : shape < 0.8
              ? month(`s${i}`, `2024-${pad(m)}`)
              : shape < 0.9
                ? year(`s${i}`, pick(['2023', '2024', '2025']))
                : {
                    id: `s${i}`,
                    precision: 'BOUNDED' as const,
                    start: `2024-${pad(m)}-${pad(d)}`,
                    end: `2024-${pad(Math.min(12, m + Math.floor(random() * 3)))}-28`,
                    stances: [],
                  };
        const targets = random() < 0.2 ? ['x', 'y'] : random() < 0.9 ? ['x'] : [];
        // Few stances per run, so runs of one stance and shifts both occur.
        const used = stances.slice(0, 1 + Math.floor(random() * 3));
        statements.push({
          ...s,
          stances: targets.map((target) => ({ target, stance: pick(used) })),
          ...(random() < 0.1 ? { relays: true } : {}),
          ...(random() < 0.3 ? { speaker: pick(['p:one', 'p:two']) } : {}),
        });
      }
      expect(findShifts(statements)).toEqual(shiftsByEveryPair(statements));
    }
  });
});

describe('buildTimeline', () => {
  const statements = [
    day('d1', '2024-07-28', toward('NEUTRAL')),
    day('d2', '2024-07-28', [
      { target: 'x', stance: 'CRITICAL' },
      { target: 'y', stance: 'NEUTRAL' },
    ]),
    day('d3', '2024-06-03'),
    month('m1', '2024-06', toward('SUPPORTIVE')),
    year('y1', '2024'),
  ];

  it('buckets by month with every date in its month or year', () => {
    const t = buildTimeline(statements, 'MONTH', 100);
    expect(t.totalCount).toBe(5);
    expect(t.buckets.map((b) => [b.key, b.statementIds])).toEqual([
      ['2024-06', ['m1', 'd3']],
      ['2024-07', ['d1', 'd2']],
    ]);
    expect(t.coarserBuckets.map((b) => [b.key, b.granularity, b.statementIds])).toEqual([
      ['2024', 'YEAR', ['y1']],
    ]);
  });

  it('keeps month dates out of day buckets', () => {
    const t = buildTimeline(statements, 'DAY', 100);
    expect(t.buckets.map((b) => b.key)).toEqual(['2024-06-03', '2024-07-28']);
    expect(t.coarserBuckets.map((b) => [b.key, b.granularity])).toEqual([
      ['2024', 'YEAR'],
      ['2024-06', 'MONTH'],
    ]);
    const total = [...t.buckets, ...t.coarserBuckets].reduce((n, b) => n + b.count, 0);
    expect(total).toBe(statements.length);
  });

  it('counts each statement once per distinct stance, or as without stance', () => {
    const july = buildTimeline(statements, 'MONTH', 100).buckets[1]!;
    expect(july.count).toBe(2);
    expect(july.stances).toEqual({ supportive: 0, critical: 1, neutral: 2, mixed: 0 });
    expect(july.withoutStance).toBe(0);
    const june = buildTimeline(statements, 'MONTH', 100).buckets[0]!;
    expect(june.withoutStance).toBe(1);
  });

  it('buckets early years by the calendar, not by JS Date (years 0–99 are not the 1900s)', () => {
    const early = [day('a', '0050-06-15'), day('b', '0999-05-01'), month('c', '0004-02')];
    const weeks = buildTimeline(early, 'WEEK', 100);
    expect(weeks.buckets.map((b) => [b.key, b.start, b.end])).toEqual([
      ['0050-W24', '0050-06-13', '0050-06-19'],
      ['0999-W18', '0999-04-29', '0999-05-05'],
    ]);
    expect(weeks.coarserBuckets.map((b) => [b.key, b.end])).toEqual([['0004-02', '0004-02-29']]);
  });

  it('refuses more statements than the cap with QUERY_TOO_COMPLEX', () => {
    let caught: unknown;
    try {
      buildTimeline(statements, 'MONTH', 4);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('QUERY_TOO_COMPLEX');
  });
});
