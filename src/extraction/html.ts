/**
 * The readable body of an HTML page (@mozilla/readability over linkedom) as
 * plain text: the headline, then one paragraph per block, blank-line separated;
 * breadcrumbs dropped, and whatever follows a closing dateline ("December 6,
 * 2021, Minsk") too. Also what the page says of itself: title, publisher (site
 * name meta tags, else the footer's copyright holder) and published date.
 * The article intake (src/articles/) reads pages fully; this is the extractor's
 * own minimal reader for the CLI and the evaluation.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { findDates } from './dates.js';

export interface ReadablePage {
  text: string;
  title: string | null;
  /** The page's whole <title>, section and site names included ("… - Press Releases - Portal"). */
  pageTitle: string | null;
  publisher: string | null;
  /** YYYY-MM-DD, from the page's meta tags or its dateline. */
  date: string | null;
}

const ORGANISATION =
  /\b(ministry|department|office|government|embassy|agency|council|commission|presidency|secretariat)\b/i;

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td, dd, dt, figcaption';

export function readHtml(html: string): ReadablePage | null {
  const { document } = parseHTML(html);
  const meta = (...names: string[]) => {
    for (const n of names) {
      const el = document.querySelector(
        `meta[property="${n}"], meta[name="${n}"], meta[itemprop="${n}"]`,
      );
      const v = el?.getAttribute('content')?.trim();
      if (v) return v;
    }
    return null;
  };
  const siteName = meta('og:site_name', 'application-name', 'publisher', 'citation_publisher');
  const metaDate = meta(
    'article:published_time',
    'datePublished',
    'date',
    'dc.date',
    'DC.date.issued',
    'pubdate',
  );
  const copyrightEl = document.querySelector('[class*="copyright"], [id*="copyright"]');
  const copyright =
    copyrightHolder(copyrightEl?.textContent ?? '') ??
    copyrightHolder(document.documentElement?.textContent ?? '');
  const pageTitle =
    document.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  // "Headline - Ministry of Foreign Affairs of …": a site name that is an organisation's
  const titleSite = pageTitle
    ?.split(/\s+[-|–]\s+/)
    .slice(1)
    .reverse()
    .find((part) => ORGANISATION.test(part));
  const article = new Readability(document as unknown as Document).parse();
  if (!article?.content) return null;
  const { document: body } = parseHTML(
    `<!doctype html><html><body>${article.content}</body></html>`,
  );
  const paragraphs: string[] = [];
  for (const el of body.querySelectorAll(BLOCKS)) {
    if (el.querySelector(BLOCKS)) continue; // the innermost blocks only
    const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t) paragraphs.push(t);
  }
  if (paragraphs.length === 0) {
    const t = (article.textContent ?? '').replace(/[ \t\r\f\v]+/g, ' ');
    paragraphs.push(
      ...t
        .split(/\n\s*\n/)
        .map((p) => p.replace(/\s+/g, ' ').trim())
        .filter(Boolean),
    );
  }
  // breadcrumbs: "Home / Press Service / Statements"
  const kept = paragraphs.filter(
    (p) => !/^([^/]{1,40}\/\s*){2,}[^/]{0,40}$/.test(p) && !/^[^/]{1,40}\s[/>»›]$/.test(p),
  );
  // a closing dateline ends the text: what follows it is the page's furniture
  let date: string | null = metaDate ? isoDay(metaDate) : null;
  for (let i = kept.length - 1; i >= Math.max(0, kept.length - 12); i--) {
    const d = datelineDate(kept[i]!);
    if (d) {
      date ??= d;
      kept.splice(i + 1);
      break;
    }
  }
  const title = (article.title || pageTitle || '').replace(/\s+[-|–]\s+.*$/, '').trim() || null;
  const withTitle = title && !kept[0]?.startsWith(title.slice(0, 20)) ? [title, ...kept] : kept;
  const text = withTitle.join('\n\n');
  if (!/\p{L}{3,}/u.test(text)) return null;
  return { text, title, pageTitle, publisher: siteName ?? titleSite ?? copyright, date };
}

function isoDay(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  return m ? m[1]! : null;
}

/** "December 6, 2021", "December 6, 2021, Minsk", "PUTRAJAYA 25 JANUARY 2022": a whole date, little else. */
function datelineDate(p: string): string | null {
  if (p.length > 60) return null;
  const found = findDates(p).filter((d) => d.precision === 'DAY' && /\d{4}/.test(d.text));
  if (found.length !== 1) return null;
  const rest = p
    .replace(found[0]!.text, '')
    .replace(/[\s,.-]+/g, ' ')
    .trim();
  if (rest.split(' ').filter(Boolean).length > 3) return null;
  return found[0]!.value;
}

function copyrightHolder(text: string): string | null {
  // an undecodable byte before a year is, on such pages, a © in another encoding
  const m =
    /(?:©|\(c\)|copyright|\uFFFD)\s*(?:©\s*)?\d{4}\s*(?:[-–]\s*\d{4})?\s*,?\s*([^.|©\n]{3,120}?)(?:\.|\s*All rights reserved|\n|$)/i.exec(
      text,
    );
  if (!m) return null;
  const holder = m[1]!.replace(/\s+/g, ' ').replace(/^[\s,]+|[\s,]+$/g, '');
  return /\p{L}{3,}/u.test(holder) ? holder : null;
}
