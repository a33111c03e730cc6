import { describe, expect, it } from 'vitest';
import type { AnyRecord } from '../../src/records/record-kinds.js';
import { foldRecords, rewriteReferences } from '../../src/modules/editing/editing.records.js';
import { fromStored } from '../../src/records/record-store.repository.js';

/** Pins how a merge rewrites references and folds duplicates: never a dropped fact. */

const statement = (over: Record<string, unknown> = {}) =>
  ({
    id: 'statement:s',
    speakers: ['person:dup'],
    text: 'x',
    kind: 'PARAPHRASE',
    language: 'en',
    date: '2024-07',
    about: [
      { target: 'person:dup', stance: 'CRITICAL' },
      { target: 'person:keep', stance: 'CRITICAL' },
    ],
    topics: [],
    mentions: ['person:dup', 'person:keep'],
    sources: [{ source: 'source:a', role: 'READ', quoteType: 'PARAPHRASE' }],
    relays: [],
    respondsTo: [],
    figures: [],
    confidence: 0.8,
    verification: 'UNVERIFIED',
    ...over,
  }) as unknown as AnyRecord;

describe('merge rules', () => {
  const replace = new Map([['person:dup', 'person:keep']]);

  it('rewrite references and unite what becomes the same', () => {
    const conflicts: string[] = [];
    expect(rewriteReferences('statement', statement(), replace, conflicts)).toMatchSnapshot();
    expect(conflicts).toEqual([]);
  });

  it('report two entries that become one with different values', () => {
    const conflicts: string[] = [];
    rewriteReferences(
      'statement',
      statement({
        about: [
          { target: 'person:dup', stance: 'CRITICAL' },
          { target: 'person:keep', stance: 'SUPPORTIVE' },
        ],
      }),
      replace,
      conflicts,
    );
    expect(conflicts).toMatchSnapshot();
  });

  it('drop links that become links to oneself', () => {
    const source = {
      id: 'source:keep',
      kind: 'ARTICLE',
      title: 't',
      cites: ['source:dup', 'source:other'],
    } as unknown as AnyRecord;
    const conflicts: string[] = [];
    expect(
      rewriteReferences('source', source, new Map([['source:dup', 'source:keep']]), conflicts),
    ).toMatchObject({ cites: ['source:other'] });
  });

  it('fold records: own fields win, names become aliases, sets unite, one-id fields conflict', () => {
    const conflicts: string[] = [];
    const keep = {
      id: 'org:keep',
      name: 'Ministry',
      aliases: ['MFA'],
      kind: 'ministry',
      partOf: ['country:RUS'],
    } as unknown as AnyRecord;
    const dup = {
      id: 'org:dup',
      name: 'Foreign Ministry',
      aliases: ['MFA', 'Ministry'],
      kind: 'ministry',
      description: 'd',
      partOf: ['country:RUS', 'org:gov'],
    } as unknown as AnyRecord;
    expect(foldRecords('organization', keep, [dup], conflicts)).toMatchSnapshot();
    const place = (id: string, country: string) =>
      ({ id, name: id, aliases: [], kind: 'CITY', country }) as unknown as AnyRecord;
    foldRecords('place', place('place:a', 'country:A'), [place('place:b', 'country:B')], conflicts);
    expect(conflicts).toMatchSnapshot();
  });

  it('read stored rows back as records', () => {
    expect(
      fromStored('statement', {
        id: 'statement:s',
        note: null,
        figures: '[{"value":1,"unit":"people","qualifier":"EXACT"}]',
      }),
    ).toEqual({ id: 'statement:s', figures: [{ value: 1, unit: 'people', qualifier: 'EXACT' }] });
    expect(fromStored('statement', { id: 'statement:s', figures: null })).toEqual({
      id: 'statement:s',
      figures: [],
    });
  });
});
