/**
 * Partial dates: "2024", "2024-06" or "2024-06-30". The precision is the shape,
 * and the covered range (first and last day) is what range filters and
 * timeline buckets compare against, so a MONTH-precision date is inside June
 * and never on the 1st.
 */

export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';

export interface PartialDate {
  text: string;
  precision: DatePrecision;
  /** First day covered, YYYY-MM-DD. */
  start: string;
  /** Last day covered, YYYY-MM-DD. */
  end: string;
}

const SHAPE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function parsePartialDate(text: string): PartialDate | null {
  const match = SHAPE.exec(text);
  if (!match) return null;
  const [, y, m, d] = match;
  const year = Number(y);
  if (m === undefined) {
    return { text, precision: 'YEAR', start: `${y}-01-01`, end: `${y}-12-31` };
  }
  const month = Number(m);
  if (month < 1 || month > 12) return null;
  const lastDay = daysInMonth(year, month);
  if (d === undefined) {
    return { text, precision: 'MONTH', start: `${y}-${m}-01`, end: `${y}-${m}-${pad(lastDay)}` };
  }
  const day = Number(d);
  if (day < 1 || day > lastDay) return null;
  return { text, precision: 'DAY', start: text, end: text };
}

export function isPartialDate(text: string): boolean {
  return parsePartialDate(text) !== null;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
