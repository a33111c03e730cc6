import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleError } from '../../src/articles/article.errors.js';
import { takeArticle, type ArticleInput } from '../../src/articles/article.intake.js';
import { startArticleServer, type ArticleServer } from '../helpers/article-server.js';

const PARAGRAPH =
  'The foreign minister said on Sunday that the proposal was unrealistic, and that talks would continue with every party that wants an end to the fighting.';
const HTML = `<!doctype html><html><head><meta charset="utf-8"><title>Talks</title>
<meta property="og:site_name" content="Local News"></head><body><nav>Menu</nav>
<article><h1>Talks go on</h1><p>${PARAGRAPH}</p><p>“We are not giving up,” she said.</p></article></body></html>`;

const options = (
  overrides: Partial<{ timeoutMs: number; maxRedirects: number; allowLoopback: boolean }> = {},
  maxBytes = 64 * 1024,
) => ({
  maxBytes,
  fetch: { timeoutMs: 1500, maxRedirects: 3, allowLoopback: true, ...overrides },
});

let server: ArticleServer;
const hits: string[] = [];

beforeAll(async () => {
  server = await startArticleServer(
    {
      '/article': (_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HTML),
      '/plain': (_req, res) =>
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`${PARAGRAPH}\n\n(AP)`),
      '/cp1252': (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'text/plain; charset=windows-1252' })
          .end(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x73, 0x61, 0x69, 0x64])),
      '/latin1-as-utf8': (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
          .end(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x73, 0x61, 0x69, 0x64])),
      '/png': (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'image/png' })
          .end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1])),
      '/octets': (_req, res) => res.writeHead(200).end(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff])),
      '/big': (_req, res) => {
        // Streamed without a Content-Length: the reader must stop at the limit by itself.
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = 'x'.repeat(16 * 1024);
        let sent = 0;
        const pump = () => {
          while (sent < 64 && res.write(chunk)) sent += 1;
          if (sent < 64) res.once('drain', pump);
          else res.end();
        };
        pump();
      },
      '/slow': () => {
        // Never answers: the fetch must give up at its deadline.
      },
      '/empty-page': (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<html><body><nav>Menu</nav></body></html>'),
      '/gone': (_req, res) => res.writeHead(410).end('gone'),
      '/hop': (_req, res) => res.writeHead(302, { location: '/article' }).end(),
      '/loop/*': (req, res) => {
        const n = Number(req.url!.split('/').pop());
        res.writeHead(301, { location: `/loop/${n + 1}` }).end();
      },
      '/to-private': (_req, res) =>
        res.writeHead(302, { location: 'http://10.0.0.1/secret' }).end(),
      '/to-metadata': (_req, res) =>
        res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
      '/to-file': (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
    },
    hits,
  );
});

afterAll(() => server.close());

async function codeOf(input: ArticleInput, opts = options()): Promise<string> {
  try {
    await takeArticle(input, opts);
  } catch (error) {
    if (error instanceof ArticleError) return error.articleCode;
    throw error;
  }
  return 'accepted';
}

describe('article intake: URLs', () => {
  it('fetches a page and reads its body and metadata; the URL asked for is the article URL', async () => {
    const article = await takeArticle({ url: `${server.origin}/hop` }, options());
    expect(article.format).toBe('URL');
    expect(article.text).toContain(PARAGRAPH);
    expect(article.text).not.toContain('Menu');
    expect(article.metadata).toMatchObject({ url: `${server.origin}/hop`, outlet: 'Local News' });
  });

  it('reads plain text pages, and decodes the charset a page declares', async () => {
    const plain = await takeArticle({ url: `${server.origin}/plain` }, options());
    expect(plain.text).toBe(`${PARAGRAPH}\n\n(AP)`);
    expect(plain.metadata.credits).toEqual(['AP']);
    expect((await takeArticle({ url: `${server.origin}/cp1252` }, options())).text).toBe(
      'café said',
    );
  });

  it('gives each bad page its code', async () => {
    expect(await codeOf({ url: `${server.origin}/latin1-as-utf8` })).toBe('ARTICLE_NOT_UTF8');
    expect(await codeOf({ url: `${server.origin}/png` })).toBe('ARTICLE_BINARY');
    expect(await codeOf({ url: `${server.origin}/octets` })).toBe('ARTICLE_BINARY');
    expect(await codeOf({ url: `${server.origin}/big` })).toBe('ARTICLE_TOO_LARGE');
    expect(await codeOf({ url: `${server.origin}/empty-page` })).toBe('ARTICLE_UNREADABLE');
    expect(await codeOf({ url: `${server.origin}/gone` })).toBe('URL_FETCH_FAILED');
  });

  it('gives up at its deadline', async () => {
    const started = Date.now();
    expect(await codeOf({ url: `${server.origin}/slow` }, options({ timeoutMs: 300 }))).toBe(
      'URL_TIMEOUT',
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops following redirects at the limit', async () => {
    hits.length = 0;
    expect(await codeOf({ url: `${server.origin}/loop/0` })).toBe('URL_TOO_MANY_REDIRECTS');
    expect(hits).toEqual(['/loop/0', '/loop/1', '/loop/2', '/loop/3']);
  });

  it('checks every redirect target: no private, link-local or non-http hop is followed', async () => {
    expect(await codeOf({ url: `${server.origin}/to-private` })).toBe('URL_PRIVATE_ADDRESS');
    expect(await codeOf({ url: `${server.origin}/to-metadata` })).toBe('URL_PRIVATE_ADDRESS');
    expect(await codeOf({ url: `${server.origin}/to-file` })).toBe('URL_NOT_HTTP');
  });

  it('refuses the loopback server itself unless loopback is allowed', async () => {
    hits.length = 0;
    expect(
      await codeOf({ url: `${server.origin}/article` }, options({ allowLoopback: false })),
    ).toBe('URL_PRIVATE_ADDRESS');
    expect(hits).toEqual([]);
  });
});
