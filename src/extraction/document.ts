/**
 * An article with what is known of it: the candidates of extractStatements,
 * plus, when the document is itself a statement (a ministry's statement or press
 * release), one candidate for the whole text with the publisher as speaker.
 */
import { extractStatements } from './extract.js';
import { codePointIndexer } from './extract.js';
import type { ExtractedStatement, SpeakerLinker } from './types.js';
import { findDates } from './dates.js';

export interface ArticleInput {
  text: string;
  title?: string | null;
  /** The page's whole title, where a section name may say what the page is ("Press Releases"). */
  pageTitle?: string | null;
  publisher?: string | null;
  /** YYYY-MM-DD. */
  date?: string | null;
  linker?: SpeakerLinker;
}

const STATEMENT_TITLE =
  /\b(statements?|press releases?|media releases?|communiqu[eé]s?|declarations?|comment by|remarks by|joint statement)\b/i;
const SPEAKER_IN_TITLE =
  /\b((?:the\s+)?(?:Foreign Ministry|Ministry of (?:Foreign|External) Affairs|Foreign Office|Department of State|State Department|Ministry of [A-Z]\w+|Government|Embassy)(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:of\s+)?[A-Z][\w-]*)*)?)/;

export function extractArticle(input: ArticleInput): ExtractedStatement[] {
  const date = input.date ?? undefined;
  const statements = extractStatements(input.text, { date, linker: input.linker });
  const doc = documentStatement(input, statements);
  return doc ? [doc, ...statements] : statements;
}

/** The page as one statement of its publisher, when its title says it is one. */
function documentStatement(
  input: ArticleInput,
  found: ExtractedStatement[],
): ExtractedStatement | null {
  const { text, title } = input;
  if (!title || !STATEMENT_TITLE.test(`${title} ${input.pageTitle ?? ''}`)) return null;
  const cp = codePointIndexer(text);
  const paragraphs = [...text.matchAll(/[^\n]+/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  const titleAt = text.indexOf(title);
  // the headline, even when set over several paragraphs in capitals, is not the statement
  let lead = 0;
  while (
    lead < paragraphs.length &&
    isHeadline(text.slice(paragraphs[lead]!.start, paragraphs[lead]!.end), title)
  )
    lead++;
  const body = paragraphs
    .slice(lead)
    .filter(
      (p) =>
        !(titleAt >= 0 && p.start === titleAt) &&
        !isDateline(text.slice(p.start, p.end)) &&
        !isPlaceLine(text.slice(p.start, p.end)),
    );
  if (body.length === 0) return null;
  // the speaker as the page words it: in the title, else the publisher's name in the text, else the title
  const inTitle = SPEAKER_IN_TITLE.exec(title);
  let speakerText = inTitle?.[1] ?? input.publisher ?? null;
  let at = speakerText && titleAt >= 0 ? text.indexOf(speakerText, titleAt) : -1;
  if (at < 0 && input.publisher) {
    speakerText = input.publisher;
    at = text.indexOf(input.publisher);
  }
  if (!speakerText) return null;
  const publisher = input.publisher ?? speakerText;
  const link =
    input.linker?.link(publisher, input.date ?? undefined) ??
    input.linker?.link(speakerText, input.date ?? undefined);
  const span =
    at >= 0
      ? { start: cp(at), end: cp(at + speakerText.length) }
      : { start: cp(titleAt < 0 ? 0 : titleAt), end: cp(titleAt < 0 ? 0 : titleAt + title.length) };
  const dateline = paragraphs
    .map((p) => ({
      p,
      d: isDateline(text.slice(p.start, p.end))
        ? findDates(text.slice(p.start, p.end), input.date ?? undefined)[0]
        : undefined,
    }))
    .find((x) => x.d);
  const dateFound = dateline?.d
    ? {
        ...dateline.d,
        start: cp(dateline.p.start + dateline.d.start),
        end: cp(dateline.p.start + dateline.d.end),
        own: true,
      }
    : null;
  const mentions = found.flatMap((s) => s.mentions);
  return {
    text: body.map((p) => text.slice(p.start, p.end)).join(' '),
    kind: 'DIRECT_QUOTE',
    form: 'DIRECT',
    content: body.map((p) => ({ start: cp(p.start), end: cp(p.end) })),
    speaker: {
      text: publisher,
      start: span.start,
      end: span.end,
      form: 'NAME',
      ...(link ? { id: link.id, linkedBy: link.by } : {}),
    },
    cue: null,
    date: dateFound,
    mentions,
    confidence: 0.9,
  };
}

/** "PUTRAJAYA", "Minsk": a place line of the dateline. */
function isPlaceLine(p: string): boolean {
  return p.length < 40 && p.split(/\s+/).length <= 3 && p === p.toUpperCase() && !/[.!?]$/.test(p);
}

function isHeadline(p: string, title: string): boolean {
  if (p === title) return true;
  return p.length < 200 && p === p.toUpperCase() && /\p{Lu}{3}/u.test(p);
}

function isDateline(p: string): boolean {
  if (p.length > 60) return false;
  const found = findDates(p).filter((d) => d.precision === 'DAY' && /\d{4}/.test(d.text));
  if (found.length !== 1) return false;
  return (
    p
      .replace(found[0]!.text, '')
      .replace(/[\s,.-]+/g, ' ')
      .trim()
      .split(' ')
      .filter(Boolean).length <= 3
  );
}
