import { MIMEType } from 'node:util';
import { GraphQLError } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
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
  'application/json, application/graphql or application/x-www-form-urlencoded, in UTF-8';

/** A yoga plugin: every GET and POST to the GraphQL endpoint is read by `decodeRequest`. */
export function requestDecoder(): Plugin {
  return {
    onRequestParse({ request, setRequestParser }) {
      if (request.method === 'GET' || request.method === 'POST') setRequestParser(decodeRequest);
    },
  };
}

export async function decodeRequest(request: Request): Promise<Params> {
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
    return paramsOf(decodeForm(await bodyBytes(request), encoding, 'the body'));
  }
  const text = await bodyText(request, encoding);
  if (essence === 'application/graphql') return { query: text };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw badRequest(`The body is not valid JSON: ${(error as Error).message}.`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest(
      Array.isArray(body)
        ? 'The body is a JSON array: batched operations are not supported, send one object { query, variables }.'
        : 'The body must be a JSON object { query, variables, operationName, extensions }.',
    );
  }
  return body as Params;
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

async function bodyBytes(request: Request): Promise<Uint8Array> {
  try {
    return new Uint8Array(await request.arrayBuffer());
  } catch (error) {
    // The body size limit aborts the stream with its own 413 error.
    if (error instanceof GraphQLError) throw error;
    throw badRequest('The body could not be read.');
  }
}

/** The body's bytes as text in `encoding`, refusing bytes that are not valid in it. */
async function bodyText(request: Request, encoding: string): Promise<string> {
  return decodeText(await bodyBytes(request), encoding, 'the body');
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
