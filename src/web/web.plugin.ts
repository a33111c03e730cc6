import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'graphql-yoga';

/**
 * The explorer's build (`npm run build:web`): `web/dist/` at the repository root,
 * reached the same way from `src/web/` (tsx, tests) and `dist/web/` (npm start).
 */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * The page may load only its own scripts, styles and images and talk only to its
 * own origin; nothing inline, no plugins, never framed. `cytoscape` would add one
 * inline <style>; index.html carries the id it looks for so it does not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  // A journalist following a source link does not tell the publisher what they were exploring.
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Assets carry a content hash in their name (`app-3FJQ2K7A.js`): a name never changes content. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: always revalidated (its ETag makes that a 304). */
const REVALIDATE = 'no-cache';

/** Copied into plain ArrayBuffers: what a Response body takes. */
interface Asset {
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer> | undefined;
  type: string;
  etag: string;
}

interface Build {
  /** mtime of index.html when read: a rebuild replaces the folder, and so changes it. */
  stamp: number;
  index: Asset;
  assets: Map<string, Asset>;
}

export interface WebExplorerOptions {
  /** The built explorer; `web/dist/` by default. */
  dir?: string;
}

/**
 * Serves the graph explorer: `/` (index.html) and `/assets/<name>` from the
 * build folder, in memory once read, gzipped when the client accepts it. Any
 * other path is left to yoga (GraphiQL stays at /graphql). Without a build, `/`
 * says how to make one rather than failing the API's start.
 */
export function webExplorer({ dir = WEB_DIST }: WebExplorerOptions = {}): Plugin {
  let build: Build | null = null;
  let loading: Promise<Build | null> | null = null;

  // Concurrent requests share one read of the folder.
  const current = (): Promise<Build | null> => {
    loading ??= refresh(dir, build).then(
      (fresh) => {
        build = fresh;
        loading = null;
        return fresh;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };

  return {
    async onRequest({ request, url, endResponse }) {
      const { pathname } = url;
      if (pathname !== '/' && !pathname.startsWith('/assets/')) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return endResponse(
          new Response(null, { status: 405, headers: { allow: 'GET, HEAD', ...SECURITY_HEADERS } }),
        );
      }
      if (pathname === '/') {
        const loaded = await current();
        if (loaded === null) return endResponse(notBuilt());
        return endResponse(respond(request, loaded.index, REVALIDATE));
      }
      const name = pathname.slice('/assets/'.length);
      let asset = build?.assets.get(name);
      // A name we have not seen may belong to a newer build than the one in memory.
      if (asset === undefined && /^[A-Za-z0-9._-]+$/.test(name)) {
        asset = (await current())?.assets.get(name);
      }
      if (asset === undefined) {
        return endResponse(
          new Response('Not found\n', {
            status: 404,
            headers: { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS },
          }),
        );
      }
      return endResponse(respond(request, asset, IMMUTABLE));
    },
  };
}

/** The build in `dir`: the one in memory while index.html is unchanged; null when there is none. */
async function refresh(dir: string, previous: Build | null): Promise<Build | null> {
  let stamp: number;
  try {
    stamp = (await stat(join(dir, 'index.html'))).mtimeMs;
  } catch {
    return null;
  }
  if (previous !== null && previous.stamp === stamp) return previous;
  try {
    const index = await readAsset(join(dir, 'index.html'));
    const assets = new Map<string, Asset>();
    for (const name of await readdir(join(dir, 'assets'))) {
      if (name.endsWith('.gz') || CONTENT_TYPES[extname(name)] === undefined) continue;
      assets.set(name, await readAsset(join(dir, 'assets', name)));
    }
    return { stamp, index, assets };
  } catch (error) {
    // The folder was replaced while we read it (a rebuild): the next request reads the new one.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return previous;
    throw error;
  }
}

async function readAsset(path: string): Promise<Asset> {
  const body = new Uint8Array(await readFile(path));
  let gzip: Uint8Array<ArrayBuffer> | undefined;
  try {
    gzip = new Uint8Array(await readFile(`${path}.gz`));
  } catch {
    gzip = undefined;
  }
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, gzip, type: CONTENT_TYPES[extname(path)]!, etag };
}

function respond(request: Request, asset: Asset, cacheControl: string): Response {
  const headers: Record<string, string> = {
    'content-type': asset.type,
    'cache-control': cacheControl,
    etag: asset.etag,
    vary: 'accept-encoding',
    ...SECURITY_HEADERS,
  };
  if (matches(request.headers.get('if-none-match'), asset.etag)) {
    return new Response(null, { status: 304, headers });
  }
  const gzip = asset.gzip !== undefined && acceptsGzip(request.headers.get('accept-encoding'));
  const body = gzip ? asset.gzip! : asset.body;
  if (gzip) headers['content-encoding'] = 'gzip';
  headers['content-length'] = String(body.byteLength);
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

/** `gzip` listed without `q=0`. */
function acceptsGzip(header: string | null): boolean {
  if (header === null) return false;
  return header.split(',').some((part) => {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

function notBuilt(): Response {
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Statement Graph</title>
<h1>The explorer is not built</h1>
<p>Run <code>npm run build:web</code> (<code>npm run build</code> and <code>npm start</code> do it), then reload.
The GraphQL API is at <a href="/graphql">/graphql</a>.</p></html>\n`;
  return new Response(html, {
    status: 503,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...SECURITY_HEADERS,
    },
  });
}
