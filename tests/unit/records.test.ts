import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate.js';
import {
  dataset as datasetSchema,
  RECORD_TYPES,
  type RecordType,
} from '../../src/records/dataset.js';
import { contentHash, stableStringify } from '../../src/records/content-hash.js';
import { rowLinks, writeRow } from '../../src/records/record-store.repository.js';
import { parseLine, unparsedLine, validateDataset } from '../../src/records/validate.js';
import {
  canonical,
  COLLECTIONS,
  consistencyProblems,
  propsOf,
  referencesOf,
  relationshipsOf,
  type AnyRecord,
  type Link,
} from '../../src/records/record-kinds.js';

/** The relationships a record writes, in the shape they were pinned in. */
const rels = (type: RecordType, record: AnyRecord) =>
  relationshipsOf(type, record).map(({ rel, from, to, props }: Link) => ({
    type: rel!,
    from,
    to,
    props,
  }));

/**
 * Pins what each record kind stores: node properties, the relationships it owns,
 * the references it is checked for, its canonical form and content hash. A
 * change here changes every stored hash, so it must be deliberate.
 */

const seed = datasetSchema.parse(
  JSON.parse(readFileSync(new URL('../../seed/statement-graph.json', import.meta.url), 'utf8')),
);
const seedRecords = COLLECTIONS.flatMap(([collection, type]) =>
  (seed[collection] as AnyRecord[]).map((record) => ({ type: type as RecordType, record })),
);
const generated = [...generate(40, 7)].map(({ type, ...record }) => ({
  type: type as RecordType,
  record: RECORD_TYPES[type as RecordType].parse(record) as AnyRecord,
}));

/** Relationships are written one type at a time: their order within a type is what counts. */
function byType<T extends { type: string }>(rels: T[]): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const rel of rels) (out[rel.type] ??= []).push(rel);
  return out;
}

function describeRecord(type: RecordType, record: AnyRecord) {
  return {
    props: propsOf(type, record),
    references: referencesOf(type, record),
    relationships: byType(rels(type, record)),
    canonical: canonical(type, record as never),
    hash: contentHash(type, record),
    problems: consistencyProblems(type, record),
  };
}

