import { DayOfWeek, IsoFields, LocalDate, Year, YearMonth } from '@js-joda/core';

/**
 * The calendar: every date the API, the importer and the exporter read, and all
 * arithmetic on them (ranges, precision, ISO weeks, month ends, leap years).
 * Nothing else in the code does date arithmetic, and nothing here uses JS
 * `Date`, which maps years 0–99 to the 1900s.
 *
 * Proleptic Gregorian (ISO 8601), the calendar of Neo4j's `date()`, over years
 * 0001–9999: every date is written with a 4-digit year, so days and keys compare
 * as text. Year 0000 is refused (ISO 8601's "1 BC" needs a sign and an
 * agreement between the parties; Neo4j would take it, most tools would not):
 * 0000, 0000-02 and 0000-02-29 all get the same "outside 0001–9999" answer.
 * In that range every ISO week belongs to a year of the range too (0001-01-01
 * is a Monday; 9999-12-31 is in 9999-W52), so week keys keep 4 digits.
 *
 * Built on @js-joda/core, a port of java.time (the library Neo4j's own date
 * type is built on), so both sides agree on every day, week and month end.
 */

export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;
/** The first and the last day of the calendar, YYYY-MM-DD. */
export const FIRST_DAY = '0001-01-01';
export const LAST_DAY = '9999-12-31';

export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';
export type Granularity = 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';

/**
 * A partial date: "2024", "2024-06" or "2024-06-30". The precision is the shape;
 * the covered range (first and last day) is what range filters and timeline
 * buckets compare against, so a MONTH-precision date is inside June and never
 * on the 1st.
 */
export interface PartialDate {
  text: string;
  precision: DatePrecision;
  /** First day covered, YYYY-MM-DD. */
  start: string;
  /** Last day covered, YYYY-MM-DD. */
  end: string;
}

/** A period of a timeline: 2024-07-28, 2024-W30 (ISO week), 2024-07 or 2024. */
export interface Period {
  key: string;
  granularity: Granularity;
  /** First and last day, YYYY-MM-DD. */
  start: string;
  end: string;
}

/** A decoded value, or why it is refused: a message meant to follow the field's name. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export const PARTIAL_DATE_FORM = 'must be a date of the form YYYY, YYYY-MM or YYYY-MM-DD';
export const DAY_FORM = 'must be a day of the form YYYY-MM-DD';

const PARTIAL_SHAPE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/**
 * Reads a partial date. Refusals say what is wrong with it: its form, a year
 * outside 0001–9999, a month that does not exist, or a day the month does not
 * have ("February 2023 has 28 days").
 */
export function checkPartialDate(text: unknown): Checked<PartialDate> {
  if (typeof text !== 'string') return fail(PARTIAL_DATE_FORM);
  const match = PARTIAL_SHAPE.exec(text);
  if (!match) return fail(PARTIAL_DATE_FORM);
  const [, y, m, d] = match as unknown as [string, string, string | undefined, string | undefined];
  const year = Number(y);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return fail(`year ${y} is outside the calendar (years 0001 to 9999)`);
  }
  if (m === undefined) {
    return { ok: true, value: { text, precision: 'YEAR', start: `${y}-01-01`, end: `${y}-12-31` } };
  }
  const month = Number(m);
  if (month < 1 || month > 12) return fail(`month ${m} does not exist (months are 01 to 12)`);
  const length = daysInMonth(year, month);
  if (d === undefined) {
    const end = `${y}-${m}-${pad(length, 2)}`;
    return { ok: true, value: { text, precision: 'MONTH', start: `${y}-${m}-01`, end } };
  }
  const day = Number(d);
  if (day < 1) return fail(`day ${d} does not exist (days start at 01)`);
  if (day > length) return fail(`${MONTH_NAMES[month - 1]} ${y} has ${length} days`);
  return { ok: true, value: { text, precision: 'DAY', start: text, end: text } };
}

/** How precisely a statement's date is known: a partial date's, or only bounds, or not at all. */
export type StatementDatePrecision = DatePrecision | 'BOUNDED' | 'UNKNOWN';

/**
 * A statement's date: a partial date, or (format 2) an interval in ISO 8601-2's
 * notation when the source gives no date: "../2024-07-28" (on or before),
 * "2024-06/.." (on or after), "2024-06/2024-07-28" (between, inclusive) or
 * "../.." (unknown). An open side covers to the calendar's edge (0001-01-01,
 * 9999-12-31), so such a date is WITHIN no bounded range and OVERLAPS the ranges
 * it may fall in.
 */
export interface StatementDate {
  text: string;
  precision: StatementDatePrecision;
  start: string;
  end: string;
}

export const STATEMENT_DATE_FORM =
  'must be YYYY, YYYY-MM or YYYY-MM-DD, or bounds "A/B", "../B" (on or before B), "A/.." (on or after A) or "../.." (unknown)';

