import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillSearchKeys, migrate } from '../../src/db/migrations.js';
import { FORMAT, type Dataset } from '../../src/records/dataset.js';
import { createImporter } from '../../src/import/importer.js';
import { fold } from '../../src/names/normalise.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { NAME_CASES, NAMES_FIXTURE } from '../helpers/name-cases.js';
import { readSeed, SEED_FILE } from '../helpers/seed.js';

/** Names as people type and paste them (issue 12), through the `search` query over the seed and the names fixture. */

const RUNS = { numRuns: 60, seed: Number(process.env.FC_SEED ?? 20261128) };

interface Hit {
  score: number;
  tier: string;
  matchedField: string;
  matchedText: string;
  node: { id: string };
}

const SEARCH = `query ($text: String!, $types: [SearchType!], $first: Int, $at: Date) {
  search(text: $text, types: $types, first: $first, at: $at) {
    score tier matchedField matchedText node { id }
  }
}`;

/** The GraphQL SearchType of a node type. */
const SEARCH_TYPE: Record<string, string> = {
  Person: 'PERSON',
  Organization: 'ORGANIZATION',
  Country: 'COUNTRY',
  Place: 'PLACE',
  Topic: 'TOPIC',
};

describe('search: names in any spelling or script', () => {
  let t: TestDatabase;
  let app: TestApp;
  const search = async (text: string, variables: Record<string, unknown> = {}) => {
    const result = await app.gql<{ search: Hit[] }>(SEARCH, { text, ...variables });
    expect(result.errors, text).toBeUndefined();
    return result.data!.search;
  };

  beforeAll(async () => {
    t = await openTestDatabase();
    const importer = createImporter(t.db);
    expect((await importer.importFile(SEED_FILE, { by: 'test' })).ok).toBe(true);
    expect((await importer.importFile(NAMES_FIXTURE, { by: 'test' })).ok).toBe(true);
    app = createTestApp(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(NAME_CASES)('$query → $first ($why)', async ({ query, first, at, types }) => {
    const [hit] = await search(query, { at, types });
    expect(hit?.node.id).toBe(first);
  });

  it('says why each hit came: tier, field and the stored text', async () => {
    expect((await search('Hamas'))[0]).toMatchObject({
      tier: 'EXACT',
      matchedField: 'NAME',
      matchedText: 'Hamas',
    });
    expect((await search('Сергей Лавров'))[0]).toMatchObject({
      tier: 'EXACT',
      matchedField: 'ALIAS',
      matchedText: 'Сергей Лавров',
    });
    expect((await search('Lorient'))[0]).toMatchObject({
      tier: 'FUZZY',
      matchedText: "L'Orient-Le Jour",
    });
    expect((await search('Russian foreign minister', { types: ['PERSON'] }))[0]).toMatchObject({
      tier: 'OFFICE',
      matchedField: 'POSITION',
      matchedText: 'Minister of Foreign Affairs',
    });
    expect((await search('Russia role significant'))[0]).toMatchObject({
      tier: 'FULL_TEXT',
      matchedField: 'TEXT',
    });
    expect((await search('ceasefire in Gaza', { types: ['TOPIC'] }))[0]).toMatchObject({
      tier: 'EXACT',
      matchedField: 'ALIAS',
    });
  });

  it('ranks tiers in order: exact, prefix, full text, fuzzy', async () => {
    const hits = await search('Hamas', { first: 100 });
    const order = ['EXACT', 'PREFIX', 'OFFICE', 'FULL_TEXT', 'FUZZY'];
    const ranks = hits.map((h) => order.indexOf(h.tier));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    const near = await search('Mohammad bin Abdulrahman');
    expect(near[0]).toMatchObject({
      tier: 'FUZZY',
      node: { id: 'person:mohammed-bin-abdulrahman' },
    });
  });

  it('finds the holder of a post on a date, and nobody before anyone held it', async () => {
    const onDate = await search('Qatar prime minister', { at: '2021-05-01', types: ['PERSON'] });
    expect(onDate[0]?.node.id).toBe('person:khalid-bin-khalifa');
    const before = await search('Qatar prime minister', { at: '2019-01-01', types: ['PERSON'] });
    expect(before.filter((h) => h.tier === 'OFFICE')).toEqual([]);
  });

  it('property: a stored name, after NFD/NFC, case, accent or apostrophe changes, finds its entity first', async () => {
    const fixture = JSON.parse(readFileSync(NAMES_FIXTURE, 'utf8')) as Dataset;
    const stored = [readSeed(), fixture].flatMap((d) => [
      ...(d.people ?? []).map((r) => ({ type: 'Person', id: r.id, names: [r.name, ...r.aliases] })),
      ...(d.organizations ?? []).map((r) => ({
        type: 'Organization',
        id: r.id,
        names: [r.name, ...r.aliases],
      })),
      ...(d.countries ?? []).map((r) => ({
        type: 'Country',
        id: r.id,
        names: [r.name, ...r.aliases],
      })),
      ...(d.places ?? []).map((r) => ({ type: 'Place', id: r.id, names: [r.name, ...r.aliases] })),
      ...(d.topics ?? []).map((r) => ({ type: 'Topic', id: r.id, names: [r.title, ...r.aliases] })),
    ]);
    const all = stored.flatMap((e) => e.names.map((name) => ({ ...e, name })));
    // Names two entities share (after folding) are ambiguous by nature, not a property.
    const unique = all.filter((a) => all.filter((b) => fold(b.name) === fold(a.name)).length === 1);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...unique),
        fc.constantFrom('NFC', 'NFD', 'NFKC', 'NFKD'),
        fc.constantFrom('same', 'lower', 'upper'),
        fc.boolean(),
        fc.constantFrom("'", '’', 'ʼ'),
        async (entry, form, casing, stripAccents, apostrophe) => {
          let typed = entry.name.replace(/['’ʼ‘]/g, apostrophe);
          if (stripAccents) typed = typed.normalize('NFD').replace(/\p{M}/gu, '');
          if (casing === 'lower') typed = typed.toLowerCase();
          if (casing === 'upper') typed = typed.toUpperCase();
          typed = typed.normalize(form as 'NFC');
          const [hit] = await search(typed, { types: [SEARCH_TYPE[entry.type]] });
          expect(hit?.node.id, `${entry.name} typed as ${typed}`).toBe(entry.id);
        },
      ),
      RUNS,
    );
  });

  it('the importer warns of records in the file that share a name in another spelling', async () => {
    const report = await createImporter(t.db).importDataset(
      {
        format: FORMAT,
        people: [
          { id: 'person:dup-a', name: 'Jürgen Weißmüller' },
          { id: 'person:dup-b', name: 'JURGEN WEISSMULLER' },
        ],
      },
      { by: 'test', dryRun: true },
    );
    expect(report).toMatchObject({
      ok: true,
      possibleDuplicates: [{ id: 'person:dup-a', otherId: 'person:dup-b' }],
    });
  });

  it('fills search keys for nodes written before they existed', async () => {
    await t.db.write(
      `CREATE (:Entity:Actor:Person {id: 'person:old-node', name: 'Ödön Horváth', aliases: []})`,
    );
    await migrate(t.db);
    expect(await backfillSearchKeys(t.db)).toBe(0);
    const [hit] = await search('odon horvath');
    expect(hit).toMatchObject({ tier: 'EXACT', node: { id: 'person:old-node' } });
  });
});
