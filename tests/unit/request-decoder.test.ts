import { describe, expect, it } from 'vitest';
import type { AppError } from '../../src/errors.js';
import { decodeRequest } from '../../src/request-decoder.js';

const get = (query: string) => decodeRequest(new Request(`http://test/graphql?${query}`));
const post = (body: Uint8Array | string, contentType?: string) =>
  decodeRequest(
    new Request('http://test/graphql', {
      method: 'POST',
      headers: contentType ? { 'content-type': contentType } : {},
      body: body as BodyInit,
    }),
  );
const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    const e = error as AppError;
    return { code: e.extensions.code, message: e.message, problems: e.extensions.problems };
  }
  throw new Error('not refused');
};

describe('decodeRequest', () => {
  it('reads GET parameters, JSON ones parsed', async () => {
    expect(
      await get(
        'query=%7B__typename%7D&variables=%7B%22a%22%3A1%7D&operationName=Op&extensions=%7B%7D',
      ),
    ).toEqual({ query: '{__typename}', variables: { a: 1 }, operationName: 'Op', extensions: {} });
    expect(await get('query=a+b%20c&query=second')).toMatchObject({ query: 'a b c' });
    expect(await get('query=%C3%BC%')).toMatchObject({ query: 'ü%' });
  });

  it('refuses malformed JSON in variables or extensions, naming the parameter', async () => {
    expect(await refusal(get('query={__typename}&variables={not-json'))).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^variables is not valid JSON/),
      problems: [{ path: 'variables' }],
    });
    expect(await refusal(get('query=x&extensions=%5B1'))).toMatchObject({
      problems: [{ path: 'extensions' }],
    });
  });

  it('refuses a body that is not one JSON object, naming the body', async () => {
    expect(await refusal(post('{"query": ', 'application/json'))).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^The body is not valid JSON/),
      problems: [{ path: 'body' }],
    });
    expect(await refusal(post('[{"query": "{ x }"}]', 'application/json'))).toMatchObject({
      problems: [{ path: 'body', message: expect.stringMatching(/batched operations/) }],
    });
  });

  it('refuses percent-encoded bytes that are not UTF-8', async () => {
    expect(await refusal(get('query=J%FCrgen'))).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^Parameter query in the query string is not valid UTF-8/),
    });
  });

  it('decodes a body in its declared charset, UTF-8 by default, strictly', async () => {
    const json = JSON.stringify({ query: '{ x }', variables: { name: 'Jürgen Müller' } });
    for (const charset of ['latin1', 'iso-8859-1', 'windows-1252', 'ISO_8859-1']) {
      expect(
        await post(Buffer.from(json, 'latin1'), `application/json; charset=${charset}`),
      ).toEqual({ query: '{ x }', variables: { name: 'Jürgen Müller' } });
    }
    expect(await post(Buffer.from(json), 'application/json')).toMatchObject({
      variables: { name: 'Jürgen Müller' },
    });
    expect(
      await post(Buffer.from(`\uFEFF${json}`, 'utf16le'), 'application/json; charset=UTF-16LE'),
    ).toMatchObject({
      variables: { name: 'Jürgen Müller' },
    });
    expect(await post(Buffer.from(`\uFEFF${json}`), 'application/json')).toMatchObject({
      query: '{ x }',
    });
    for (const contentType of ['application/json', 'application/json; charset="utf-8"']) {
      expect(await refusal(post(Buffer.from(json, 'latin1'), contentType))).toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/^The body is not valid UTF-8/),
      });
    }
  });

  it('refuses what it cannot decode with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    for (const contentType of [
      'application/json; charset=x-klingon',
      'application/json; charset=utf-32',
      'text/plain',
      'multipart/form-data; boundary=x',
      'nonsense',
      undefined,
    ]) {
      expect(await refusal(post('{}', contentType)), String(contentType)).toMatchObject({
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
    }
  });

  it('reads application/graphql and form bodies, forms in their charset', async () => {
    expect(await post('{ __typename }', 'application/graphql')).toEqual({
      query: '{ __typename }',
    });
    expect(
      await post(
        'query=%7Bx%7D&variables=%7B%22n%22%3A%22J%FCrgen%22%7D',
        'application/x-www-form-urlencoded; charset=latin1',
      ),
    ).toMatchObject({ query: '{x}', variables: { n: 'Jürgen' } });
    expect(
      await refusal(post('query=J%FCrgen', 'application/x-www-form-urlencoded')),
    ).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('refuses a body that is not one JSON object', async () => {
    for (const body of ['{"query":', '[{"query":"{x}"}]', '42', 'null', '']) {
      expect(await refusal(post(body, 'application/json')), body).toMatchObject({
        code: 'BAD_REQUEST',
      });
    }
  });
});
