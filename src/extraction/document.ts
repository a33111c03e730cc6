/**
 * An article as every path extracts it (the review API, `statement-graph extract`
 * and the evaluation): the candidates of extractStatements, a headline's candidate
 * dropped when the body says the same, and, when the page is itself a statement
 * (a ministry's statement or press release: its title says so), one candidate for
 * the whole body with the publisher as speaker.
 */
import { createMatcher } from '../names/matcher.js';
import { findDates } from './dates.js';
import { codePointIndexer, extractStatements } from './extract.js';
import { createLinker } from './linker.js';
import { outletLinker, type ArticleFacts } from './article-facts.js';
import type { ExtractedStatement, LinkableEntity, SpeakerLinker } from './types.js';

export { articleFacts, outletLinker, proposeSpeaker, type ArticleFacts } from './article-facts.js';

export interface ArticleInput extends ArticleFacts {
  linker?: SpeakerLinker;
  /** The graph's organisation an outlet's name names (name or alias, exactly), or null. */
  linkOutlet?: (name: string) => string | null;
}

/** The speaker linker and the outlet linker over one set of entities (one name matcher). */
export function articleLinkers(
  entities: readonly LinkableEntity[],
): Required<Pick<ArticleInput, 'linker' | 'linkOutlet'>> {
  const matcher = createMatcher(entities);
  return { linker: createLinker(entities, matcher), linkOutlet: outletLinker(matcher) };
}

const STATEMENT_TITLE =
  /\b(statements?|press releases?|media releases?|communiqu[eé]s?|declarations?|comment by|remarks by|joint statement)\b/i;
const SPEAKER_IN_TITLE =
  /\b((?:the\s+)?(?:Foreign Ministry|Ministry of (?:Foreign|External) Affairs|Foreign Office|Department of State|State Department|Ministry of [A-Z]\w+|Government|Embassy)(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:of\s+)?[A-Z][\w-]*)*)?)/;

export function extractArticle(input: ArticleInput): ExtractedStatement[] {
  const date = input.date ?? undefined;
  const paragraphs = paragraphsOf(input.text);
  const lead = input.title ? headlineParagraphs(input.text, paragraphs, input.title) : 0;
  const statements = headlineRead(
    extractStatements(input.text, { date, linker: input.linker }),
    lead > 0 ? codePointIndexer(input.text)(paragraphs[lead - 1]!.end) : 0,
  );
  const doc = documentStatement(input, paragraphs, lead);
  return doc ? [doc, ...statements.map((s) => ourStatement(s, doc.speaker!))] : statements;
}

/**
 * On a statement page, "we" that no named speaker stands for is the page's publisher:
 * the words stay "we" at their span, the speaker is linked or proposed as the publisher.
 */
function ourStatement(
  s: ExtractedStatement,
  publisher: NonNullable<ExtractedStatement['speaker']>,
): ExtractedStatement {
  const sp = s.speaker;
  if (!sp || sp.id || sp.antecedent || !/^(we|us)$/i.test(sp.text)) return s;
  return {
    ...s,
    speaker: {
      ...sp,
      publisher: publisher.publisher,
      ...(publisher.id ? { id: publisher.id, linkedBy: 'coreference' as const } : {}),
    },
  };
}

type Paragraph = { start: number; end: number };

const paragraphsOf = (text: string): Paragraph[] =>
  [...text.matchAll(/[^\n]+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));

/** How many paragraphs at the top are the headline (set over several lines in capitals, too). */
function headlineParagraphs(text: string, paragraphs: Paragraph[], title: string): number {
  let lead = 0;
  while (
    lead < paragraphs.length - 1 &&
    isHeadline(text.slice(paragraphs[lead]!.start, paragraphs[lead]!.end), title)
  )
    lead++;
  return lead;
}

/**
 * A headline is the editor's summary of what the body reports. Its candidate is dropped
 * when a candidate of the body has the same speaker and most of its words (the body says
 * it, in the speaker's fuller words, with its date); a claim only the headline makes is
 * kept, with less confidence: the wording is the editor's, not the speaker's.
 */
function headlineRead(found: ExtractedStatement[], headlineEnd: number): ExtractedStatement[] {
  if (headlineEnd === 0) return found;
  const inHeadline = (s: ExtractedStatement) => s.content.every((c) => c.end <= headlineEnd);
  const body = found.filter((s) => !inHeadline(s));
  return found.flatMap((s) => {
    if (!inHeadline(s)) return [s];
    if (body.some((b) => sameSpeaker(s, b) && saysMostOf(b.text, s.text))) return [];
    return [{ ...s, confidence: Math.round(Math.max(0, s.confidence - 0.1) * 100) / 100 }];
  });
}

const fold = (t: string) => t.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

