import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, webExplorer } from '../../src/web/web.plugin.js';

const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))});\n`;

describe('webExplorer plugin', () => {
  let dir: string;
  let yoga: ReturnType<typeof createYoga>;

  const write = (name: string, body: string, gzip = false) => {
    writeFileSync(join(dir, name), body);
    if (gzip) writeFileSync(join(dir, `${name}.gz`), gzipSync(body));
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'statement-graph-web-'));
    mkdirSync(join(dir, 'assets'));
    write('index.html', '<!doctype html><script src="/assets/app-AAAA1111.js"></script>', true);
    write('assets/app-AAAA1111.js', SCRIPT, true);
    write('assets/styles-BBBB2222.css', 'body{}');
    write('assets/favicon-CCCC3333.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
    yoga = createYoga({
      schema: createSchema({ typeDefs: 'type Query { ok: Boolean }', resolvers: {} }),
      plugins: [webExplorer({ dir })],
      logging: false,
    });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    yoga.fetch(`http://test${path}`, { method, headers });

  it('serves index.html at / with a strict CSP, revalidated by its ETag', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'self'; /);
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await response.text()).toContain('/assets/app-AAAA1111.js');

    const etag = response.headers.get('etag')!;
    const again = await get('/', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('serves hashed assets with their content type, as immutable', async () => {
    for (const [path, type] of [
      ['/assets/app-AAAA1111.js', 'text/javascript; charset=utf-8'],
      ['/assets/styles-BBBB2222.css', 'text/css; charset=utf-8'],
      ['/assets/favicon-CCCC3333.svg', 'image/svg+xml'],
    ] as const) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe(type);
      expect(response.headers.get('cache-control'), path).toBe(
        'public, max-age=31536000, immutable',
      );
    }
  });

  it('sends the gzipped file to a client that accepts gzip, the plain one otherwise', async () => {
    const zipped = await get('/assets/app-AAAA1111.js', { 'accept-encoding': 'br, gzip;q=0.8' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('accept-encoding');
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe(SCRIPT);

    for (const encoding of [undefined, 'gzip;q=0', 'identity']) {
      const plain = await get(
        '/assets/app-AAAA1111.js',
        encoding ? { 'accept-encoding': encoding } : {},
      );
      expect(plain.headers.get('content-encoding'), encoding).toBeNull();
      expect(await plain.text()).toBe(SCRIPT);
    }
  });

  it('answers HEAD without a body, and refuses other methods', async () => {
    const head = await get('/assets/app-AAAA1111.js', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(SCRIPT.length));
    expect(await head.text()).toBe('');
    const post = await get('/', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('serves nothing outside the build: unknown names, .gz files, other folders', async () => {
    for (const path of [
      '/assets/missing.js',
      '/assets/app-AAAA1111.js.gz',
      '/assets/../index.html',
      '/assets/%2e%2e%2findex.html',
      '/assets/..%2F..%2Fpackage.json',
      '/assets/',
    ]) {
      const response = await get(path);
      if (response.status === 200) {
        // A URL parser may resolve `/assets/../index.html` to `/`: then it is the page.
        expect(await response.text(), path).toContain('<!doctype html>');
      } else {
        expect(response.status, path).toBe(404);
      }
    }
  });

  it('leaves every other path to yoga', async () => {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    expect((await get('/elsewhere')).status).toBe(404);
    expect((await get('/graphql')).headers.get('content-security-policy')).toBeNull();
  });

  it('picks up a rebuild, and says how to build when there is none', async () => {
    expect(await (await get('/')).text()).toContain('app-AAAA1111.js');
    write('index.html', '<!doctype html><script src="/assets/app-DDDD4444.js"></script>');
    write('assets/app-DDDD4444.js', 'console.log(2);');
    // A rebuild writes a new index.html; make sure its mtime differs from the first.
    utimesSync(join(dir, 'index.html'), new Date(), new Date(Date.now() + 5000));
    expect(await (await get('/')).text()).toContain('app-DDDD4444.js');
    expect((await get('/assets/app-DDDD4444.js')).status).toBe(200);

    rmSync(dir, { recursive: true, force: true });
    const missing = await get('/');
    expect(missing.status).toBe(503);
    expect(await missing.text()).toContain('npm run build:web');
  });
});
