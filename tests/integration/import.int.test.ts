import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/neo4j.js';
import { exportDataset } from '../../src/export/exporter.js';
import { createImporter } from '../../src/import/importer.js';
import { COLLECTIONS } from '../../src/records/record-kinds.js';
import { formatProblem } from '../../src/records/validate.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { graphCounts, readSeed } from '../helpers/seed.js';

describe('importer', () => {
  let t: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'sg-import-'));
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  beforeEach(() => t.clear());
  afterAll(() => t.close());

  it('imports the seed, and a second import changes nothing and says so', async () => {
    const seed = readSeed();
    const importer = createImporter(t.db);
    const first = await importer.importDataset(seed, { by: 'test' });
    expect(first.ok).toBe(true);
    const counts = await graphCounts(t.db);
    expect(counts['node:Statement']).toBe(seed.statements.length);
    expect(counts['node:Entity']).toBe(
      COLLECTIONS.filter(([c]) => c !== 'positions').reduce((n, [c]) => n + seed[c].length, 0),
    );
    expect(counts['rel:HOLDS_POSITION']).toBe(seed.positions.length);
    expect(counts['rel:MADE']).toBe(seed.statements.length);

    const second = await importer.importDataset(seed, { by: 'test' });
    if (!second.ok) throw new Error('second import failed');
    for (const c of Object.values(second.counts)) expect(c.created + c.updated).toBe(0);
    expect(Object.values(second.counts).reduce((n, c) => n + c.unchanged, 0)).toBe(
      first.ok && first.records,
    );
    expect(await graphCounts(t.db)).toEqual(counts);
  });

  it('reports every error with its path and writes nothing', async () => {
    const bad = readSeed();
    bad.statements[3]!.speakers = ['person:lavrov'];
    bad.statements[5]!.date = '2024-02-30';
    bad.people.push({ ...bad.people[0]! });
    (bad.statements[1] as { confidence: unknown }).confidence = 'high';
    const report = await createImporter(t.db).importDataset(bad, { by: 'test' });
    expect(report.ok).toBe(false);
    const lines = report.ok ? [] : report.problems.map(formatProblem);
    expect(lines).toEqual(
      expect.arrayContaining([
        'statements[3].speakers[0]: unknown id "person:lavrov"',
        expect.stringMatching(/^statements\[5\]\.date: /),
        expect.stringMatching(/^people\[3\]\.id: duplicate id "person:sergey-lavrov"/),
        expect.stringMatching(/^statements\[1\]\.confidence: /),
      ]),
    );
    expect(lines).toHaveLength(4);
    expect(await graphCounts(t.db)).toEqual({});
  });

  it('updates a changed record and replaces the links it owns', async () => {
    const seed = readSeed();
    const importer = createImporter(t.db);
    await importer.importDataset(seed, { by: 'test' });
    const statement = seed.statements[0]!;
    statement.about = [{ target: 'org:hamas', stance: 'MIXED' }];
    const report = await importer.importDataset(seed, { by: 'editor' });
    expect(report.ok && report.counts.statement).toEqual({
      created: 0,
      updated: 1,
      unchanged: seed.statements.length - 1,
    });
    const rows = await t.db.read(
      `MATCH (s:Statement {id: $id})-[r:ABOUT]->(x) RETURN x.id AS target, r.stance AS stance, s.updatedBy AS by`,
      { id: statement.id },
    );
    expect(rows).toEqual([{ target: 'org:hamas', stance: 'MIXED', by: 'editor' }]);
  });

  it('round-trips: export, import into an empty graph, export again gives the same dataset', async () => {
    await createImporter(t.db).importDataset(readSeed(), { by: 'test' });
    const counts = await graphCounts(t.db);
    const exported = await exportDataset(t.db);
    await t.clear();
    const report = await createImporter(t.db).importDataset(JSON.parse(JSON.stringify(exported)), {
      by: 'test',
    });
    expect(report.ok).toBe(true);
    expect(await graphCounts(t.db)).toEqual(counts);
    expect(await exportDataset(t.db)).toEqual(exported);
  });

  // 82 records in batches of 10: 9 batches (nodes, and the links that point to lines above),
  // then the last pass for the links to lines further down (3 records in the seed's order,
  // 46 with the collections reversed, statements first).
  it.each([
    ['in a batch', 'in order', 3],
    ['in the last pass', 'in order', 10],
    ['in a batch', 'reversed', 4],
    ['in the last pass', 'reversed', 11],
  ])(
    'finishes a JSON Lines import interrupted %s (collections %s) on re-run, ending with the same graph as one clean run',
    async (_, order, failAt) => {
      const seed = readSeed();
      const file = join(dir, 'seed.jsonl');
      const lines = [JSON.stringify({ format: seed.format })];
      const collections = order === 'reversed' ? [...COLLECTIONS].reverse() : COLLECTIONS;
      for (const [collection, type] of collections) {
        for (const record of seed[collection]) lines.push(JSON.stringify({ type, ...record }));
      }
      writeFileSync(file, lines.join('\n'));

      let writes = 0;
      const counting: Database = {
        ...t.db,
        writeTx: (work) => ((writes += 1), t.db.writeTx(work)),
      };
      await createImporter(counting).importJsonLines(file, { by: 'test', batchSize: 10 });
      expect(writes).toBeGreaterThanOrEqual(failAt);
      const clean = await graphCounts(t.db);
      const cleanExport = await exportDataset(t.db);
      await t.clear();

      writes = 0;
      const failing: Database = {
        ...t.db,
        writeTx: (work) =>
          ++writes === failAt ? Promise.reject(new Error('connection lost')) : t.db.writeTx(work),
      };
      await expect(
        createImporter(failing).importJsonLines(file, { by: 'test', batchSize: 10 }),
      ).rejects.toThrow('connection lost');
      const partial = await graphCounts(t.db);
      expect(partial['node:Entity']).toBeGreaterThan(0);
      expect(partial).not.toEqual(clean);
      // What counts as imported: a node with its content hash, a position (written whole).
      const { complete } = (
        await t.db.read(
          `RETURN COUNT { MATCH (n:Entity) WHERE n.contentHash IS NOT NULL } +
                  COUNT { MATCH ()-[r:HOLDS_POSITION]->() } AS complete`,
        )
      )[0] as { complete: number };
      // In order, the first batches' records are complete; reversed, the first lines wait for later ones.
      if (order === 'in order') expect(complete).toBeGreaterThan(0);

      const rerun = await createImporter(t.db).importJsonLines(file, { by: 'test', batchSize: 10 });
      expect(rerun.ok).toBe(true);
      expect(await graphCounts(t.db)).toEqual(clean);
      expect(await exportDataset(t.db)).toEqual(cleanExport);
      // Records whose links had landed are not written again; the others are, links and all.
      const unchanged = rerun.ok
        ? Object.values(rerun.counts).reduce((n, c) => n + c.unchanged, 0)
        : -1;
      expect(unchanged).toBe(complete);
      expect(unchanged).toBeLessThan(82);
    },
  );

  it('stops a JSON Lines import whose file changes after it was validated', async () => {
    const seed = readSeed();
    const file = join(dir, 'changing.jsonl');
    const lines = [JSON.stringify({ format: seed.format })];
    for (const [collection, type] of COLLECTIONS) {
      for (const record of seed[collection]) lines.push(JSON.stringify({ type, ...record }));
    }
    writeFileSync(file, lines.join('\n'));
    let touched = false;
    await expect(
      createImporter(t.db).importJsonLines(file, {
        by: 'test',
        batchSize: 10,
        // After the first batch of nodes: the links pass must not read an unvalidated file.
        onProgress: () => {
          if (touched) return;
          touched = true;
          appendFileSync(file, '\n{"type":"person","id":"person:late","name":"Late"}');
        },
      }),
    ).rejects.toThrow(/changed while it was being imported/);
    expect((await graphCounts(t.db))['rel:MADE']).toBeUndefined();
  });

  it('reports JSON Lines problems by line; references may point to later lines', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(
      file,
      [
        '{"type":"statement","id":"statement:x","speaker":"person:later","text":"t","kind":"PARAPHRASE","language":"en","date":"2024","sources":[{"source":"source:s","quoteType":"PARAPHRASE"}],"confidence":0.5,"verification":"UNVERIFIED"}',
        '{"type":"person","id":"person:later","name":"Later"}',
        'not json',
        '{"type":"planet","id":"x"}',
      ].join('\n'),
    );
    const report = await createImporter(t.db).importJsonLines(file, { by: 'test' });
    const lines = report.ok ? [] : report.problems.map(formatProblem);
    expect(lines).toEqual(
      expect.arrayContaining([
        'line 1: sources[0].source: unknown id "source:s"',
        expect.stringMatching(/^line 3: not valid JSON/),
        expect.stringMatching(/^line 4: type: must be one of/),
      ]),
    );
    expect(await graphCounts(t.db)).toEqual({});
  });
});