/** Reads a statement's date: a partial date or an interval with one or two open sides. */
export function checkStatementDate(text: unknown): Checked<StatementDate> {
  if (typeof text !== 'string') return fail(STATEMENT_DATE_FORM);
  if (!text.includes('/')) {
    const partial = checkPartialDate(text);
    return partial.ok || partial.message !== PARTIAL_DATE_FORM
      ? partial
      : fail(STATEMENT_DATE_FORM);
  }
  const sides = text.split('/');
  if (sides.length !== 2) return fail(STATEMENT_DATE_FORM);
  const [from, to] = sides as [string, string];
  if (from === '..' && to === '..') {
    return { ok: true, value: { text, precision: 'UNKNOWN', start: FIRST_DAY, end: LAST_DAY } };
  }
  const side = (t: string) => (t === '..' ? null : checkPartialDate(t));
  const a = side(from);
  const b = side(to);
  if (a && !a.ok) return a.message === PARTIAL_DATE_FORM ? fail(STATEMENT_DATE_FORM) : a;
  if (b && !b.ok) return b.message === PARTIAL_DATE_FORM ? fail(STATEMENT_DATE_FORM) : b;
  const start = a ? a.value.start : FIRST_DAY;
  const end = b ? b.value.end : LAST_DAY;
  if (start > end) return fail(`ends (${to}) before it starts (${from})`);
  return { ok: true, value: { text, precision: 'BOUNDED', start, end } };
}

/** A statement's date, or null when `checkStatementDate` would refuse it. */
export function parseStatementDate(text: string): StatementDate | null {
  const checked = checkStatementDate(text);
  return checked.ok ? checked.value : null;
}

/** A partial date, or null when `checkPartialDate` would refuse it. */
export function parsePartialDate(text: string): PartialDate | null {
  const checked = checkPartialDate(text);
  return checked.ok ? checked.value : null;
}

export function isPartialDate(text: string): boolean {
  return checkPartialDate(text).ok;
}

/** Reads a calendar day, YYYY-MM-DD only; refusals as for `checkPartialDate`. */
export function checkDay(text: unknown): Checked<string> {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return fail(DAY_FORM);
  const checked = checkPartialDate(text);
  return checked.ok ? { ok: true, value: text } : checked;
}

export function isDay(text: unknown): text is string {
  return checkDay(text).ok;
}

const UTC_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?Z$/;

/**
 * An instant as the API writes one (`2024-06-01T12:00:00.000Z`): a calendar day,
 * a real time of day, UTC. Nothing looser: no offsets, no leap seconds, no
 * "2024-02-30T…" that JS `Date.parse` would roll into March.
 */
export function isUtcDateTime(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = UTC_DATE_TIME.exec(text);
  if (!match) return false;
  const [, day, h, m, s] = match as unknown as [string, string, string, string, string];
  return isDay(day) && Number(h) < 24 && Number(m) < 60 && Number(s) < 60;
}

export function isLeapYear(year: number): boolean {
  return Year.isLeap(year);
}

/** Days in a month of a year (1–12): 28 to 31. */
export function daysInMonth(year: number, month: number): number {
  return YearMonth.of(year, month).lengthOfMonth();
}

/** The last day of a month, YYYY-MM-DD. */
export function monthEnd(year: number, month: number): string {
  return formatDay(YearMonth.of(year, month).atEndOfMonth());
}

/**
 * A day moved by `days` (negative: back), YYYY-MM-DD; null when that leaves the
 * calendar (before 0001-01-01 or after 9999-12-31).
 */
export function addDays(day: string, days: number): string | null {
  const moved = toLocalDate(day).plusDays(days);
  return moved.year() < MIN_YEAR || moved.year() > MAX_YEAR ? null : formatDay(moved);
}

/**
 * The ISO week (Monday to Sunday) of a day, as "YYYY-Www": its year is the year
 * of its Thursday, so 2024-12-30 is in 2025-W01 and 2021-01-03 in 2020-W53.
 * The week 9999-W52 is cut at 9999-12-31, the end of the calendar.
 */
export function isoWeek(day: string): { key: string; start: string; end: string } {
  const date = toLocalDate(day);
  const weekYear = date.get(IsoFields.WEEK_BASED_YEAR);
  const week = date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
  const monday = date.minusDays(date.dayOfWeek().value() - DayOfWeek.MONDAY.value());
  const sunday = monday.plusDays(6);
  return {
    key: `${pad(weekYear, 4)}-W${pad(week, 2)}`,
    start: formatDay(monday),
    end: sunday.year() > MAX_YEAR ? LAST_DAY : formatDay(sunday),
  };
}

/** The period of `granularity` containing a day (YYYY-MM-DD). */
export function periodOf(day: string, granularity: Granularity): Period {
  const date = toLocalDate(day);
  const y = pad(date.year(), 4);
  const m = pad(date.monthValue(), 2);
  switch (granularity) {
    case 'DAY':
      return { key: day, granularity, start: day, end: day };
    case 'WEEK':
      return { ...isoWeek(day), granularity };
    case 'MONTH':
      return {
        key: `${y}-${m}`,
        granularity,
        start: `${y}-${m}-01`,
        end: monthEnd(date.year(), date.monthValue()),
      };
    case 'YEAR':
      return { key: y, granularity, start: `${y}-01-01`, end: `${y}-12-31` };
  }
}

/** Throws on a value that is not a calendar day: callers pass days they already checked. */
function toLocalDate(day: string): LocalDate {
  const checked = checkDay(day);
  if (!checked.ok) throw new RangeError(`Not a calendar day: "${day}" ${checked.message}.`);
  return LocalDate.of(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)));
}

function formatDay(date: LocalDate): string {
  return `${pad(date.year(), 4)}-${pad(date.monthValue(), 2)}-${pad(date.dayOfMonth(), 2)}`;
}
