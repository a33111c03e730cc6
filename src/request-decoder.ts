import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { MIMEType } from 'node:util';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import getRawBody from 'raw-body';
import { AppError } from './errors.js';

/**
 * The one reader of GraphQL requests off the wire: query strings (GET) and
 * bodies (POST), into { query, variables, operationName, extensions }. It owns
 * every decoding step yoga would otherwise do leniently, so that nothing a
 * client sent is silently changed:
 *
 * - bytes become text in the charset the Content-Type declares (UTF-8 when it
 *   declares none), strictly: bytes that are not valid in that charset are a
 *   400 `BAD_REQUEST`, never U+FFFD replacement characters stored as if sent;
 *   a charset this server cannot decode is a 415 `UNSUPPORTED_MEDIA_TYPE`.
 *   Charset labels mean what the WHATWG Encoding Standard says (as in browsers:
 *   `latin1` and `iso-8859-1` are windows-1252);
 * - percent-encoded query strings and form bodies decode as UTF-8 (a form body
 *   in its declared charset), strictly too;
 * - JSON that does not parse, in the body or in the `variables` and
 *   `extensions` parameters, is a 400 `BAD_REQUEST` naming the parameter.
 *
 * - a body larger than MAX_BODY_BYTES is a 413 `REQUEST_ENTITY_TOO_LARGE`, on
 *   its Content-Length before a byte is read and on the bytes as they arrive.
 *
 * Media types: `application/json` (and `application/graphql+json`),
 * `application/graphql` (the body is the query) and
 * `application/x-www-form-urlencoded` (the parameters, as in a query string).
 * Anything else, multipart included (it is for file uploads, and this API takes
 * none), is a 415.
 */

type Params = GraphQLParams<Record<string, unknown>, Record<string, unknown>>;

const badRequest = (message: string, path?: string) =>
  new AppError('BAD_REQUEST', message, path ? { problems: [{ path, message }] } : {});
const unsupported = (message: string) => new AppError('UNSUPPORTED_MEDIA_TYPE', message);

const JSON_TYPES = new Set(['application/json', 'application/graphql+json']);
const SUPPORTED =
  'application/json, application/graphql or application/x-www-form-urlencoded (UTF-8 unless its charset says otherwise)';

/**
 * A yoga plugin: every GET and POST to the GraphQL endpoint is read by `decodeRequest`,
 * its body no larger than `maxBodyBytes` (yoga's own limit is off: see app.ts).
 */
export function requestDecoder(maxBodyBytes: number): Plugin<object, { req?: IncomingMessage }> {
  return {
    onRequestParse({ request, serverContext, setRequestParser }) {
      const length = request.headers.get('content-length');
      if (length !== null && !/^\d+$/.test(length)) {
        throw badRequest('The Content-Length header is not a number of bytes.');
      }
      if (length !== null && Number(length) > maxBodyBytes) throw tooLarge(maxBodyBytes);
      if (request.method !== 'GET' && request.method !== 'POST') return;
      // Served by node:http, the body is read off the socket's stream itself: through the
      // Fetch API's streams it cost ~0.3 ms more a request.
      const stream = serverContext.req;
      // Else (yoga.fetch, as in tests) its Fetch body, a stream that is async-iterable (Node's
      // and whatwg-node's both are; TypeScript's DOM types do not say so).
      const fetchBody = () =>
        Readable.from((request.body ?? []) as unknown as AsyncIterable<Uint8Array>);
      const body: BodyReader = () => readBody(stream ?? fetchBody(), length, maxBodyBytes);
      setRequestParser((req) => decodeRequest(req, body));
    },
  };
}

/** The whole body of the request being decoded, as bytes. */
type BodyReader = () => Promise<Uint8Array>;

const tooLarge = (limit: number) =>
  new AppError(
    'REQUEST_ENTITY_TOO_LARGE',
    `The request body is larger than ${limit} bytes (MAX_BODY_BYTES).`,
  );

async function readBody(
  stream: Readable,
  length: string | null,
  limit: number,
): Promise<Uint8Array> {
  try {
    return await getRawBody(stream, { length, limit });
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') throw tooLarge(limit);
    throw badRequest('The body could not be read.');
  }
}

