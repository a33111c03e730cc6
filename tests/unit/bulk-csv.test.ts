import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse } from 'graphql';
import type { GraphQLResolveInfo, OperationDefinitionNode, FieldNode } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { ARRAY_DELIMITER, writeBulkCsv } from '../../src/import/bulk.js';
import { FORMAT } from '../../src/records/dataset.js';
import { selectedFields } from '../../src/modules/shared/selection.js';

const dir = mkdtempSync(join(tmpdir(), 'bulk-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = [
  { format: FORMAT },
  {
    type: 'country',
    id: 'country:ISR',
    name: 'Israel',
    aliases: ['Israël', 'State of Israel'],
    iso: 'ISR',
  },
  { type: 'person', id: 'person:a', name: 'A "the" B', aliases: [] },
  { type: 'source', id: 'source:s', kind: 'ARTICLE', title: 'T', publishedDate: '2024-07' },
  {
    type: 'statement',
    id: 'statement:1',
    speakers: ['person:a'],
    text: 'First line,\nsecond "line"',
    kind: 'DIRECT_QUOTE',
    language: 'en',
    date: '2024-07',
    about: [{ target: 'country:ISR', stance: 'CRITICAL' }],
    sources: [{ source: 'source:s', role: 'READ', quoteType: 'DIRECT_QUOTE' }],
    confidence: 0.5,
    verification: 'UNVERIFIED',
  },
];

async function write(name: string, records: object[]) {
  const file = join(dir, `${name}.jsonl`);
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));
  return writeBulkCsv(file, join(dir, name), { by: 'test', now: new Date('2026-01-02T03:04:05Z') });
}

const read = (file: string) =>
  parseCsv(readFileSync(file, 'utf8'), { relax_column_count: true }) as string[][];

describe('bulk CSV for neo4j-admin import', () => {
  it('types columns as the transactional importer stores them, with one id space', async () => {
    const report = await write('ok', lines);
    if (!report.ok) throw new Error(JSON.stringify(report.problems));
    expect(report).toMatchObject({ records: 4, statements: 1, multiline: true });
    const statement = report.nodes.find((g) => g.name === 'Statement:Entity')!;
    const [header] = read(statement.header);
    expect(header).toEqual(
      expect.arrayContaining([
        'id:ID',
        'text:string',
        'confidence:double',
        'dateStart:date',
        'dateEnd:date',
        'createdAt:datetime',
        'contentHash:string',
      ]),
    );
    const [row] = read(statement.data);
    expect(row![0]).toBe('statement:1');
    expect(row![header!.indexOf('text:string')]).toBe('First line,\nsecond "line"');
    expect(row![header!.indexOf('dateEnd:date')]).toBe('2024-07-31');
    expect(row![header!.indexOf('createdAt:datetime')]).toBe('2026-01-02T03:04:05.000Z');
    const country = report.nodes.find((g) => g.name === 'Country:Actor:Entity')!;
    const [countryHeader] = read(country.header);
    const [countryRow] = read(country.data);
    expect(countryRow![countryHeader!.indexOf('aliases:string[]')]!.split(ARRAY_DELIMITER)).toEqual(
      ['Israël', 'State of Israel'],
    );
    const about = report.relationships.find((g) => g.name === 'ABOUT')!;
    expect(read(about.header)[0]).toEqual([':START_ID', ':END_ID', 'stance:string']);
    expect(read(about.data)).toEqual([['statement:1', 'country:ISR', 'CRITICAL']]);
    const made = report.relationships.find((g) => g.name === 'MADE')!;
    // A speaker's place in the statement's list, an integer as `import` writes it.
    expect(read(made.header)[0]).toEqual([':START_ID', ':END_ID', 'order:long']);
    expect(read(made.data)).toEqual([['person:a', 'statement:1', '0']]);
  });

  it('leaves absent properties and empty lists out of the CSV, and lists the empty lists', async () => {
    const report = await write('empty', lines);
    if (!report.ok) throw new Error('refused');
    const person = report.nodes.find((g) => g.name === 'Person:Actor:Entity')!;
    const text = readFileSync(person.data, 'utf8');
    // aliases [] and description absent: nothing between the commas; strings always quoted.
    expect(text).toMatch(/^"person:a","A ""the"" B",,,/);
    expect(report.emptyLists).toEqual(
      expect.arrayContaining([{ key: 'aliases', ids: ['person:a'] }]),
    );
  });

  it('refuses a file with a problem and writes nothing', async () => {
    const report = await write('bad', [
      ...lines,
      { type: 'statement', id: 'statement:2', speaker: 'person:nobody' },
    ]);
    expect(report.ok).toBe(false);
  });
});

describe('selectedFields', () => {
  const infoOf = (query: string): GraphQLResolveInfo => {
    const document = parse(query);
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
    )!;
    const fragments = Object.fromEntries(
      document.definitions.flatMap((d) =>
        d.kind === 'FragmentDefinition' ? [[d.name.value, d]] : [],
      ),
    );
    return {
      fieldNodes: [operation.selectionSet.selections[0] as FieldNode],
      fragments,
    } as unknown as GraphQLResolveInfo;
  };

  it('reads fields through fragments and inline fragments at a path', () => {
    const info = infoOf(`
      { statements { edges { node { id ...F ... on Statement { meeting { id } } } } totalCount } }
      fragment F on Statement { speaker { name } about { stance } }`);
    expect([...selectedFields(info, ['edges', 'node'])].sort()).toEqual([
      'about',
      'id',
      'meeting',
      'speaker',
    ]);
    expect([...selectedFields(info, [])].sort()).toEqual(['edges', 'totalCount']);
    expect(selectedFields(info, ['pageInfo']).size).toBe(0);
  });
});
