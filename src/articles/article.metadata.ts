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

/** A calendar date in the first lines: 2024-07-28, 28 July 2024, July 28, 2024. */
function dateNearTop(head: string): string | undefined {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(head);
  if (iso && isPartialDate(iso[0])) return iso[0];
  const dmy = new RegExp(`\\b(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\b`, 'i').exec(head);
  const mdy = new RegExp(`\\b${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'i').exec(head);
  const parts = dmy
    ? { d: dmy[1]!, m: dmy[2]!, y: dmy[3]! }
    : mdy
      ? { d: mdy[2]!, m: mdy[1]!, y: mdy[3]! }
      : null;
  if (!parts) return undefined;
  const month = MONTHS.findIndex((m) => m.startsWith(parts.m.toLowerCase().slice(0, 3))) + 1;
  const date = `${parts.y}-${pad(month)}-${pad(Number(parts.d))}`;
  return isPartialDate(date) ? date : undefined;
}

const CREDIT_LINE =
  /^\(\s*([A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*(?:\s*[,/;]\s*[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*)*)\s*\)$/;
// "according to the Russian news agency TASS", "the news agency Reuters reported", "told the TASS news agency"
const AGENCY_AFTER = /\bnews agency,?\s+((?:[A-Z][\w.&-]*)(?:\s+[A-Z][\w.&-]*){0,3})/g;
const AGENCY_BEFORE = /\b(?:the\s+)((?:[A-Z][\w.&-]*)(?:\s+[A-Z][\w.&-]*){0,3})\s+news agency\b/g;

/** Metadata read from plain article text. */
export function textMetadata(text: string): Partial<ArticleMetadata> {
  const lines = text.split('\n').map((line) => line.trim());
  const head = lines.filter(Boolean).slice(0, 3).join('\n');
  const byline = /(?:^|\s)By\s+([A-Z][^\n]{1,80}?)\s*$/m.exec(head)?.[1];
  // "By Palestine Chronicle Staff": the outlet's own staff.
  const staffOf = byline
    ? /^(.+?)\s+(?:Staff|Staff Writers?|Newsroom|Desk)$/.exec(byline)?.[1]
    : undefined;
  const credits: string[] = [];
  const add = (name: string) => {
    const trimmed = name.trim().replace(/[.,;]+$/, '');
    if (trimmed && !credits.some((c) => c.toLowerCase() === trimmed.toLowerCase())) {
      credits.push(trimmed);
    }
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
    credits,
  };
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
