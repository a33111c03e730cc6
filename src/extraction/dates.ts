/**
 * Dates a text gives for something that happened ("said on Sunday", "last week"),
 * resolved against the article's date with chrono-node and the calendar.
 *
 * Only a date that can be when something was said is returned: on or before the
 * article's date (not "next week", "tomorrow", "later this year"), a point or a
 * period (not a bound: "since March", "until October 7", "by June"), and not a
 * noun's modifier ("the October 7 attack", "the ceasefire of March 3"). Whether it
 * is the date of a given statement is the extractor's choice (extract.ts).
 *
 * Precision is what the phrase fixes:
 * - DAY: a day ("on July 26", "July 26, 2024", "yesterday", "three days ago") or a
 *   weekday, which is the latest such day on or before the article's ("on Sunday";
 *   "last Monday" is strictly before it);
 * - MONTH: a month ("in June", "last month", "two months ago", "in early June");
 * - YEAR: a year ("in 2020", "in late 2023", "last year");
 * - BOUNDED, with ISO 8601-2 bounds "A/B": a week ("last week" is the ISO week,
 *   Monday to Sunday, before the article's; "two weeks ago" the ISO week holding
 *   the day 14 days before), a weekend ("last weekend", "over the weekend"), and a
 *   period running to the article's day ("this week", "earlier this month",
 *   "earlier this year" → "2024-01-01/2024-07-28").
 * A year-less day or month after the article's is last year's ("October 7" in an
 * article of July 2024 is 2023-10-07).
 *
 * The phrase is the article's words with the preposition and modifier that belong
 * to them ("on July 26", "in early June", "earlier this year"), the punctuation
 * after them left out.
 */
import * as chrono from 'chrono-node';
import { addDays, isoWeek, monthEnd, parsePartialDate } from '../calendar.js';

/** How precisely a found date is known: a day, a month, a year, or only its bounds. */
export type FoundPrecision = 'DAY' | 'MONTH' | 'YEAR' | 'BOUNDED';