describe('record kinds', () => {
  it('store the seed as they always have', () => {
    expect(
      Object.fromEntries(
        seedRecords.map(({ type, record }) => [record.id, describeRecord(type, record)]),
      ),
    ).toMatchSnapshot();
  });

  it('store generated records as they always have', () => {
    expect(
      Object.fromEntries(
        generated.map(({ type, record }) => [record.id, describeRecord(type, record)]),
      ),
    ).toMatchSnapshot();
  });

  it('hash link lists as sets: order and repeats do not count', () => {
    const s = seed.statements.find((x) => x.topics.length > 1 && x.about.length > 1)!;
    const shuffled = {
      ...s,
      topics: [...s.topics].reverse().concat(s.topics[0]!),
      about: [...s.about].reverse(),
    };
    expect(contentHash('statement', shuffled)).toBe(contentHash('statement', s));
    expect(contentHash('statement', { ...s, text: `${s.text} ` })).not.toBe(
      contentHash('statement', s),
    );
  });

  it('write relationships from the canonical record', () => {
    const s = seed.statements.find((x) => x.topics.length > 1)!;
    const reversed = { ...s, topics: [...s.topics].reverse() };
    expect(rels('statement', reversed)).toEqual(rels('statement', s));
    // References keep the input's paths, so errors point at what the user wrote.
    expect(referencesOf('statement', reversed).filter(([p]) => p.startsWith('topics'))).toEqual(
      [...s.topics].reverse().map((id, i) => [`topics[${i}]`, id]),
    );
  });

  it('report links to oneself and unordered ranges', () => {
    expect(
      consistencyProblems('statement', {
        ...seed.statements[0]!,
        relays: [seed.statements[0]!.id],
        respondsTo: [seed.statements[0]!.id],
      }),
    ).toEqual([
      ['relays[0]', 'a statement cannot relay itself'],
      ['respondsTo[0]', 'a statement cannot respond to itself'],
    ]);
    expect(
      consistencyProblems('meeting', { ...seed.meetings[0]!, date: '2024-07', endDate: '2024-06' }),
    ).toEqual([['endDate', 'must not be before date (2024-07)']]);
  });

  it('stringify stably', () => {
    expect(stableStringify({ b: 1, a: [{ d: 2, c: undefined, b: null }] })).toBe(
      '{"a":[{"b":null,"d":2}],"b":1}',
    );
    // As Array#join writes them; keys by UTF-16 code units ("Z" < "a" < "é").
    // eslint-disable-next-line no-sparse-arrays
    expect(stableStringify([1, , undefined, null, 'x'])).toBe('[1,,,null,"x"]');
    expect(stableStringify({ é: 1, a: 2, Z: [] })).toBe('{"Z":[],"a":2,"é":1}');
  });

  it("read a validated line's links again without the schema, as its row has them", () => {
    const v1Statement = {
      type: 'statement',
      id: 'statement:v1',
      speaker: 'person:a',
      text: '  Padded text.  ',
      kind: 'PARAPHRASE',
      language: 'en',
      date: '2024',
      sources: [{ source: 'source:s', role: 'READ', quoteType: 'PARAPHRASE' }],
      confidence: 0.5,
      verification: 'UNVERIFIED',
    };
    const lines = [
      ...[...seedRecords, ...generated].map(({ type, record }) => ({
        text: JSON.stringify({ type, ...record }),
        format: 'statement-graph/2',
      })),
      // Link lists left out (the schema's defaults), text to trim, a version 1 statement.
      {
        text: JSON.stringify({ type: 'person', id: 'person:a', name: ' A ' }),
        format: 'statement-graph/2',
      },
      { text: JSON.stringify(v1Statement), format: 'statement-graph/1' },
      { text: JSON.stringify(v1Statement), format: undefined },
    ];
    for (const { text, format } of lines) {
      const parsed = parseLine(text, 1, format).line!;
      const unparsed = unparsedLine(text, format)!;
      expect(unparsed.type).toBe(parsed.type);
      expect(unparsed.record.id).toBe(parsed.record.id);
      expect(rowLinks(unparsed.type, unparsed.record)).toEqual(
        writeRow(parsed.type, parsed.record).links,
      );
    }
    expect(unparsedLine('not json')).toBeUndefined();
    expect(unparsedLine('{"type":"planet","id":"x"}')).toBeUndefined();
  });

  it('says a format line anywhere but first is one, not a record without a type', () => {
    expect(parseLine('{"format":"statement-graph/2"}', 83, 'statement-graph/2').problems).toEqual([
      {
        path: 'line 83',
        message:
          'a format line ({"format": "statement-graph/2"}) belongs only on the file\'s first line',
      },
    ]);
    expect(parseLine('{"id":"person:x"}', 84, 'statement-graph/2').problems[0]!.path).toBe(
      'line 84: type',
    );
  });

  it("says what a field must be and what it was given, not zod's own words", () => {
    const problems = (line: object) =>
      Object.fromEntries(
        parseLine(JSON.stringify(line), 7, 'statement-graph/2').problems.map((p) => [
          p.path,
          p.message,
        ]),
      );
    expect(
      problems({
        type: 'statement',
        id: 'statement:x',
        speakers: [],
        text: ' ',
        kind: 'QUOTE',
        confidence: 1.5,
        verification: 'VERIFIED',
        date: '2024-01-01',
        sources: [{ source: 'source:s', role: 'READ', quoteType: 'PARAPHRASE' }],
        about: [{ target: 7, stance: 'CRITICAL' }],
        quotes: ['q'.repeat(2001)],
      }),
    ).toEqual({
      'line 7: speakers': 'a statement needs at least one speaker',
      'line 7: text': 'must not be empty',
      'line 7: kind': 'must be one of DIRECT_QUOTE, PARAPHRASE, REPORTED, not "QUOTE"',
      'line 7: language': 'required',
      'line 7: confidence': 'must be at most 1, not 1.5',
      'line 7: about[0].target': 'must be text, not 7',
      'line 7: quotes[0]': 'must be at most 2000 characters long, not 2001',
    });
    expect(problems({ type: 'person', id: 'person:a', name: 5, aliases: 'A' })).toEqual({
      'line 7: name': 'must be text, not 5',
      'line 7: aliases': 'must be a list, not "A"',
    });
    // A schema's own message still wins, and a form's names the value given.
    expect(problems({ type: 'person', id: 'a', name: 'A' })).toEqual({
      'line 7: id': 'must look like "person:some-slug", not "a"',
    });
    expect(problems({ type: 'country', id: 'country:x', name: 'X', iso: 'xx' })).toMatchObject({
      'line 7: iso': 'must be an ISO 3166-1 alpha-3 code such as "RUS", not "xx"',
    });
  });

  it("lists a JSON file's problems in its order: collections as written, then records, then fields (a reference before a field further down)", async () => {
    const result = await validateDataset(
      {
        format: 'statement-graph/2',
        topics: [{ id: 'topic:t', title: 'T', colour: 'red' }],
        organizations: [
          { id: 'org:a', name: 'A', kind: 'ministry', partOf: ['country:XXX'] },
          { id: 'org:b', name: '', kind: 'ministry' },
        ],
      },
      async () => new Set(),
    );
    expect(result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'topics[0].colour: unknown field',
      'organizations[0].partOf[0]: unknown id "country:XXX"',
      'organizations[1].name: must not be empty',
    ]);
  });

  it('reports the unknown references of a record refused for another problem, in a JSON file too', async () => {
    const result = await validateDataset(
      {
        format: 'statement-graph/2',
        organizations: [
          { id: 'org:a', name: '', kind: 'ministry', partOf: ['country:XXX', 7] },
          { id: 'org:b', name: 'B', kind: 'ministry', partOf: ['org:a'] },
        ],
      },
      async () => new Set(),
    );
    expect(result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      // In file order: the reference at partOf[0] before the refused value after it.
      'organizations[0].name: must not be empty',
      'organizations[0].partOf[0]: unknown id "country:XXX"',
      expect.stringMatching(/^organizations\[0\]\.partOf\[1\]: /),
    ]);
  });
});
