import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExtractionRepository } from '../../src/extraction/extraction.repository.js';
import {
  createLinker,
  entitiesOfDataset,
  extractStatements,
  type LinkableEntity,
} from '../../src/extraction/index.js';
import { createImporter } from '../../src/import/importer.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { readSeed } from '../helpers/seed.js';

describe('speaker linking over the graph', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
    await t.clear();
    const report = await createImporter(t.db).importDataset(readSeed(), { by: 'test' });
    expect(report.ok).toBe(true);
  });
  afterAll(() => t.close());

  it('reads the same entities, names and posts from Neo4j as from the dataset file', async () => {
    const fromGraph = await createExtractionRepository(t.db).linkableEntities();
    const fromFile = entitiesOfDataset(readSeed()).filter((e) => e.type !== 'Topic');
    const key = (e: LinkableEntity) =>
      `${e.id} ${e.type} ${e.name} ${(e.positions ?? []).map((p) => `${p.title}/${p.of}/${p.from ?? ''}`).join(',')}`;
    expect(fromGraph.map(key).sort()).toEqual(fromFile.map(key).sort());
  });

  it('links "the Russian foreign minister" to the person holding the office on the date', async () => {
    const linker = createLinker(await createExtractionRepository(t.db).linkableEntities());
    const text = 'The Russian foreign minister said on Monday that the talks would go on.';
    const [s] = extractStatements(text, { date: '2024-07-29', linker });
    expect(s!.speaker).toMatchObject({ id: 'person:sergey-lavrov', linkedBy: 'office' });
    expect(extractStatements(text, { date: '2003-01-10', linker })[0]!.speaker!.id).toBeUndefined();
  });
});
