import type { LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { parseHttpUrl, pinnedLookup, resolveChecked, UrlRefused } from '../net/url-guard.js';
import { ArticleError } from './article.errors.js';

/**
 * Fetches an article page without letting a URL reach inside the network, with
 * the guard webhooks use (src/net/url-guard.ts): only http(s); every address the
 * host resolves to must be a public unicast address (unless loopback is allowed,
 * for tests), checked before connecting and again after every redirect; the
 * connection goes to the addresses that were checked, never to a second DNS answer. One deadline covers the whole walk, and the
 * body is read up to the size limit and no further.
 */

export interface FetchOptions {
  timeoutMs: number;
  maxRedirects: number;
  maxBytes: number;
  /** Allow 127.0.0.0/8 and ::1 (tests use a local server); private ranges stay refused. */
  allowLoopback: boolean;
}

export interface FetchedPage {
  /** The URL after redirects. */
  url: string;
  contentType: string | undefined;
  bytes: Uint8Array;
}

const PATH = 'input.url';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The guard's refusal as the article's stable code. */
function refusedAs(error: UrlRefused): ArticleError {
  const code =
    error.reason === 'NOT_HTTP'
      ? 'URL_NOT_HTTP'
      : error.reason === 'PRIVATE_ADDRESS'
        ? 'URL_PRIVATE_ADDRESS'
        : 'URL_FETCH_FAILED';
  const advice =
    error.reason === 'PRIVATE_ADDRESS' ? '; articles are fetched only from public addresses' : '';
  return new ArticleError(
    code,
    `${error.message[0]!.toUpperCase()}${error.message.slice(1)}${advice}.`,
    PATH,
  );
}

/** An http(s) URL, or the article's URL_NOT_HTTP. */
export function parseArticleUrl(text: string): URL {
  try {
    return parseHttpUrl(text);
  } catch (error) {
    throw error instanceof UrlRefused ? refusedAs(error) : error;
  }
}

const guarded = async <T>(work: () => T | Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw error instanceof UrlRefused ? refusedAs(error) : error;
  }
};

interface Hop {
  status: number;
  location: string | undefined;
  contentType: string | undefined;
  bytes: Uint8Array;
}

function request(url: URL, addresses: LookupAddress[], options: FetchOptions, signal: AbortSignal) {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Hop>((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'GET',
        lookup: pinnedLookup(addresses),
        signal,
        headers: {
          accept: 'text/html,application/xhtml+xml,text/plain;q=0.9',
          'accept-encoding': 'identity',
          'user-agent': 'statement-graph article intake',
        },
      },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        const contentType = res.headers['content-type'];
        if (REDIRECTS.has(status)) {
          res.resume();
          resolve({ status, location: res.headers.location, contentType, bytes: new Uint8Array() });
          return;
        }
        if (status < 200 || status > 299) {
          res.resume();
          resolve({ status, location: undefined, contentType, bytes: new Uint8Array() });
          return;
        }
        const declared = Number(res.headers['content-length']);
        const tooLarge = (size: number) =>
          new ArticleError(
            'ARTICLE_TOO_LARGE',
            `The page is ${size > options.maxBytes ? `more than ${options.maxBytes}` : size} bytes; the limit is ${options.maxBytes} bytes.`,
            PATH,
          );
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          res.destroy();
          reject(tooLarge(declared));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            res.destroy();
            reject(tooLarge(size));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status,
            location: undefined,
            contentType,
            bytes: new Uint8Array(Buffer.concat(chunks)),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export async function fetchPage(text: string, options: FetchOptions): Promise<FetchedPage> {
  let url = parseArticleUrl(text);
  const guard = { allowLoopback: options.allowLoopback, allowPrivate: false };
  const signal = AbortSignal.timeout(options.timeoutMs);
  const timedOut = () =>
    new ArticleError(
      'URL_TIMEOUT',
      `The page did not arrive within ${options.timeoutMs} ms.`,
      PATH,
    );
  const withDeadline = <T>(work: Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      if (signal.aborted) return reject(timedOut());
      const onAbort = () => reject(timedOut());
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });

  for (let redirects = 0; ; redirects += 1) {
    const addresses = await withDeadline(guarded(() => resolveChecked(url.hostname, guard)));
    let hop: Hop;
    try {
      hop = await withDeadline(request(url, addresses, options, signal));
    } catch (error) {
      if (error instanceof ArticleError) throw error;
      if (signal.aborted) throw timedOut();
      throw new ArticleError(
        'URL_FETCH_FAILED',
        `The page could not be fetched (${(error as NodeJS.ErrnoException).code ?? 'connection failed'}).`,
        PATH,
      );
    }
    if (REDIRECTS.has(hop.status)) {
      if (!hop.location) {
        throw new ArticleError(
          'URL_FETCH_FAILED',
          `A redirect (${hop.status}) without a Location.`,
          PATH,
        );
      }
      if (redirects >= options.maxRedirects) {
        throw new ArticleError(
          'URL_TOO_MANY_REDIRECTS',
          `The page redirects more than ${options.maxRedirects} times.`,
          PATH,
        );
      }
      const next = new URL(hop.location, url).href;
      url = parseArticleUrl(next);
      continue;
    }
    if (hop.status < 200 || hop.status > 299) {
      throw new ArticleError('URL_FETCH_FAILED', `The server answered HTTP ${hop.status}.`, PATH);
    }
    return { url: url.href, contentType: hop.contentType, bytes: hop.bytes };
  }
}
