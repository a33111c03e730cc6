import { AppError } from '../errors.js';

/**
 * Why an article was refused. Each code is stable (clients branch on it); the
 * message says what to do. Nothing is written when one is raised.
 */
export const ARTICLE_ERROR_CODES = [
  /** No text at all, or only whitespace. */
  'ARTICLE_EMPTY',
  /** Bytes that are not text: NUL or other control characters, or a non-text content type. */
  'ARTICLE_BINARY',
  /** Text that is not valid UTF-8 (or not valid in the charset a page declares). */
  'ARTICLE_NOT_UTF8',
  /** More than the article size limit (ARTICLE_MAX_BYTES, 2 MiB by default). */
  'ARTICLE_TOO_LARGE',
  /** HTML in which no readable article body was found. */
  'ARTICLE_UNREADABLE',
  /** A URL that is not http(s), or not a URL. */
  'URL_NOT_HTTP',
  /** A URL whose host is, or resolves to, a loopback, private, link-local or reserved address. */
  'URL_PRIVATE_ADDRESS',
  /** The page did not arrive within ARTICLE_FETCH_TIMEOUT_MS. */
  'URL_TIMEOUT',
  /** More redirects than ARTICLE_FETCH_MAX_REDIRECTS. */
  'URL_TOO_MANY_REDIRECTS',
  /** The host is unknown or unreachable, or answered with an HTTP error status. */
  'URL_FETCH_FAILED',
] as const;

export type ArticleErrorCode = (typeof ARTICLE_ERROR_CODES)[number];

export class ArticleError extends AppError {
  constructor(
    readonly articleCode: ArticleErrorCode,
    message: string,
    /** The input field the problem is in: `input.text`, `input.html` or `input.url`. */
    readonly field: string,
  ) {
    super(articleCode, message, { problems: [{ path: field, message }] });
  }
}
