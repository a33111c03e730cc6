import anyAscii from 'any-ascii';

/**
 * The name normaliser: the one place that decides when two spellings of a name
 * are "the same". Pure (no database, no I/O), deterministic, and used wherever
 * names are written (the search keys stored beside them), searched and matched
 * (src/names/matcher.ts). Stored text is never changed; only keys derive from it.
 *
 * Three keys, from strict to loose:
 * - `fold`: the text in its own script, as a person means it: Unicode
 *   compatibility-normalised, pasted junk removed, case- and accent-folded,
 *   Arabic letter variants unified, apostrophes and possessives gone.
 *   "İlkay Yıldırım" → "ilkay yildirim", "أبو مرزوق" = "ابو مرزوق" = "ابو مَرْزُوق".
 * - `latin`: `fold` transliterated to Latin letters (any-ascii), lower-case
 *   a–z and 0–9 only. "Сергей Лавров" → "sergey lavrov".
 * - `skeleton`: per word, a consonant skeleton of `latin` in broad sound
 *   classes, vowels dropped, so transliteration variants meet:
 *   Sergey / Sergei / Сергей → "srk"; Mohammed / Mohammad / محمد → "mhmt".
 *   Lossy on purpose: only the fuzzy tier of the matcher uses it.
 */

/** Apostrophes as they arrive: straight, curly, modifier letters, accents typed as apostrophes, primes, full-width. */
const APOSTROPHES = /['\u2018\u2019\u201B\u02BC\u02BB\u02BD\u02B9\u02C8\u0060\u00B4\u2032\uFF07]/gu;
/** A possessive at the end of a word: "Netanyahu's", "Hamas'" (the apostrophe already unified to '). */
const POSSESSIVE = /(?<=\p{L})'s?(?=$|[^\p{L}\p{N}])/gu;
/** Format characters (zero-width spaces and joiners, bidi marks and isolates, BOM, soft hyphen) and controls. */
const INVISIBLE = /[\p{Cf}\p{Cc}]/gu;
const MARKS = /\p{M}/gu;
/** "U.N.", "U.S.A." — initials with dots are one word. */
const DOTTED_INITIALS = /^(?:\p{L}\.){2,}\p{L}?$/u;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Letters that carry no decomposition but fold all the same (Latin), and Arabic/Persian variants. */
const LETTERS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ħ: 'h',
  ŀ: 'l',
  ς: 'σ', // final sigma
  // Arabic: alef maqsura and Farsi yeh → yeh; ta marbuta → heh; Farsi keheh → kaf;
  // alef wasla → alef; bare hamza dropped (its seat letters lose it as a mark below).
  ى: 'ي',
  ی: 'ي',
  ة: 'ه',
  ک: 'ك',
  ٱ: 'ا',
  ء: '',
  ـ: '', // tatweel
};
const LETTER_RE = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'gu');

/** Arabic-Indic and extended Arabic-Indic digits → ASCII digits. */
const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/gu;
const arabicDigit = (d: string) => String((d.codePointAt(0)! - 0x0660) % 0x90);

/**
 * The folded form of a text: words in their own script, lower-case, without
 * accents or marks, separated by single spaces. Idempotent: fold(fold(x)) === fold(x).
 */
export function fold(text: string): string {
  let s = text
    .replace(INVISIBLE, (c) => (/\s/.test(c) ? ' ' : ''))
    // Compatibility decomposition: ligatures, full-width letters, Arabic presentation
    // (final/initial) forms become plain letters; accents and vowel marks become marks.
    .normalize('NFKD')
    // Cyrillic й is a letter of its own, not и with an accent.
    .replace(/\u0438\u0306/g, 'й')
    .replace(/\u0418\u0306/g, 'Й')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(MARKS, '')
    .replace(LETTER_RE, (c) => LETTERS[c]!)
    .replace(ARABIC_DIGITS, arabicDigit)
    .replace(APOSTROPHES, "'")
    .replace(POSSESSIVE, '');
  s = s
    .split(/\s+/)
    .map((chunk) => (DOTTED_INITIALS.test(chunk) ? chunk.replace(/\./g, '') : chunk))
    .join(' ');
  return s.replace(NOT_WORD, ' ').trim().normalize('NFC');
}

/** The words of a text after folding (may be empty). */
export function words(text: string): string[] {
  const folded = fold(text);
  return folded ? folded.split(' ') : [];
}

/**
 * The Latin transliteration key of a text: `fold`, then any-ascii, then only
 * a–z, 0–9 and single spaces. Letters that transliterate to apostrophes or
 * backticks (Arabic hamza and ayn, Hebrew alef) vanish rather than split a word.
 */
