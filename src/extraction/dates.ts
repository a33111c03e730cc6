/**
 * Dates in the frame of an attribution ("said on Sunday"), resolved against the
 * article's date with chrono-node. Precision comes from what the phrase fixes:
 * a day or a weekday → DAY, a month → MONTH, a year → YEAR.
 */
import * as chrono from 'chrono-node';
import type { DatePrecision } from '../calendar.js';
import { parsePartialDate } from '../calendar.js';

export interface FoundDate {
  /** UTF-16 offsets into the text given to findDates. */
  start: number;
  end: number;
  text: string;
  precision: DatePrecision;
  value: string;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const WEEK = /\bweek(end)?s?\b/i;
// words chrono reads as dates that, lower case in running text, rarely are
const AMBIGUOUS = /^(may|march|sun|sat|wed|mon|fri|now|second|a|an|one)$/i;

export function findDates(text: string, articleDate?: string): FoundDate[] {
  const ref = articleDate ? new Date(`${articleDate}T12:00:00Z`) : new Date();
  // "last month" on the 31st: chrono keeps the day and overflows into the next month,
  // so month and year phrases are read against the middle of the article's month
  const mid = new Date(ref);
  mid.setUTCDate(15);
  const midResults = new Map<number, chrono.ParsedResult>();
  for (const r of chrono.parse(text, { instant: mid, timezone: 0 }, { forwardDate: false })) {
    midResults.set(r.index, r);
  }
  const out: FoundDate[] = [];
  for (const found of chrono.parse(text, { instant: ref, timezone: 0 }, { forwardDate: false })) {
    const dayKnown = found.start.isCertain('day') || found.start.isCertain('weekday');
    const r = dayKnown ? found : (midResults.get(found.index) ?? found);
    if (r.end) continue; // ranges ("from May to June") are not a statement's date
    if (WEEK.test(r.text) || AMBIGUOUS.test(r.text.trim())) continue;
    const c = r.start;
    const known = (k: string) => c.isCertain(k as chrono.Component);
    const relative =
      /\b(today|yesterday|tonight|this morning|this afternoon|this evening|ago)\b/i.test(r.text);
    let precision: DatePrecision | null = null;
    if (known('day') || known('weekday') || relative) precision = 'DAY';
    else if (known('month')) precision = 'MONTH';
    else if (known('year')) precision = 'YEAR';
    if (!precision) continue;
    let year = c.get('year') ?? ref.getUTCFullYear();
    const month = c.get('month') ?? 1;
    const day = c.get('day') ?? 1;
    if (!known('year') && !relative && articleDate) {
      // news tells of the past: an undated "October 7" after the article's day is last year's
      const candidate = `${year}-${pad(month)}-${pad(precision === 'DAY' ? day : 1)}`;
      const before = text.slice(Math.max(0, r.index - 12), r.index).toLowerCase();
      const future = /\b(next|until|till|by|upcoming|coming)\s*$/.test(before);
      if (candidate > articleDate.slice(0, precision === 'DAY' ? 10 : 7) && !future) year -= 1;
    }
    const value =
      precision === 'DAY'
        ? `${year}-${pad(month)}-${pad(day)}`
        : precision === 'MONTH'
          ? `${year}-${pad(month)}`
          : String(year);
    const range = parsePartialDate(value);
    if (!range) continue;
    // chrono keeps the punctuation after a phrase ("On Sunday,"): the phrase is the words
    const words = r.text.replace(/[\s,;:]+$/u, '');
    out.push({
      start: r.index,
      end: r.index + words.length,
      text: words,
      precision,
      value,
      from: range.start,
      to: range.end,
    });
  }
  return out;
}
