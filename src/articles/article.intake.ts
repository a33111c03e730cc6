import { ArticleError } from './article.errors.js';
import { fetchPage, parseArticleUrl, type FetchOptions } from './article.fetch.js';
import { mergeMetadata, textMetadata, type ArticleMetadata } from './article.metadata.js';
import { textHashOf } from '../records/record-kinds.js';
import { charsetOf, checkSize, checkText, decodeBytes, utf8Length } from './article.text.js';

/**
 * Article intake: plain text, HTML, or a URL, in; the article's text as it will
 * be stored (and every evidence offset will point into), its metadata, and the
 * hash that identifies it, out. Nothing here touches the graph.
 */

export interface ArticleInput {
  text?: string | null;
  html?: string | null;
  url?: string | null;
  metadata?: Partial<ArticleMetadata>;
}

export type ArticleFormat = 'TEXT' | 'HTML' | 'URL';

export interface Article {
  text: string;
  format: ArticleFormat;
  metadata: ArticleMetadata;
  /** sha256 of the stored text (base64url): the same text is the same article. */
  textHash: string;
  /** What an HTML page says of itself beyond the metadata: its headline as set over the body, its whole <title>. */
  page?: { title?: string; pageTitle?: string };
}

export interface IntakeOptions {
  maxBytes: number;
  fetch: Omit<FetchOptions, 'maxBytes'>;
}

function kindOfPage(contentType: string | undefined, text: string): 'html' | 'text' {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'text/plain') return 'text';
  return /^\s*<(?:!doctype html|html|head|body)\b/i.test(text) ? 'html' : 'text';
}

/**
 * Readability and linkedom (~10 MB once loaded) are loaded with the first HTML
 * article, not when the server starts; the module cache makes later calls free.
 */
function loadHtmlReader() {
  return import('./article.html.js');
}

const TEXT_TYPES = /^(?:text\/|application\/xhtml\+xml|application\/xml)/i;

export async function takeArticle(input: ArticleInput, options: IntakeOptions): Promise<Article> {
  const given = (['text', 'html', 'url'] as const).filter(
    (key) => input[key] !== undefined && input[key] !== null,
  );
  if (given.length !== 1) {
    throw new ArticleError(
      'ARTICLE_EMPTY',
      given.length === 0
        ? 'Give the article as text, html or url.'
        : `Give the article one way only, not as ${given.join(' and ')}.`,
      'input',
    );
  }
  const givenMeta = input.metadata;
  if (input.text != null) {
    const text = checkText(input.text, options.maxBytes, 'input.text');
    return finish(text, 'TEXT', mergeMetadata(givenMeta, textMetadata(text)));
  }
  if (input.html != null) {
    const html = checkText(input.html, options.maxBytes, 'input.html');
    const page = (await loadHtmlReader()).readHtml(html, 'input.html');
    const text = checkText(page.text, options.maxBytes, 'input.html');
    return finish(text, 'HTML', mergeMetadata(givenMeta, page.metadata, textMetadata(text)), page);
  }
  const url = parseArticleUrl(input.url!).href;
  checkSize(utf8Length(url), 2000, 'input.url');
  const page = await fetchPage(url, { ...options.fetch, maxBytes: options.maxBytes });
  const type = page.contentType?.split(';')[0]?.trim();
  if (type && !TEXT_TYPES.test(type)) {
    throw new ArticleError(
      'ARTICLE_BINARY',
      `The page is ${type}, not an HTML or text article.`,
      'input.url',
    );
  }
  const raw = checkText(
    decodeBytes(page.bytes, charsetOf(page.contentType, page.bytes), 'input.url'),
    options.maxBytes,
    'input.url',
  );
  const fetched = { url, credits: [] };
  if (kindOfPage(page.contentType, raw) === 'text') {
    return finish(raw, 'URL', mergeMetadata(givenMeta, fetched, textMetadata(raw)));
  }
  const read = (await loadHtmlReader()).readHtml(raw, 'input.url');
  const text = checkText(read.text, options.maxBytes, 'input.url');
  // The address asked for identifies the article; the page's canonical URL is kept only when none was given.
  return finish(
    text,
    'URL',
    mergeMetadata(givenMeta, { url, credits: [] }, read.metadata, textMetadata(text)),
    read,
  );
}

function finish(
  text: string,
  format: ArticleFormat,
  metadata: ArticleMetadata,
  page?: { title?: string; pageTitle?: string },
): Article {
  return {
    text,
    format,
    metadata,
    textHash: textHashOf(text),
    ...(page ? { page: { title: page.title, pageTitle: page.pageTitle } } : {}),
  };
}
