/**
 * HTML for `statement-graph extract` and the evaluation: the review API's reader
 * (src/articles/article.html.ts, the one place Readability reads a page), in the
 * shape the extractor's document step takes. The same page gives the same text,
 * and so the same offsets, from the command line and from the API.
 */
import { ArticleError } from '../articles/article.errors.js';
import { readHtml as readPage } from '../articles/article.html.js';

export interface ReadablePage {
  text: string;
  title: string | null;
  /** The page's whole <title>, section and site names included ("… - Press Releases - Portal"). */
  pageTitle: string | null;
  publisher: string | null;
  /** YYYY-MM-DD, from the page's meta tags or its dateline. */
  date: string | null;
}

/** The page's readable text and what it says of itself; null when it has no readable body. */
export function readHtml(html: string): ReadablePage | null {
  let page;
  try {
    page = readPage(html, 'html');
  } catch (error) {
    if (error instanceof ArticleError) return null;
    throw error;
  }
  const date = page.metadata.publishedDate;
  return {
    text: page.text,
    title: page.title ?? null,
    pageTitle: page.pageTitle ?? null,
    publisher: page.metadata.outlet ?? null,
    date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
  };
}