export interface FoundDate {
  /** UTF-16 offsets into the text given to findDates. */
  start: number;
  end: number;
  text: string;
  precision: FoundPrecision;
  /** YYYY, YYYY-MM, YYYY-MM-DD, or bounds "YYYY-MM-DD/YYYY-MM-DD" (BOUNDED). */
  value: string;
  /** First and last day covered, YYYY-MM-DD. */
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const WEEK = /\bweek(end)?s?\b/i;
// words chrono reads as dates that, lower case in running text, rarely are
const AMBIGUOUS = /^(may|march|sun|sat|wed|mon|fri|now|second|a|an|one)$/i;
/** Before a date, words making it a bound or a future time: not when anything was said. */
const NOT_A_POINT =
  /\b(since|until|till|by|before|after|from|through|between|to|next|upcoming|coming)\s+$/i;
/**
 * Before a date, words making it a noun's modifier: "the October 7 attack", "talks of
 * June 3". ("in a March 2016 meeting", an occasion, is kept.)
 */
const MODIFIER = /\b(the|of|its|their|his|her)\s+$/i;
/** Before a date, words belonging to its phrase. */
const LEAD_IN =
  /(?:\b(?:on|in|at|during)\s+)?(?:\b(?:early|mid|late|the (?:end|beginning|start|middle) of)[-\s]\s*)?$/i;

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const NUMBER = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})`;

/**
 * Phrases read here rather than by chrono, which misses them ("in 2020") or gives
 * them a day they do not name ("last week" as the day 7 days back).
 */
const PERIOD = /\b(?:(earlier|later)\s+)?(this|last|next|previous)\s+(week|weekend|month|year)\b/gi;
const WEEKEND = /\b(?:over|at|during)\s+the\s+weekend\b/gi;
const AGO = new RegExp(`\\b${NUMBER}\\s+(day|week|month|year)s?\\s+ago\\b`, 'gi');
const YEAR =
  /\b(?:in|during)\s+(?:(?:early|mid|late)[-\s]\s*)?((?:1[89]|20)\d{2})\b(?![-–/]?\d|s\b|['’]s)/gi;

/** The day of a phrase telling of a time to come, so that it is dropped as after the article's. */
const FUTURE = '9999-12-31';

interface Read {
  start: number;
  end: number;
  precision: FoundPrecision;
  from: string;
  to: string;
}

/** Day of the week of a day: 0 Monday … 6 Sunday. */
function weekdayOf(day: string): number {
  const monday = isoWeek(day).start;
  let n = 0;
  while (addDays(monday, n) !== day) n++;
  return n;
}

/** The Saturday–Sunday of the ISO week of a day. */
function weekendOf(day: string): { from: string; to: string } {
  const monday = isoWeek(day).start;
  return { from: addDays(monday, 5)!, to: addDays(monday, 6)! };
}

const bounded = (from: string, to: string): Omit<Read, 'start' | 'end'> =>
  from === to ? { precision: 'DAY', from, to } : { precision: 'BOUNDED', from, to };

/** "last week", "earlier this year", "two weeks ago", "in 2020": the phrases chrono does not read right. */
function ownPhrases(text: string, article: string): Read[] {
  const out: Read[] = [];
  const year = Number(article.slice(0, 4));
  const month = Number(article.slice(5, 7));
  for (const m of text.matchAll(PERIOD)) {
    const [, side, which, unit] = m.map((x) => x?.toLowerCase());
    const at = { start: m.index, end: m.index + m[0].length };
    if (side === 'later' || which === 'next') {
      // to come: no date of saying, and no "this year" for chrono to read in it either
      out.push({ ...at, precision: 'DAY', from: FUTURE, to: FUTURE });
      continue;
    }
    const last = which === 'last' || which === 'previous';
    if (unit === 'week') {
      const week = isoWeek(last ? addDays(article, -7)! : article);
      out.push({ ...at, ...bounded(week.start, last ? week.end : article) });
    } else if (unit === 'weekend') {
      // "last weekend": the one of the week before; "this weekend", told of the past, the
      // latest one begun by the article's day (a weekend to come is no date of saying)
      let weekend = weekendOf(last ? addDays(article, -7)! : article);
      if (!last && weekend.from > article) weekend = weekendOf(addDays(article, -7)!);
      out.push({ ...at, ...bounded(weekend.from, weekend.to > article ? article : weekend.to) });
    } else if (unit === 'month') {
      if (last) {
        const y = month === 1 ? year - 1 : year;
        const mo = month === 1 ? 12 : month - 1;
        out.push({ ...at, precision: 'MONTH', from: `${y}-${pad(mo)}-01`, to: monthEnd(y, mo) });
      } else out.push({ ...at, ...bounded(`${article.slice(0, 7)}-01`, article) });
    } else if (last) {
      out.push({ ...at, precision: 'YEAR', from: `${year - 1}-01-01`, to: `${year - 1}-12-31` });
    } else out.push({ ...at, ...bounded(`${article.slice(0, 4)}-01-01`, article) });
  }
  for (const m of text.matchAll(WEEKEND)) {
    // "over the weekend": the latest one begun by the article's day
    let weekend = weekendOf(article);
    if (weekend.from > article) weekend = weekendOf(addDays(article, -7)!);
    const to = weekend.to > article ? article : weekend.to;
    out.push({ start: m.index, end: m.index + m[0].length, ...bounded(weekend.from, to) });
  }
  for (const m of text.matchAll(AGO)) {
    const n = NUMBER_WORDS[m[1]!.toLowerCase()] ?? Number(m[1]);
    const unit = m[2]!.toLowerCase();
    const at = { start: m.index, end: m.index + m[0].length };
    if (unit === 'day') {
      const day = addDays(article, -n)!;
      out.push({ ...at, precision: 'DAY', from: day, to: day });
    } else if (unit === 'week') {
      const week = isoWeek(addDays(article, -7 * n)!);
      out.push({ ...at, ...bounded(week.start, week.end) });
    } else if (unit === 'month') {
      const index = year * 12 + (month - 1) - n;
      const y = Math.floor(index / 12);
      const mo = (index % 12) + 1;
      out.push({ ...at, precision: 'MONTH', from: `${y}-${pad(mo)}-01`, to: monthEnd(y, mo) });
    } else {
      out.push({ ...at, precision: 'YEAR', from: `${year - n}-01-01`, to: `${year - n}-12-31` });
    }
  }
  for (const m of text.matchAll(YEAR)) {
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      precision: 'YEAR',
      from: `${m[1]}-01-01`,
      to: `${m[1]}-12-31`,
    });
  }
  return out;
}

/** What chrono reads: days, weekdays and months ("on July 26", "on Sunday", "in June", "yesterday"). */
function chronoPhrases(text: string, article: string, taken: Read[]): Read[] {
  const ref = new Date(`${article}T12:00:00Z`);
  // "two months ago" on the 31st: chrono keeps the day and overflows into the next month,
  // so month and year phrases are read against the middle of the article's month
  let midResults: Map<number, chrono.ParsedResult> | undefined;
  const atMid = (index: number) => {
    if (!midResults) {
      const mid = new Date(ref);
      mid.setUTCDate(15);
      const parsed = chrono.parse(text, { instant: mid, timezone: 0 }, { forwardDate: false });
      midResults = new Map(parsed.map((r) => [r.index, r]));
    }
    return midResults.get(index);
  };
  const out: Read[] = [];
  for (const found of chrono.parse(text, { instant: ref, timezone: 0 }, { forwardDate: false })) {
    const dayKnown = found.start.isCertain('day') || found.start.isCertain('weekday');
    const r = dayKnown ? found : (atMid(found.index) ?? found);
    if (r.end) continue; // ranges ("from May to June") are not a statement's date
    if (WEEK.test(r.text) || AMBIGUOUS.test(r.text.trim())) continue;
    // chrono keeps the punctuation after a phrase ("On Sunday,"): the phrase is the words
    const words = r.text.replace(/[\s,;:]+$/u, '');
    const start = r.index;
    const end = start + words.length;
    if (taken.some((t) => t.start < end && start < t.end)) continue;
    const c = r.start;
    const known = (k: string) => c.isCertain(k as chrono.Component);
    if (known('weekday') && !known('day')) {
      // news tells of the past: a bare weekday is the latest on or before the article's
      // day ("last Monday" on a Monday is a week back); chrono may give the next one
      const last = /^last\b/i.test(words);
      const weekday = ((c.get('weekday') ?? 0) + 6) % 7;
      let back = (weekdayOf(article) - weekday + 7) % 7;
      if (back === 0 && last) back = 7;
      const day = addDays(article, -back)!;
      out.push({ start, end, precision: 'DAY', from: day, to: day });
      continue;
    }
    const relative =
      /\b(today|yesterday|tonight|this morning|this afternoon|this evening|ago)\b/i.test(words);
    let precision: 'DAY' | 'MONTH' | 'YEAR' | null = null;
    if (known('day') || relative) precision = 'DAY';
    else if (known('month')) precision = 'MONTH';
    else if (known('year')) precision = 'YEAR';
    if (!precision) continue;
    let year = c.get('year') ?? ref.getUTCFullYear();
    const month = c.get('month') ?? 1;
    const day = c.get('day') ?? 1;
    if (!known('year') && !relative) {
      // news tells of the past: an undated "October 7" after the article's day is last year's
      const candidate =
        precision === 'DAY' ? `${year}-${pad(month)}-${pad(day)}` : `${year}-${pad(month)}`;
      if (candidate > article.slice(0, candidate.length)) year -= 1;
    }
    const value =
      precision === 'DAY'
        ? `${year}-${pad(month)}-${pad(day)}`
        : precision === 'MONTH'
          ? `${year}-${pad(month)}`
          : String(year);
    const range = parsePartialDate(value);
    if (!range) continue;
    out.push({ start, end, precision, from: range.start, to: range.end });
  }
  return out;
}

/** Today in UTC, YYYY-MM-DD: the reference when no article date is known. */
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The dates in a text that can be when something was said, in text order. Relative
 * phrases are read against `articleDate` (YYYY-MM-DD), else against today.
 */
export function findDates(text: string, articleDate?: string): FoundDate[] {
  const article = articleDate ?? today();
  const own = ownPhrases(text, article);
  const reads = [...own, ...chronoPhrases(text, article, own)].sort((a, b) => a.start - b.start);
  const out: FoundDate[] = [];
  for (const r of reads) {
    const before = text.slice(Math.max(0, r.start - 40), r.start);
    if (r.from > article) continue; // to come ("next week", "tomorrow"): not when it was said
    // the words belonging to the phrase: "on July 26", "in early June", "in mid-July"
    const lead = LEAD_IN.exec(before)![0];
    const start = r.start - lead.length;
    const outside = text.slice(Math.max(0, start - 20), start);
    if (NOT_A_POINT.test(outside) || NOT_A_POINT.test(before)) continue;
    if (lead.trim() === '' && MODIFIER.test(outside)) continue;
    const value =
      r.precision === 'BOUNDED'
        ? `${r.from}/${r.to}`
        : r.precision === 'DAY'
          ? r.from
          : r.precision === 'MONTH'
            ? r.from.slice(0, 7)
            : r.from.slice(0, 4);
    out.push({
      start,
      end: r.end,
      text: text.slice(start, r.end),
      precision: r.precision,
      value,
      from: r.from,
      to: r.to,
    });
  }
  return out;
}
