import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { ArticleError } from './article.errors.js';
import type { ArticleMetadata } from './article.metadata.js';

/**
 * The readable body of an HTML page (Mozilla's Readability over linkedom) as
 * plain text, paragraphs separated by a blank line, and the page's own metadata:
 * Open Graph and article: meta tags, JSON-LD, the byline.
 */

export interface ReadPage {
  text: string;
  metadata: Partial<ArticleMetadata>;
}

/** Elements after which a line ends; a paragraph-like one ends a paragraph. */
const PARAGRAPHS = new Set(
  'P DIV H1 H2 H3 H4 H5 H6 LI BLOCKQUOTE PRE SECTION ARTICLE HEADER FOOTER FIGURE FIGCAPTION UL OL DL DT DD TABLE TR ASIDE MAIN ADDRESS'.split(
    ' ',
  ),
);
const MIN_READABLE_CHARS = 20;

/** Text of a DOM subtree: whitespace collapsed within paragraphs, paragraphs joined by a blank line. */
export function textOfNode(root: Node): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const line = current
      .split('\n')
      .map((part) => part.replace(/[ \t\f\r\u00A0]+/g, ' ').trim())
      .filter(Boolean)
      .join('\n');
    if (line) paragraphs.push(line);
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      current += (node.textContent ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = (node as Element).tagName.toUpperCase();
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE') return;
    if (tag === 'BR') {
      current += '\n';
      return;
    }
    const block = PARAGRAPHS.has(tag);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}

const clean = (value: string | null | undefined) => {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
};

/** The date part of an ISO date-time as written (its own time zone), when it has one. */
export function dateOf(value: string | null | undefined): string | undefined {
  const match = value ? /^\s*(\d{4}-\d{2}-\d{2})(?:[T\s]|$)/.exec(value) : null;
  return match?.[1];
}

function jsonLdArticle(document: Document): Record<string, unknown> | undefined {
  for (const script of Array.from(
    document.querySelectorAll('script[type="application/ld+json"]'),
  )) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const items: unknown[] = Array.isArray(data)
      ? data
      : Array.isArray((data as { '@graph'?: unknown[] })?.['@graph'])
        ? (data as { '@graph': unknown[] })['@graph']
        : [data];
    const article = items.find(
      (item) =>
        item &&
        typeof item === 'object' &&
        /Article|Report|Posting/.test(String((item as Record<string, unknown>)['@type'])),
    );
    if (article) return article as Record<string, unknown>;
  }
  return undefined;
}

const nameOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) {
    return clean(
      value
        .map(nameOf)
        .filter((v): v is string => !!v)
        .join(', '),
    );
  }
  if (value && typeof value === 'object') return nameOf((value as { name?: unknown }).name);
  return undefined;
};

/** Metadata the page states about itself; read before Readability changes the document. */
function pageMetadata(document: Document): Partial<ArticleMetadata> {
  const meta = (...keys: string[]) => {
    for (const key of keys) {
      const el =
        document.querySelector(`meta[property="${key}"]`) ??
        document.querySelector(`meta[name="${key}"]`) ??
        document.querySelector(`meta[itemprop="${key}"]`);
      const value = clean(el?.getAttribute('content'));
      if (value) return value;
    }
    return undefined;
  };
  const ld = jsonLdArticle(document);
  const time = document.querySelector('time[datetime]')?.getAttribute('datetime');
  const url =
    meta('og:url') ?? clean(document.querySelector('link[rel="canonical"]')?.getAttribute('href'));
  return {
    outlet: meta('og:site_name', 'application-name') ?? nameOf(ld?.publisher),
    publishedDate:
      dateOf(
        meta('article:published_time', 'og:published_time', 'datePublished', 'date', 'pubdate'),
      ) ??
      dateOf(typeof ld?.datePublished === 'string' ? ld.datePublished : undefined) ??
      dateOf(time),
    url: url && /^https?:\/\//.test(url) ? url : undefined,
    author: meta('author', 'article:author', 'byl') ?? nameOf(ld?.author),
    headline:
      meta('og:title', 'twitter:title') ??
      (typeof ld?.headline === 'string' ? clean(ld.headline) : undefined) ??
      clean(document.querySelector('h1')?.textContent) ??
      clean(document.querySelector('title')?.textContent),
  };
}

export function readHtml(html: string, path: string): ReadPage {
  const { document } = parseHTML(html);
  const metadata = pageMetadata(document as unknown as Document);
  let article: ReturnType<Readability<Node>['parse']> = null;
  try {
    article = new Readability<Node>(document as unknown as Document, {
      serializer: (node) => node,
    }).parse();
  } catch {
    article = null;
  }
  const text = article?.content ? textOfNode(article.content) : '';
  if (text.replace(/\s+/g, '').length < MIN_READABLE_CHARS) {
    throw new ArticleError(
      'ARTICLE_UNREADABLE',
      'No readable article body was found in the HTML.',
      path,
    );
  }
  return {
    text,
    metadata: {
      ...metadata,
      outlet: metadata.outlet ?? clean(article?.siteName),
      author: metadata.author ?? clean(article?.byline),
      headline: metadata.headline ?? clean(article?.title),
      publishedDate: metadata.publishedDate ?? dateOf(article?.publishedTime),
    },
  };
}
