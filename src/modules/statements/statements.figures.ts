/**
 * Finding stated figures by what a reader types: a number in any writing
 * ("39324", "39,324", "39 324") or words ("casualties", "killed"). Pure, so it
 * is tested without a database.
 */

export interface FigureValue {
  value: number;
  unit: string;
  asOf?: string | null;
  qualifier: 'EXACT' | 'AT_LEAST' | 'AT_MOST' | 'ABOUT';
  description?: string | null;
}

/** What a figure can be found by besides its own fields: its statement's text and topics. */
export interface FigureContext {
  text: string;
  topics: readonly string[];
}

const DIGITS = /^[\d\s.,\u00a0\u202f']+$/;

/** A query that is a number, as digits only ("39,324" → "39324"); null for words. */
export function numberQuery(query: string): string | null {
  const trimmed = query.trim();
  if (!DIGITS.test(trimmed) || !/\d/.test(trimmed)) return null;
  return trimmed.replace(/\D/g, '');
}

const words = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * Whether `figure` answers `query`: a number matches the figure's value, or the
 * same digits written in its statement; words must each start a word of the
 * unit, the description, the statement's text or its topics' titles and aliases.
 */
export function figureMatches(figure: FigureValue, context: FigureContext, query: string): boolean {
  const digits = numberQuery(query);
  if (digits !== null) {
    if (String(Math.round(figure.value)) === digits) return true;
    const written = `${figure.description ?? ''} ${context.text}`.replace(
      /(\d)[\s.,\u00a0\u202f'](?=\d{3})/g,
      '$1',
    );
    const numbers: string[] = written.match(/\d+/g) ?? [];
    return numbers.includes(digits);
  }
  const wanted = words(query);
  if (wanted.length === 0) return true;
  const haystack = words(
    [figure.unit, figure.description ?? '', context.text, ...context.topics].join(' '),
  );
  return wanted.every((w) => haystack.some((h) => h.startsWith(w)));
}
