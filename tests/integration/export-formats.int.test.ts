import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { runExport } from '../../src/cli/export.js';
import { loadConfig } from '../../src/config.js';
import { exportDataset, exportSlice } from '../../src/export/exporter.js';
import { ftmId } from '../../src/export/ftm.js';
import { createImporter } from '../../src/import/importer.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { readSeed, SEED_FILE } from '../helpers/seed.js';

const READER = 'reader-token-0123456789abcdef';
const ABOUT_HAMAS = 'topic:eradication-of-hamas';

describe('exports of a filtered slice', () => {
  let t: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
    app = createTestApp(t.db);
  });
  afterAll(() => t.close());

  /** The ids the `statements` query answers for a filter: what an export must match. */
  async function listed(filter: Record<string, unknown>): Promise<string[]> {
    const body = await app.gql<{ statements: { edges: Array<{ node: { id: string } }> } }>(
      `query ($filter: StatementFilter) { statements(filter: $filter, first: 100) { edges { node { id } } } }`,
      { filter },
    );
    return body.data!.statements.edges.map((e) => e.node.id).sort();
  }

  it('matches exactly the statements the API lists for the same StatementFilter', async () => {
    for (const filter of [
      { aboutIds: [ABOUT_HAMAS] },
      {
        speakerIds: ['person:sergey-lavrov'],
        kinds: ['DIRECT_QUOTE'],
        from: '2024-07-01',
        to: '2024-07-31',
      },
      { stances: ['CRITICAL'], minConfidence: 0.8 },
      { from: '2024-06-10', to: '2024-06-20', dateMatch: 'OVERLAPS' },
      { text: 'ceasefire' },
      { speakingAs: { ofId: 'country:RUS' } },
    ]) {
      const slice = await exportSlice(t.db, filter as never);
      expect(slice.matching, JSON.stringify(filter)).toEqual(await listed(filter));
      expect(slice.matching.length, JSON.stringify(filter)).toBeGreaterThan(0);
    }
  });

  it('brings everything the matching statements refer to, and imports on its own', async () => {
    const { dataset, matching } = await exportSlice(t.db, { aboutIds: [ABOUT_HAMAS] });
    const ids = new Set(
      Object.values(dataset).flatMap((v) =>
        Array.isArray(v) ? v.map((r: { id: string }) => r.id) : [],
      ),
    );
    for (const s of dataset.statements.filter((x) => matching.includes(x.id))) {
      for (const x of s.speakers) expect(ids.has(x)).toBe(true);
      for (const a of s.about) expect(ids.has(a.target)).toBe(true);
      for (const x of s.sources) expect(ids.has(x.source)).toBe(true);
    }
    // The whole graph, unfiltered, is what it was.
    expect((await exportDataset(t.db)).statements).toHaveLength(readSeed().statements.length);
  });

  describe('download endpoints', () => {
    const get = (yoga: App, path: string, headers: Record<string, string> = {}) =>
      yoga.fetch(`http://test${path}`, { headers });

    it('answer each format as a file with the filter applied', async () => {
      const expected = await listed({ aboutIds: [ABOUT_HAMAS] });
      const q = `?aboutIds=${encodeURIComponent(ABOUT_HAMAS)}`;

      const csv = await get(app.yoga, `/export/csv${q}`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(csv.headers.get('content-disposition')).toBe(
        'attachment; filename="statement-graph.csv"',
      );
      const rows = parseCsv(await csv.text(), { columns: true }) as Array<Record<string, string>>;
      expect([...new Set(rows.map((r) => r.statement_id))].sort()).toEqual(expected);

      const graphml = parseGraphml(
        MultiDirectedGraph,
        await (await get(app.yoga, `/export/graphml${q}`)).text(),
      );
      const gexf = parseGexf(
        MultiDirectedGraph,
        await (await get(app.yoga, `/export/gexf${q}`)).text(),
      );
      for (const graph of [graphml, gexf]) {
        const statements = new Set(
          graph.mapEdges((_, a) => String(a.statements).split(' ')).flat(),
        );
        expect([...statements].sort()).toEqual(expected);
      }

      const ftm = (await (await get(app.yoga, `/export/ftm${q}`)).text())
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: string; schema: string });
      for (const id of expected) expect(ftm.find((e) => e.id === ftmId(id))?.schema).toBe('Event');

      const ld = await get(app.yoga, `/export/jsonld${q}`);
      expect(ld.headers.get('content-type')).toMatch(/^application\/ld\+json/);
      const flat = (await jsonld.flatten(await ld.json())) as unknown as Array<{ '@id': string }>;
      for (const id of expected)
        expect(flat.some((n) => n['@id'] === `urn:statement-graph:${id}`)).toBe(true);

      const json = (await (await get(app.yoga, `/export/json${q}`)).json()) as {
        statements: unknown[];
      };
      expect(json.statements.length).toBeGreaterThanOrEqual(expected.length);
    });

    it('take list fields repeated, the whole filter as JSON, and check it as the API does', async () => {
      const lavrov = await get(
        app.yoga,
        `/export/csv?speakerIds=person:sergey-lavrov&speakerIds=person:mousa-abu-marzouk&filter=${encodeURIComponent(
          JSON.stringify({ speakingAs: { ofId: 'country:RUS' } }),
        )}`,
      );
      const rows = parseCsv(await lavrov.text(), { columns: true }) as Array<
        Record<string, string>
      >;
      expect(new Set(rows.map((r) => r.speaker_id))).toEqual(new Set(['person:sergey-lavrov']));

      for (const [query, path, message] of [
        [
          '?stances=ANGRY',
          'filter.stances[0]',
          'must be one of SUPPORTIVE, CRITICAL, NEUTRAL, MIXED, not "ANGRY"',
        ],
        ['?from=2024-02-30', 'filter.from'],
        ['?minConfidence=abc', 'filter.minConfidence', 'must be a number, not "abc"'],
        ['?minConfidence=2', 'filter.minConfidence'],
        ['?nonsense=1', 'filter.nonsense', 'unknown field'],
        ['?filter=%7B', 'filter'],
      ]) {
        const response = await get(app.yoga, `/export/csv${query}`);
        expect(response.status, query).toBe(400);
        const body = (await response.json()) as {
          errors: Array<{
            extensions: { code: string; problems?: Array<{ path: string; message: string }> };
          }>;
        };
        expect(body.errors[0]!.extensions.code, query).toBe('BAD_USER_INPUT');
        expect(body.errors[0]!.extensions.problems?.[0]?.path, query).toBe(path);
        if (message) expect(body.errors[0]!.extensions.problems?.[0]?.message).toBe(message);
      }
      expect((await get(app.yoga, '/export/pdf')).status).toBe(404);
      expect((await app.yoga.fetch('http://test/export/csv', { method: 'POST' })).status).toBe(405);

      // An id that names nothing (or something of another kind) is an error, never an empty file.
      const unknown = await get(
        app.yoga,
        '/export/jsonl?speakerIds=person:nobody&aboutIds=person:sergey-lavrov&topicIds=topic:nothing',
      );
      expect(unknown.status).toBe(404);
      const body = (await unknown.json()) as {
        errors: Array<{ extensions: { code: string; problems: Array<{ path: string }> } }>;
      };
      expect(body.errors[0]!.extensions.code).toBe('NOT_FOUND');
      expect(body.errors[0]!.extensions.problems.map((p) => p.path)).toEqual([
        'filter.speakerIds[0]',
        'filter.topicIds[0]',
      ]);
    });

    it('follow the reader-token rules of the API', async () => {
      const yoga = createApp({
        db: t.db,
        logger: createLogger('silent'),
        metrics: createMetrics(),
        config: loadConfig({ API_TOKENS: `bot:reader:${READER}`, REQUIRE_READER_TOKEN: 'true' }),
      });
      const none = await get(yoga, '/export/csv');
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(
        ((await none.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!
          .extensions.code,
      ).toBe('UNAUTHENTICATED');
      expect(
        (await get(yoga, '/export/csv', { authorization: 'Bearer wrong-token-0123456789abcdef' }))
          .status,
      ).toBe(401);
      expect((await get(yoga, '/export/csv', { authorization: `Bearer ${READER}` })).status).toBe(
        200,
      );
      // Reads open: a download needs no token, but a bad one is still refused.
      expect((await get(app.yoga, '/export/csv')).status).toBe(200);
      expect(
        (
          await get(app.yoga, '/export/csv', {
            authorization: 'Bearer wrong-token-0123456789abcdef',
          })
        ).status,
      ).toBe(401);
    });
  });

  describe('CLI', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'sg-export-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('writes each format with the filters given as flags', async () => {
      const expected = await listed({ aboutIds: [ABOUT_HAMAS], stances: ['CRITICAL'] });
      const lines: string[] = [];
      const out = join(dir, 'hamas.gexf');
      const csv = join(dir, 'hamas.csv');
      const code = await runExport(
        t.db,
        [
          '--format',
          'gexf',
          '--about',
          ABOUT_HAMAS,
          '--stance',
          'CRITICAL',
          '--out',
          out,
          '--csv',
          csv,
        ],
        (line) => lines.push(line),
      );
      expect(code).toBe(0);
      expect(lines.join('\n')).toContain(`Exported ${expected.length} matching statements as gexf`);
      const graph = parseGexf(MultiDirectedGraph, await readFile(out, 'utf8'));
      expect(
        [...new Set(graph.mapEdges((_, a) => String(a.statements).split(' ')).flat())].sort(),
      ).toEqual(expected);
      const rows = parseCsv(await readFile(csv, 'utf8'), { columns: true }) as Array<
        Record<string, string>
      >;
      expect([...new Set(rows.map((r) => r.statement_id))].sort()).toEqual(expected);
    });

    it('refuses a bad filter or format with the problem and exit code 2', async () => {
      const lines: string[] = [];
      // The same words as a download URL's refusal (the URL test above).
      expect(await runExport(t.db, ['--stance', 'ANGRY'], (l) => lines.push(l))).toBe(2);
      expect(await runExport(t.db, ['--min-confidence', 'abc'], (l) => lines.push(l))).toBe(2);
      expect(await runExport(t.db, ['--min-confidence', ''], (l) => lines.push(l))).toBe(2);
      expect(lines).toEqual([
        'filter.stances[0]: must be one of SUPPORTIVE, CRITICAL, NEUTRAL, MIXED, not "ANGRY"',
        'filter.minConfidence: must be a number, not "abc"',
        'filter.minConfidence: must be a number, not ""',
      ]);
      expect(await runExport(t.db, ['--format', 'pdf'], (l) => lines.push(l))).toBe(2);
      expect(await runExport(t.db, ['--filter', '{'], (l) => lines.push(l))).toBe(2);
      lines.length = 0;
      expect(await runExport(t.db, ['--speaker', 'person:nobody'], (l) => lines.push(l))).toBe(2);
      expect(lines).toEqual([
        'filter.speakerIds[0]: no actor (person, organisation or country) with id "person:nobody"',
      ]);
    });
  });
});
