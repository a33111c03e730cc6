/**
 * The extractor: who said what in a news text, as candidate statements with
 * spans into the text. Pure (no database): speakers get graph ids only through
 * the `linker` passed in.
 *
 * How it reads a text:
 * 1. paragraphs → sentences and tokens (wink-nlp); quotation marks of every
 *    style paired, quotes running over paragraphs joined (quotes.ts);
 * 2. direct quotes: a quote with a frame after it ("…," Lavrov said), before it
 *    (Lavrov said: "…"), or a dash and a name after it; a quote with no frame
 *    that fills its paragraph continues the previous speaker;
 * 3. indirect speech: a verb of saying or thinking with its subject and its
 *    clause, in either order ("X said that …", "…, X said", "…, X said, …"),
 *    and "according to X"; content holding quoted words is MIXED;
 * 4. speakers as written, pronouns and titles resolved to an earlier mention,
 *    then linked (names, aliases, offices on the date) by the linker;
 * 5. the date of saying: a date phrase attached to the attribution's cue, else
 *    one opening its sentence (`ownDate`), else the date of the speaker's
 *    occasion the statement continues (`carriedDate`), else none; never a date
 *    in the content (findDates, dates.ts, reads and resolves the phrases).
 */
import { analyse, type Sentence, type Token } from './nlp.js';
import { findQuotes, paragraphsOf, type Quote } from './quotes.js';
import { findDates, type FoundDate } from './dates.js';
import { recordedSpans, recordedText } from './statement-text.js';
import { isOrganisationLike, jointNames, splitTitle } from './proposal.js';
import { countryNamed, DEMONYMS } from '../names/demonyms.js';
import {
  BETWEEN_SUBJECT_AND_CUE,
  CUE_PARTICLES,
  HEARSAY,
  isDemonymWord,
  NEEDS_PARTICLE,
  NOT_IN_SPEAKER,
  OBJECT_FIRST,
  PERSONAL_SINGULAR,
  PRONOUNS,
  RELATIVE,
  SPEECH_VERBS,
  THOUGHT_VERBS,
  TIME_WORDS,
  TITLE_WORDS,
} from './lexicon.js';
import type {
  ExtractOptions,
  ExtractedDate,
  ExtractedSpeaker,
  ExtractedStatement,
  Span,
  SpeakerLinker,
} from './types.js';

interface Range {
  start: number;
  end: number;
}

/** A dated occasion of a speaker (`key`: entity id or name key) at an offset of sentence `si`. */
interface Occasion {
  key: string;
  at: number;
  si: number;
  date: FoundDate;
}

/** An attribution while it is being built; offsets in UTF-16 units. */
interface Draft {
  content: Range[];
  cue: Range | null;
  speaker: Range | null;
  speakerForm: ExtractedSpeaker['form'];
  /** The speaker's antecedent (for pronouns, titles, surnames and continuations). */
  antecedent: Range | null;
  /** The speaker is a shorter form of the antecedent's name ("Smith" after "John Smith"). */
  surname?: boolean;
  direct: boolean;
  thought: boolean;
  nested: boolean;
  hearsay: boolean;
  continuation: boolean;
  sentence: number;
}

/** A direct quote whose frame names its speaker outright (no pronoun, no antecedent). */
const namedQuoteDraft = (parts: Range[], cue: Range, speaker: Range, sentence: number): Draft => ({
  content: [...parts],
  cue,
  speaker,
  speakerForm: 'OTHER',
  antecedent: null,
  direct: true,
  thought: false,
  nested: false,
  hearsay: false,
  continuation: false,
  sentence,
});

/** Inside a quote only plain verbs of saying relay another speaker ("Israel said that …"). */
const NESTED_CUES = new Set([
  'say',
  'tell',
  'claim',
  'announce',
  'declare',
  'insist',
  'warn',
  'promise',
  'state',
  'vow',
  'threaten',
]);

const DOCUMENTS =
  /^(reports?|statements?|stud(y|ies)|polls?|surveys?|documents?|letters?|releases?)$/;
const PUBLISH = /^(publish|issue|release|put|carry|circulate|send)$/;

const MAYBE_DATE =
  /\d|day|month|year|week|january|february|march|april|may|june|july|august|september|october|november|december|ago|tonight/i;
/** Participles telling of the occasion in a frame ("X, speaking on Monday, said"): not a verb a date belongs to. */
const FRAME_PARTICIPLE = /^(speaking|talking|addressing|writing|answering|responding|replying)$/;
const QUOTE_MARKS = /^["“”„«»‘’'`]+$/;
/** Words opening a relative or subordinate clause, whose dates are its own. */
const SUBORDINATORS =
  /^(who|whom|whose|which|that|when|whenever|while|after|before|as|because|since|until|if|where|once)$/;
/** Sentences telling of an occasion of speaking, whose date is the speaker's. */
const OCCASION =
  /\b(interview|speech|visit|visiting|talks|meeting|met|press conference|briefing|told|spoke|speaking|remarks|statement|address|rally|summit|hearing|testimony|discuss(ed|ing)?|appear(ed|ance))\b/i;

/** Cues whose named object is what they are about ("criticized Ferrylink"), not an addressee. */
const TAKES_NAMED_OBJECT = new Set([
  'criticize',
  'criticise',
  'attack',
  'praise',
  'blast',
  'slam',
  'condemn',
  'mention',
  'support',
  'oppose',
  'endorse',
  'back',
  'defend',
  'accuse',
  'dismiss',
  'reject',
  'welcome',
  'applaud',
  'question',
  'cite',
  'describe',
  'blame',
  'mock',
]);

/** Verbs of telling whose object is the addressee: with no clause after it, nothing was reported. */
const TELL_LIKE = new Set(['tell', 'inform', 'assure', 'remind']);

/** Nouns of saying that take a "that" clause: "X's claim that …". */
const NOUN_CUES = new Set([
  'claim',
  'assertion',
  'allegation',
  'contention',
  'argument',
  'insistence',
  'suggestion',
  'warning',
  'promise',
  'pledge',
  'vow',
  'statement',
  'announcement',
  'acknowledgment',
  'admission',
  'accusation',
  'prediction',
  'assurance',
  'complaint',
  'emphasis',
  'belief',
  'view',
  'hope',
  'fear',
  'concern',
]);
/** Of those, the held views (kind REPORTED). */
const THOUGHT_NOUNS = new Set(['belief', 'view', 'hope', 'fear', 'concern']);

/** Nouns whose infinitive names a means or a right, not someone's act: "a way to tell". */
const INFINITIVE_NOUNS =
  /^(way|ways|right|rights|reason|reasons|chance|power|ability|time|means|majority|need|duty|obligation|license|mandate)$/;

/** Forms of "be" before a participle: a passive cue. */
const BE_FORMS = /^(is|was|were|are|be|been|being|['’]s|['’]re)$/;

/** Words opening the writer's own adverbial after an attributed object. */
const OCCASION_START = /^(during|amid|since|while|when|after|before)$/;
const WEEKDAYS = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)$/;

