import { describe, expect, it } from 'vitest';
import { ArticleError } from '../../src/articles/article.errors.js';
import { readHtml } from '../../src/articles/article.html.js';
import { takeArticle, type ArticleInput } from '../../src/articles/article.intake.js';
import { textMetadata } from '../../src/articles/article.metadata.js';
import { isAllowedAddress } from '../../src/net/url-guard.js';
import { hasSeedArticle, readSeedArticle } from '../helpers/seed-article.js';

const options = {
  maxBytes: 2 * 1024 * 1024,
  fetch: { timeoutMs: 2000, maxRedirects: 5, allowLoopback: false },
};

async function codeOf(input: ArticleInput, opts = options): Promise<string> {
  try {
    await takeArticle(input, opts);
  } catch (error) {
    if (error instanceof ArticleError) return error.articleCode;
    throw error;
  }
  return 'accepted';
}

const PAGE = (body: string, head = '') => `<!doctype html><html><head>${head}</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
${body}
<footer>© 2024 The Daily Example. All rights reserved.</footer></body></html>`;

const ARTICLE_BODY = `<article><h1>Minister rejects plan</h1>
<p class="byline">By Jane Doe</p>
<p>The foreign minister said on Sunday that the plan was “unrealistic and would not bring peace to the region”, speaking to reporters after the talks in the capital.</p>
<p>“We will keep working with our partners,” she told the news agency Reuters, adding that talks would go on next week and that nothing had been decided yet.</p>
<p>(Reuters, AFP)</p></article>`;

