import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { exportSlice } from '../../src/export/exporter.js';
import { statementFilterFromParams } from '../../src/export/filter-input.js';
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS } from '../../src/export/formats.js';
import { createImporter } from '../../src/import/importer.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { createGraphExtractor } from '../../src/modules/review/review.extract.js';
import { createTestApp, testExportProcesses, type TestApp } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { readSeed, SEED_FILE } from '../helpers/seed.js';

const HAMAS = '?aboutIds=topic:eradication-of-hamas&stances=CRITICAL';

describe('downloads written in child processes', () => {
  let t: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
    app = createTestApp(t.db);
  });
  afterAll(() => t.close());

  it('answer, byte for byte, the file the exporter writes in the calling process, in every format', async () => {
    for (const query of ['', HAMAS]) {
      const slice = await exportSlice(t.db, statementFilterFromParams(new URLSearchParams(query)));
      const description = `Statement Graph export: ${query || 'the whole graph'}`;
      for (const format of EXPORT_FORMAT_NAMES) {
        const response = await app.yoga.fetch(`http://test/export/${format}${query}`);
        expect(response.status, `${format}${query}`).toBe(200);
        expect(response.headers.get('content-type')).toBe(EXPORT_FORMATS[format].contentType);
        expect(
          Buffer.from(await response.arrayBuffer()).equals(
            Buffer.from(EXPORT_FORMATS[format].write(slice, description)),
          ),
          `${format}${query}`,
        ).toBe(true);
      }
    }
  });

  it('count their Cypher queries on /metrics', async () => {
    const before = await app.metric('statement_graph_cypher_queries_total');
    expect((await app.yoga.fetch(`http://test/export/csv${HAMAS}`)).status).toBe(200);
    expect(await app.metric('statement_graph_cypher_queries_total')).toBeGreaterThan(before);
  });

  describe('beyond their memory limit', () => {
    // A graph whose whole export needs far more than the processes' limit below: 3,000
    // statements of ~9,500 characters (~28 MB of text), while a filtered slice stays small.
    // 96, not 64: a child run from the TypeScript source (tsx) holds its compiled modules too, and
    // under a full suite's load the small slice below once passed 64 MB; the whole graph needs far more.
    const LIMIT_MB = 96;
    beforeAll(async () => {
      const seed = readSeed();
      const padding = ' and so on'.repeat(950);
      const statements = Array.from({ length: 3000 }, (_, i) => ({
        ...seed.statements[i % seed.statements.length]!,
        id: `statement:bulky-${i}`,
        text: `Bulky statement ${i}${padding}`,
        about: [],
        relays: [],
        respondsTo: [],
      }));
      // As JSON Lines in transactions of 500: one transaction of ~28 MB of full-text updates
      // once passed the test database's 30 s limit on a machine under load.
      const file = join(mkdtempSync(join(tmpdir(), 'sg-bulky-')), 'bulky.jsonl');
      writeFileSync(
        file,
        [
          JSON.stringify({ format: seed.format }),
          ...statements.map((s) => JSON.stringify({ type: 'statement', ...s })),
        ].join('\n'),
      );
      const report = await createImporter(t.db).importJsonLines(file, {
        by: 'test',
        batchSize: 500,
      });
      rmSync(dirname(file), { recursive: true, force: true });
      expect(report.ok, JSON.stringify(report).slice(0, 500)).toBe(true);
    });

    it('are EXPORT_TOO_LARGE (413), and the service goes on answering', async () => {
      const metrics = createMetrics();
      const yoga = createApp({
        db: t.db,
        logger: createLogger('silent'),
        metrics,
        exports: testExportProcesses(t.db, LIMIT_MB),
      });
      const refused = await yoga.fetch('http://test/export/json');
      expect(refused.status).toBe(413);
      const body = (await refused.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(body.errors[0]!.extensions.code).toBe('EXPORT_TOO_LARGE');

      // The same limit holds a small slice; queries go on.
      expect((await yoga.fetch(`http://test/export/json${HAMAS}`)).status).toBe(200);
      const answer = await yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: '{ statements(first: 1) { totalCount } }' }),
      });
      expect(
        ((await answer.json()) as { data: { statements: { totalCount: number } } }).data.statements
          .totalCount,
      ).toBe(3000 + readSeed().statements.length);
      // And with room enough, the whole graph exports.
      expect((await app.yoga.fetch('http://test/export/json')).status).toBe(200);
    });
  });
});

describe('article extraction in child processes', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
  });
  afterAll(() => t.close());

  const ARTICLE = [
    'Russian Foreign Minister Sergey Lavrov said on Sunday that eradicating Hamas was an unrealistic goal.',
    '"We will keep helping the Palestinians restore their unity," Lavrov told reporters in Kuala Lumpur.',
    'Israeli media reported that Prime Minister Benjamin Netanyahu rejected the criticism.',
  ].join('\n\n');
  const FACTS = { date: '2024-07-28', title: null, pageTitle: null, publisher: 'Test Chronicle' };

  it('find, linked to the graph, what the extractor finds in the calling process', async () => {
    const inThread = await createGraphExtractor(t.db, { heapMb: 256, concurrency: 1 })(
      ARTICLE,
      FACTS,
    );
    expect(inThread.length).toBeGreaterThan(0);
    expect(inThread.some((s) => s.speaker?.id === 'person:sergey-lavrov')).toBe(true);
    expect(inThread).toEqual(await createGraphExtractor(t.db)(ARTICLE, FACTS));
  });

  it('refuse with ARTICLE_TOO_LARGE what does not fit their limit, and the next one runs', async () => {
    // 24 MB does not even hold the extraction core: the limit, not the article, is too small.
    await expect(
      createGraphExtractor(t.db, { heapMb: 24, concurrency: 1 })(ARTICLE, FACTS),
    ).rejects.toMatchObject({ extensions: { code: 'ARTICLE_TOO_LARGE' } });
    expect(
      (await createGraphExtractor(t.db, { heapMb: 256, concurrency: 1 })(ARTICLE, FACTS)).length,
    ).toBeGreaterThan(0);
  });
});