function sameSpeaker(a: ExtractedStatement, b: ExtractedStatement): boolean {
  if (!a.speaker || !b.speaker) return false;
  if (a.speaker.id && b.speaker.id) return a.speaker.id === b.speaker.id;
  const last = (t: string) =>
    fold(t)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .at(-1);
  const words = (t: string) => fold(t).split(/[^\p{L}\p{N}]+/u);
  const x = last(a.speaker.text);
  return (
    !!x &&
    (words(b.speaker.text).includes(x) || words(b.speaker.antecedent?.text ?? '').includes(x))
  );
}

const SHORT = new Set(
  'the a an and or of to in on for with at by from that this is are was were be will would has have had it its as not no'.split(
    ' ',
  ),
);
/** Words of a claim, each cut to five letters ("eradicating" and "eradication" agree). */
const stems = (t: string) =>
  fold(t)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !SHORT.has(w))
    .map((w) => w.slice(0, 5));

/** True when `longer` holds at least half of the words of `shorter`. */
function saysMostOf(longer: string, shorter: string): boolean {
  const want = [...new Set(stems(shorter))];
  if (want.length === 0) return false;
  const have = new Set(stems(longer));
  return want.filter((w) => have.has(w)).length * 2 >= want.length;
}

/**
 * The page as one statement of its publisher, when its title says it is one. The
 * speaker is written where the page writes it (the ministry in the title, else the
 * publisher's name, or its part before a comma, in the text): its `text` is exactly
 * the words at its span, and `publisher` the name they stand for. A page that names
 * its speaker nowhere in its text gives no such statement.
 */
function documentStatement(
  input: ArticleInput,
  paragraphs: Paragraph[],
  lead: number,
): ExtractedStatement | null {
  const { text, title } = input;
  if (!title || !STATEMENT_TITLE.test(`${title} ${input.pageTitle ?? ''}`)) return null;
  const cp = codePointIndexer(text);
  const titleAt = text.indexOf(title);
  const body = paragraphs
    .slice(lead)
    .filter(
      (p) =>
        !(titleAt >= 0 && p.start === titleAt) &&
        !isDateline(text.slice(p.start, p.end)) &&
        !isPlaceLine(text.slice(p.start, p.end)),
    );
  if (body.length === 0) return null;
  const written = speakerWords(input);
  if (!written) return null;
  const publisher = input.publisher ?? written.text;
  const id =
    input.linkOutlet?.(publisher) ??
    (written.text !== publisher ? input.linkOutlet?.(written.text) : null) ??
    null;
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
  const mentions = input.linker
    ? body.flatMap((p) =>
        input
          .linker!.findMentions(text.slice(p.start, p.end))
          .filter((m) => m.id !== id)
          .map((m) => ({
            id: m.id,
            text: text.slice(p.start + m.start, p.start + m.end),
            start: cp(p.start + m.start),
            end: cp(p.start + m.end),
          })),
      )
    : [];
  return {
    text: body.map((p) => text.slice(p.start, p.end)).join(' '),
    kind: 'DIRECT_QUOTE',
    form: 'DIRECT',
    content: body.map((p) => ({ start: cp(p.start), end: cp(p.end) })),
    speaker: {
      text: written.text,
      start: cp(written.at),
      end: cp(written.at + written.text.length),
      form: 'NAME',
      publisher,
      ...(id ? { id, linkedBy: 'name' as const } : {}),
    },
    cue: null,
    date: dateFound,
    mentions,
    confidence: 0.9,
  };
}

/** Where the page writes its speaker: the ministry its title names, else the publisher's name (or its head). */
function speakerWords(input: ArticleInput): { text: string; at: number } | null {
  const { text, title, publisher } = input;
  const inTitle = title ? SPEAKER_IN_TITLE.exec(title)?.[1] : undefined;
  const at = inTitle ? text.indexOf(inTitle) : -1;
  if (inTitle && at >= 0) return { text: inTitle, at };
  if (!publisher) return null;
  const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const find = (pattern: string) =>
    new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'u').exec(text);
  // "Ministry of Foreign Affairs, Malaysia": the whole name, else its part before the comma
  const head = publisher.split(/\s*,\s*/)[0]!;
  for (const words of head !== publisher && head.includes(' ') ? [publisher, head] : [publisher]) {
    const m = find(escape(words));
    if (m) return { text: m[0], at: m.index };
  }
  // on its own page, "the Ministry" is the ministry that publishes it
  const noun =
    /\b(Ministry|Department|Office|Embassy|Government|Agency|Council|Commission|Presidency|Secretariat)\b/.exec(
      publisher,
    )?.[1];
  const m = noun ? find(`[Tt]he ${noun}`) : null;
  if (m) return { text: m[0], at: m.index };
  return null;
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
