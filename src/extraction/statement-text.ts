/**
 * The text a candidate statement is recorded with, from its content spans' words, and
 * where in the article those words are: the one rule the extractor (and so
 * `statement-graph extract`) and the review API share.
 *
 * Quotation marks: a recorded text has balanced marks, or none. The marks around a
 * whole part (a direct quote, "that “…”") are dropped; marks inside a part (a mixed
 * quote's quoted words, ‘friendly fire’) are kept in pairs; a mark whose partner lies
 * outside the content gets its partner at the content's edge: “ opened and not closed
 * before the content ends is closed at its end (a mixed quote cut there, a quote
 * running on into the next paragraph), a ” whose opening lies before the content is
 * opened at its start. An apostrophe (Russia’s, Hamas’) is no mark.
 */
import { findQuotes } from './quotes.js';

/** Leading words a recorded text drops: the reported clause's conjunction. */
const LEADING = /^(that|but|and)\s+/i;
/** "said that was wrong": there "that" is the clause's subject, and stays. */
const THAT_AS_SUBJECT =
  /^that\s+(is|was|were|are|has|had|have|would|will|could|should|may|might|must|can|does|did|seems|means)\b/i;
const EDGE_PUNCTUATION = /^[,;:\s]+|[,;:\s]+$/g;

const CLOSER_OF: Record<string, string> = {
  '“': '”',
  '„': '“',
  '«': '»',
  '»': '«',
  '"': '"',
  '‘': '’',
  '‚': '‘',
  '‹': '›',
  "'": "'",
  '「': '」',
  '『': '』',
};
const OPENER_OF: Record<string, string> = {
  '”': '“',
  '»': '«',
  '’': '‘',
  '›': '‹',
  '"': '"',
  '」': '「',
  '』': '『',
};

/** How many characters a leading conjunction takes at the start of `words` (0 for none). */
export function leadingConjunction(words: string): number {
  if (THAT_AS_SUBJECT.test(words)) return 0;
  return LEADING.exec(words)?.[0].length ?? 0;
}

/** A part's marks balanced: outer ones dropped, inner ones paired (see the file's comment). */
function balanceMarks(part: string, last: boolean): string {
  // a mark left dangling at an edge, with nothing of its quote in the part
  let t = part.replace(/\s*[“„«‘‚‹「『"]$/u, '').replace(/^[”»›」』"]\s*/u, '');
  for (let round = 0; round < 3; round++) {
    const quotes = findQuotes(t);
    const first = quotes[0];
    if (!first || first.open !== 0) break;
    const after = t.slice(first.close).trim();
    // wholly quoted: opens at the start and closes at the end (a stop may follow), or never closes
    if (first.closer === '' || /^[.,!?…;:]*$/.test(after)) {
      const inner = t.slice(1, first.closer === '' ? t.length : first.close - 1);
      t = (inner + after).trim();
      continue;
    }
    break;
  }
  const quotes = findQuotes(t);
  const inside = (i: number) => quotes.some((q) => i >= q.open && i < q.close);
  // a closing mark outside every quote: its opening was cut off before the part
  let orphanCloser = '';
  let orphanAt = -1;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (!(ch in OPENER_OF) || inside(i)) continue;
    const before = t[i - 1] ?? ' ';
    const next = t[i + 1] ?? ' ';
    if (ch === '’' || ch === "'") {
      // only after a stop or a comma (“… ceasefire.’"): after a letter it is an apostrophe
      if (!/[.,!?…]/u.test(before)) continue;
    } else if (ch === '"' && /\s/u.test(before) && !/\s/u.test(next)) continue;
    orphanCloser = ch;
    orphanAt = i;
  }
  if (orphanAt >= 0) {
    const rest = t.slice(orphanAt + 1).trim();
    if (/^[.,!?…;:]*$/.test(rest) && quotes.every((q) => q.close <= orphanAt)) {
      // the part ends its quote: everything before the mark was quoted
      if (quotes.length === 0) t = (t.slice(0, orphanAt) + rest).trim();
      else t = OPENER_OF[orphanCloser]! + t;
    } else {
      t = OPENER_OF[orphanCloser]! + t;
    }
  }
  // a quote opened in the part and not closed in it: closed at the part's end
  const open = findQuotes(t).find((q) => q.closer === '');
  if (open) {
    const mark = t[open.open]!;
    t = t.replace(/[,;:\s]+$/, '');
    // the text's full stop inside the mark closing it (“… leaks.”), as news sets it
    if (last && !/[.!?…]$/.test(t)) t += '.';
    t += CLOSER_OF[mark] ?? '”';
  }
  return t;
}

/**
 * A leading "that" (or "but", "and") and the commas at the edges dropped; quotation
 * marks balanced (the file's comment); the parts of an interrupted quote joined by
 * " … " (the writer's words between them are left out); a closing full stop and a
 * capital.
 */
export function recordedText(parts: readonly string[]): string {
  let t = parts
    .map((p, i) => {
      let words = p.replace(/\s+/g, ' ').replace(EDGE_PUNCTUATION, '');
      if (i === 0) words = words.slice(leadingConjunction(words));
      return balanceMarks(words, i === parts.length - 1).replace(EDGE_PUNCTUATION, '');
    })
    .filter(Boolean)
    .join(' … ')
    .trim();
  if (t && !/[.!?…]["”’»›」』]*$/u.test(t)) t += '.';
  // the first letter, after any opening marks ("1,200 soldiers" stays as it is)
  const letter = /^["“„«‘‚‹「『]*/u.exec(t)![0].length;
  return t.slice(0, letter) + t.charAt(letter).toUpperCase() + t.slice(letter + 1);
}

/**
 * Where in the article a statement's recorded words are: each content span with the
 * edges `recordedText` drops left out (spaces, commas, colons and semicolons, and the
 * first span's leading "that"), so stored evidence starts and ends where the recorded
 * text does. Offsets are UTF-16 indices into `text`.
 */
export function recordedSpans<S extends { start: number; end: number }>(
  text: string,
  spans: readonly S[],
): S[] {
  return spans.map((span, i) => {
    const words = text.slice(span.start, span.end);
    let lead = /^[,;:\s]*/.exec(words)![0].length;
    if (i === 0) {
      const conjunction = leadingConjunction(words.slice(lead));
      if (conjunction > 0) {
        lead += conjunction;
        lead += /^[,;:\s]*/.exec(words.slice(lead))![0].length;
      }
    }
    const trail = /[,;:\s]*$/.exec(words.slice(lead))![0].length;
    const start = span.start + lead;
    const end = span.end - trail;
    return end > start ? { ...span, start, end } : span;
  });
}
