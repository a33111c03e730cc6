import { ArticleError } from './article.errors.js';

/**
 * Checks that what was given is article text: not empty, not binary, well-formed
 * Unicode, within the size limit. The text is kept as given (a leading BOM
 * dropped), so offsets into it are offsets into what the reader sees.
 */

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0 controls other than tab, line feed, form feed and carriage return, and DEL.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g;

export const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');

export function checkSize(bytes: number, maxBytes: number, path: string): void {
  if (bytes > maxBytes) {
    throw new ArticleError(
      'ARTICLE_TOO_LARGE',
      `The article is ${bytes} bytes; the limit is ${maxBytes} bytes.`,
      path,
    );
  }
}

/** The text as stored: the BOM dropped, nothing else changed. Throws when it is not article text. */
export function checkText(raw: string, maxBytes: number, path: string): string {
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  checkSize(utf8Length(text), maxBytes, path);
  if (text.trim() === '') throw new ArticleError('ARTICLE_EMPTY', 'The article is empty.', path);
  if (text.includes('\u0000') || (text.match(CONTROL)?.length ?? 0) > 8) {
    throw new ArticleError(
      'ARTICLE_BINARY',
      'The article holds binary data (control characters), not text.',
      path,
    );
  }
  // U+FFFD is what a decoder puts where bytes were not UTF-8: the text was mangled on its way here.
  if (text.includes('\uFFFD') || UNPAIRED_SURROGATE.test(text)) {
    throw new ArticleError(
      'ARTICLE_NOT_UTF8',
      'The article is not valid UTF-8 text (it holds undecodable bytes); send it as UTF-8.',
      path,
    );
  }
  return text;
}

const CHARSET = /charset\s*=\s*["']?([\w.:-]+)/i;

/** The charset a page declares: in its Content-Type, else in a <meta> within its first 1024 bytes. */
export function charsetOf(contentType: string | undefined, bytes: Uint8Array): string | undefined {
  const fromHeader = contentType ? CHARSET.exec(contentType)?.[1] : undefined;
  if (fromHeader) return fromHeader;
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
}

/**
 * Bytes that are not text in any 8-bit or UTF-8 charset: a NUL, or more than 8 other
 * control bytes (what checkText refuses in decoded text), as images, archives and
 * office files have, long before any invalid UTF-8 is met.
 */
export function isBinary(bytes: Uint8Array): boolean {
  let controls = 0;
  for (const b of bytes) {
    if (b === 0) return true;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f) {
      if (++controls > 8) return true;
    }
  }
  return false;
}

/** Bytes to text in the given charset (UTF-8 by default); invalid bytes are refused, never replaced. */
export function decodeBytes(bytes: Uint8Array, charset: string | undefined, path: string): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset ?? 'utf-8', { fatal: true, ignoreBOM: false });
  } catch {
    throw new ArticleError(
      'ARTICLE_NOT_UTF8',
      `The page declares a charset this service cannot read (${charset}).`,
      path,
    );
  }
  if (decoder.encoding !== 'utf-16le' && decoder.encoding !== 'utf-16be' && isBinary(bytes)) {
    throw new ArticleError('ARTICLE_BINARY', 'The article holds binary data, not text.', path);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new ArticleError(
      'ARTICLE_NOT_UTF8',
      `The page is not valid ${decoder.encoding === 'utf-8' ? 'UTF-8' : decoder.encoding} text.`,
      path,
    );
  }
}
