/**
 * The extractor's output: candidate statements with spans into the article.
 *
 * Every `start`/`end` is a CODE-POINT index into the text given to
 * `extractStatements` (as brat standoff counts characters), end exclusive:
 * an emoji before a quote counts as one character, not two UTF-16 units.
 */
import type { FoundPrecision } from './dates.js';
import type { NamedEntity } from '../names/matcher.js';

/** Same names as the graph's `StatementKind`. */
export type ExtractedKind = 'DIRECT_QUOTE' | 'PARAPHRASE' | 'REPORTED';

/**
 * How the content is given: all inside quotation marks (DIRECT), reworded
 * (INDIRECT), or reworded around quoted words (MIXED, kind PARAPHRASE).
 */
export type ExtractedForm = 'DIRECT' | 'INDIRECT' | 'MIXED';

export interface Span {
  start: number;
  end: number;
}

export interface TextSpan extends Span {
  text: string;
}

export interface ExtractedSpeaker extends TextSpan {
  /** Graph entity id, when a linker was given and it found one. */
  id?: string;
  /** How the id was found (name, alias, office held on the date, or through an earlier mention). */
  linkedBy?: 'name' | 'alias' | 'office' | 'coreference';
  /** What the words are: a name, a title ("the top Russian diplomat"), a pronoun. */
  form: 'NAME' | 'TITLE' | 'PRONOUN' | 'OTHER';
  /** The earlier mention a pronoun, title or surname was resolved to. */
  antecedent?: TextSpan;
  /**
   * Names speaking together ("Qatar and Egypt said"), each linked on its own; the
   * speaker then has no `id` of its own.
   */
  joint?: { text: string; id?: string }[];
  /**
   * A statement page's own statement: the publisher's name these words stand for (the
   * speaker is the page's publisher, linked or proposed by that name).
   */
  publisher?: string;
}

export interface ExtractedDate extends TextSpan {
  /** DAY, MONTH, YEAR, or BOUNDED for a week or a period up to the article's day ("last week", "earlier this year"). */
  precision: FoundPrecision;
  /**
   * YYYY, YYYY-MM or YYYY-MM-DD (the shape is the precision), or for BOUNDED
   * ISO 8601-2 bounds "YYYY-MM-DD/YYYY-MM-DD", as a statement's date is written.
   */
  value: string;
  /** First and last day covered, YYYY-MM-DD. */
  from: string;
  to: string;
  /**
   * false when the phrase is not in the statement's own sentence but carried over
   * from an earlier (or later) sentence about the same speaker's occasion.
   */
  own: boolean;
}

export interface ExtractedStatement {
  /** The statement as it would be recorded: the content, quotation marks and a leading "that" dropped. */
  text: string;
  kind: ExtractedKind;
  form: ExtractedForm;
  /** The attributed content; several parts when interrupted ("…," he said, "…"). */
  content: Span[];
  speaker: ExtractedSpeaker | null;
  /** The words that attribute: "said", "according to", a dash before a name. */
  cue: Span | null;
  date: ExtractedDate | null;
  /** Graph entities named in the content (with a linker). */
  mentions: (TextSpan & { id: string })[];
  /** 0..1, from the evidence: quotation marks, a cue, a named speaker, how the speaker was resolved. */
  confidence: number;
}

/** An entity the linker knows: the name matcher's entity (names, aliases, offices). */
export type LinkableEntity = NamedEntity;

export interface SpeakerLink {
  id: string;
  by: 'name' | 'alias' | 'office';
}

/**
 * Links the words naming a speaker to a graph entity. `date` is the statement's
 * (or the article's) day, YYYY-MM-DD, for offices held on that day.
 */
export interface SpeakerLinker {
  link(words: string, date?: string): SpeakerLink | null;
  /** Entities named in a piece of text: offsets are UTF-16 indices into `text`. */
  findMentions(text: string): { id: string; start: number; end: number }[];
  /**
   * ISO 3166-1 alpha-3 codes of the countries an entity speaks for on the date: a
   * country itself, a person's posts held in a country then. Empty when unknown.
   */
  countriesOf?(id: string, date?: string): string[];
}

export interface ExtractOptions {
  /** The article's date, YYYY-MM-DD: relative dates and offices are read against it. */
  date?: string;
  linker?: SpeakerLinker;
}
