import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, createApp, type App } from '../../src/app.js';
import { checkPartialDate, isoWeek, monthEnd } from '../../src/calendar.js';
import { loadConfig } from '../../src/config.js';
import { createImporter } from '../../src/import/importer.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import type { GraphQLResponse } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { graphCounts, SEED_FILE } from '../helpers/seed.js';

/**
 * Input from the real world — request bytes in any charset, forged cursors, files
 * saved by any tool, any calendar date — gets a stable code and never a 500, and
 * a refused input writes nothing.
 */

const EDITOR = 'editor-token-0123456789abcdef';
// A fixed seed keeps CI reproducible; FC_SEED explores other inputs (a failure prints its seed and path).
const RUNS = { numRuns: 60, seed: Number(process.env.FC_SEED ?? 20261128) };
const SOURCE = 'source:tass-2024-07-28-lavrov-malaysia';

const PERSON = `mutation ($input: PersonInput!) {
  upsertPerson(input: $input) { outcome errors { code path message } node { id name } }
}`;
const STATEMENT = `mutation ($input: StatementInput!) {
  recordStatement(input: $input) { outcome errors { code path message } node { id } }
}`;

describe('decoding outside input', () => {
  let t: TestDatabase;
  let yoga: App;
  const dir = mkdtempSync(join(tmpdir(), 'sg-decoding-'));

  const send = async (url: string, init: RequestInit = {}) => {
    const response = await yoga.fetch(`http://test${url}`, {
      ...init,
      headers: { accept: 'application/json', ...(init.headers as Record<string, string>) },
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as GraphQLResponse };
  };
  const post = (body: Uint8Array | string, contentType: string, headers = {}) =>
    send('/graphql', {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${EDITOR}`, ...headers },
      body: body as BodyInit,
    });
  const gql = async (query: string, variables: Record<string, unknown> = {}) =>
    (await post(JSON.stringify({ query, variables }), 'application/json')).body;
  const statement = (id: string, date: string, speaker = 'person:sergey-lavrov') => ({
    id,
    speaker,
    text: `Said on ${date}.`,
    kind: 'PARAPHRASE',
    language: 'en',
    date,
    sources: [{ source: SOURCE, role: 'READ', quoteType: 'PARAPHRASE' }],
    confidence: 0.9,
    verification: 'UNVERIFIED',
  });
  const exists = async (id: string) =>
    ((await gql(`query ($id: ID!) { node(id: $id) { id } }`, { id })).data as { node: unknown })
      .node !== null;

  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
    yoga = createApp({
      db: t.db,
      logger: createLogger('silent'),
      metrics: createMetrics(),
      config: loadConfig({ API_TOKENS: `alice:editor:${EDITOR}` }),
    });
  });
  afterAll(() => t.close());

  describe('requests', () => {
    it('answers malformed JSON in the variables or extensions parameter with 400 BAD_REQUEST naming it', async () => {
      for (const name of ['variables', 'extensions']) {
        for (const accept of ['application/json', 'application/graphql-response+json']) {
          const { status, body } = await send(`/graphql?query={__typename}&${name}={not-json`, {
            headers: { accept },
          });
          expect(status).toBe(400);
          expect(body.errors![0]!.extensions).toMatchObject({
            code: 'BAD_REQUEST',
            problems: [{ path: name }],
          });
          expect(body.errors![0]!.message).toMatch(new RegExp(`^${name} is not valid JSON`));
        }
      }
      const form = await post(
        'query=%7B__typename%7D&variables=%7Bnope',
        'application/x-www-form-urlencoded',
        { [CSRF_HEADER]: '1' },
      );
      expect(form.status).toBe(400);
      expect(form.body.errors![0]!.extensions!.code).toBe('BAD_REQUEST');
      const body = await post('{"query": "{ __typename }"', 'application/json');
      expect(body.status).toBe(400);
      expect(body.body.errors![0]!.extensions!.code).toBe('BAD_REQUEST');
    });

    it('decodes a body in its declared charset (latin1) and stores the name as sent', async () => {
      for (const [charset, id] of [
        ['latin1', 'person:juergen-mueller'],
        ['ISO-8859-1', 'person:juergen-mueller-2'],
      ] as const) {
        const json = JSON.stringify({
          query: PERSON,
          variables: { input: { id, name: 'Jürgen Müller' } },
        });
        const { status, body } = await post(
          Buffer.from(json, 'latin1'),
          `application/json; charset=${charset}`,
        );
        expect(status).toBe(200);
        expect(body.data).toEqual({
          upsertPerson: { outcome: 'CREATED', errors: [], node: { id, name: 'Jürgen Müller' } },
        });
        const read = await gql(`query ($id: ID!) { node(id: $id) { ... on Person { name } } }`, {
          id,
        });
        expect(read.data).toEqual({ node: { name: 'Jürgen Müller' } });
      }
      const utf16 = JSON.stringify({ query: '{ __typename }' });
      const answer = await post(
        Buffer.from(`\uFEFF${utf16}`, 'utf16le'),
        'application/json; charset=utf-16',
      );
      expect(answer).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    });

    it('refuses invalid UTF-8 with 400 and an unknown charset with 415, writing nothing', async () => {
      const before = await graphCounts(t.db);
      const json = JSON.stringify({
        query: PERSON,
        variables: { input: { id: 'person:not-stored', name: 'Jürgen Müller' } },
      });
      const latin1 = Buffer.from(json, 'latin1');
      for (const contentType of ['application/json', 'application/json; charset=utf-8']) {
        const { status, body } = await post(latin1, contentType);
        expect(status).toBe(400);
        expect(body.errors![0]!.extensions!.code).toBe('BAD_REQUEST');
        expect(body.errors![0]!.message).toMatch(/not valid UTF-8/);
      }
      for (const contentType of [
        'application/json; charset=x-klingon',
        'text/plain',
        'multipart/form-data; boundary=x',
        'not a media type',
      ]) {
        const { status, body } = await post(Buffer.from(json), contentType, { [CSRF_HEADER]: '1' });
        expect(status, contentType).toBe(415);
        expect(body.errors![0]!.extensions!.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
      const get = await send(`/graphql?query=${encodeURIComponent('{ __typename }')}%FC`);
      expect(get.status).toBe(400);
      expect(get.body.errors![0]!.message).toMatch(
        /^Parameter query in the query string is not valid UTF-8/,
      );
      expect(await exists('person:not-stored')).toBe(false);
      expect(await graphCounts(t.db)).toEqual(before);
    });
  });

  describe('cursors', () => {
    it('refuses a cursor carrying an impossible date with BAD_USER_INPUT before Neo4j is asked', async () => {
      const cursor = (value: string, sort: string) =>
        Buffer.from(JSON.stringify([sort, 'DESC', value, 'statement:x'])).toString('base64url');
      for (const [field, value] of [
        ['DATE', '2024-02-30'],
        ['DATE', '0000-01-01'],
        ['CREATED_AT', '2024-02-30T10:00:00.000Z'],
        ['CREATED_AT', '2024-06-01T25:00:00.000Z'],
      ] as const) {
        const before = t.queries();
        const body = await gql(
          `query ($after: String) {
            statements(orderBy: { field: ${field}, direction: DESC }, after: $after) { totalCount }
          }`,
          { after: cursor(value, field) },
        );
        expect(body.errors![0]!.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          problems: [{ path: 'after' }],
        });
        expect(t.queries(), `${field} ${value}`).toBe(before);
      }
    });
  });

  describe('dates', () => {
    it('buckets a WEEK timeline in early years by the calendar (0050-W24, 0999-W18)', async () => {
      expect(
        (await gql(PERSON, { input: { id: 'person:early', name: 'Early' } })).errors,
      ).toBeUndefined();
      for (const [id, date] of [
        ['statement:early-50', '0050-06-15'],
        ['statement:early-999', '0999-05-01'],
        ['statement:early-4', '0004-02'],
      ] as const) {
        const body = await gql(STATEMENT, { input: statement(id, date, 'person:early') });
        expect(body.data).toMatchObject({ recordStatement: { outcome: 'CREATED' } });
      }
      const body = await gql(`{
        timeline(actorId: "person:early", granularity: WEEK) {
          buckets { period start end count }
          coarserBuckets { period start end }
        }
      }`);
      expect(body.data).toEqual({
        timeline: {
          buckets: [
            { period: '0050-W24', start: '0050-06-13', end: '0050-06-19', count: 1 },
            { period: '0999-W18', start: '0999-04-29', end: '0999-05-05', count: 1 },
          ],
          coarserBuckets: [{ period: '0004-02', start: '0004-02-01', end: '0004-02-29' }],
        },
      });
    });

    it('refuses year 0000 and an impossible day with BAD_USER_INPUT saying why, writing nothing', async () => {
      const before = await graphCounts(t.db);
      for (const [date, message] of [
        ['0000-02-29', '"0000-02-29": year 0000 is outside the calendar (years 0001 to 9999)'],
        ['0000-02', '"0000-02": year 0000 is outside the calendar (years 0001 to 9999)'],
        ['2023-02-29', '"2023-02-29": February 2023 has 28 days'],
        ['2024-02-30', '"2024-02-30": February 2024 has 29 days'],
      ] as const) {
        const body = await gql(STATEMENT, { input: statement('statement:impossible', date) });
        expect(body.data).toEqual({
          recordStatement: {
            outcome: null,
            node: null,
            errors: [{ code: 'BAD_USER_INPUT', path: 'input.date', message }],
          },
        });
      }
      const filter = await gql(
        `query ($from: Date) { statements(filter: { from: $from }) { totalCount } }`,
        {
          from: '2023-02-29',
        },
      );
      expect(filter.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(filter.errors![0]!.message).toMatch(/February 2023 has 28 days/);
      // A request error (nothing ran, no data): 400 for graphql-response+json, 200 for JSON.
      for (const [accept, expected] of [
        ['application/graphql-response+json', 400],
        ['application/json', 200],
      ] as const) {
        const { status, body } = await send('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept },
          body: JSON.stringify({
            query: 'query ($from: Date) { statements(filter: { from: $from }) { totalCount } }',
            variables: { from: '2023-02-29' },
          }),
        });
        expect(status, accept).toBe(expected);
        expect(body).not.toHaveProperty('data');
        // Its problem worded as the mutation's payload words the same date.
        expect(body.errors![0]!.extensions).toEqual({
          code: 'BAD_USER_INPUT',
          problems: [{ path: 'from', message: '"2023-02-29": February 2023 has 28 days' }],
        });
      }
      expect(await exists('statement:impossible')).toBe(false);
      expect(await graphCounts(t.db)).toEqual(before);
    });

    it('agrees with Neo4j on ISO weeks and month ends for random days across 0001–9999', async () => {
      const pad = (n: number, w: number) => String(n).padStart(w, '0');
      const days = fc.sample(
        fc
          .record({
            y: fc.integer({ min: 1, max: 9999 }),
            m: fc.integer({ min: 1, max: 12 }),
            d: fc.integer({ min: 1, max: 28 }),
          })
          .map(({ y, m, d }) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
        { numRuns: 2000, seed: RUNS.seed },
      );
      // Year ends, where ISO week years differ from calendar years, and the calendar's ends.
      for (const y of [1, 4, 99, 100, 400, 999, 1900, 2000, 2020, 2024, 9998, 9999])
        days.push(
          `${pad(y, 4)}-01-01`,
          `${pad(y, 4)}-01-03`,
          `${pad(y, 4)}-12-29`,
          `${pad(y, 4)}-12-31`,
        );
      const rows = await t.db.read(
        `UNWIND $days AS day
         WITH day, date(day) AS d
         RETURN day, d.weekYear AS weekYear, d.week AS week,
                toString(date.truncate('month', d) + duration('P1M') - duration('P1D')) AS monthEnd`,
        { days },
      );
      expect(rows).toHaveLength(days.length);
      for (const row of rows) {
        const day = row.day as string;
        expect(isoWeek(day).key, day).toBe(
          `${pad(row.weekYear as number, 4)}-W${pad(row.week as number, 2)}`,
        );
        expect(monthEnd(Number(day.slice(0, 4)), Number(day.slice(5, 7))), day).toBe(row.monthEnd);
      }
    });

    it('stores any string in a date field as sent, or refuses it with BAD_USER_INPUT', async () => {
      const pad = (n: number, w: number) => String(n).padStart(w, '0');
      const dateLike = fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.string({ unit: 'binary', maxLength: 12 }),
        fc
          .tuple(fc.nat(9999), fc.nat(13), fc.nat(32))
          .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
        fc.tuple(fc.nat(9999), fc.nat(13)).map(([y, m]) => `${pad(y, 4)}-${pad(m, 2)}`),
      );
      let stored = 0;
      await fc.assert(
        fc.asyncProperty(dateLike, fc.nat(1_000_000), async (date, n) => {
          const id = `source:date-prop-${n}`;
          const body = await gql(
            `mutation ($input: SourceInput!) {
              upsertSource(input: $input) { outcome errors { code path } node { id } }
            }`,
            { input: { id, kind: 'ARTICLE', title: 'A date', publishedDate: date } },
          );
          const payload = (
            body.data as {
              upsertSource: {
                outcome: string | null;
                errors: Array<{ code: string; path: string }>;
              };
            }
          ).upsertSource;
          if (checkPartialDate(date).ok) {
            expect(payload.outcome, date).not.toBeNull();
            const read = await gql(
              `query ($id: ID!) { node(id: $id) { ... on Source { publishedDate { text } } } }`,
              { id },
            );
            expect(read.data).toEqual({ node: { publishedDate: { text: date } } });
            stored += 1;
          } else {
            expect(payload.outcome, date).toBeNull();
            expect(payload.errors).toEqual([
              { code: 'BAD_USER_INPUT', path: 'input.publishedDate' },
            ]);
          }
          const filter = await gql(
            `query ($d: Date) { statements(filter: { from: $d }) { totalCount } }`,
            {
              d: date,
            },
          );
          // A Date argument takes what the calendar reads as a day, a month or a year, and nothing else.
          if (filter.errors) {
            expect(filter.errors[0]!.extensions!.code).toBe('BAD_USER_INPUT');
            expect(checkPartialDate(date).ok, date).toBe(false);
          } else expect(checkPartialDate(date).ok, date).toBe(true);
        }),
        RUNS,
      );
      // Both sides of the property were exercised.
      expect(stored).toBeGreaterThan(RUNS.numRuns / 10);
    });

    it('answers any GET or POST shape with a 2xx or 4xx, never a 5xx', async () => {
      const malformed = fc.constantFrom(
        '{not-json',
        '[1,',
        '"x',
        'null',
        '[]',
        '42',
        '{}',
        '\u0000',
        '%FF',
      );
      const param = (valid: string) =>
        fc.oneof(
          fc.constant(valid),
          malformed,
          fc.string({ maxLength: 20 }),
          fc.constant(undefined),
        );
      const params = fc.record(
        {
          query: param('{ __typename }'),
          variables: param('{"a":1}'),
          operationName: param('Op'),
          extensions: param('{}'),
        },
        { requiredKeys: [] },
      );
      const contentType = fc.constantFrom(
        undefined,
        'application/json',
        'application/json; charset=utf-8',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'application/json; charset=x-bogus',
        'application/json; charset=',
        'application/json, text/plain',
        'application/graphql',
        'application/graphql+json',
        'application/x-www-form-urlencoded',
        'application/x-www-form-urlencoded; charset=iso-8859-1',
        'multipart/form-data; boundary=x',
        'text/plain',
        ';;;',
      );
      const encoding = fc.constantFrom('utf8', 'latin1', 'utf16le') as fc.Arbitrary<BufferEncoding>;
      const bodyOf = fc.oneof(
        params.map((p) => JSON.stringify(p)),
        params.map((p) =>
          new URLSearchParams(
            Object.entries(p).filter(([, v]) => v !== undefined) as [string, string][],
          ).toString(),
        ),
        fc.string({ unit: 'binary', maxLength: 40 }),
        malformed,
      );
      const queryString = fc.oneof(
        params.map((p) =>
          new URLSearchParams(
            Object.entries(p).filter(([, v]) => v !== undefined) as [string, string][],
          ).toString(),
        ),
        fc.constantFrom(
          'query=%7B__typename%7D%FF',
          'query=%',
          'variables=%7B',
          '&&=&',
          'query={__typename}&variables={not-json',
        ),
      );
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'),
          contentType,
          encoding,
          bodyOf,
          queryString,
          fc.constantFrom(
            'application/json',
            'application/graphql-response+json',
            '*/*',
            undefined,
          ),
          fc.boolean(),
          async (method, type, enc, body, qs, accept, csrf) => {
            const headers: Record<string, string> = { authorization: `Bearer ${EDITOR}` };
            if (type) headers['content-type'] = type;
            if (accept) headers.accept = accept;
            if (csrf) headers[CSRF_HEADER] = '1';
            const hasBody = method !== 'GET' && method !== 'HEAD';
            const response = await yoga.fetch(`http://test/graphql?${qs}`, {
              method,
              headers,
              body: hasBody ? Buffer.from(body, enc) : undefined,
            });
            const text = await response.text();
            statuses.add(response.status);
            expect(response.status, `${method} ${type} ${text}`).toBeLessThan(500);
            expect(text).not.toMatch(/Unexpected error|INTERNAL_SERVER_ERROR/);
          },
        ),
        { ...RUNS, numRuns: 300 },
      );
      // The shapes reached every kind of answer: executed, refused as a request, refused as a media type.
      expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 400, 415]));
    });
  });

  describe('dataset files', () => {
    const dataset = {
      format: 'statement-graph/1',
      people: [{ id: 'person:bom-test', name: 'Jürgen Müller' }],
      countries: [{ id: 'country:BOM', name: 'Bomland', iso: 'BOM' }],
    };
    const jsonl = [
      '{"format":"statement-graph/1"}',
      '{"type":"person","id":"person:bom-lines","name":"Jürgen Müller"}',
      '{"type":"country","id":"country:BML","name":"Bomlines","iso":"BML"}',
    ];
    const file = (name: string, bytes: Buffer) => {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    };
    const importFile = (path: string) => createImporter(t.db).importFile(path, { by: 'test' });

    it('imports .json and .jsonl files that start with a UTF-8 byte-order mark, with CRLF line endings', async () => {
      const bom = Buffer.from([0xef, 0xbb, 0xbf]);
      const json = file(
        'bom.json',
        Buffer.concat([
          bom,
          Buffer.from(JSON.stringify(dataset, null, 2).replaceAll('\n', '\r\n')),
        ]),
      );
      const lines = file(
        'bom.jsonl',
        Buffer.concat([bom, Buffer.from(`${jsonl.join('\r\n')}\r\n`)]),
      );
      for (const path of [json, lines]) {
        const report = await importFile(path);
        expect(report, path).toMatchObject({ ok: true, records: 2 });
      }
      const read = await gql(`{
        a: node(id: "person:bom-test") { ... on Person { name } }
        b: node(id: "person:bom-lines") { ... on Person { name } }
      }`);
      expect(read.data).toEqual({ a: { name: 'Jürgen Müller' }, b: { name: 'Jürgen Müller' } });
    });

    it('refuses UTF-16 and UTF-32 files naming their encoding, and Latin-1 by its line, writing nothing', async () => {
      const before = await graphCounts(t.db);
      const text = JSON.stringify({ ...dataset, people: [{ id: 'person:utf16', name: 'X' }] });
      const lines = jsonl.join('\n').replace('bom-lines', 'latin1-lines');
      const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
      const cases: Array<[string, Buffer, RegExp]> = [
        [
          'le-bom.json',
          Buffer.from(`\uFEFF${text}`, 'utf16le'),
          /^the file is UTF-16LE \(byte-order mark FF FE\)/,
        ],
        [
          'be-bom.json',
          utf16be(`\uFEFF${text}`),
          /^the file is UTF-16BE \(byte-order mark FE FF\)/,
        ],
        [
          'le.jsonl',
          Buffer.from(lines, 'utf16le'),
          /^the file looks like UTF-16LE without a byte-order mark/,
        ],
        ['be.json', utf16be(text), /^the file looks like UTF-16BE without a byte-order mark/],
        [
          '32.json',
          Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('{', 'utf16le')]),
          /^the file is UTF-32LE/,
        ],
        ['latin1.jsonl', Buffer.from(lines, 'latin1'), /^line 2 is not valid UTF-8/],
        [
          'latin1.json',
          Buffer.from(JSON.stringify(dataset, null, 2), 'latin1'),
          /^line 6 is not valid UTF-8/,
        ],
      ];
      for (const [name, bytes, message] of cases) {
        const report = await importFile(file(name, bytes));
        expect(report.ok, name).toBe(false);
        if (!report.ok) {
          expect(report.problems).toHaveLength(1);
          expect(report.problems[0]!.message, name).toMatch(message);
        }
      }
      expect(await graphCounts(t.db)).toEqual(before);
    });
  });
});
