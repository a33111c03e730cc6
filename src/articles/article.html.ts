import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { ArticleError } from './article.errors.js';
import { calendarDateIn, type ArticleMetadata } from './article.metadata.js';

/**
 * The one reader of HTML (Mozilla's Readability over linkedom), for article
 * intake (takeArticle), which the review API, `statement-graph extract` and the
 * evaluation all take a page through: the readable body as plain text, the
 * headline first, then one paragraph per block, blank-line separated;
 * breadcrumbs dropped, and whatever follows a closing dateline ("December 6,
 * 2021, Minsk") too. And what the page says of itself: Open Graph and article:
 * meta tags, JSON-LD, the byline; else the organisation in the <title>'s site
 * part or the footer's copyright holder as outlet, the closing dateline as date.
 */

export interface ReadPage {
  text: string;
  metadata: Partial<ArticleMetadata>;
  /** The headline set over the body (Readability's title, the site's name cut off). */
  title?: string;
  /** The page's whole <title>, section and site names included ("… - Press Releases - Portal"). */
  pageTitle?: string;
}

const ORGANISATION =
  /\b(ministry|department|office|government|embassy|agency|council|commission|presidency|secretariat)\b/i;

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
  // read before Readability changes the document
  const pageTitle = clean(document.querySelector('title')?.textContent);
  // "Headline - Ministry of Foreign Affairs of …": a site name that is an organisation's
  const titleSite = pageTitle
    ?.split(/\s+[-|–]\s+/)
    .slice(1)
    .reverse()
    .find((part) => ORGANISATION.test(part));
  const copyright =
    copyrightHolder(
      document.querySelector('[class*="copyright"], [id*="copyright"]')?.textContent ?? '',
    ) ?? copyrightHolder(document.documentElement?.textContent ?? '');
  let article: ReturnType<Readability<Node>['parse']> = null;
  try {
    article = new Readability<Node>(document as unknown as Document, {
      serializer: (node) => node,
    }).parse();
  } catch {
    article = null;
  }
  const body = article?.content ? textOfNode(article.content) : '';
  // breadcrumbs: "Home / Press Service / Statements"
  const kept = body
    .split('\n\n')
    .filter(
      (p) => p && !/^([^/]{1,40}\/\s*){2,}[^/]{0,40}$/.test(p) && !/^[^/\n]{1,40}\s[/>»›]$/.test(p),
    );
  // a closing dateline ends the text: what follows it is the page's furniture
  let dateline: string | undefined;
  for (let i = kept.length - 1; i >= Math.max(0, kept.length - 12); i--) {
    dateline = datelineDate(kept[i]!);
    if (dateline) {
      kept.splice(i + 1);
      break;
    }
  }
  const title = clean((article?.title || pageTitle || '').replace(/\s+[-|–]\s+.*$/, ''));
  const withTitle =
    title && !kept[0]?.replace(/\s+/g, ' ').startsWith(title.slice(0, 20))
      ? [title, ...kept]
      : kept;
  const text = withTitle.join('\n\n');
  if (kept.join('').replace(/\s+/g, '').length < MIN_READABLE_CHARS || !/\p{L}{3,}/u.test(text)) {
    throw new ArticleError(
      'ARTICLE_UNREADABLE',
      'No readable article body was found in the HTML.',
      path,
    );
  }
  return {
    text,
    title,
    pageTitle,
    metadata: {
      ...metadata,
      outlet: metadata.outlet ?? clean(article?.siteName) ?? titleSite ?? copyright,
      author: metadata.author ?? clean(article?.byline),
      // an og:title that is the whole <title> ("… - Press Releases - Portal") carries the site's parts
      headline:
        (metadata.headline && metadata.headline !== pageTitle ? metadata.headline : title) ??
        metadata.headline ??
        clean(article?.title),
      publishedDate: metadata.publishedDate ?? dateOf(article?.publishedTime) ?? dateline,
    },
  };
}

/** "December 6, 2021", "December 6, 2021, Minsk", "PUTRAJAYA 25 JANUARY 2022": a whole date, little else. */
function datelineDate(p: string): string | undefined {
  if (p.length > 60) return undefined;
  const found = calendarDateIn(p);
  if (!found) return undefined;
  const rest = p
    .replace(found.text, '')
    .replace(/[\s,.-]+/g, ' ')
    .trim();
  return rest.split(' ').filter(Boolean).length > 3 ? undefined : found.date;
}

function copyrightHolder(text: string): string | undefined {
  // an undecodable byte before a year is, on such pages, a © in another encoding
  const m =
    /(?:©|\(c\)|copyright|\uFFFD)\s*(?:©\s*)?\d{4}\s*(?:[-–]\s*\d{4})?\s*,?\s*([^.|©\n]{3,120}?)(?:\.|\s*All rights reserved|\n|$)/i.exec(
      text,
    );
  if (!m) return undefined;
  const holder = m[1]!.replace(/\s+/g, ' ').replace(/^[\s,]+|[\s,]+$/g, '');
  return /\p{L}{3,}/u.test(holder) ? holder : undefined;
}