export async function decodeRequest(
  request: Request,
  body: BodyReader = async () => new Uint8Array(await request.arrayBuffer()),
): Promise<Params> {
  if (request.method === 'GET') {
    const url = request.url;
    const at = url.indexOf('?');
    const query = Buffer.from(at < 0 ? '' : url.slice(at + 1), 'utf8');
    return paramsOf(decodeForm(query, 'utf-8', 'the query string'));
  }
  const { essence, charset } = mediaTypeOf(request.headers.get('content-type'));
  const encoding = encodingOf(charset);
  if (!JSON_TYPES.has(essence) && essence !== 'application/graphql') {
    if (essence !== 'application/x-www-form-urlencoded') {
      throw unsupported(`Content-Type ${essence || '(none)'} is not supported: send ${SUPPORTED}.`);
    }
    return paramsOf(decodeForm(await body(), encoding, 'the body'));
  }
  const text = decodeText(await body(), encoding, 'the body');
  if (essence === 'application/graphql') return { query: text };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw badRequest(`The body is not valid JSON: ${(error as Error).message}.`, 'body');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest(
      Array.isArray(parsed)
        ? 'The body is a JSON array: batched operations are not supported, send one object { query, variables }.'
        : 'The body must be a JSON object { query, variables, operationName, extensions }.',
      'body',
    );
  }
  return parsed as Params;
}

/** The media type and its charset; a Content-Type list takes its first entry, as yoga does. */
function mediaTypeOf(header: string | null): { essence: string; charset: string | null } {
  if (!header) return { essence: '', charset: null };
  try {
    const type = new MIMEType(header.split(',')[0]!.trim());
    return { essence: type.essence, charset: type.params.get('charset') };
  } catch {
    throw unsupported(`Content-Type "${header}" does not parse: send ${SUPPORTED}.`);
  }
}

/** The WHATWG encoding a charset label names; UTF-8 when there is none. */
function encodingOf(charset: string | null): string {
  if (charset === null) return 'utf-8';
  try {
    return new TextDecoder(charset).encoding;
  } catch {
    throw unsupported(`charset "${charset}" is not supported: send UTF-8 (or no charset).`);
  }
}

function decodeText(bytes: Uint8Array, encoding: string, what: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw badRequest(
      `${capitalise(what)} is not valid ${encoding.toUpperCase()}: declare its charset in Content-Type, or send UTF-8.`,
    );
  }
}

/**
 * Reads `a=1&b=%C3%BC` parameters: `+` is a space, %XX a byte, and the bytes of
 * each name and value are text in `encoding`, strictly. A parameter given twice
 * counts once, as first given (as URLSearchParams.get does).
 */
function decodeForm(bytes: Uint8Array, encoding: string, what: string): Map<string, string> {
  const params = new Map<string, string>();
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(AMPERSAND, start);
    if (end < 0) end = bytes.length;
    const pair = bytes.subarray(start, end);
    start = end + 1;
    if (pair.length === 0) continue;
    const eq = pair.indexOf(EQUALS);
    const name = percentDecode(eq < 0 ? pair : pair.subarray(0, eq), encoding, `a name in ${what}`);
    if (params.has(name)) continue;
    const value = eq < 0 ? new Uint8Array() : pair.subarray(eq + 1);
    params.set(name, percentDecode(value, encoding, `parameter ${name} in ${what}`));
  }
  return params;
}

const AMPERSAND = 0x26;
const EQUALS = 0x3d;
const PLUS = 0x2b;
const PERCENT = 0x25;

function percentDecode(raw: Uint8Array, encoding: string, what: string): string {
  const bytes = new Uint8Array(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!;
    const hex = byte === PERCENT ? Buffer.from(raw.subarray(i + 1, i + 3)).toString('latin1') : '';
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes[n++] = parseInt(hex, 16);
      i += 2;
    } else {
      // A % not followed by two hex digits stays a %, as the URL standard says.
      bytes[n++] = byte === PLUS ? 0x20 : byte;
    }
  }
  return decodeText(bytes.subarray(0, n), encoding, what);
}

/** GraphQL parameters from a query string or form body; JSON ones parsed, naming the one that fails. */
function paramsOf(params: Map<string, string>): Params {
  const json = (name: 'variables' | 'extensions') => {
    const text = params.get(name);
    if (!text) return undefined;
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw badRequest(`${name} is not valid JSON: ${(error as Error).message}.`, name);
    }
  };
  return {
    query: params.get('query') || undefined,
    operationName: params.get('operationName') || undefined,
    variables: json('variables'),
    extensions: json('extensions'),
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
