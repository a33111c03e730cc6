import { readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImporter } from '../../src/import/importer.js';
import { schema } from '../../src/schema.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { SEED_FILE } from '../helpers/seed.js';

/** Every ```graphql block of "### Example queries" in the README, with the ```json answer after it. */
function readmeExamples(): Array<{ title: string; query: string; answer: unknown }> {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.split('### Example queries')[1]!.split(/\n### /)[0]!;
  const pattern = /#### ([^\n]+)\n\n```graphql\n([\s\S]*?)```[\s\S]*?```json\n([\s\S]*?)```/g;
  return [...section.matchAll(pattern)].map(([, title, query, answer]) => ({
    title: title!,
    query: query!,
    answer: JSON.parse(answer!),
  }));
}

describe('README example queries', () => {
  let t: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
    app = createTestApp(t.db);
  });
  afterAll(() => t.close());

  const examples = readmeExamples();
  it('has five of them', () => expect(examples).toHaveLength(5));

  it('shows only queries that are valid against the schema, everywhere in the README', () => {
    const blocks = [
      ...readFileSync('README.md', 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g),
    ].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(10);
    for (const block of blocks)
      expect(validate(schema, parse(block)).map((e) => e.message)).toEqual([]);
  });

  for (const example of examples) {
    it(`answers "${example.title}" as the README shows`, async () => {
      expect(await app.gql(example.query)).toEqual(example.answer);
    });
  }
});