describe('article intake: text', () => {
  it.skipIf(!hasSeedArticle)(
    'keeps the seed article as given and reads its date, byline and credits',
    async () => {
      const raw = readSeedArticle();
      const article = await takeArticle({ text: raw }, options);
      expect(article.text).toBe(raw.replace(/^\uFEFF/, ''));
      expect(article.format).toBe('TEXT');
      expect(article.metadata).toMatchObject({
        publishedDate: '2024-07-28',
        author: 'Palestine Chronicle Staff',
        outlet: 'Palestine Chronicle',
      });
      // The closing credit first, then the agency the text names (as written: the article says "TASSA").
      expect(article.metadata.credits.slice(0, 2)).toEqual(['PC', 'TASS']);
      expect(article.textHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    },
  );

  it('lets given metadata win over what the text says', async () => {
    const article = await takeArticle(
      {
        text: 'By Someone\n\nThe minister said it.\n\n(AP)',
        metadata: { outlet: 'The Outlet', credits: ['Reuters'] },
      },
      options,
    );
    expect(article.metadata).toMatchObject({
      outlet: 'The Outlet',
      author: 'Someone',
      credits: ['Reuters'],
    });
  });

  it('finds wire agencies named in the text', () => {
    expect(
      textMetadata('Ministers met, according to the Russian news agency TASS.').credits,
    ).toEqual(['TASS']);
    expect(textMetadata('He told the Interfax news agency that it was over.').credits).toEqual([
      'Interfax',
    ]);
    expect(textMetadata('Published 28 July 2024\nText.').publishedDate).toBe('2024-07-28');
    expect(textMetadata('July 28, 2024 — text').publishedDate).toBe('2024-07-28');
  });

  it('refuses empty, binary, mis-decoded and oversized text with its code', async () => {
    expect(await codeOf({ text: '' })).toBe('ARTICLE_EMPTY');
    expect(await codeOf({ text: ' \n\t ' })).toBe('ARTICLE_EMPTY');
    expect(await codeOf({})).toBe('ARTICLE_EMPTY');
    expect(await codeOf({ text: 'a', html: '<p>a</p>' })).toBe('ARTICLE_EMPTY');
    expect(await codeOf({ text: 'PNG\u0000\u0001\u0002IHDR' })).toBe('ARTICLE_BINARY');
    expect(await codeOf({ text: 'caf\uFFFD au lait' })).toBe('ARTICLE_NOT_UTF8');
    expect(await codeOf({ text: 'half a pair \uD800 here' })).toBe('ARTICLE_NOT_UTF8');
    expect(await codeOf({ text: 'x'.repeat(2048) }, { ...options, maxBytes: 2047 })).toBe(
      'ARTICLE_TOO_LARGE',
    );
    // The limit counts UTF-8 bytes, not characters.
    expect(await codeOf({ text: 'é'.repeat(1024) }, { ...options, maxBytes: 2047 })).toBe(
      'ARTICLE_TOO_LARGE',
    );
  });
});

describe('article intake: HTML', () => {
  it('reads the readable body into paragraphs, without menus and footers, and the page metadata', async () => {
    const html = PAGE(
      ARTICLE_BODY,
      `<title>Minister rejects plan | The Daily Example</title>
       <meta property="og:site_name" content="The Daily Example">
       <meta property="og:title" content="Minister rejects plan">
       <meta property="article:published_time" content="2024-07-28T23:30:00+03:00">
       <meta name="author" content="Jane Doe">
       <link rel="canonical" href="https://daily.example/world/minister">`,
    );
    const article = await takeArticle({ html }, options);
    expect(article.format).toBe('HTML');
    expect(article.text).not.toMatch(/Home|All rights reserved/);
    expect(article.text).toContain(
      'The foreign minister said on Sunday that the plan was “unrealistic and would not bring peace to the region”, speaking',
    );
    expect(article.text.split('\n\n').length).toBeGreaterThanOrEqual(3);
    expect(article.metadata).toEqual({
      outlet: 'The Daily Example',
      publishedDate: '2024-07-28',
      url: 'https://daily.example/world/minister',
      author: 'Jane Doe',
      headline: 'Minister rejects plan',
      credits: ['Reuters', 'AFP'],
    });
  });

  it('reads JSON-LD when there are no meta tags', () => {
    const html = PAGE(
      ARTICLE_BODY,
      `<script type="application/ld+json">${JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        headline: 'From JSON-LD',
        datePublished: '2024-06-02T08:00:00Z',
        author: [{ '@type': 'Person', name: 'A. Writer' }],
        publisher: { '@type': 'Organization', name: 'LD News' },
      })}</script>`,
    );
    expect(readHtml(html, 'input.html').metadata).toMatchObject({
      headline: 'From JSON-LD',
      publishedDate: '2024-06-02',
      author: 'A. Writer',
      outlet: 'LD News',
    });
  });

  it('refuses HTML without a readable body', async () => {
    expect(await codeOf({ html: PAGE('') })).toBe('ARTICLE_UNREADABLE');
    expect(await codeOf({ html: '<html><body><script>var x = 1;</script></body></html>' })).toBe(
      'ARTICLE_UNREADABLE',
    );
  });
});

describe('article intake: addresses', () => {
  it('allows public unicast only, and loopback only when configured (the guard webhooks use)', () => {
    const closed = { allowLoopback: false, allowPrivate: false };
    const loopback = { allowLoopback: true, allowPrivate: false };
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      'fe80::1',
      'fc00::1',
      '::ffff:10.0.0.1',
      '::ffff:127.0.0.1',
      '::',
    ]) {
      expect(isAllowedAddress(address, closed), address).toBe(false);
    }
    expect(isAllowedAddress('93.184.216.34', closed)).toBe(true);
    expect(isAllowedAddress('2606:2800:220:1:248:1893:25c8:1946', closed)).toBe(true);
    expect(isAllowedAddress('127.0.0.1', loopback)).toBe(true);
    expect(isAllowedAddress('::1', loopback)).toBe(true);
    expect(isAllowedAddress('10.1.2.3', loopback)).toBe(false);
    expect(isAllowedAddress('169.254.169.254', loopback)).toBe(false);
  });

  it('refuses URLs that are not http(s) before anything is fetched', async () => {
    expect(await codeOf({ url: 'file:///etc/passwd' })).toBe('URL_NOT_HTTP');
    expect(await codeOf({ url: 'ftp://example.org/a' })).toBe('URL_NOT_HTTP');
    expect(await codeOf({ url: 'not a url' })).toBe('URL_NOT_HTTP');
    expect(await codeOf({ url: 'javascript:alert(1)' })).toBe('URL_NOT_HTTP');
  });

  it('refuses literal private, link-local and loopback hosts before connecting', async () => {
    // Refused before any connection: nothing is sent to these addresses.
    expect(await codeOf({ url: 'http://10.0.0.1/a' })).toBe('URL_PRIVATE_ADDRESS');
    expect(await codeOf({ url: 'http://169.254.169.254/latest/meta-data/' })).toBe(
      'URL_PRIVATE_ADDRESS',
    );
    expect(await codeOf({ url: 'http://[::1]:8080/' })).toBe('URL_PRIVATE_ADDRESS');
    expect(await codeOf({ url: 'http://127.0.0.1:9/' })).toBe('URL_PRIVATE_ADDRESS');
    expect(await codeOf({ url: 'http://localhost:9/' })).toBe('URL_PRIVATE_ADDRESS');
    expect(await codeOf({ url: 'http://0x7f000001/' })).toBe('URL_PRIVATE_ADDRESS');
  });
});
