import { createHash } from 'node:crypto';
import { proposeSpeaker } from '../../extraction/article-facts.js';
import { recordedText } from '../../extraction/statement-text.js';
import type { CodePoints } from '../shared/spans.js';
import type { NewCandidate } from './review.repository.js';

/**
 * Pure work of review: extractor output to stored candidates (stable ids, flat
 * properties), code-point spans to text, and the ids accepting derives.
 */

/** What review needs of an extracted statement (the extractor's `ExtractedStatement`). */
export interface Extracted {
  text: string;
  kind: string;
  content: Array<{ start: number; end: number }>;
  speaker: {
    text: string;
    start: number;
    end: number;
    id?: string;
    form?: string;
    /** The earlier mention a pronoun or title was resolved to. */
    antecedent?: { text: string };
    /** A statement page's own statement: the publisher these words stand for. */
    publisher?: string;
  } | null;
  cue: { start: number; end: number } | null;
  date: {
    text: string;
    start: number;
    end: number;
    precision: string;
    value: string;
  } | null;
  mentions: Array<{ id: string } | string>;
  confidence: number;
}

/**
 * Extracts statements from an article's stored text, with what else is known of it:
 * its headline, page title, outlet, and publication day (YYYY-MM-DD).
 */
export type ExtractFn = (
  text: string,
  article: {
    date?: string | null;
    title?: string | null;
    pageTitle?: string | null;
    publisher?: string | null;
  },
) => Promise<Extracted[]>;

/** The graph's organisation an outlet's name names, or null. */
export type OutletLinkFn = (outlet: string) => Promise<string | null>;

const KINDS = new Set(['DIRECT_QUOTE', 'PARAPHRASE', 'REPORTED']);

export const slugOf = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');

/** The article's Source id: derived from its text, so the same text is the same Source. */
export const articleSourceId = (textHash: string) =>
  `source:article-${createHash('sha256').update(textHash).digest('hex').slice(0, 16)}`;

const articleKey = (sourceId: string) => sourceId.replace(/^source:/, '');

/**
 * What a candidate says, whatever its offsets: its speaker's words and its text, folded
 * (case, accents, punctuation, quotation marks and a leading "that" left out). The same
 * statement found again, after an improved extractor moved its edges or a paragraph
 * added above moved the text, has the same key; a rejection sticks by it.
 */
export function contentKeyOf(speakerText: string | null, text: string): string {
  const fold = (words: string) =>
    words
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const said = fold(text).replace(/^(that|but|and) /, '');
  return createHash('sha256')
    .update(`${fold(speakerText ?? '')}\u0000${said}`)
    .digest('hex')
    .slice(0, 24);
}

/**
 * Extractor output to candidate rows. A candidate's id is its article and its
 * content offsets, so the same statement found again is the same candidate.
 * Spans outside the text, or output without content, are dropped: they could
 * not be shown or accepted.
 */
export function candidatesOf(
  sourceId: string,
  text: CodePoints,
  extracted: Extracted[],
  /** The article Source's publisher: the speaker of a statement page's own statement. */
  publisherId?: string | null,
): NewCandidate[] {
  const rows = new Map<string, NewCandidate>();
  for (const e of extracted) {
    const spans = e.content
      .filter((s) => text.holds(s.start, s.end))
      .sort((a, b) => a.start - b.start);
    if (spans.length === 0 || !KINDS.has(e.kind)) continue;
    const id = `candidate:${articleKey(sourceId)}-${spans.map((s) => `${s.start}-${s.end}`).join('-')}`;
    if (rows.has(id)) continue;
    const speaker = e.speaker && text.holds(e.speaker.start, e.speaker.end) ? e.speaker : null;
    const cue = e.cue && text.holds(e.cue.start, e.cue.end) ? e.cue : null;
    const date = e.date && text.holds(e.date.start, e.date.end) ? e.date : null;
    const speakerId = e.speaker?.id ?? (e.speaker?.publisher ? publisherId : null) ?? null;
    const proposal = speakerId ? null : proposeSpeaker(speaker);
    const speakerText = speaker
      ? text.slice(speaker.start, speaker.end)
      : (e.speaker?.text ?? null);
    const recorded = recordedText(spans.map((s) => text.slice(s.start, s.end)));
    rows.set(id, {
      id,
      sourceId,
      position: spans[0]!.start,
      text: recorded,
      contentKey: contentKeyOf(speakerText, recorded),
      kind: e.kind,
      spanStarts: spans.map((s) => s.start),
      spanEnds: spans.map((s) => s.end),
      speakerText,
      speakerStart: speaker?.start ?? null,
      speakerEnd: speaker?.end ?? null,
      speakerId,
      proposalType: proposal?.type ?? null,
      proposalName: proposal?.name ?? null,
      proposalId: proposal?.id ?? null,
      proposalRole: proposal?.role ?? null,
      cueStart: cue?.start ?? null,
      cueEnd: cue?.end ?? null,
      dateText: date ? text.slice(date.start, date.end) : (e.date?.text ?? null),
      dateValue: e.date?.value ?? null,
      datePrecision: e.date?.precision ?? null,
      dateStart: date?.start ?? null,
      dateEnd: date?.end ?? null,
      mentionIds: [...new Set(e.mentions.map((m) => (typeof m === 'string' ? m : m.id)))],
      confidence: Math.min(1, Math.max(0, Number.isFinite(e.confidence) ? e.confidence : 0)),
    });
  }
  return [...rows.values()].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
}

/**
 * A statement date as it can stand in an id (no "/"): "2024-07-28", "2024-07-15-to-2024-07-21",
 * "by-2024-07-28" (../2024-07-28), "from-2024-06" (2024-06/..), "undated" (../..).
 */
function dateInId(date: string): string {
  const [from, to] = date.split('/');
  if (to === undefined) return date;
  if (from === '..') return to === '..' ? 'undated' : `by-${to}`;
  return to === '..' ? `from-${from}` : `${from}-to-${to}`;
}

/** The id of the statement a candidate becomes: its speaker, its date and where it is in which article. */
export function statementIdFor(candidateId: string, speakerId: string, date: string): string {
  const speaker = slugOf(speakerId.replace(/^[a-z]+:/, '')).slice(0, 40);
  const hash = createHash('sha256').update(candidateId).digest('hex').slice(0, 10);
  return `statement:${speaker}-${dateInId(date)}-${hash}`;
}