/** Labels before a colon that name no speaker. */
const COLON_LABELS =
  /^(note|update|updated|editor['’]?s note|the latest|related|photo|photos|video|watch|read more|source|sources|correction|advertisement|q|a|by|warning|breaking|exclusive|analysis|opinion|live|see also|also|pictured|image|credit|more|tags?|filed under)$/i;

/** Verbs that attribute only with their infinitive. */
const NEEDS_TO = new Set(['decline', 'refuse', 'seek', 'vow', 'pledge', 'threaten']);

const DASHES = new Set(['–', '—', '―', '-', '--']);

/**
 * Extracts candidate statements from a text. Synchronous; loads the wink model
 * on first use. Offsets in the result are code-point indices into `text`.
 */
export function extractStatements(
  text: string,
  options: ExtractOptions = {},
): ExtractedStatement[] {
  return new Extraction(text, options).run();
}

class Extraction {
  private readonly paragraphs;
  private readonly quotes: Quote[];
  private readonly tokens: Token[];
  private readonly sentences: Sentence[];
  private readonly drafts: Draft[] = [];
  /** Token indexes already used as a cue or speaker. */
  private readonly used = new Set<number>();
  private readonly linker: SpeakerLinker | undefined;

  constructor(
    private readonly text: string,
    private readonly options: ExtractOptions,
  ) {
    this.paragraphs = paragraphsOf(text);
    this.quotes = findQuotes(text, this.paragraphs);
    const { tokens, sentences } = analyse(text, this.paragraphs);
    this.tokens = tokens;
    this.sentences = sentences;
    this.linker = options.linker;
  }

  run(): ExtractedStatement[] {
    this.colonLines(true);
    this.directQuotes();
    this.colonLines(false);
    this.indirectSpeech(false);
    this.indirectSpeech(true);
    this.quotesAfterMixed();
    this.drafts.sort((a, b) => a.content[0]!.start - b.content[0]!.start);
    this.resolveSpeakers();
    return this.finish();
  }

  // ---------------------------------------------------------------- helpers

  private tokenAt(offset: number): number {
    // first token starting at or after offset
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid]!.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private quoteContaining(offset: number): Quote | undefined {
    return this.quotes.find((q) => offset >= q.open && offset < q.close);
  }

  private insideQuote(offset: number): boolean {
    return this.quoteContaining(offset) !== undefined;
  }

  private readonly datesOf = new Map<number, FoundDate[]>();

  /** The dates of sentence `si` that can be when something was said, outside quotation marks; UTF-16 offsets into the text. */
  private datesIn(si: number): FoundDate[] {
    let found = this.datesOf.get(si);
    if (!found) {
      const s = this.sentences[si]!;
      const slice = this.text.slice(s.start, s.end);
      found = MAYBE_DATE.test(slice)
        ? findDates(slice, this.options.date)
            .map((f) => ({ ...f, start: f.start + s.start, end: f.end + s.start }))
            .filter((f) => !this.insideQuote(f.start))
        : [];
      this.datesOf.set(si, found);
    }
    return found;
  }

  /**
   * "said on July 26, 2024, that …", "said on Monday, July 29, that …": the token after
   * a date phrase starting at token k and the comma closing its apposition; else k.
   */
  private afterDatePhrase(k: number, si: number): number {
    const t = this.tokens[k];
    if (!t) return k;
    // only a phrase with a comma inside reads as more than its first words: skip the rest cheaply
    const near = this.tokens.slice(k, k + 8);
    if (!near.some((x) => x.text === ',') || !MAYBE_DATE.test(near.map((x) => x.text).join(' ')))
      return k;
    const found = this.datesIn(si).find((f) => f.start === t.start);
    if (!found || !/,/.test(found.text)) return k;
    let j = k;
    while (j < this.tokens.length && this.tokens[j]!.start < found.end) j++;
    return this.tokens[j]?.text === ',' ? j + 1 : j;
  }

  private isCue(i: number): { thought: boolean; end: number } | null {
    const t = this.tokens[i];
    if (!t || this.used.has(i)) return null;
    if (t.lower === 'according' && this.tokens[i + 1]?.lower === 'to') return null;
    const lemma = t.lemma;
    // "continued:" and "went on," introduce words; "continue to be" does not
    if (lemma === 'continue' && !/^[:,]$/.test(this.tokens[i + 1]?.text ?? '')) return null;
    const speech = SPEECH_VERBS.has(lemma);
    const thought = THOUGHT_VERBS.has(lemma);
    if (!speech && !thought) return null;
    if (t.pos !== 'VERB' && !(t.pos === 'AUX' && lemma === 'say')) {
      // wink tags some sentence-final "said" as other parts of speech
      if (
        !/^(said|says|told|added|noted|wrote|tweeted|argued|claimed|explained)$/.test(t.lower) &&
        !this.verbTaggedNoun(i)
      ) {
        return null;
      }
    }
    let end = i + 1;
    const particles = CUE_PARTICLES[lemma];
    if (particles && particles.includes(this.tokens[end]?.lower ?? '')) end++;
    else if (NEEDS_PARTICLE.has(lemma)) return null;
    const next = this.tokens[end]?.lower ?? '';
    // "declined to comment", "refuses to say": only with the infinitive
    if (NEEDS_TO.has(lemma) && next !== 'to') return null;
    return { thought, end };
  }

  /** "Mr. McKinley notes that …": a third-person verb after its subject, tagged as a plural noun. */
  private verbTaggedNoun(i: number): boolean {
    const t = this.tokens[i]!;
    const prev = this.tokens[i - 1];
    if (t.pos !== 'NOUN' || !/s$/.test(t.lower) || !prev || t.lemma === 'state') return false;
    // only before what a verb of saying takes: "notes that", "says:", "argues “…”"
    const next = this.tokens[i + 1];
    if (!next || !(/^(that|:)$/.test(next.lower) || this.insideQuote(next.start))) return false;
    if (!['PROPN', 'NOUN', 'PRON'].includes(prev.pos) || prev.sentence !== t.sentence) return false;
    const first = this.sentences[t.sentence]!.first;
    for (let k = first; k < i; k++) if (['VERB', 'AUX'].includes(this.tokens[k]!.pos)) return false;
    return true;
  }

  private sentenceEnd(si: number): number {
    return this.sentences[si]!.last;
  }

  private isPunct(i: number, chars: string): boolean {
    const t = this.tokens[i];
    return !!t && t.pos === 'PUNCT' && chars.includes(t.text);
  }

  private isNpToken(t: Token): boolean {
    if (NOT_IN_SPEAKER.has(t.lower)) return false;
    if (['PROPN', 'NOUN', 'ADJ', 'DET', 'NUM', 'PRON'].includes(t.pos)) return true;
    if (t.pos === 'PART' && /^['’]s?$/.test(t.text)) return true;
    if (t.lower === 'of' || t.lower === '&' || t.text === '.' || t.text === '-') return true;
    return false;
  }

  /** The noun phrase ending at token `last` (inclusive) and starting no earlier than `floor`. */
  private npBackward(last: number, floor: number): Range | null {
    let i = last;
    const t = this.tokens[i];
    if (!t) return null;
    if (t.pos === 'PRON') {
      // "many of whom say", "some of which found": the quantity speaks
      if (/^(whom|which)$/.test(t.lower) && this.tokens[i - 1]?.lower === 'of' && i - 2 >= floor) {
        const q = this.tokens[i - 2]!;
        if (/^(many|some|most|all|none|several|both|each|one|two|three|few)$/.test(q.lower))
          return { start: q.start, end: t.end };
      }
      if (!PRONOUNS.has(t.lower)) return null;
      return { start: t.start, end: t.end };
    }
    if (
      !['PROPN', 'NOUN', 'NUM', 'PUNCT'].includes(t.pos) &&
      !(t.pos === 'ADJ' && /^[A-Z]/.test(t.text)) &&
      // "the attorney general", "the secretary general": a title ending in an adjective
      !(t.lower === 'general' && this.tokens[i - 1]?.pos === 'NOUN')
    ) {
      return null;
    }
    if (t.pos === 'PUNCT' && t.text !== ')' && t.text !== '.') return null;
    let first = i;
    let depth = 0;
    // "Qatar and Egypt said": names joined by "and" speak together, when they open the clause
    let beforeJoint = -1;
    for (; i >= floor; i--) {
      const k = this.tokens[i]!;
      if (
        k.lower === 'and' &&
        beforeJoint < 0 &&
        i > floor &&
        i === first - 1 &&
        this.tokens[first]!.pos === 'PROPN' &&
        this.tokens[i - 1]!.pos === 'PROPN' &&
        !this.insideQuote(k.start)
      ) {
        beforeJoint = first;
        first = i;
        continue;
      }
      if (k.text === ')') {
        depth++;
        first = i;
        continue;
      }
      if (k.text === '(') {
        depth--;
        first = i;
        continue;
      }
      if (depth > 0) {
        first = i;
        continue;
      }
      if (k.pos === 'PRON' && !/^(his|her|its|their|our|my|your)$/.test(k.lower)) break;
      if (!this.isNpToken(k)) {
        // "Palestinian and international organizations": a conjunction between modifiers
        if (
          k.lower === 'and' &&
          i > floor &&
          ['ADJ', 'PROPN'].includes(this.tokens[i - 1]!.pos) &&
          i === first - 1 &&
          this.tokens[first]!.pos === 'ADJ'
        ) {
          first = i;
          continue;
        }
        break;
      }
      if (k.lower === 'of' && i === last) break;
      first = i;
    }
    // a joint subject only at the clause's start or after a comma: "X met Y and Z said" is Z's
    if (beforeJoint >= 0 && i >= floor && !/^[,;:(—–-]$/.test(this.tokens[i]!.text)) {
      first = beforeJoint;
    }
    while (
      first <= last &&
      (this.tokens[first]!.lower === 'of' || this.tokens[first]!.pos === 'PUNCT')
    )
      first++;
    if (first > last) return null;
    const head = this.tokens.slice(first, last + 1);
    if (!head.some((k) => ['PROPN', 'NOUN', 'PRON'].includes(k.pos) || /^[A-Z]/.test(k.text)))
      return null;
    return { start: this.tokens[first]!.start, end: this.tokens[last]!.end };
  }

  /** The noun phrase starting at token `first`, ending before `limit`. */
  private npForward(first: number, limit: number): { range: Range; next: number } | null {
    let i = first;
    // determiners and possessives ("his aides") open the phrase
    while (
      i < limit &&
      (this.tokens[i]!.pos === 'DET' ||
        (/^(his|her|their|its|our|my|your)$/.test(this.tokens[i]!.lower) &&
          ['NOUN', 'PROPN', 'ADJ'].includes(this.tokens[i + 1]?.pos ?? '')))
    )
      i++;
    let last = -1;
    for (; i < limit; i++) {
      const k = this.tokens[i]!;
      // a plural's possessive mark ("the dockers’ union") stays inside the phrase
      const possessive =
        /^['’]$/.test(k.text) &&
        /s$/.test(this.tokens[i - 1]?.lower ?? '') &&
        ['NOUN', 'PROPN', 'ADJ'].includes(this.tokens[i + 1]?.pos ?? '');
      if (k.pos === 'PUNCT' && k.text !== '.' && k.text !== '-' && !possessive) break;
      if (possessive) {
        last = i;
        continue;
      }
      if (k.pos === 'PRON' && i === first) {
        last = i;
        i++;
        break;
      }
      if (!this.isNpToken(k) || k.pos === 'PRON') break;
      last = i;
    }
    if (last < first) return null;
    while (last > first && ['of', '.', '-'].includes(this.tokens[last]!.lower)) last--;
    return {
      range: { start: this.tokens[first]!.start, end: this.tokens[last]!.end },
      next: last + 1,
    };
  }

  /** `minWords`: 1 only for a named object ("attacked Machado"); else a lone word is noise. */
  /** `within`: the draft is told inside another's content (a relative clause), which may hold it. */
  private add(d: Draft, minWords = 2, within = false): Draft | null {
    const content = d.content
      .map((r) => this.trim(r))
      .filter((r) => r.end > r.start && /[\p{L}\p{N}]/u.test(this.text.slice(r.start, r.end)));
    const words = content.reduce(
      (n, r) => n + this.text.slice(r.start, r.end).split(/\s+/).length,
      0,
    );
    // one attribution per piece of content: a second reading of the same words loses
    const holds = (o: Draft) =>
      within && content.every((b) => o.content.some((a) => a.start <= b.start && b.end <= a.end));
    const overlaps = this.drafts.some(
      (o) =>
        !holds(o) && o.content.some((a) => content.some((b) => a.start < b.end && b.start < a.end)),
    );
    if (content.length === 0 || words < minWords || (overlaps && !d.nested)) {
      // a rejected reading leaves its cue free for another ("Reveals ‘Grim’ Toll")
      if (d.cue)
        for (let k = this.tokenAt(d.cue.start); k < this.tokenAt(d.cue.end); k++)
          this.used.delete(k);
      return null;
    }
    const stored = { ...d, content };
    this.drafts.push(stored);
    return stored;
  }

  /** Drops whitespace and edge punctuation that is not a quotation mark. */
  private trim(r: Range): Range {
    let { start, end } = r;
    while (start < end && /[\s,;:–—―-]/u.test(this.text[start]!)) start++;
    while (end > start && /[\s,;:–—―-]/u.test(this.text[end - 1]!)) end--;
    return { start, end };
  }

  /**
   * A quote opening the sentence after a mixed attribution (“…” of the plan, X said.
   * “…”) goes on with it, as a quote after a direct one does: same paragraph, nothing
   * between but the frame.
   */
  private quotesAfterMixed(): void {
    for (const q of this.quotes) {
      const openTok = this.tokenAt(q.open);
      const t = this.tokens[openTok];
      if (!t || this.sentences[t.sentence]!.first !== openTok) continue;
      const taken = this.drafts.some((d) =>
        d.content.some((c) => q.parts.some((p) => p.start < c.end && c.start < p.end)),
      );
      if (taken) continue;
      const prev = this.drafts.find(
        (d) =>
          !d.nested &&
          !d.continuation &&
          d.cue &&
          d.sentence === t.sentence - 1 &&
          this.tokens[this.tokenAt(d.cue.start)]!.paragraph === t.paragraph &&
          d.content.some((c) => this.quotes.some((x) => x.open >= c.start - 1 && x.open < c.end)),
      );
      if (!prev) continue;
      // the frame closes the sentence: after the content only the speaker and the cue
      const tail = this.text.slice(prev.content.at(-1)!.end, q.open);
      if (tail.length > 120) continue;
      prev.content.push(...q.parts);
    }
  }

  // ---------------------------------------------------------- direct quotes

  private directQuotes(): void {
    let lastSpeaker: { draft: Draft; paragraph: number } | null = null;
    for (let qi = 0; qi < this.quotes.length; qi++) {
      const q = this.quotes[qi]!;
      const quoted = q.parts.map((p) => this.text.slice(p.start, p.end)).join(' ');
      const words = quoted.trim().split(/\s+/).length;
      const closeTok = this.tokenAt(q.close);
      const openTok = this.tokenAt(q.open);
      const openSentence = this.tokens[openTok]?.sentence ?? -1;
      const lastPart = q.parts[q.parts.length - 1]!;
      const lastPara = this.paragraphs.findIndex(
        (p) => lastPart.end <= p.end && lastPart.start >= p.start,
      );
      const para = this.paragraphs[lastPara]!;

      // after the quote: up to a sentence end, the next quote, or the paragraph end
      const after: number[] = [];
      for (let i = closeTok; i < this.tokens.length; i++) {
        const t = this.tokens[i]!;
        if (t.start >= para.end) break;
        if (this.insideQuote(t.start)) break;
        const sentenceFinal = i === this.sentences[t.sentence]!.last - 1;
        if (t.pos === 'PUNCT' && /^[.!?]$/.test(t.text) && after.length > 0 && sentenceFinal) break;
        if (t.pos === 'PUNCT' && /^[.!?]$/.test(t.text) && after.length === 0) {
          // “…”. – Name
          if (DASHES.has(this.tokens[i + 1]?.text ?? '')) continue;
          break;
        }
        after.push(i);
      }
      // a comma before the closing mark, also inside a nested quote ("… 'outreach,' ")
      const endsOpen =
        /[,?!—–-][\s'’"”]*$/.test(quoted) || /^[,]/.test(this.text.slice(q.close, q.close + 2));
      // a title after a preposition (said on “Face the Nation,” that …) is nobody's words
      const title = this.tokens[openTok] && this.inTitle(this.tokens[openTok]!);
      const framed = title ? null : this.frameAfter(q, after, endsOpen);
      if (framed) {
        // "…," he said, "…": one statement in two parts
        const lastTok = after[after.length - 1];
        const next = this.quotes[qi + 1];
        if (
          framed.singleCue &&
          lastTok !== undefined &&
          this.tokens[lastTok]!.text === ',' &&
          next &&
          this.tokenAt(next.open) === lastTok + 1
        ) {
          framed.draft.content.push(...next.parts);
          qi++;
        }
        this.leadIn(framed.draft, q, openTok, openSentence);
        const stored = this.add(framed.draft);
        if (stored) lastSpeaker = { draft: stored, paragraph: lastPara };
        continue;
      }
      const before = this.frameBefore(q, openTok, openSentence);
      if (before) {
        const stored = this.add(before.draft);
        if (stored) lastSpeaker = { draft: stored, paragraph: lastPara };
        continue;
      }
      // an unframed quote after an attributed one in the same paragraph goes on with it,
      // unless its own sentence closes with a frame ("“…” to drive up prices, she said.")
      const firstParaIndex = this.paragraphs.findIndex((p) => q.open >= p.start && q.open < p.end);
      const closeSentence = this.tokens[closeTok]?.sentence ?? -1;
      const ownFrame =
        closeSentence >= 0 &&
        range(closeTok, this.sentences[closeSentence]!.last).some((i) =>
          this.closesSentence(i, this.sentences[closeSentence]!.last),
        );
      if (
        !ownFrame &&
        lastSpeaker &&
        lastSpeaker.paragraph === firstParaIndex &&
        (openTok === this.sentences[openSentence]?.first ||
          /^[.!?]$/.test(this.tokens[openTok - 1]?.text ?? '')) &&
        !lastSpeaker.draft.continuation &&
        words >= 2
      ) {
        // only the frame between them ("…," she said. "…")
        const between = this.text.slice(lastSpeaker.draft.content.at(-1)!.end, q.open);
        const cue = lastSpeaker.draft.cue;
        const frameSentence = cue ? this.tokens[this.tokenAt(cue.start)]!.sentence : -9;
        if (between.length < 160 && openSentence - frameSentence <= 1) {
          lastSpeaker.draft.content.push(...q.parts);
          lastSpeaker.paragraph = lastPara;
          continue;
        }
      }
      // a quote filling its paragraph(s) with no frame continues the last speaker
      const firstPara = this.paragraphs.find((p) => q.open >= p.start && q.open < p.end)!;
      const fills =
        q.open === firstPara.start &&
        (q.close >= para.end - 1 || /^[\s.!?]*$/.test(this.text.slice(q.close, para.end)));
      if (fills && words >= 4 && lastSpeaker) {
        const prev = lastSpeaker.draft;
        const stored = this.add({
          content: [...q.parts],
          cue: null,
          speaker: prev.speaker,
          speakerForm: prev.speakerForm,
          antecedent: prev.antecedent,
          direct: true,
          thought: false,
          nested: false,
          hearsay: false,
          continuation: true,
          sentence: this.tokens[openTok]?.sentence ?? 0,
        });
        if (stored) lastSpeaker = { draft: stored, paragraph: lastPara };
      }
    }
  }

  /**
   * Words of the writer's sentence before a quote its frame closes belong to what is
   * attributed ("With a thousand ferries, “no single one matters,” he said": a mixed
   * quote). Not a connective alone ("But “…”") and not a stretch holding another cue.
   */
  private leadIn(d: Draft, q: Quote, openTok: number, sentence: number): void {
    const s = this.sentences[sentence];
    if (!s || openTok <= s.first) return;
    const lead = this.tokens.slice(s.first, openTok);
    const words = lead.filter((t) => t.pos !== 'PUNCT');
    if (words.length < 3) return;
    if (
      lead.some(
        (t, k) =>
          this.insideQuote(t.start) || this.used.has(s.first + k) || this.isCue(s.first + k),
      )
    )
      return;
    // the closing mark stays inside: the content holds a whole quote (form MIXED)
    const end =
      q.parts.length === 1 && d.content[0]!.end === q.parts[0]!.end ? q.close : d.content[0]!.end;
    d.content[0] = { start: lead[0]!.start, end };
    d.direct = false;
  }

  private frameAfter(
    q: Quote,
    after: number[],
    endsOpen: boolean,
  ): { draft: Draft; singleCue: boolean } | null {
    if (after.length === 0 || after.length > 80) return null;
    const first = after[0]!;
    const base = {
      content: [...q.parts],
      direct: true,
      thought: false,
      nested: false,
      continuation: false,
      antecedent: null,
      sentence: this.tokens[first]!.sentence,
    };
    let start = first;
    if (this.tokens[start]!.text === ',' || this.tokens[start]!.text === '.') start++;
    const startTok = this.tokens[start];
    if (!startTok) return null;
    // “…” – Russian Foreign Minister Sergey Lavrov
    if (DASHES.has(startTok.text)) {
      const np = this.npForward(start + 1, after[after.length - 1]! + 1);
      if (!np) return null;
      this.used.add(start);
      return {
        draft: {
          ...base,
          cue: { start: startTok.start, end: startTok.end },
          speaker: np.range,
          speakerForm: 'OTHER',
          hearsay: false,
        },
        singleCue: true,
      };
    }
    if (!endsOpen && this.tokens[first]!.text !== ',') return null;
    const limit = after[after.length - 1]! + 1;
    let cues = 0;
    let found: { i: number; end: number; thought: boolean } | null = null;
    for (let i = start; i < Math.min(limit, start + 25); i++) {
      const c = this.isCue(i);
      if (c) {
        cues++;
        found ??= { i, ...c };
      }
    }
    if (!found) return null;
    const hearsay = after.some((i) => HEARSAY.has(this.tokens[i]!.lower));
    let speaker: Range | null = null;
    let j = found.i - 1;
    while (j >= start && this.betweenSubjectAndCue(j)) j--;
    if (j >= start && this.tokens[j]!.text === ',') {
      // "…," Scott Pruitt, the attorney general of Oklahoma, said: the name before the first comma
      let comma = start;
      while (comma < j && this.tokens[comma]!.text !== ',') comma++;
      if (comma > start) speaker = this.npBackward(comma - 1, start);
    } else if (j >= start) speaker = this.npBackward(j, start);
    if (!speaker) {
      // "…," said Lavrov
      const np = this.npForward(found.end, limit);
      if (np) speaker = np.range;
    }
    if (!speaker) return null;
    // "…,” X said the plan …": a cue with its own clause does not frame the quote before it
    const speakerEnd = this.tokenAt(speaker.end);
    const tail = this.tokens[this.timeRun(Math.max(found.end, speakerEnd), limit)];
    const tailAt = this.timeRun(Math.max(found.end, speakerEnd), limit);
    let clauseVerb = false;
    for (let k = tailAt; k < limit; k++) {
      const x = this.tokens[k]!;
      if (x.text === ',' || x.text === ';' || /^[.!?]$/.test(x.text)) break;
      if (x.pos === 'VERB' || x.pos === 'AUX') {
        clauseVerb = true;
        break;
      }
    }
    // ("…,” he told me." and "…,” she told the group." are frames: no verb follows)
    if (
      tail &&
      speakerEnd <= found.i &&
      (tail.lower === 'that' || ['PRON', 'DET'].includes(tail.pos)) &&
      !/^(his|her|their|its)$/.test(tail.lower) &&
      clauseVerb
    )
      return null;
    for (let i = found.i; i < found.end; i++) this.used.add(i);
    return {
      draft: {
        ...base,
        thought: found.thought,
        cue: { start: this.tokens[found.i]!.start, end: this.tokens[found.end - 1]!.end },
        speaker,
        speakerForm: 'OTHER',
        hearsay,
      },
      singleCue: cues === 1,
    };
  }

  private frameBefore(q: Quote, openTok: number, sentence: number): { draft: Draft } | null {
    if (sentence < 0) return null;
    // "He said:" closing a paragraph introduces the quote opening the next one
    const colon = this.tokens[openTok - 1];
    if (
      colon?.text === ':' &&
      colon.paragraph < this.tokens[openTok]!.paragraph &&
      this.sentences[sentence]!.first === openTok
    ) {
      sentence = colon.sentence;
    }
    const s = this.sentences[sentence]!;
    // the frame is the stretch between the previous quote (or the sentence start) and this one
    let from = s.first;
    for (let i = openTok - 1; i >= s.first; i--) {
      if (this.insideQuote(this.tokens[i]!.start)) {
        from = i + 1;
        break;
      }
    }
    // a long sentence before the quote: its cue is near the quote ("…, and when pressed
    // on why, the mother of three replied, “…”"), so only the last 40 tokens are the frame
    const whole = openTok - from <= 40;
    if (!whole) from = openTok - 40;
    const frame: number[] = [];
    for (let i = from; i < openTok; i++) frame.push(i);
    if (frame.length === 0) return null;
    // "Name ― “…”" and "NAME: “…”": a dash or a colon right after a name at the sentence start
    const lastTok = this.tokens[openTok - 1]!;
    if (
      (DASHES.has(lastTok.text) || lastTok.text === ':') &&
      frame.length >= 2 &&
      !this.isCue(openTok - 2)
    ) {
      const np = this.npBackward(openTok - 2, from);
      if (
        np &&
        whole &&
        this.tokenAt(np.start) === from &&
        /^\p{Lu}/u.test(this.text.slice(np.start, np.end))
      ) {
        this.used.add(openTok - 1);
        return {
          draft: namedQuoteDraft(q.parts, { start: lastTok.start, end: lastTok.end }, np, sentence),
        };
      }
    }
    // the last cue of the frame, followed only by ':', ',', 'that' and adverbs up to the quote
    for (let k = frame.length - 1; k >= 0; k--) {
      const i = frame[k]!;
      const t = this.tokens[i]!;
      const c = this.isCue(i);
      if (c) {
        const between = this.tokens.slice(c.end, openTok);
        if (!between.every((b) => this.isFrameFiller(b))) return null;
        return this.cueWithSubject(i, c, from, q.parts, true, frame);
      }
      if (t.lower === 'according' && this.tokens[i + 1]?.lower === 'to') {
        const np = this.npForward(i + 2, openTok);
        if (!np) return null;
        const between = this.tokens.slice(np.next, openTok);
        if (!between.every((b) => this.isFrameFiller(b))) return null;
        this.used.add(i).add(i + 1);
        return {
          draft: namedQuoteDraft(
            q.parts,
            { start: t.start, end: this.tokens[i + 1]!.end },
            np.range,
            sentence,
          ),
        };
      }
    }
    return null;
  }

  private isFrameFiller(t: Token): boolean {
    if (t.pos === 'PUNCT' && /^[,:;–—-]$/.test(t.text)) return true;
    if (
      /^(that|however|therefore|moreover|also|then|thus|again|further|simply|bluntly)$/.test(
        t.lower,
      )
    )
      return true;
    if (t.pos === 'ADV') return true;
    return false;
  }

  /** Builds an attribution from a cue at token i: its subject before it (or after, inverted). */
  private cueWithSubject(
    i: number,
    c: { thought: boolean; end: number },
    floor: number,
    content: Range[],
    direct: boolean,
    frame: number[],
  ): { draft: Draft } | null {
    // "every right to know", "no way to tell": an infinitive completing a noun of means or
    // right has no speaker of its own
    const to = this.tokens[i - 1];
    if (to?.lower === 'to' && INFINITIVE_NOUNS.test(this.tokens[i - 2]?.lower ?? '')) return null;
    let j = i - 1;
    while (j >= floor && this.betweenSubjectAndCue(j)) j--;
    let speaker: Range | null = null;
    let antecedent: Range | null = null;
    if (this.participle(i)) {
      const prev = [...this.drafts]
        .reverse()
        .find((d) => d.sentence === this.tokens[i]!.sentence && d.speaker);
      if (prev) {
        speaker = prev.speaker;
        antecedent = prev.antecedent;
      } else {
        // the subject of the main clause ("In August, the groups granted …, saying …"),
        // else the phrase opening the sentence
        speaker = this.sharedSubject(i - 1, this.sentences[this.tokens[i]!.sentence]!.first);
        const np = speaker
          ? null
          : this.npForward(this.sentences[this.tokens[i]!.sentence]!.first, i);
        if (np) speaker = np.range;
      }
    } else if (
      j >= floor &&
      /^(by|after|before|while|in)$/.test(this.tokens[j]!.lower) &&
      /ing$/.test(this.tokens[i]!.lower)
    ) {
      // "began by saying …", "after saying …": the gerund's subject is the clause's
      speaker = this.sharedSubject(j, floor);
    } else if (j >= floor) {
      if (this.tokens[j]!.text === ',') {
        // "X, who …, said" / "X, a top adviser, said": the head before the first comma
        // of the insertion; "X, 56, who …, said": past an age or another short one
        let k = j - 1;
        while (k >= floor && this.tokens[k]!.text !== ',') k--;
        for (let tries = 0; k > floor && !speaker && tries < 3; tries++) {
          speaker = this.npBackward(k - 1, floor);
          if (!speaker) {
            k--;
            while (k >= floor && this.tokens[k]!.text !== ',') k--;
          }
        }
      } else if (
        this.tokens[j]!.pos === 'VERB' &&
        /^(i|we|you|he|she|they)$/.test(this.tokens[j - 1]?.lower ?? '') &&
        this.tokens[j - 2]?.pos === 'NOUN' &&
        j - 2 >= floor
      ) {
        // "all the experts I interviewed said": a relative clause with no "that"
        const head = this.npBackward(j - 2, floor);
        if (head) speaker = { start: head.start, end: this.tokens[j]!.end };
      } else if (/^(and|but)$/.test(this.tokens[j]!.lower) && !this.participle(i)) {
        speaker = this.sharedSubject(j, floor);
      } else {
        speaker = this.npBackward(j, floor);
      }
    }
    if (speaker) {
      const head = this.text.slice(speaker.start, speaker.end).toLowerCase();
      if (RELATIVE.has(head)) {
        // "Smith, who said …": the noun phrase before the relative pronoun's comma
        const ti = this.tokenAt(speaker.start);
        if (this.tokens[ti - 1]?.text === ',')
          antecedent = this.npBackward(ti - 2, this.sentences[this.tokens[ti]!.sentence]!.first);
      }
    }
    if (speaker) {
      const st = this.tokenAt(speaker.start);
      const head = this.tokens[this.tokenAt(speaker.end) - 1];
      const verb = this.tokens[st - 1];
      if (
        head &&
        DOCUMENTS.test(head.lower) &&
        verb &&
        PUBLISH.test(verb.lemma) &&
        st - 2 >= floor
      ) {
        const who = this.npBackward(st - 2, floor);
        if (who) speaker = who;
      }
    }
    if (!speaker && this.participle(i)) {
      // ", adding that …": the subject of the clause before
      const prev = [...this.drafts]
        .reverse()
        .find((d) => d.sentence === this.tokens[i]!.sentence && d.speaker);
      if (prev) {
        speaker = prev.speaker;
        antecedent = prev.antecedent;
      }
    }
    if (!speaker) {
      const np = this.npForward(c.end, this.sentenceEnd(this.tokens[i]!.sentence));
      const beforeComma = i > floor && this.tokens[i - 1]?.text === ',';
      if (np && beforeComma) speaker = np.range;
    }
    if (!speaker) return null;
    for (let k = i; k < c.end; k++) this.used.add(k);
    const hearsay = frame.some((k) => HEARSAY.has(this.tokens[k]!.lower));
    return {
      draft: {
        content,
        cue: { start: this.tokens[i]!.start, end: this.tokens[c.end - 1]!.end },
        speaker,
        speakerForm: 'OTHER',
        antecedent,
        direct,
        thought: c.thought,
        nested: false,
        hearsay,
        continuation: false,
        sentence: this.tokens[i]!.sentence,
      },
    };
  }

  /**
   * The subject a cue shares with the verb before it ("Authorities announced an arrest
   * and said …", "She has encouraged X but has said …"): the noun phrase before the
   * sentence's first verb, when that verb comes before the conjunction at `and`.
   */
  private sharedSubject(and: number, floor: number): Range | null {
    let verb = -1;
    for (let k = floor; k < and; k++) {
      const t = this.tokens[k]!;
      if (t.pos === 'VERB' || t.pos === 'AUX') {
        verb = k;
        break;
      }
      if (this.insideQuote(t.start) || t.text === ':' || t.text === ';') return null;
    }
    if (verb <= floor) return null;
    let j = verb - 1;
    while (j > floor && this.betweenSubjectAndCue(j)) j--;
    if (this.tokens[j]!.text === ',') {
      // "X, a former governor, has said …"
      let k = j - 1;
      while (k > floor && this.tokens[k]!.text !== ',') k--;
      if (k <= floor) return null;
      j = k - 1;
    }
    return this.npBackward(j, floor);
  }

  /** Auxiliaries and adverbs between a subject and its cue: "has also said", "aggressively attacked". */
  private betweenSubjectAndCue(j: number): boolean {
    const t = this.tokens[j]!;
    if (BETWEEN_SUBJECT_AND_CUE.has(t.lower)) return true;
    // "Trump this week said", "Smith on Monday said": a time between subject and cue
    if (
      /^(week|month|year|weekend)$/.test(t.lower) &&
      /^(this|last)$/.test(this.tokens[j - 1]?.lower ?? '')
    )
      return true;
    if (
      /^(this|last)$/.test(t.lower) &&
      /^(week|month|year|weekend)$/.test(this.tokens[j + 1]?.lower ?? '')
    )
      return true;
    if (WEEKDAYS.test(t.lower) && /^(on)$/.test(this.tokens[j - 1]?.lower ?? '')) return true;
    if (t.lower === 'on' && WEEKDAYS.test(this.tokens[j + 1]?.lower ?? '')) return true;
    // "who in 2010 said"
    if (/^\d{4}$/.test(t.text) && this.tokens[j - 1]?.lower === 'in') return true;
    if (t.lower === 'in' && /^\d{4}$/.test(this.tokens[j + 1]?.text ?? '')) return true;
    // any manner adverb ("sharply criticized", "generally supported"), not "only if"
    return t.pos === 'ADV' && /^\p{Ll}+ly$/u.test(t.text);
  }

  /** ", adding that …", ", even suggesting …": a cue in a participle clause after a comma. */
  private participle(i: number): boolean {
    if (!/ing$/.test(this.tokens[i]!.lower)) return false;
    const prev = this.tokens[i - 1];
    if (prev?.text === ',') return true;
    return prev?.pos === 'ADV' && this.tokens[i - 2]?.text === ',';
  }

  // -------------------------------------------------------- indirect speech

  /**
   * "PENCE: Well, look, …" (a transcript) and "Poll: Voters …" (a headline): a name, a
   * colon, the words. With `quoted`, only transcript lines quoted as a whole ("“SMITH:
   * …"): read before the direct quotes, or the quote would go to the previous speaker.
   */
  private colonLines(quoted: boolean): void {
    for (let pi = 0; pi < this.paragraphs.length; pi++) {
      const p = this.paragraphs[pi]!;
      let first = this.tokenAt(p.start);
      if (quoted) {
        const q = this.quoteContaining(p.start);
        const name = this.tokens[first + 1];
        // the speaker in capitals right after the opening mark: a transcript, not a quote
        if (
          !q ||
          !/^["“«„‘']$/.test(this.text[p.start]!) ||
          !name ||
          !/^\p{Lu}{2,}/u.test(name.text)
        )
          continue;
        first++;
      }
      let colon = -1;
      for (let i = first; i < Math.min(first + 7, this.tokens.length); i++) {
        const t = this.tokens[i]!;
        if (t.start >= p.end) break;
        if (t.text === ':') {
          colon = i;
          break;
        }
        if (t.pos === 'VERB' || (!quoted && this.insideQuote(t.start))) break;
      }
      if (colon <= first || this.used.has(colon)) continue;
      const np = this.npBackward(colon - 1, first);
      if (!np || this.tokenAt(np.start) !== first) continue;
      const words = this.text.slice(np.start, np.end);
      if (!/^\p{Lu}/u.test(words) || COLON_LABELS.test(words)) continue;
      if (quoted && words !== words.toUpperCase()) continue;
      const start = this.tokens[colon + 1]?.start;
      if (start === undefined || start >= p.end) continue;
      if (this.text.slice(start, p.end).split(/\s+/).length < 3) continue;
      this.used.add(colon);
      this.add({
        content: [{ start, end: p.end }],
        cue: { start: this.tokens[colon]!.start, end: this.tokens[colon]!.end },
        speaker: np,
        speakerForm: 'OTHER',
        antecedent: null,
        // a transcript's speaker in capitals: the words as spoken
        direct: words === words.toUpperCase(),
        thought: false,
        nested: false,
        hearsay: false,
        continuation: false,
        sentence: this.tokens[colon]!.sentence,
      });
    }
  }

  /**
   * Verbs of saying with their clause, and "according to". With `nested`, only
   * inside quotes (a speaker relaying another: kind REPORTED); otherwise only
   * outside them.
   */
  private indirectSpeech(nested: boolean): void {
    for (let si = 0; si < this.sentences.length; si++) {
      const s = this.sentences[si]!;
      // a frame closing the sentence (", the source added.") scopes all before it: read it first
      const order: number[] = [];
      const late: number[] = [];
      for (let i = s.first; i < s.last; i++) {
        (i >= s.last - 6 && this.closesSentence(i, s.last) ? order : late).push(i);
      }
      // nouns of saying first ("X's claim that …"): a verb before them takes them as its object
      if (!nested) {
        for (let i = s.first; i < s.last; i++) {
          if (!this.insideQuote(this.tokens[i]!.start)) this.nounCue(i, s, si);
        }
      }
      for (const i of [...order, ...late]) {
        const t = this.tokens[i]!;
        if (this.insideQuote(t.start) !== nested) continue;
        if (this.used.has(i)) continue;
        let scope = { first: s.first, last: s.last };
        if (nested) {
          const q = this.quoteContaining(t.start)!;
          scope = {
            first: Math.max(s.first, this.tokenAt(q.open + 1)),
            last: Math.min(s.last, this.tokenAt(q.close - 1)),
          };
        }
        if (t.lower === 'according' && this.tokens[i + 1]?.lower === 'to') {
          this.accordingTo(i, scope, si, nested);
          continue;
        }
        const c = this.isCue(i);
        if (!c) continue;
        if (nested && (c.thought || !NESTED_CUES.has(t.lemma))) continue;
        this.clause(i, c, scope, si, nested);
      }
    }
  }

  /**
   * A noun of saying with its "that" clause and its owner: "X's claim that …", "the
   * union's warning that …". Only with a possessive owner, so the speaker is in the words.
   */
  private nounCue(i: number, scope: { first: number; last: number }, si: number): boolean {
    const t = this.tokens[i]!;
    if (t.pos !== 'NOUN' || !NOUN_CUES.has(t.lemma) || this.used.has(i)) return false;
    const that = this.tokens[i + 1];
    if (!that || that.lower !== 'that' || that.pos !== 'SCONJ') return false;
    // the owner: "Trump’s (earlier) claim"
    let j = i - 1;
    while (j > scope.first && this.tokens[j]!.pos === 'ADJ') j--;
    const mark = this.tokens[j];
    if (!mark || !/^['’]s?$/.test(mark.text) || j - 1 < scope.first) return false;
    const owner = this.npBackward(j - 1, scope.first);
    if (!owner) return false;
    const end = this.clauseEnd(i + 2, scope.last);
    if (end - (i + 2) < 2) return false;
    this.used.add(i);
    this.add({
      content: [{ start: that.start, end: this.tokens[end - 1]!.end }],
      cue: { start: t.start, end: t.end },
      // the owner without its possessive mark, as the linker reads names
      speaker: owner,
      speakerForm: 'OTHER',
      antecedent: null,
      direct: false,
      thought: THOUGHT_NOUNS.has(t.lemma),
      nested: false,
      hearsay: false,
      continuation: false,
      sentence: si,
    });
    return true;
  }

  /** A cue in a trailing frame: ", NP said [adverbials]." up to the sentence end. */
  private closesSentence(i: number, last: number): boolean {
    if (!this.isCue(i)) return false;
    let j = i + 1;
    while (
      j < last &&
      (TIME_WORDS.has(this.tokens[j]!.lower) ||
        this.tokens[j]!.pos === 'PROPN' ||
        this.tokens[j]!.pos === 'ADV' ||
        this.tokens[j]!.pos === 'NUM')
    )
      j++;
    while (j < last && this.tokens[j]!.pos === 'PUNCT') j++;
    if (j < last) return false;
    for (let k = i - 1; k >= Math.max(0, i - 8); k--) if (this.tokens[k]!.text === ',') return true;
    return false;
  }

  private accordingTo(
    i: number,
    scope: { first: number; last: number },
    si: number,
    nested: boolean,
  ): void {
    let np = this.npForward(i + 2, scope.last);
    // "according to exit polls": a noun the tagger read as a verb opens the phrase
    const lead = this.tokens[i + 2];
    if (!np && lead?.pos === 'VERB' && ['NOUN', 'PROPN'].includes(this.tokens[i + 3]?.pos ?? '')) {
      const rest = this.npForward(i + 3, scope.last);
      if (rest) np = { range: { start: lead.start, end: rest.range.end }, next: rest.next };
    }
    if (!np) return;
    const content: Range[] = [];
    const before =
      i > scope.first
        ? { start: this.tokens[scope.first]!.start, end: this.tokens[i - 1]!.end }
        : null;
    let k = np.next;
    while (k < scope.last && this.tokens[k]!.text === ',') k++;
    const afterEnd = this.clauseEnd(k, scope.last);
    const after =
      afterEnd > k ? { start: this.tokens[k]!.start, end: this.tokens[afterEnd - 1]!.end } : null;
    if (before) content.push(before);
    if (after && (!before || np.next < scope.last)) content.push(after);
    if (content.length === 0) return;
    this.used.add(i).add(i + 1);
    this.add({
      content,
      cue: { start: this.tokens[i]!.start, end: this.tokens[i + 1]!.end },
      speaker: np.range,
      speakerForm: 'OTHER',
      antecedent: null,
      direct: false,
      thought: false,
      nested,
      hearsay: false,
      continuation: false,
      sentence: si,
    });
  }

  /** A token inside a quoted title after a preposition: said on “Fox News Sunday”. */
  private inTitle(t: Token): boolean {
    const q = this.quoteContaining(t.start);
    if (!q) return false;
    if (q.close - q.open >= 60) return false;
    // the preposition may stand before a name and its possessive: on CBS's “Face the Nation”
    let b = this.tokenAt(q.open) - 1;
    while (b > 0 && b > this.tokenAt(q.open) - 5 && /^(PROPN|PART|DET)$/.test(this.tokens[b]!.pos))
      b--;
    const before = this.tokens[b];
    return !!before && /^(on|in|to|at|from|of)$/.test(before.lower);
  }

  /**
   * A cue in the passive: "The plan was endorsed by the union" (the agent speaks, the
   * subject is what it spoke of), "It was reported that …" (no speaker). Returns true
   * when the cue was a passive one, whether or not it gave an attribution: its subject
   * is never the speaker.
   */
  private passive(
    i: number,
    c: { thought: boolean; end: number },
    scope: { first: number; last: number },
    si: number,
    nested: boolean,
  ): boolean {
    const t = this.tokens[i]!;
    if (t.lower === t.lemma || /ing$/.test(t.lower)) return false;
    let j = i - 1;
    while (j >= scope.first && this.tokens[j]!.pos === 'ADV') j--;
    const aux = this.tokens[j];
    if (!aux || !BE_FORMS.test(aux.lower)) return false;
    // "is expected to", "was told to": a subject's plan or an order, not a report
    const next = this.tokens[c.end];
    const draft = (content: Range, speaker: Range | null): Draft => ({
      content: [content],
      cue: { start: t.start, end: this.tokens[c.end - 1]!.end },
      speaker,
      speakerForm: 'OTHER',
      antecedent: null,
      direct: false,
      thought: c.thought,
      nested,
      hearsay: false,
      continuation: false,
      sentence: si,
    });
    if (next?.lower === 'by') {
      const agent = this.npForward(c.end + 1, scope.last);
      let subjectEnd = j - 1;
      while (
        subjectEnd > scope.first &&
        /^(has|have|had|will|would|may|might|could|should|must|can)$/.test(
          this.tokens[subjectEnd]!.lower,
        )
      )
        subjectEnd--;
      const subject = this.npBackward(subjectEnd, scope.first);
      if (
        agent &&
        subject &&
        !PRONOUNS.has(this.text.slice(subject.start, subject.end).toLowerCase())
      ) {
        for (let k = i; k < c.end; k++) this.used.add(k);
        this.add(draft(subject, agent.range), 1);
      }
      return true;
    }
    // "it was reported that …": what was said, with no one named
    const it = this.tokens[j - 1];
    if (it?.lower === 'it' && next?.lower === 'that') {
      const end = this.clauseEnd(c.end + 1, scope.last);
      if (end - (c.end + 1) >= 3) {
        for (let k = i; k < c.end; k++) this.used.add(k);
        this.add(draft({ start: next.start, end: this.tokens[end - 1]!.end }, null));
      }
    }
    return true;
  }

  /** "… and said …", "… but has since said …": a second cue of the same subject at k. */
  private coordinatedCue(k: number, last: number): boolean {
    let j = k;
    while (
      j < last &&
      j < k + 3 &&
      (this.tokens[j]!.pos === 'AUX' || this.tokens[j]!.pos === 'ADV')
    )
      j++;
    const v = this.tokens[j];
    return (
      !!v &&
      v.pos === 'VERB' &&
      (SPEECH_VERBS.has(v.lemma) || THOUGHT_VERBS.has(v.lemma)) &&
      (/ed$|said|told|wrote/.test(v.lower) || /s$/.test(v.lower) || j > k)
    );
  }

  /** Where a content clause starting at k ends: the sentence end, or before ", adding …". */
  private clauseEnd(k: number, last: number): number {
    for (let j = k + 1; j < last; j++) {
      const t = this.tokens[j]!;
      if (t.text === ';') return j;
      const next = this.tokens[j + 1];
      // ", which forced her …", " -- assuming …": the writer's addition to the reported clause;
      // but a clause with no verb yet is only its subject, and ", which …," inside it is part
      // of it ("that the eradication of Hamas, which X considers a precondition, is unrealistic")
      if (t.text === ',' && next?.lower === 'which' && !this.insideQuote(t.start)) {
        const inside = this.embeddedRelative(k, j, last);
        if (inside > j) {
          j = inside;
          continue;
        }
      }
      if (
        (t.text === ',' &&
          next &&
          /^(which|meaning|assuming|prompting|leading)$/.test(next.lower) &&
          !this.insideQuote(t.start)) ||
        ((t.text === '--' || t.text === '—') && j > k + 3 && !this.insideQuote(t.start))
      )
        return j;
      // ", but …", ", though …": a clause of the writer's after the reported one
      if (
        t.text === ',' &&
        next &&
        /^(but|though|although|while|whereas|even|yet)$/.test(next.lower)
      )
        return j;
      // "… and said …": a second attribution of the same speaker
      if (/^(and|but)$/.test(t.lower) && this.coordinatedCue(j + 1, last)) return j;
      if (
        t.text === ',' &&
        this.tokens[j + 1] &&
        /ing$/.test(this.tokens[j + 1]!.lower) &&
        this.isCue(j + 1)
      )
        return j;
      if (
        t.text === ',' &&
        this.tokens[j + 1]?.lower === 'according' &&
        this.tokens[j + 2]?.lower === 'to'
      )
        return j;
    }
    let end = last;
    while (
      end > k &&
      this.tokens[end - 1]!.pos === 'PUNCT' &&
      /^[.!?]$/.test(this.tokens[end - 1]!.text)
    )
      end--;
    return end;
  }

  /**
   * ", which …," inside the subject of a clause starting at k: when no verb stands between
   * k and the comma at j, and the relative clause closes with a comma before a verb (the
   * subject's own), the index of that closing comma; else j.
   */
  private embeddedRelative(k: number, j: number, last: number): number {
    for (let x = k; x < j; x++) {
      if (['VERB', 'AUX'].includes(this.tokens[x]!.pos)) return j;
    }
    for (let x = j + 2; x < last; x++) {
      const t = this.tokens[x]!;
      if (t.text === ';' || t.text === ':' || this.insideQuote(t.start)) return j;
      if (t.text !== ',') continue;
      let v = x + 1;
      while (v < last && this.tokens[v]!.pos === 'ADV') v++;
      return ['VERB', 'AUX'].includes(this.tokens[v]?.pos ?? '') ? x : j;
    }
    return j;
  }

  private clause(
    i: number,
    c: { thought: boolean; end: number },
    scope: { first: number; last: number },
    si: number,
    nested: boolean,
  ): void {
    const sentenceFirst = scope.first;
    if (this.passive(i, c, scope, si, nested)) return;
    // inverted or trailing frame: "…, X said." / "…, said X." / "…, X said, …"
    const built = this.cueWithSubject(
      i,
      c,
      sentenceFirst,
      [],
      false,
      range(sentenceFirst, scope.last),
    );
    if (!built) return;
    const d = built.draft;
    const speakerTok = this.tokenAt(d.speaker!.start);
    const speakerBefore = speakerTok < i;
    const subjectStart = speakerBefore ? speakerTok : i;
    // skip the object of "told reporters", adverbials and the date: up to "that" or the clause
    let k = c.end;
    if (!speakerBefore) {
      const np = this.npForward(c.end, scope.last);
      if (np) k = np.next;
    }
    const limit = scope.last;
    const look = Math.min(limit, k + 12);
    let thatAt = -1;
    // a date with its year or weekday set off by commas is one adverbial ("said on July 26, 2024, that")
    const dated = this.afterDatePhrase(k, si);
    // "said that", "said on Sunday that", "said in response to calls for a truce that"
    const adverbial = this.tokens[k]?.pos === 'ADP' || TIME_WORDS.has(this.tokens[k]?.lower ?? '');
    // "said the new rules demand that …": a clause opening right after the cue has its own
    // "that"; only an adverbial or an addressee ("told reporters") stands before the cue's
    const opensClause =
      !adverbial &&
      ['DET', 'PRON'].includes(this.tokens[k]?.pos ?? '') &&
      this.tokens[k]?.lower !== 'that' &&
      !OBJECT_FIRST.has(this.tokens[i]!.lemma);
    for (let j = dated; j < (opensClause ? k : Math.max(look, dated + 1)); j++) {
      const t = this.tokens[j]!;
      if (t.lower === 'that' && (t.pos === 'SCONJ' || t.pos === 'PRON' || t.pos === 'DET')) {
        thatAt = j;
        break;
      }
      if (t.text === ',' || t.text === ':') break;
      if (this.insideQuote(t.start) && !nested && !this.inTitle(t)) break;
      if (!adverbial && j > k && (t.pos === 'VERB' || t.pos === 'AUX')) break;
    }
    // "rejected X's claim that …": that "that" is the noun's; the verb's content is the phrase
    let objectEnd = -1;
    if (thatAt > k && this.used.has(thatAt - 1) && NOUN_CUES.has(this.tokens[thatAt - 1]!.lemma)) {
      objectEnd = thatAt;
      thatAt = -1;
    }
    if (thatAt >= 0) k = thatAt;
    const lead = this.tokens[k];
    // "what Ann Lee said when she resigned": the writer's time clause, not what was said
    const writersClause =
      thatAt < 0 &&
      !!lead &&
      /^(when|as|while|because|although|though)$/.test(lead.lower) &&
      !/^(ask|wonder|question|explain|know|understand|see|learn|show)$/.test(this.tokens[i]!.lemma);
    // "said at a Washington event": the frame's tail, no clause of what was said
    const tail = this.tokens.slice(k, this.clauseEnd(k, limit));
    let noForward = writersClause;
    // a trailing frame ("A, X said at an event.") still has its clause before it
    const trailing = speakerTok > sentenceFirst && this.tokens[speakerTok - 1]!.text === ',';
    const noClause = !tail.some(
      (x) => x.pos === 'VERB' || x.pos === 'AUX' || (this.insideQuote(x.start) && !this.inTitle(x)),
    );
    if (
      thatAt < 0 &&
      speakerBefore &&
      noClause &&
      (lead?.pos === 'ADP' ||
        // "told CNN", "said Tuesday", "wrote Smith": an addressee or a time, not what was
        // said; a verb taking what it is about as its object keeps it ("criticized Ferrylink")
        (!TAKES_NAMED_OBJECT.has(this.tokens[i]!.lemma) &&
          tail.length > 0 &&
          tail.every((x) => x.pos === 'PROPN' || x.pos === 'PUNCT')))
    ) {
      if (!trailing) {
        for (let j = i; j < c.end; j++) this.used.delete(j);
        return;
      }
      noForward = true;
    }
    if (OBJECT_FIRST.has(this.tokens[i]!.lemma) && speakerBefore) {
      // "told reporters that", "told CNN on Thursday how …"
      const np = this.npForward(k, limit);
      let after = np ? this.timeRun(np.next, limit) : -1;
      // the time run ends before an article opening the clause ("on Thursday the plan …")
      while (np && after > np.next && /^(a|an|the)$/.test(this.tokens[after - 1]!.lower)) after--;
      const next = this.tokens[after];
      if (
        np &&
        next &&
        (/^(that|how|why|what|whether|if|when|where|who)$/.test(next.lower) ||
          /^[:,]$/.test(next.text) ||
          // "told CNN on Thursday the plan would fail": a clause with no "that"
          (['PRON', 'DET', 'PROPN', 'NOUN', 'NUM'].includes(next.pos) &&
            this.tokens
              .slice(after, this.clauseEnd(after, limit))
              .some((x) => x.pos === 'VERB' || x.pos === 'AUX')))
      )
        k = after;
      else if (TELL_LIKE.has(this.tokens[i]!.lemma) && noClause) {
        // "X told The Gazette on Thursday.": only the addressee follows
        if (!trailing) {
          for (let j = i; j < c.end; j++) this.used.delete(j);
          return;
        }
        noForward = true;
      }
    }
    if (thatAt < 0) k = this.afterDatePhrase(k, si);
    while (
      k < limit &&
      TIME_WORDS.has(this.tokens[k]!.lower) &&
      thatAt < 0 &&
      this.timeRun(k, limit) > k
    )
      k = this.timeRun(k, limit);
    // "said after the convention he would …": the time run ends inside a phrase; its
    // nouns belong to it when a clause's subject follows
    if (
      k > c.end &&
      thatAt < 0 &&
      /^(the|a|an|after|before|during)$/.test(this.tokens[k - 1]!.lower)
    ) {
      let j = k;
      while (j < limit && ['NOUN', 'PROPN'].includes(this.tokens[j]!.pos)) j++;
      if (j > k && ['PRON', 'DET'].includes(this.tokens[j]?.pos ?? '')) k = j;
    }
    while (k < limit && /^[,:]$/.test(this.tokens[k]!.text)) k++;
    let forwardEnd = this.beforeOtherAttribution(k, this.clauseEnd(k, limit));
    // "When Clinton noted that …, he interrupted": the subordinate clause ends at its comma
    const opener = this.tokens[sentenceFirst];
    if (
      speakerBefore &&
      opener &&
      /^(when|as|while|after|before|because|if|although|though|since|once|whereas)$/.test(
        opener.lower,
      ) &&
      subjectStart <= sentenceFirst + 2
    ) {
      for (let j = k + 1; j < forwardEnd; j++) {
        if (this.tokens[j]!.text === ',' && !this.insideQuote(this.tokens[j]!.start)) {
          forwardEnd = j;
          break;
        }
      }
    }
    if (/ing$/.test(this.tokens[i]!.lower) && thatAt < 0) {
      for (let j = k + 1; j < forwardEnd; j++) {
        if (this.tokens[j]!.text === ',') {
          forwardEnd = j;
          break;
        }
      }
    }
    forwardEnd = noForward ? k : this.writersAddition(k, forwardEnd, thatAt < 0);
    if (objectEnd > k) forwardEnd = objectEnd;
    // "Hamas, which X considers a precondition, is …": X's words are the relative
    // clause's, about what "which" stands for (the phrase before the comma)
    const objectRelative =
      speakerBefore &&
      speakerTok >= sentenceFirst + 2 &&
      /^(which|whom)$/.test(this.tokens[speakerTok - 1]!.lower) &&
      this.tokens[speakerTok - 2]!.text === ',' &&
      !this.insideQuote(this.tokens[speakerTok - 2]!.start);
    // "X, who understood that …, told his aides …": the relative clause ends at its comma
    if (
      speakerBefore &&
      (objectRelative ||
        (RELATIVE.has(this.text.slice(d.speaker!.start, d.speaker!.end).toLowerCase()) &&
          this.tokens[speakerTok - 1]?.text === ','))
    ) {
      for (let j = k + 1; j < forwardEnd; j++) {
        if (this.tokens[j]!.text !== ',' || this.insideQuote(this.tokens[j]!.start)) continue;
        let v = j + 1;
        while (v < forwardEnd && this.tokens[v]!.pos === 'ADV') v++;
        if (['VERB', 'AUX'].includes(this.tokens[v]?.pos ?? '')) {
          forwardEnd = j;
          break;
        }
      }
    }
    // "what the senators said was X", "what she called a “rant”", "what the campaign
    // hopes": a free relative; "what" stands for what was said, with any words after the cue
    const what = this.tokens[speakerTok - 1];
    if (speakerBefore && what && what.lower === 'what' && !nested) {
      const parts: Range[] = [{ start: what.start, end: what.end }];
      if (forwardEnd > k)
        parts.push({ start: this.tokens[k]!.start, end: this.tokens[forwardEnd - 1]!.end });
      this.add({ ...d, content: parts }, 1);
      return;
    }
    const content: Range[] = [];
    // material before the subject: "…, X said" (trailing) or "A, X said, B" (parenthetical)
    const precededByComma =
      subjectStart > sentenceFirst && /^[,:]$/.test(this.tokens[subjectStart - 1]!.text);
    const backStart = this.backClauseStart(subjectStart - 1, sentenceFirst);
    // the stretch before is a clause (it has a verb), not "Last month," or "In Paris,"
    const backHasVerb = this.tokens
      .slice(backStart, subjectStart - 1)
      .some((t) => t.pos === 'VERB' || t.pos === 'AUX');
    // a frame in the middle ("…, X said, …") or at the end ("…, X said Friday.")
    // an inverted frame ends after its speaker ("…, said Ann Lee, a longtime adviser."),
    // whose appositive (no verb up to the sentence end) is not more of what was said
    const frameTail = speakerBefore ? c.end : this.tokenAt(d.speaker!.end);
    const afterCue = this.tokens[this.timeRun(frameTail, limit)];
    const appositive =
      !speakerBefore &&
      afterCue?.text === ',' &&
      !this.tokens
        .slice(frameTail + 1, limit)
        .some((t) => t.pos === 'VERB' || t.pos === 'AUX' || this.insideQuote(t.start));
    const frameEnds =
      forwardEnd <= k ||
      afterCue?.text === ',' ||
      !afterCue ||
      afterCue.pos === 'PUNCT' ||
      appositive;
    // "…, X said Friday, as they …": what follows the frame is the writer's
    const goesOn =
      !appositive &&
      afterCue?.text === ',' &&
      !/^(as|while|because|after|before|when|since|amid|adding|noting|saying|and|but|though|although|in|at|on|during)$/i.test(
        this.tokens[this.timeRun(frameTail, limit) + 1]?.lower ?? '',
      );
    const backIsClause =
      precededByComma && backStart < subjectStart - 1 && (backHasVerb || (goesOn && thatAt < 0));
    if (backIsClause && thatAt < 0 && frameEnds) {
      content.push({
        start: this.tokens[backStart]!.start,
        end: this.tokens[subjectStart - 2]!.end,
      });
      // "…, X said, …" keeps going only after a comma
      if (forwardEnd > k && goesOn) {
        content.push({ start: this.tokens[k]!.start, end: this.tokens[forwardEnd - 1]!.end });
      }
    } else if (
      speakerBefore &&
      (forwardEnd - k >= 2 ||
        (forwardEnd - k === 1 && thatAt < 0 && ['PROPN', 'NOUN'].includes(this.tokens[k]!.pos)))
    ) {
      const antecedent = objectRelative ? this.relativeAntecedent(speakerTok - 2) : null;
      if (antecedent) content.push(antecedent);
      content.push({ start: this.tokens[k]!.start, end: this.tokens[forwardEnd - 1]!.end });
    }
    if (content.length === 0) {
      for (let j = i; j < c.end; j++) this.used.delete(j);
      return;
    }
    if (nested && !/^\p{Lu}/u.test(this.text.slice(d.speaker!.start, d.speaker!.end))) return;
    if (nested && /^(i|we|you)$/i.test(this.text.slice(d.speaker!.start, d.speaker!.end))) return;
    const lone = content.length === 1 ? this.tokens[this.tokenAt(content[0]!.start)] : undefined;
    const namedObject = !!lone && thatAt < 0 && !nested && ['PROPN', 'NOUN'].includes(lone.pos);
    this.add(
      { ...d, content, nested, thought: d.thought || nested },
      namedObject ? 1 : 2,
      objectRelative,
    );
  }

  /**
   * What "which" after the comma at `comma` stands for, when the relative clause sits in
   * the subject of a reported clause ("said that [the eradication of Hamas], which X
   * considers …, is …"): that subject, from the clause's start, with no verb before the
   * comma. Null elsewhere: a relative clause closing a sentence keeps to its own words.
   */
  private relativeAntecedent(comma: number): Range | null {
    const at = this.tokens[comma]!.start;
    const part = this.drafts.flatMap((o) => o.content).find((c) => c.start < at && at < c.end);
    if (!part) return null;
    let first = this.tokenAt(part.start);
    for (let x = first; x < comma; x++) {
      if (['VERB', 'AUX'].includes(this.tokens[x]!.pos)) return null;
    }
    // the reported clause's "that" is not part of what "which" stands for
    if (this.tokens[first]!.lower === 'that' && first + 1 < comma) first++;
    return { start: this.tokens[first]!.start, end: this.tokens[comma - 1]!.end };
  }

  /**
   * A reported clause does not run into another attribution of the same sentence
   * ("X said A, and when asked about B, Y replied, “…”"): it ends at the first
   * ", and/but/when …" before the other's cue or words, else at the last comma.
   */
  private beforeOtherAttribution(k: number, end: number): number {
    if (end <= k) return end;
    const from = this.tokens[k]!.start;
    const to = this.tokens[end - 1]!.end;
    const others = this.drafts.flatMap((d) =>
      // a quote holding the clause (a speaker relaying another) does not block it
      d.content.filter((c) => c.start < to && from < c.end && !(c.start <= from && from < c.end)),
    );
    let blocker = -1;
    for (let j = k; j < end && blocker < 0; j++) {
      const t = this.tokens[j]!;
      if (this.used.has(j) || others.some((c) => t.start >= c.start && t.start < c.end))
        blocker = j;
    }
    if (blocker < 0) return end;
    let lastComma = -1;
    for (let j = k + 1; j < blocker; j++) {
      if (this.tokens[j]!.text !== ',' || this.insideQuote(this.tokens[j]!.start)) continue;
      if (/^(and|but|while|when|as|so|yet)$/.test(this.tokens[j + 1]?.lower ?? '')) return j;
      lastComma = j;
    }
    return lastComma > k ? lastComma : blocker;
  }

  /**
   * Where the writer takes over after what was attributed: a participle after a comma
   * (", contradicting …", ", implicitly putting …"), and after an object with no clause
   * of its own ("attacked her rival as a fraud | during the debate"), the occasion: a
   * time, a place, "in a statement". A reported clause keeps its own adverbials.
   */
  private writersAddition(k: number, end: number, object: boolean): number {
    const first = this.tokens[k];
    if (!first) return end;
    let clause = !object || ['VERB', 'AUX', 'PART'].includes(first.pos);
    for (let j = k + 1; j < end; j++) {
      const t = this.tokens[j]!;
      if (this.insideQuote(t.start)) continue;
      const next = this.tokens[j + 1];
      if (t.text === ',' && next) {
        let v = j + 1;
        if (this.tokens[v]!.pos === 'ADV') v++;
        const ing = this.tokens[v];
        if (ing && ing.pos === 'VERB' && /ing$/.test(ing.lower) && v + 1 < end) return j;
      }
      // a verb before this point makes it a clause, which keeps its adverbials
      if (t.pos === 'VERB' || t.pos === 'AUX') clause = true;
      if (clause) continue;
      const after = next?.lower ?? '';
      if (
        OCCASION_START.test(t.lower) ||
        (/^(in|at)$/.test(t.lower) && /^(a|an)$/.test(after)) ||
        (t.lower === 'on' &&
          (WEEKDAYS.test(after) || /^(twitter|facebook|television)$/.test(after))) ||
        (WEEKDAYS.test(t.lower) && this.tokens[j - 1]!.pos !== 'ADP') ||
        (t.lower === 'but' && ['AUX', 'VERB'].includes(next?.pos ?? ''))
      ) {
        // not before "that" or a quote still to come: "told CNN on Friday that …"
        const rest = this.tokens.slice(j, end);
        if (rest.some((x) => x.lower === 'that' || this.insideQuote(x.start))) return end;
        return j;
      }
    }
    return end;
  }

  private timeRun(k: number, limit: number): number {
    let j = k;
    while (
      j < limit &&
      (TIME_WORDS.has(this.tokens[j]!.lower) ||
        this.tokens[j]!.pos === 'NUM' ||
        /^(a|the|an)$/.test(this.tokens[j]!.lower))
    )
      j++;
    return j;
  }

  /** Start of a clause reported before its frame: the sentence start, or after a colon. */
  private backClauseStart(from: number, floor: number): number {
    let j = from;
    while (j > floor && this.tokens[j - 1]!.text !== ':' && this.tokens[j - 1]!.text !== ';') j--;
    return j;
  }

  // ------------------------------------------------------- speakers & dates

  private speakerForm(r: Range): ExtractedSpeaker['form'] {
    const words = this.text.slice(r.start, r.end).trim();
    const lower = words.toLowerCase();
    if (PRONOUNS.has(lower)) return 'PRONOUN';
    const toks = words.split(/\s+/);
    const allTitle = toks.every((w) => {
      const l = w.toLowerCase().replace(/['’]s$/, '');
      return TITLE_WORDS.has(l) || isDemonymWord(w) || /^[a-z]/.test(w);
    });
    if (allTitle) return 'TITLE';
    return toks.some((w) => /^[A-Z]/.test(w)) ? 'NAME' : 'OTHER';
  }

  private resolveSpeakers(): void {
    let lastNamed: Draft | null = null;
    for (const d of this.drafts) {
      if (!d.speaker) continue;
      d.speakerForm = this.speakerForm(d.speaker);
      if (d.continuation) continue;
      const words = this.text.slice(d.speaker.start, d.speaker.end).toLowerCase();
      if (d.speakerForm === 'PRONOUN' && !d.antecedent) {
        if ((PERSONAL_SINGULAR.has(words) || words === 'they' || words === 'it') && lastNamed) {
          const ante = lastNamed.antecedent ?? lastNamed.speaker!;
          // "he", "she": one person, not "Local papers" (a common noun heads no one's name)
          if (!PERSONAL_SINGULAR.has(words) || !this.commonNounHead(ante)) d.antecedent = ante;
        }
      } else if (d.speakerForm === 'NAME' && !d.antecedent) {
        const full = this.fullMention(d);
        if (full) {
          d.antecedent = full;
          d.surname = true;
        }
      } else if (d.speakerForm === 'TITLE' && !d.antecedent && /^the\b/.test(words)) {
        const linked = this.linker?.link(
          this.text.slice(d.speaker.start, d.speaker.end),
          this.options.date,
        );
        if (!linked) d.antecedent = this.titleAntecedent(d, lastNamed);
      }
      if ((d.speakerForm === 'NAME' || d.antecedent) && !d.nested) lastNamed = d;
    }
  }

  /**
   * The earlier, fuller mention of the person a name speaker names in short: "Smith" after
   * "John Smith", "Abu Marzouk" or "Marzouk" after "Mousa Abu Marzouk", "President Trump"
   * after "Donald Trump" (the speaker's name words, its title left out, end the earlier
   * name's). Earlier speakers and the names outside quotes before it count; a country, an
   * institution or a name that two different earlier people end with ("Clinton" after
   * "Bill Clinton" and "Hillary Clinton") gets none. The earlier speaker's own words when
   * it spoke, else the latest such name.
   */
  private fullMention(d: Draft): Range | null {
    const spoken = this.text.slice(d.speaker!.start, d.speaker!.end);
    const mine = nameWords(spoken);
    if (mine.length === 0 || countryNamed(spoken) || isOrganisationLike(spoken)) return null;
    const found: { range: Range; words: string[]; speaker: boolean }[] = [];
    const consider = (range: Range, theirs: string[], speaker: boolean) => {
      if (range.end > d.speaker!.start || theirs.length <= mine.length) return;
      const tail = theirs.slice(theirs.length - mine.length);
      if (tail.every((w, i) => w === mine[i])) found.push({ range, words: theirs, speaker });
    };
    for (const o of this.drafts) {
      if (o === d) break;
      if (o.speaker && !o.antecedent && o.speakerForm === 'NAME') {
        const words = this.text.slice(o.speaker.start, o.speaker.end);
        if (!isOrganisationLike(words) && !countryNamed(words))
          consider(o.speaker, nameWords(words), true);
      }
    }
    for (const run of this.personalNames()) consider(run.range, run.words, false);
    if (found.length === 0) return null;
    // one person however often named: a full name whose words end another's is that one
    const people = found.filter(
      (f) =>
        !found.some(
          (g) =>
            g.words.length > f.words.length &&
            g.words.slice(g.words.length - f.words.length).join(' ') === f.words.join(' '),
        ),
    );
    if (new Set(people.map((f) => f.words.join(' '))).size > 1) return null;
    const spokenBefore = found.find((f) => f.speaker);
    return (spokenBefore ?? found[found.length - 1]!).range;
  }

  private names: { range: Range; words: string[] }[] | null = null;

  /**
   * The runs of proper names outside quotes (particles and a hyphen inside a name:
   * "Ursula von der Leyen", "Abdel Fattah al-Sisi"), with their folded words; no country
   * or institution. Found once per text.
   */
  private personalNames(): { range: Range; words: string[] }[] {
    if (this.names) return this.names;
    const names: { range: Range; words: string[] }[] = [];
    let run: Token[] = [];
    const flush = () => {
      if (run.length > 0) {
        const range = { start: run[0]!.start, end: run[run.length - 1]!.end };
        const words = this.text.slice(range.start, range.end);
        if (!isOrganisationLike(words) && !countryNamed(words))
          names.push({ range, words: nameWords(words) });
      }
      run = [];
    };
    let q = 0;
    for (const t of this.tokens) {
      while (q < this.quotes.length && this.quotes[q]!.close <= t.start) q++;
      const quoted = q < this.quotes.length && this.quotes[q]!.open <= t.start;
      const last = run[run.length - 1];
      const inside =
        !!last && (NAME_PARTICLE.test(t.text) || (t.text === '-' && t.start === last.end));
      const inName = !quoted && (t.pos === 'PROPN' || inside);
      if (inName && (!last || last.sentence === t.sentence)) run.push(t);
      else {
        flush();
        if (inName) run.push(t);
      }
    }
    flush();
    this.names = names;
    return names;
  }

  /**
   * The earlier mention a definite title ("the minister", "the ministry") stands for, when
   * one is compatible with it: a title naming an institution goes only to an earlier
   * institution with the same head word ("the ministry" → "the Malaysian Foreign
   * Ministry"), never to a person; a person's title only to the latest named speaker
   * when that is no institution, and no demonym the article gives that speaker
   * ("Russian Foreign Minister Sergey Lavrov") contradicts the title's ("the Malaysian
   * foreign minister"). Otherwise none: an unresolved title is better than a wrong one.
   */
  private titleAntecedent(d: Draft, lastNamed: Draft | null): Range | null {
    const title = this.text.slice(d.speaker!.start, d.speaker!.end);
    const demonyms = demonymsOf(title);
    const compatible = (ante: Range) => {
      if (demonyms.size === 0) return true;
      const theirs = this.demonymsOfMention(ante);
      // what the graph knows: the countries whose posts the mention's entity holds on the date
      const link = this.linker?.link(this.text.slice(ante.start, ante.end), this.options.date);
      if (link)
        for (const iso of this.linker?.countriesOf?.(link.id, this.options.date) ?? [])
          theirs.add(iso);
      return theirs.size === 0 || [...demonyms].some((x) => theirs.has(x));
    };
    if (isOrganisationLike(title)) {
      const head = title.trim().split(/\s+/).pop()!.toLowerCase();
      for (let k = this.drafts.indexOf(d) - 1; k >= 0; k--) {
        const o = this.drafts[k]!;
        if (!o.speaker || o.nested) continue;
        const ante = o.antecedent ?? o.speaker;
        const theirs = this.text.slice(ante.start, ante.end);
        if (ante.start === d.speaker!.start) continue;
        if (isOrganisationLike(theirs) && theirs.toLowerCase().includes(head) && compatible(ante))
          return ante;
      }
      return null;
    }
    if (!lastNamed) return null;
    const ante = lastNamed.antecedent ?? lastNamed.speaker!;
    if (isOrganisationLike(this.text.slice(ante.start, ante.end))) return null;
    if (this.commonNounHead(ante)) return null;
    return compatible(ante) ? ante : null;
  }

  /** A mention headed by a common noun ("Local papers", "Democratic lawmakers"): a group or a thing, no person's name. */
  private commonNounHead(r: Range): boolean {
    const last = this.text.slice(r.start, r.end).trim().split(/\s+/).pop() ?? '';
    return /^\p{Ll}/u.test(last);
  }

  /** The countries (ISO codes) the demonyms of every mention of the speaker `ante` names give: its own words and its other names. */
  private demonymsOfMention(ante: Range): Set<string> {
    const found = demonymsOf(this.text.slice(ante.start, ante.end));
    const key = lastWordKey(this.text.slice(ante.start, ante.end));
    for (const o of this.drafts) {
      if (!o.speaker || o.antecedent) continue;
      const words = this.text.slice(o.speaker.start, o.speaker.end);
      if (o.speakerForm === 'NAME' && lastWordKey(words) === key)
        for (const x of demonymsOf(words)) found.add(x);
    }
    return found;
  }

  private finish(): ExtractedStatement[] {
    const linker = this.linker;
    const date = this.options.date;
    const cp = codePointIndexer(this.text);
    const span = (r: Range): Span => ({ start: cp(r.start), end: cp(r.end) });
    const inAnyContent = (f: FoundDate) =>
      this.drafts.some((d) => d.content.some((c) => f.start < c.end && c.start < f.end));
    const datesIn = (si: number) => this.datesIn(si);

    // speakers, linked; the date in each attribution's own frame
    const rows = this.drafts.map((d) => {
      let speaker: ExtractedSpeaker | null = null;
      let key: string | null = null;
      if (d.speaker) {
        const words = this.text.slice(d.speaker.start, d.speaker.end);
        speaker = { text: words, ...span(d.speaker), form: d.speakerForm };
        const ante = d.antecedent;
        if (ante)
          speaker.antecedent = { text: this.text.slice(ante.start, ante.end), ...span(ante) };
        const joint = d.speakerForm === 'NAME' && !ante ? jointNames(words) : null;
        if (joint)
          speaker.joint = joint.map((name) => {
            const id = linker?.link(name, date)?.id;
            return id ? { text: name, id } : { text: name };
          });
        if (linker) {
          // a surname is the person its full mention names, not whoever else bears it
          let link = d.speakerForm === 'PRONOUN' || d.surname ? null : linker.link(words, date);
          let by: ExtractedSpeaker['linkedBy'] = link?.by;
          if (!link && ante) {
            link = linker.link(this.text.slice(ante.start, ante.end), date);
            by = link ? (d.continuation ? link.by : 'coreference') : undefined;
          }
          if (link) {
            speaker.id = link.id;
            speaker.linkedBy = by;
          }
        }
        const named = ante ?? d.speaker;
        key = speaker.id ?? lastWordKey(this.text.slice(named.start, named.end));
      }
      const own = d.nested || !d.cue ? null : this.ownDate(d, inAnyContent);
      return { d, speaker, key, own };
    });

    // occasions: a speaker's dated attribution, or a dated sentence about an interview,
    // a visit, talks, a speech … naming them; in text order
    const occasions: Occasion[] = [];
    for (const r of rows) {
      if (r.own && r.key)
        occasions.push({ key: r.key, at: r.d.content[0]!.start, si: r.d.sentence, date: r.own });
    }
    if (rows.length > 0) {
      for (let si = 0; si < this.sentences.length; si++) {
        const s = this.sentences[si]!;
        if (!OCCASION.test(this.text.slice(s.start, s.end))) continue;
        const found = datesIn(si).filter((f) => !inAnyContent(f));
        if (found.length === 0) continue;
        for (const key of this.namesIn(s))
          occasions.push({ key, at: s.start, si, date: found[0]! });
      }
    }
    occasions.sort((a, b) => a.at - b.at);
    const keys = new Map(rows.map((r) => [r.d, r.key]));

    return rows.map(({ d, speaker, key, own }) => {
      let found: ExtractedDate | null = own ? { ...own, own: true } : null;
      // a title resolved to an earlier mention only by guess does not take a date from
      // another sentence: undated is better than another occasion's date
      const guessed = d.speakerForm === 'TITLE' && d.antecedent !== null;
      if (!found && key && !d.nested && !guessed) {
        const carried = this.carriedDate(d, key, occasions, keys);
        if (carried) found = { ...carried, own: false };
      }
      // the spans of the recorded words: evidence starts where the recorded text does
      const recorded = recordedSpans(this.text, d.content);
      const content = recorded.map(span);
      const raw = recorded.map((r) => this.text.slice(r.start, r.end));
      const quotedWhole = d.content.every((r) => this.isQuoted(r));
      const holdsQuote =
        !quotedWhole &&
        d.content.some((r) => this.quotes.some((q) => q.open >= r.start && q.close <= r.end + 1));
      const kind: ExtractedStatement['kind'] =
        d.nested || d.thought
          ? 'REPORTED'
          : quotedWhole || d.direct
            ? 'DIRECT_QUOTE'
            : 'PARAPHRASE';
      const form: ExtractedStatement['form'] =
        d.direct || quotedWhole ? 'DIRECT' : holdsQuote ? 'MIXED' : 'INDIRECT';
      const mentions: ExtractedStatement['mentions'] = [];
      if (linker) {
        for (const r of recorded) {
          for (const m of linker.findMentions(this.text.slice(r.start, r.end))) {
            const abs = { start: r.start + m.start, end: r.start + m.end };
            mentions.push({ id: m.id, text: this.text.slice(abs.start, abs.end), ...span(abs) });
          }
        }
      }
      return {
        text: recordedText(raw),
        kind,
        form,
        content,
        speaker,
        cue: d.cue ? span(d.cue) : null,
        date: found ? { ...found, ...span(found) } : null,
        mentions,
        confidence: confidenceOf(d, kind, form, speaker),
      };
    });
  }

  /**
   * The date of saying given in an attribution's own sentence, or null:
   * 1. a date phrase attached to its cue (see `verbOfDate`), the nearest if several:
   *    "X said on Sunday that …", "…, X said last week", "On Monday, X said …",
   *    "X, speaking on Monday, said …" — but not "X, who visited Riga in 2011, said …";
   * 2. else a date phrase opening the sentence, before every attribution's speaker and
   *    cue and attached to one of them: it governs all of them ("On Monday, X said A
   *    and Y said B": Y's too).
   * Never a date inside any attribution's content or inside quotation marks: what the
   * speaker talks about ("the ceasefire of March 3") is not when they said it; nor, by
   * findDates, a date after the article's, a bound ("since May") or a noun's modifier.
   */
  private ownDate(d: Draft, inAnyContent: (f: FoundDate) => boolean): FoundDate | null {
    const candidates = this.datesIn(d.sentence).filter((f) => !inAnyContent(f));
    if (candidates.length === 0) return null;
    const sentence = this.drafts.filter(
      (o) => o.sentence === d.sentence && !o.nested && (o.cue || o.speaker),
    );
    const cues = sentence.flatMap((o) => (o.cue ? [o.cue] : []));
    const holder = (f: FoundDate): Range | null => {
      const verb = this.verbOfDate(f, d.sentence, cues);
      if (verb === 'CLAUSE') return null;
      if (verb) return verb;
      // a main clause's other verb ("unleashed tweets early Friday saying"), or none in
      // the date's clause ("On Monday, X said"): the nearest cue
      let best: Range | null = null;
      for (const c of cues)
        if (!best || Math.abs(f.start - c.start) < Math.abs(f.start - best.start)) best = c;
      return best;
    };
    const held = candidates.map((f) => ({ f, cue: holder(f) }));
    if (d.cue) {
      const cue = d.cue;
      const mine = held.filter((h) => h.cue === cue).map((h) => h.f);
      mine.sort((a, b) => Math.abs(a.start - cue.start) - Math.abs(b.start - cue.start));
      if (mine[0]) return mine[0];
    }
    const frames = sentence.flatMap((o) => [o.cue?.start, o.speaker?.start]);
    const frameStart = Math.min(...frames.filter((x): x is number => x !== undefined));
    return held.find((h) => h.cue && h.f.end <= frameStart)?.f ?? null;
  }

  /**
   * The date an undated attribution carries over from its speaker's occasion told in
   * another sentence, when journalists would read it as a continuation of it:
   * - the latest dated occasion before it is the speaker's ("Lavrov said on Sunday …"
   *   and his quotes in the paragraphs after; "Last month, X … in an interview" and X's
   *   words after), and no one else's words come between (after the occasion's
   *   sentence). Another's dated occasion in between ends the carry-over (the article
   *   has moved to another time), and so does another speaker's attribution (it has
   *   moved to another voice);
   * - or, before any dated occasion of the article (a pull quote or headline above the
   *   lead), the first one, when it is the speaker's and in the next paragraph that
   *   attributes anything.
   * Otherwise none: the statement is undated (recorded on or before the article's date).
   */
  private carriedDate(
    d: Draft,
    key: string,
    occasions: Occasion[],
    keys: Map<Draft, string | null>,
  ): FoundDate | null {
    const at = d.content[0]!.start;
    const before = occasions.filter((o) => o.at <= at);
    if (before.length > 0) {
      // occasions told in one sentence ("X and Y met on Monday") are one
      const last = before[before.length - 1]!;
      const mine = before.find((o) => o.at === last.at && o.key === key);
      if (!mine) return null;
      const after = this.sentences[mine.si]!.end;
      const interrupted = this.drafts.some((o) => {
        const theirs = keys.get(o);
        return (
          !o.nested &&
          theirs &&
          theirs !== key &&
          o.content[0]!.start >= after &&
          o.content[0]!.start < at
        );
      });
      return interrupted ? null : mine.date;
    }
    const next = occasions[0];
    if (!next) return null;
    const mine = occasions.find((o) => o.at === next.at && o.key === key);
    if (!mine) return null;
    const paragraphOf = (si: number) => this.sentences[si]!.paragraph;
    const own = paragraphOf(d.sentence);
    const following = this.drafts
      .map((o) => paragraphOf(o.sentence))
      .filter((p) => p > own)
      .sort((a, b) => a - b)[0];
    return following === paragraphOf(mine.si) ? mine.date : null;
  }

  /**
   * What a date phrase belongs to, from the nearest verb before it in its clause (no
   * comma, colon or quotation mark between): a cue (`Range`) when that verb is one ("X
   * said on Sunday", "according to X on Monday"); 'CLAUSE' when it is the verb of a
   * relative or subordinate clause ("X, who visited Riga in 2011, said", "when he ran in
   * 2008"): not when anything was said; null otherwise. A participle of the frame is
   * not such a verb ("X, speaking on Monday, said").
   */
  private verbOfDate(f: FoundDate, si: number, cues: Range[]): Range | 'CLAUSE' | null {
    const s = this.sentences[si]!;
    const cueOf = (t: Token) => cues.find((c) => t.start >= c.start && t.start < c.end);
    for (let j = this.tokenAt(f.start) - 1; j >= s.first; j--) {
      const t = this.tokens[j]!;
      if (/^[,;:()]$/.test(t.text) || QUOTE_MARKS.test(t.text)) return null;
      const cue = cueOf(t);
      if (cue) return cue;
      if ((t.pos !== 'VERB' && t.pos !== 'AUX') || FRAME_PARTICIPLE.test(t.lower)) continue;
      for (let k = j - 1; k >= s.first; k--) {
        const w = this.tokens[k]!;
        if (/^[,;:()]$/.test(w.text) || QUOTE_MARKS.test(w.text) || cueOf(w)) break;
        if (SUBORDINATORS.test(w.lower)) return 'CLAUSE';
      }
      return null;
    }
    return null;
  }

  private isQuoted(r: Range): boolean {
    const t = this.text.slice(r.start, r.end);
    const q = this.quoteContaining(r.start) ?? this.quoteContaining(r.start + 1);
    if (q && r.end <= q.close) return true;
    // "that “…”": only a connective before the quote
    const inner = this.quotes.find((x) => x.open >= r.start && x.close <= r.end + 1);
    if (!inner) return false;
    const before = t.slice(0, inner.open - r.start);
    const afterText = this.text.slice(inner.close, r.end);
    return (
      /^\s*(that|,|\s|therefore|however|and|but|:)*\s*$/i.test(before) &&
      /^[\s.,!?]*$/.test(afterText)
    );
  }

  /** Keys of the names in a sentence outside quotes: linked ids, else the words. */
  private namesIn(s: Sentence): string[] {
    const keys: string[] = [];
    let run: Token[] = [];
    const flush = () => {
      if (run.length > 0) {
        const words = this.text.slice(run[0]!.start, run[run.length - 1]!.end);
        const link = this.linker?.link(words, this.options.date);
        keys.push(link?.id ?? lastWordKey(words));
      }
      run = [];
    };
    for (let i = s.first; i < s.last; i++) {
      const t = this.tokens[i]!;
      if (t.pos === 'PROPN' && !this.insideQuote(t.start)) run.push(t);
      else flush();
    }
    flush();
    return keys;
  }
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i < b; i++) out.push(i);
  return out;
}

/** Nationality adjective (lower case) → its country's ISO code: the name matcher's table. */
const COUNTRY_OF_DEMONYM = new Map(
  DEMONYMS.flatMap((d) => d.adjectives.map((a) => [a.toLowerCase(), d.iso] as const)),
);

/** The countries the nationality words in a speaker's words name ("Russian" → RUS), as ISO codes. */
function demonymsOf(words: string): Set<string> {
  return new Set(
    words
      .split(/[^\p{L}]+/u)
      .filter((w) => /^\p{Lu}/u.test(w))
      .map((w) => COUNTRY_OF_DEMONYM.get(w.toLowerCase()))
      .filter((iso): iso is string => !!iso),
  );
}

/**
 * The words of a personal name, its title and a possessive left out, folded (case,
 * accents, an Arabic article joined by a hyphen: "al-Sisi" is "sisi"): what a shorter
 * mention is compared with.
 */
function nameWords(words: string): string[] {
  const { name } = splitTitle(words.replace(/^(the|a|an)\s+/i, '').replace(/['’]s?$/u, ''));
  return name
    .split(/\s+/)
    .map((w) =>
      w
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/^(al|el|ad|ar|as|at|an|ash|ad)-/, '')
        .replace(/[.,]$/, ''),
    )
    .filter((w) => w && /\p{L}/u.test(w));
}

/** Lower-case particles of personal names ("von der Leyen", "al-Sisi", "bin Salman"). */
const NAME_PARTICLE = /^(al|el|bin|ibn|abu|de|van|von|der|den|da|di|du|la|le|dos|das)$/i;

/** A speaker's key without a linker: the last word of the name ("Lavrov"). */
function lastWordKey(words: string): string {
  const last = words.trim().split(/\s+/).pop() ?? '';
  return last.toLowerCase().replace(/['’]s?$/, '');
}

function confidenceOf(
  d: Draft,
  kind: ExtractedStatement['kind'],
  form: ExtractedStatement['form'],
  speaker: ExtractedSpeaker | null,
): number {
  if (!speaker) return 0.3;
  let c = form === 'DIRECT' ? 0.9 : 0.85;
  if (kind === 'REPORTED') c = 0.7;
  if (speaker.form === 'TITLE') c -= 0.05;
  if (speaker.form === 'PRONOUN') c -= speaker.antecedent ? 0.1 : 0.3;
  if (d.continuation) c -= 0.2;
  if (d.hearsay) c -= 0.1;
  if (!speaker.id && speaker.form !== 'PRONOUN') c -= 0.05;
  return Math.max(0.05, Math.round(c * 100) / 100);
}

/** Maps UTF-16 offsets to code-point offsets (identity when the text has no astral characters). */
export function codePointIndexer(text: string): (utf16: number) => number {
  if (!/[\uD800-\uDBFF]/.test(text)) return (i) => i;
  const map = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        map[i + 1] = cp;
        i++;
      }
    }
    cp++;
  }
  map[text.length] = cp;
  return (i) => map[i]!;
}
