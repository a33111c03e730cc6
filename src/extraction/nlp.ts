/**
 * Sentences and tokens with wink-nlp (wink-eng-lite-web-model, an npm package:
 * nothing is downloaded at run time), with UTF-16 offsets into the text.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Token {
  text: string;
  lower: string;
  lemma: string;
  pos: string;
  start: number;
  end: number;
  /** Index of the sentence holding it. */
  sentence: number;
  paragraph: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** Token index range [first, last). */
  first: number;
  last: number;
  paragraph: number;
}

/** Verbs of saying as headlines write them: "Says", "Calls", "Slams", "Vows". */
const HEADLINE_VERBS =
  /^(Say|Call|Slam|Rip|Blast|Hit|Vow|Urge|Warn|Seek|Speak|Reveal|Show|Claim|Den(y|ie)|Accuse|Blame|Praise|Endorse|Back|Reject|Question|Defend|Demand|Insist|Admit|Argue|Suggest|Tell|Ask|See|Think|Want|Hope|Fear|Doubt|Tout|Mock|Knock|Hammer|Dismiss|Criticize|Condemn|Welcome|Predict|Promise|Pledge|Announce|Confirm|Explain|Attack)s?$/;

/** Most words capitalised, no sentence break inside: a headline set in Title Case. */
function isTitleCase(chunk: string): boolean {
  const words = chunk.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  const long = words.filter((w) => w.length >= 4);
  if (long.length < 3 || chunk.length > 200) return false;
  return long.filter((w) => /^\p{Lu}/u.test(w)).length / long.length >= 0.8;
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | null = null;
const engine = (): Nlp => (nlp ??= winkNLP(model));

/** Tokens and sentences of each paragraph (sentences never cross a paragraph). */
export function analyse(
  text: string,
  paragraphs: readonly { start: number; end: number }[],
): { tokens: Token[]; sentences: Sentence[] } {
  const n = engine();
  const its = n.its;
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  paragraphs.forEach((p, pi) => {
    const chunk = text.slice(p.start, p.end);
    // a headline in Title Case ("Senator Calls Plan ‘A Disgrace’"): its verbs of saying are
    // read in lower case, or the tagger takes them for names; same length, same offsets
    const headline = isTitleCase(chunk);
    const tagged = headline
      ? chunk.replace(/\b\p{Lu}\p{Ll}+\b/gu, (w) => (HEADLINE_VERBS.test(w) ? w.toLowerCase() : w))
      : chunk;
    const doc = n.readDoc(tagged);
    const values = doc.tokens().out() as string[];
    // the lemma reader takes the model's add-ons, which its typings leave out
    const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
    const pos = doc.tokens().out(its.pos) as string[];
    const base = tokens.length;
    let cursor = 0;
    const offsets: [number, number][] = [];
    values.forEach((value, vi) => {
      let at = tagged.indexOf(value, cursor);
      if (at < 0) at = cursor; // the tokenizer changed the form: keep the running position
      const end = Math.min(chunk.length, at + value.length);
      offsets.push([at, end]);
      cursor = end;
      if (headline) values[vi] = chunk.slice(at, end);
    });
    const spans: [number, number][] = [];
    doc.sentences().each((s: { out(f: unknown): unknown }) => {
      spans.push(s.out(its.span) as [number, number]);
    });
    if (spans.length === 0 && values.length > 0) spans.push([0, values.length - 1]);
    // a "sentence" starting lower case, or with a comma, a semicolon or a closing
    // bracket, continues the one before: the split was at an abbreviation ("Sen. David
    // Perdue (R-Ga.) said …", "said Rep. Ann Lee (D-Ore.), who …")
    for (let k = spans.length - 1; k > 0; k--) {
      const firstWord = values[spans[k]![0]]!;
      if (/^(\p{Ll}|[,;)\]])/u.test(firstWord)) {
        spans[k - 1] = [spans[k - 1]![0], spans[k]![1]];
        spans.splice(k, 1);
      }
    }
    // a capitalised word inside a sentence tagged as a verb is a name ("…," Lynch said)
    for (const [a, b] of spans) {
      for (let k = a + 1; k <= b; k++) {
        const prev = values[k - 1]!;
        if (headline && HEADLINE_VERBS.test(values[k]!)) {
          // after its subject, a headline verb the tagger read as a noun ("Lawmakers Rip …")
          if (['PROPN', 'NOUN'].includes(pos[k - 1] ?? '')) pos[k] = 'VERB';
          continue;
        }
        if (
          pos[k] === 'VERB' &&
          /^\p{Lu}\p{Ll}/u.test(values[k]!) &&
          !/^[“"«„‘(:]$/.test(prev) &&
          k - 1 > a
        ) {
          pos[k] = 'PROPN';
        } else if (pos[k] === 'VERB' && /^\p{Lu}\p{Ll}/u.test(values[k]!) && /^[”"»]$/.test(prev)) {
          pos[k] = 'PROPN';
        }
      }
      // … and so is one opening the sentence before a verb ("Lynch said …"): an
      // imperative is followed by its object, not by another verb
      if (
        pos[a] === 'VERB' &&
        /^\p{Lu}\p{Ll}+$/u.test(values[a]!) &&
        (pos[a + 1] === 'VERB' || pos[a + 1] === 'AUX')
      ) {
        pos[a] = 'PROPN';
      }
    }
    for (const [a, b] of spans) {
      const si = sentences.length;
      for (let k = a; k <= b; k++) {
        const [s, e] = offsets[k]!;
        tokens.push({
          text: values[k]!,
          lower: values[k]!.toLowerCase(),
          lemma: (lemmas[k] ?? values[k]!).toLowerCase(),
          pos: pos[k] ?? 'X',
          start: p.start + s,
          end: p.start + e,
          sentence: si,
          paragraph: pi,
        });
      }
      sentences.push({
        start: p.start + offsets[a]![0],
        end: p.start + offsets[b]![1],
        first: base + a,
        last: base + b + 1,
        paragraph: pi,
      });
    }
  });
  return { tokens, sentences };
}