export function latin(text: string): string {
  return latinOfFolded(fold(text));
}

export function latinOfFolded(folded: string): string {
  // Hebrew vav is mostly a vowel letter (o, u) where any-ascii writes v: written w,
  // so the skeleton drops it as it drops Arabic waw (נתניהו ~ Netanyahu).
  return anyAscii(folded.replace(/\u05D5/g, 'w'))
    .toLowerCase()
    .replace(/['`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Two-letter spellings of one sound, read before the single letters. */
const DIGRAPHS: Record<string, string> = {
  sh: 's',
  sch: 's',
  ch: 'k',
  zh: 's',
  kh: 'k',
  gh: 'k',
  th: 't',
  dh: 't',
  ph: 'b',
  ck: 'k',
};
/** Broad sound classes; vowels, y and w (and what is not a letter) map to nothing. */
const CLASS: Record<string, string> = {
  b: 'b',
  p: 'b',
  f: 'b',
  v: 'b',
  c: 'k',
  k: 'k',
  q: 'k',
  g: 'k',
  j: 'k',
  x: 'k',
  s: 's',
  z: 's',
  d: 't',
  t: 't',
  l: 'l',
  m: 'm',
  n: 'n',
  r: 'r',
  h: 'h',
};

/**
 * The consonant skeleton of one Latin word (from `latin`): digraphs read as one
 * sound, letters mapped to broad classes, vowels dropped, repeats collapsed, a
 * final h dropped (Arabic ta marbuta: Haniyeh / Haniya). Digits are kept.
 */
export function skeletonOfWord(word: string): string {
  // Words repeat (an import keys every name and title it writes): each is worked out once.
  let known = SKELETONS.get(word);
  if (known === undefined) {
    known = skeletonOfNewWord(word);
    if (SKELETONS.size >= 100_000) SKELETONS.clear();
    SKELETONS.set(word, known);
  }
  return known;
}

const SKELETONS = new Map<string, string>();

function skeletonOfNewWord(word: string): string {
  let out = '';
  for (let i = 0; i < word.length;) {
    const three = word.slice(i, i + 3);
    const two = word.slice(i, i + 2);
    let cls: string;
    if (DIGRAPHS[three] !== undefined) {
      cls = DIGRAPHS[three]!;
      i += 3;
    } else if (DIGRAPHS[two] !== undefined) {
      cls = DIGRAPHS[two]!;
      i += 2;
    } else {
      const c = word[i]!;
      cls = CLASS[c] ?? (c >= '0' && c <= '9' ? c : '');
      i += 1;
    }
    if (cls && !out.endsWith(cls)) out += cls;
  }
  return out.length > 1 && out.endsWith('h') ? out.slice(0, -1) : out;
}

/** The skeleton of a text: the skeletons of its Latin words, empty ones dropped, space-separated. */
export function skeleton(text: string): string {
  return skeletonOfLatin(latin(text));
}

export function skeletonOfLatin(latinText: string): string {
  return latinText
    .split(' ')
    .map(skeletonOfWord)
    .filter((w) => w.length > 0)
    .join(' ');
}

/** All three keys of one name, computed once. */
export interface NameKeys {
  /** `fold(text)` */
  folded: string;
  /** `latin(text)` */
  latin: string;
  /** `skeleton(text)` */
  skeleton: string;
}

export function nameKeys(text: string): NameKeys {
  const folded = fold(text);
  const lat = latinOfFolded(folded);
  return { folded, latin: lat, skeleton: skeletonOfLatin(lat) };
}

/**
 * The text indexed for full-text search of a set of names (a name and its
 * aliases, or a title): each distinct folded and Latin form, and the skeletons,
 * as one string of words. Only these derived words are indexed; search input
 * goes through the same functions, so both sides agree.
 */
export function searchKeys(texts: ReadonlyArray<string | null | undefined>): {
  keys: string;
  skeletons: string;
} {
  const keys = new Set<string>();
  const skeletons = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    const k = nameKeys(text);
    for (const w of `${k.folded} ${k.latin}`.split(' ')) if (w) keys.add(w);
    // Adjacent words written together: "L'Orient" is also found as "Lorient", "Al Jazeera" as "Aljazeera".
    const latinWords = k.latin.split(' ');
    for (let i = 1; i < latinWords.length; i++) {
      const joined = latinWords[i - 1]! + latinWords[i]!;
      keys.add(joined);
      const s = skeletonOfWord(joined);
      if (s) skeletons.add(s);
    }
    for (const w of k.skeleton.split(' ')) if (w) skeletons.add(w);
  }
  return { keys: [...keys].join(' '), skeletons: [...skeletons].join(' ') };
}
