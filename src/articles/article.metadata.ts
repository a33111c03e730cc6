import { distance } from 'fastest-levenshtein';
import { isPartialDate } from '../calendar.js';

/**
 * What is known about an article besides its text. Given values win; what is
 * not given is read from the page (meta tags) or from the text itself: a date
 * line and byline at the top, a closing credit such as "(PC, TASS)", and wire
 * agencies named in the text ("according to the Russian news agency TASS").
 */
export interface ArticleMetadata {
  outlet?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  publishedDate?: string;
  url?: string;
  author?: string;
  headline?: string;
  /** Wire agencies and outlets credited, as written, in order of appearance. */
  credits: string[];
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH = `(${MONTHS.join('|')}|${MONTHS.map((m) => m.slice(0, 3)).join('|')})\\.?`;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The first whole calendar date in a piece of text (2024-07-28, 28 July 2024, July 28,
 * 2024), with the words that give it; undefined when there is none.
 */
export function calendarDateIn(text: string): { date: string; text: string } | undefined {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso && isPartialDate(iso[0])) return { date: iso[0], text: iso[0] };
  const dmy = new RegExp(`\\b(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\b`, 'i').exec(text);
  const mdy = new RegExp(`\\b${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'i').exec(text);
  const match = dmy ?? mdy;
  const parts = dmy
    ? { d: dmy[1]!, m: dmy[2]!, y: dmy[3]! }
    : mdy
      ? { d: mdy[2]!, m: mdy[1]!, y: mdy[3]! }
      : null;
  if (!parts || !match) return undefined;
  const month = MONTHS.findIndex((m) => m.startsWith(parts.m.toLowerCase().slice(0, 3))) + 1;
  const date = `${parts.y}-${pad(month)}-${pad(Number(parts.d))}`;
  return isPartialDate(date) ? { date, text: match[0] } : undefined;
}

/** A calendar date in the first lines. */
const dateNearTop = (head: string): string | undefined => calendarDateIn(head)?.date;

const CREDIT_LINE =
  /^\(\s*([A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*(?:\s*[,/;]\s*[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*)*)\s*\)$/;
// "according to the Russian news agency TASS", "the news agency Reuters reported", "told the TASS news agency"
const AGENCY_AFTER = /\bnews agency,?\s+((?:[A-Z][\w.&-]*)(?:\s+[A-Z][\w.&-]*){0,3})/g;
const AGENCY_BEFORE = /\b(?:the\s+)((?:[A-Z][\w.&-]*)(?:\s+[A-Z][\w.&-]*){0,3})\s+news agency\b/g;

/**
 * Wire agencies a credit is read as when it is written one letter off ("TASSA" for TASS):
 * a page's typo is not a second agency. Names of four letters or more only; shorter ones
 * ("AP", "PC") are taken as written.
 */
const KNOWN_AGENCIES = [
  'TASS',
  'Reuters',
  'AFP',
  'AP',
  'dpa',
  'EFE',
  'ANSA',
  'Xinhua',
  'Kyodo',
  'Yonhap',
  'Interfax',
  'RIA Novosti',
  'Anadolu',
  'WAFA',
  'IRNA',
  'Bernama',
  'Sputnik',
  'UNIAN',
  'Ukrinform',
  'BelTA',
];

/** Two ways of writing one name: the same letters, or, from four letters, one letter off. */
function sameCredit(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || (Math.min(x.length, y.length) >= 4 && distance(x, y) <= 1);
}

/** Days and months after an agency's name ("the news agency Reuters Monday") are not part of it. */
const NOT_A_NAME =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;

/** Metadata read from plain article text. */
export function textMetadata(text: string): Partial<ArticleMetadata> {
  const lines = text.split('\n').map((line) => line.trim());
  const head = lines.filter(Boolean).slice(0, 3).join('\n');
  const byline = /(?:^|\s)By\s+([A-Z][^\n]{1,80}?)\s*$/m.exec(head)?.[1];
  // "By Palestine Chronicle Staff": the outlet's own staff.
  const staffOf = byline
    ? /^(.+?)\s+(?:Staff|Staff Writers?|Newsroom|Desk)$/.exec(byline)?.[1]
    : undefined;
  // credits the page states, each once: a spelling one letter off a known agency, or off a
  // credit already read, is that agency or credit (in the known spelling), not another one
  const credits: string[] = [];
  const add = (name: string) => {
    const words = name
      .trim()
      .replace(/[.,;]+$/, '')
      .split(/\s+/);
    while (words.length > 1 && NOT_A_NAME.test(words.at(-1)!)) words.pop();
    const written = words.join(' ');
    if (!written) return;
    const known = KNOWN_AGENCIES.find((k) => sameCredit(k, written));
    const at = credits.findIndex((c) => sameCredit(c, written));
    if (at < 0) credits.push(known ?? written);
    else if (known && credits[at] !== known) credits[at] = known;
  };
  const last = lines.filter(Boolean).at(-1) ?? '';
  const closing = CREDIT_LINE.exec(last);
  if (closing) closing[1]!.split(/\s*[,/;]\s*/).forEach(add);
  for (const match of text.matchAll(AGENCY_AFTER)) add(match[1]!);
  for (const match of text.matchAll(AGENCY_BEFORE)) {
    // "the Russian news agency" names no agency: a nationality is not a name.
    if (!/(?:ian|ese|ish|ic|i)$/.test(match[1]!)) add(match[1]!);
  }
  return {
    publishedDate: dateNearTop(head),
    author: byline,
    outlet: staffOf,
    headline: headlineOf(lines),
    credits,
  };
}

/** A date line or a byline ("date 2024-07-28 By Palestine Chronicle Staff"): about the article, not of it. */
function isDatelineOrByline(line: string): boolean {
  if (line.length > 120) return false;
  return (
    /(?:^|\s)By\s+\p{Lu}/u.test(line) || (line.length <= 60 && dateNearTop(line) !== undefined)
  );
}

const OPENING_QUOTE = /^["“„«‘'‚]/;

/**
 * A headline on the text's first line: short, not a date line or byline, not a
 * quotation, not ending like a sentence, with the article below it.
 */
function headlineOf(lines: string[]): string | undefined {
  const filled = lines.filter(Boolean);
  const first = filled[0];
  if (!first || filled.length < 2) return undefined;
  if (first.length < 10 || first.length > 200 || isDatelineOrByline(first)) return undefined;
  if (OPENING_QUOTE.test(first) || /[.,;:"”»’']$/.test(first) || CREDIT_LINE.test(first))
    return undefined;
  return first;
}

/**
 * The title an article is stored with: its headline; without one, a descriptive title:
 * the outlet and date, and the first sentence of its lede (the first paragraph of the
 * body that is not a date line, a byline, a credit or a pull quote), cut at a word.
 */
export function articleTitle(text: string, metadata: ArticleMetadata): string {
  if (metadata.headline) return metadata.headline.slice(0, 500);
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p && !isDatelineOrByline(p) && !CREDIT_LINE.test(p));
  const lede =
    paragraphs.find((p) => p.length >= 40 && !OPENING_QUOTE.test(p)) ??
    paragraphs.find((p) => p.length >= 40) ??
    paragraphs[0] ??
    text.replace(/\s+/g, ' ').trim();
  const sentence = lede.split(/(?<=[.!?])\s+(?=[\p{Lu}"“])/u)[0]!;
  const start =
    sentence.length > 120 ? `${sentence.slice(0, 120).replace(/[\s,;:]*\S*$/, '')}…` : sentence;
  const about = [metadata.outlet ?? 'Article', metadata.publishedDate].filter(Boolean).join(', ');
  return `${about}: ${start}`;
}

/** Each field from the first source that has it: given values, then the page, then the text. */
export function mergeMetadata(
  ...sources: Array<Partial<ArticleMetadata> | undefined>
): ArticleMetadata {
  const merged: ArticleMetadata = { credits: [] };
  for (const source of sources) {
    if (!source) continue;
    for (const key of ['outlet', 'publishedDate', 'url', 'author', 'headline'] as const) {
      if (merged[key] === undefined && source[key]) merged[key] = source[key];
    }
    if (merged.credits.length === 0 && source.credits?.length) merged.credits = [...source.credits];
  }
  return merged;
}
