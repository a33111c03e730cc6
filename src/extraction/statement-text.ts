/**
 * The text a candidate statement is recorded with, from its content spans' words: the
 * one rule the extractor (and so `statement-graph extract`) and the review API share.
 */

const QUOTE_CHARS = /^[\s"“”„‟«»‹›‘’‚'「」『』]+|[\s"“”„‟«»‹›‘’‚'「」『』]+$/gu;

/**
 * Quotation marks around each part, a leading "that" (or "but", "and") and the
 * commas at the edges dropped; the parts of an interrupted quote joined by " … "
 * (the writer's words between them are left out); a closing full stop and a capital.
 */
export function recordedText(parts: readonly string[]): string {
  let t = parts
    .map((p) =>
      p
        .replace(QUOTE_CHARS, '')
        .replace(/^[,;:\s]+|[,;:\s]+$/g, '')
        .replace(QUOTE_CHARS, '')
        .replace(/\s+/g, ' '),
    )
    .filter(Boolean)
    .join(' … ')
    .trim();
  t = t.replace(/^(that|but|and)\s+/i, '');
  t = t.replace(/^[,;:\s]+/, '').replace(/[,;:\s]+$/, '');
  t = t.replace(QUOTE_CHARS, '');
  if (t && !/[.!?…]$/.test(t)) t += '.';
  return t.charAt(0).toUpperCase() + t.slice(1);
}
