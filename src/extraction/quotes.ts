/**
 * Quotation marks: finds the quoted stretches of a text in every common style
 * (“ ” " " « » „ “ ‚ ‘ ‘ ’ ' ' ‹ › 「 」), nested quotes inside outer ones, and
 * quotes running over paragraphs (a paragraph ending inside an open quote,
 * continued by an opening mark at the start of the next paragraph, as English
 * typesetting does). Offsets are UTF-16 indices; conversion to code points
 * happens once, at the extractor's boundary.
 */

export interface Quote {
  /** Index of the opening mark. */
  open: number;
  /** Index just after the closing mark (or the end of the last paragraph when unclosed). */
  close: number;
  /** The quoted words, one part per paragraph, marks excluded. */
  parts: { start: number; end: number }[];
  /** The mark that closed it ('' when the quote ran to a paragraph's end unclosed). */
  closer: string;
}

const DOUBLE_CLOSERS: Record<string, string[]> = {
  // mixed typography ("“no evidence" yet") closes a curly quote with a straight mark
  '“': ['”', '“', '"'],
  '„': ['“', '”'],
  '«': ['»'],
  '»': ['«'],
  '"': ['"', '”'],
  '”': ['”'],
  '「': ['」'],
  '『': ['』'],
};
const SINGLE_CLOSERS: Record<string, string[]> = {
  '‘': ['’'],
  '‚': ['‘', '’'],
  '‹': ['›'],
  "'": ["'", '’'],
};

const isLetterOrDigit = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
const isSpace = (ch: string | undefined) => ch === undefined || /\s/u.test(ch);

/** A mark at i can open when it does not sit inside a word and something follows. */
function canOpen(text: string, i: number): boolean {
  const before = text[i - 1];
  const after = text[i + 1];
  if (after === undefined || isSpace(after)) return false;
  if (isLetterOrDigit(before)) return false;
  return true;
}

function canClose(text: string, i: number, mark: string): boolean {
  const before = text[i - 1];
  const after = text[i + 1];
  if (isSpace(before) && !isSpace(after)) return false;
  // an apostrophe inside a word (don’t, Russia’s) closes nothing
  if ((mark === '’' || mark === "'") && isLetterOrDigit(before) && isLetterOrDigit(after)) {
    return false;
  }
  return true;
}

interface Paragraph {
  start: number;
  end: number;
}

export function paragraphsOf(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\n\r\u2028\u2029]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let start = m.index;
    let end = m.index + m[0].length;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}

/** Top-level quotes of the text, in order; quotes nested inside them are not listed. */
export function findQuotes(source: string, paragraphs = paragraphsOf(source)): Quote[] {
  // two apostrophes as a double mark (''like this''), read as one mark of the same length
  const text = source.replace(/''/g, '"\u200b').replace(/``/g, '"\u200b');
  const quotes: Quote[] = [];
  let pending: { quote: Quote; opener: string } | null = null;
  for (const p of paragraphs) {
    let i = p.start;
    let open: { at: number; opener: string; closers: string[]; quote: Quote } | null = null;
    if (pending) {
      // continued from the previous paragraph only when this one opens with a mark
      const first = text[p.start]!;
      if (first in DOUBLE_CLOSERS || first in SINGLE_CLOSERS || first === pending.opener) {
        const closers: string[] =
          DOUBLE_CLOSERS[pending.opener] ?? SINGLE_CLOSERS[pending.opener] ?? [];
        open = { at: p.start, opener: pending.opener, closers, quote: pending.quote };
        i = p.start + 1;
      } else {
        quotes.push(pending.quote);
      }
      pending = null;
    }
    let single: { at: number; closers: string[] } | null = null;
    for (; i < p.end; i++) {
      const ch = text[i]!;
      if (open) {
        if (open.closers.includes(ch) && canClose(text, i, ch)) {
          // a straight or same-shaped mark that could as well open a nested quote
          if (ch === open.opener && ch !== '"' && canOpen(text, i) && !canCloseStrict(text, i)) {
            continue;
          }
          open.quote.parts.push({ start: open.at + 1, end: i });
          open.quote.close = i + 1;
          open.quote.closer = ch;
          quotes.push(open.quote);
          open = null;
        }
        continue;
      }
      if (single) {
        if (single.closers.includes(ch) && canClose(text, i, ch) && !isLetterOrDigit(text[i + 1])) {
          const q: Quote = {
            open: single.at,
            close: i + 1,
            parts: [{ start: single.at + 1, end: i }],
            closer: ch,
          };
          quotes.push(q);
          single = null;
          continue;
        }
      }
      const dbl: string[] | undefined = DOUBLE_CLOSERS[ch];
      // a closing mark may stand for an opening one ("” Text"), but not inside a word
      if (dbl && canOpen(text, i) && ch !== '»') {
        single = null;
        open = {
          at: i,
          opener: ch,
          closers: dbl,
          quote: { open: i, close: -1, parts: [], closer: '' },
        };
        continue;
      }
      const sgl: string[] | undefined = SINGLE_CLOSERS[ch];
      if (sgl && !single && canOpen(text, i)) {
        single = { at: i, closers: sgl };
      }
    }
    if (open) {
      open.quote.parts.push({ start: open.at + 1, end: p.end });
      open.quote.close = p.end;
      pending = { quote: open.quote, opener: open.opener };
    }
  }
  if (pending) quotes.push(pending.quote);
  return quotes
    .map((q) => ({
      ...q,
      parts: q.parts
        .map((part) => (text[part.start] === '\u200b' ? { ...part, start: part.start + 1 } : part))
        .filter((part) => part.end > part.start),
    }))
    .filter((q) => q.parts.length > 0)
    .sort((a, b) => a.open - b.open);
}

function canCloseStrict(text: string, i: number): boolean {
  return !isLetterOrDigit(text[i + 1]);
}
