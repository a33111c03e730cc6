import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  checkDay,
  checkPartialDate,
  checkStatementDate,
  FIRST_DAY,
  LAST_DAY,
  STATEMENT_DATE_FORM,
  daysInMonth,
  isLeapYear,
  isoWeek,
  monthEnd,
  parsePartialDate,
  periodOf,
} from '../../src/calendar.js';

// A fixed seed keeps CI reproducible; FC_SEED explores other inputs (a failure prints its seed and path).
const RUNS = { numRuns: 2000, seed: Number(process.env.FC_SEED ?? 20261128) };

/**
 * An oracle that shares no code with the calendar: days since 1970-01-01 from
 * plain integer arithmetic (H. Hinnant's days_from_civil), for the proleptic
 * Gregorian calendar at any year.
 */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
const oracleLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const oracleMonthLength = (y: number, m: number) =>
  m === 2 ? (oracleLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
/** ISO weekday, Monday 1 … Sunday 7 (1970-01-01 was a Thursday). */
const oracleWeekday = (y: number, m: number, d: number) =>
  ((((daysFromCivil(y, m, d) + 3) % 7) + 7) % 7) + 1;
/** ISO week by its definition: the week holding the year's first Thursday is week 1. */
function oracleWeek(y: number, m: number, d: number): { year: number; week: number } {
  const days = daysFromCivil(y, m, d);
  const thursday = days - oracleWeekday(y, m, d) + 4;
  // The week's year is the year its Thursday falls in.
  let year = y + 1;
  while (daysFromCivil(year, 1, 1) > thursday) year -= 1;
  return { year, week: Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1 };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const anyDay = fc
  .record({
    y: fc.integer({ min: 1, max: 9999 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .filter(({ y, m, d }) => d <= oracleMonthLength(y, m));

describe('partial dates', () => {
  it('gives a MONTH date the whole month, leap years included', () => {
    expect(parsePartialDate('2024-06')).toEqual({
      text: '2024-06',
      precision: 'MONTH',
      start: '2024-06-01',
      end: '2024-06-30',
    });
    expect(parsePartialDate('2024-02')?.end).toBe('2024-02-29');
    expect(parsePartialDate('2023-02')?.end).toBe('2023-02-28');
    expect(parsePartialDate('1900-02')?.end).toBe('1900-02-28');
    expect(parsePartialDate('2000-02')?.end).toBe('2000-02-29');
    expect(parsePartialDate('0004-02')?.end).toBe('0004-02-29');
  });

  it('gives a YEAR date the whole year and a DAY date itself', () => {
    expect(parsePartialDate('2024')).toMatchObject({
      precision: 'YEAR',
      start: '2024-01-01',
      end: '2024-12-31',
    });
    expect(parsePartialDate('2024-07-28')).toMatchObject({
      precision: 'DAY',
      start: '2024-07-28',
      end: '2024-07-28',
    });
  });

  it('reads years 0001 to 9999, with their leap days', () => {
    expect(parsePartialDate('0001-01-01')?.precision).toBe('DAY');
    expect(parsePartialDate('0004-02-29')?.precision).toBe('DAY');
    expect(parsePartialDate('9999-12-31')?.precision).toBe('DAY');
  });

  it('refuses a malformed date for its form', () => {
    for (const bad of ['24-06', '2024-6', '2024-06-01T00:00', '', ' 2024', '+2024', '２０２４']) {
      expect(checkPartialDate(bad)).toEqual({
        ok: false,
        message: 'must be a date of the form YYYY, YYYY-MM or YYYY-MM-DD',
      });
    }
    expect(checkPartialDate(2024).ok).toBe(false);
  });

  it('refuses an impossible day by blaming the day, not the form', () => {
    expect(checkPartialDate('2023-02-29')).toEqual({
      ok: false,
      message: 'February 2023 has 28 days',
    });
    expect(checkPartialDate('2024-02-30')).toEqual({
      ok: false,
      message: 'February 2024 has 29 days',
    });
    expect(checkPartialDate('2024-04-31')).toMatchObject({ message: 'April 2024 has 30 days' });
    expect(checkPartialDate('2024-06-00')).toMatchObject({
      message: expect.stringMatching(/^day 00/),
    });
    expect(checkPartialDate('2024-13')).toMatchObject({
      message: expect.stringMatching(/^month 13/),
    });
    expect(checkPartialDate('2024-00-10')).toMatchObject({
      message: expect.stringMatching(/^month 00/),
    });
  });

  it('refuses year 0000 whole, whatever its precision (the calendar is 0001–9999)', () => {
    for (const text of ['0000', '0000-02', '0000-02-28', '0000-02-29']) {
      expect(checkPartialDate(text)).toEqual({
        ok: false,
        message: 'year 0000 is outside the calendar (years 0001 to 9999)',
      });
    }
  });

  it('reads a day only in full (YYYY-MM-DD)', () => {
    expect(checkDay('2024-06-01')).toEqual({ ok: true, value: '2024-06-01' });
    expect(checkDay('2024-06')).toEqual({
      ok: false,
      message: 'must be a day of the form YYYY-MM-DD',
    });
    expect(checkDay('2023-02-29')).toEqual({ ok: false, message: 'February 2023 has 28 days' });
  });

  it('any string either round-trips as a date or is refused with a message', () => {
    const dateLike = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc
        .tuple(fc.nat(9999), fc.nat(14), fc.nat(33))
        .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
      fc.tuple(fc.nat(9999), fc.nat(14)).map(([y, m]) => `${pad(y, 4)}-${pad(m, 2)}`),
      fc.nat(99999).map((y) => pad(y, 4)),
    );
    fc.assert(
      fc.property(dateLike, (text) => {
        const checked = checkPartialDate(text);
        if (checked.ok) {
          expect(checked.value.text).toBe(text);
          expect(checked.value.start <= checked.value.end).toBe(true);
          expect(checkPartialDate(checked.value.start).ok).toBe(true);
          expect(checkPartialDate(checked.value.end).ok).toBe(true);
        } else {
          expect(checked.message.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });
});

describe('calendar arithmetic', () => {
  it('knows leap years and month lengths', () => {
    expect([1900, 2000, 2023, 2024, 4, 100, 400].map(isLeapYear)).toEqual([
      false,
      true,
      false,
      true,
      true,
      false,
      true,
    ]);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(monthEnd(50, 2)).toBe('0050-02-28');
    expect(monthEnd(9999, 12)).toBe('9999-12-31');
  });

  it('moves days and stays within 0001–9999', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(addDays('0001-01-01', -1)).toBeNull();
    expect(addDays('9999-12-31', 1)).toBeNull();
  });

  it('agrees with integer arithmetic on month ends and leap years across 0001–9999', () => {
    fc.assert(
      fc.property(anyDay, ({ y, m }) => {
        expect(monthEnd(y, m)).toBe(`${pad(y, 4)}-${pad(m, 2)}-${pad(oracleMonthLength(y, m), 2)}`);
        expect(isLeapYear(y)).toBe(oracleLeap(y));
      }),
      RUNS,
    );
  });
});

describe('ISO weeks', () => {
  it('run Monday to Sunday', () => {
    expect(isoWeek('2024-07-28')).toEqual({
      key: '2024-W30',
      start: '2024-07-22',
      end: '2024-07-28',
    });
    expect(isoWeek('2024-07-29').key).toBe('2024-W31');
  });

  it('take the year of the week’s Thursday at year ends', () => {
    expect(isoWeek('2024-12-30')).toMatchObject({ key: '2025-W01', start: '2024-12-30' });
    expect(isoWeek('2021-01-03')).toMatchObject({ key: '2020-W53', end: '2021-01-03' });
    expect(isoWeek('2026-01-01').key).toBe('2026-W01');
  });

  it('keep four digits before year 1000 and are right in years 0–99', () => {
    expect(isoWeek('0999-05-01').key).toBe('0999-W18');
    expect(isoWeek('0050-06-15')).toEqual({
      key: '0050-W24',
      start: '0050-06-13',
      end: '0050-06-19',
    });
    expect(isoWeek('0001-01-01')).toMatchObject({ key: '0001-W01', start: '0001-01-01' });
  });

  it('stop at the end of the calendar', () => {
    expect(isoWeek('9999-12-31')).toEqual({
      key: '9999-W52',
      start: '9999-12-27',
      end: '9999-12-31',
    });
  });

  it('agree with the definition for random days across 0001–9999', () => {
    fc.assert(
      fc.property(anyDay, ({ y, m, d }) => {
        const day = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        const { year, week } = oracleWeek(y, m, d);
        const got = isoWeek(day);
        expect(got.key).toBe(`${pad(year, 4)}-W${pad(week, 2)}`);
        expect(got.start <= day && day <= got.end).toBe(true);
        expect(oracleWeekday(y, m, d)).toBe(
          daysFromCivil(y, m, d) -
            daysFromCivil(...(got.start.split('-').map(Number) as [number, number, number])) +
            1,
        );
      }),
      RUNS,
    );
  });
});

describe('periodOf', () => {
  it('gives months their real last day', () => {
    expect(periodOf('2024-02-10', 'MONTH')).toEqual({
      key: '2024-02',
      granularity: 'MONTH',
      start: '2024-02-01',
      end: '2024-02-29',
    });
    expect(periodOf('2024-02-10', 'YEAR')).toMatchObject({ key: '2024', end: '2024-12-31' });
    expect(periodOf('2024-02-10', 'DAY')).toMatchObject({ key: '2024-02-10' });
    expect(periodOf('0050-06-15', 'WEEK')).toMatchObject({ key: '0050-W24', granularity: 'WEEK' });
    expect(periodOf('0050-02-10', 'MONTH')).toMatchObject({ key: '0050-02', end: '0050-02-28' });
  });
});

describe('statement dates (format 2): a partial date, or bounds when the source gives none', () => {
  it('reads on-or-before, on-or-after, between and unknown, with open sides at the calendar edges', () => {
    expect(checkStatementDate('2024-07')).toEqual({
      ok: true,
      value: { text: '2024-07', precision: 'MONTH', start: '2024-07-01', end: '2024-07-31' },
    });
    expect(checkStatementDate('../2024-07-28')).toEqual({
      ok: true,
      value: { text: '../2024-07-28', precision: 'BOUNDED', start: FIRST_DAY, end: '2024-07-28' },
    });
    expect(checkStatementDate('2024-06/..')).toMatchObject({
      value: { precision: 'BOUNDED', start: '2024-06-01', end: LAST_DAY },
    });
    expect(checkStatementDate('2024-06/2024-07-28')).toMatchObject({
      value: { precision: 'BOUNDED', start: '2024-06-01', end: '2024-07-28' },
    });
    expect(checkStatementDate('../..')).toMatchObject({
      value: { precision: 'UNKNOWN', start: FIRST_DAY, end: LAST_DAY },
    });
  });

  it('refuses a range that ends before it starts, a bad side and other shapes, saying why', () => {
    expect(checkStatementDate('2024-08/2024-07')).toEqual({
      ok: false,
      message: 'ends (2024-07) before it starts (2024-08)',
    });
    expect(checkStatementDate('../2023-02-29')).toEqual({
      ok: false,
      message: 'February 2023 has 28 days',
    });
    for (const bad of ['2024/07/28', 'before 2024', '../', '2024-07-28/', '/2024'])
      expect(checkStatementDate(bad)).toEqual({ ok: false, message: STATEMENT_DATE_FORM });
  });
});
