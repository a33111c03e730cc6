import { describe, expect, it } from 'vitest';
import { RECORD_TYPES, upgradeRecord, type RecordType } from '../../src/records/dataset.js';
import type { AnyRecord } from '../../src/records/record-kinds.js';
import { ReferenceChecker, type StoredFacts } from '../../src/records/validate.js';

/** The rules across records, over records "in the graph" given as plain data (no database). */

const parse = (type: RecordType, raw: Record<string, unknown>) =>
  RECORD_TYPES[type].parse(raw) as AnyRecord;
const source = (id: string, cites: string[] = []) =>
  parse('source', { id, kind: 'OTHER', title: id, cites });
const meeting = (id: string, date?: string, endDate?: string, partOf?: string) =>
  parse('meeting', { id, title: id, kind: 'OTHER', date, endDate, partOf });
const statement = (over: Record<string, unknown>) =>
  parse('statement', {
    id: 'statement:s',
    speakers: ['person:a'],
    text: 'Some progress was made.',
    kind: 'PARAPHRASE',
    language: 'en',
    date: '2024-09-13',
    sources: [{ source: 'source:x', quoteType: 'PARAPHRASE' }],
    confidence: 0.5,
    verification: 'UNVERIFIED',
    ...over,
  });

async function check(
  records: Array<[RecordType, AnyRecord]>,
  stored: AnyRecord[] = [],
  statementsAt: Array<{ id: string; date: string; meeting: string }> = [],
) {
  const checker = new ReferenceChecker();
  records.forEach(([type, record], i) => checker.add(type, record, `${type}s[${i}]`));
  const facts: StoredFacts = {
    records: async (_type, ids) => stored.filter((r) => ids.includes(r.id)),
    statementsAt: async (ids) => statementsAt.filter((s) => ids.includes(s.meeting)),
  };
  const all = async (ids: string[]) => new Set(ids);
  return (await checker.finish(all, facts)).map((p) => `${p.path}: ${p.message}`);
}

describe('rules across records', () => {
  it('find citation cycles through records already stored', async () => {
    expect(
      await check(
        [['source', source('source:a', ['source:b'])]],
        [source('source:b', ['source:c']), source('source:c', ['source:a'])],
      ),
    ).toEqual(['sources[0].cites[0]: citation cycle: source:a → source:b → source:c → source:a']);
    expect(
      await check([['source', source('source:a', ['source:b'])]], [source('source:b', [])]),
    ).toEqual([]);
  });

  it('find occasions part of each other', async () => {
    expect(
      await check(
        [['meeting', meeting('meeting:a', undefined, undefined, 'meeting:b')]],
        [meeting('meeting:b', undefined, undefined, 'meeting:a')],
      ),
    ).toEqual([
      'meetings[0].partOf: occasions would be part of each other: meeting:a → meeting:b → meeting:a',
    ]);
  });

  it('keep a statement within its meeting’s dates, overlapping at its own precision', async () => {
    const conf = meeting('meeting:conf', '2024-09-12', '2024-09-14');
    const at = (date: string) =>
      check([['statement', statement({ date, meeting: 'meeting:conf' })]], [conf]);
    expect(await at('2024-09-13')).toEqual([]);
    expect(await at('2024-09')).toEqual([]);
    expect(await at('2024-09-15')).toEqual([
      'statements[0].date: 2024-09-15 is outside the dates of its meeting meeting:conf (2024-09-12 to 2024-09-14)',
    ]);
    // New dates for a stored meeting must still hold the statements made at it.
    expect(
      await check(
        [['meeting', meeting('meeting:conf', '2024-10-01')]],
        [],
        [{ id: 'statement:old', date: '2024-09-13', meeting: 'meeting:conf' }],
      ),
    ).toEqual([
      'meetings[0].date: statement:old (2024-09-13) made at it would fall outside its dates',
    ]);
  });

  it('keep the post spoken in to a speaker’s, held on the date', async () => {
    const post = parse('position', {
      id: 'position:p',
      person: 'person:a',
      title: 'Minister',
      of: 'country:QAT',
      from: '2023-03',
    });
    expect(await check([['statement', statement({ post: 'position:p' })]], [post])).toEqual([]);
    expect(
      await check(
        [['statement', statement({ post: 'position:p', speakers: ['person:b'] })]],
        [post],
      ),
    ).toEqual(['statements[0].post: is a post of person:a, who is not one of the speakers']);
    expect(
      await check([['statement', statement({ post: 'position:p', date: '2022' })]], [post]),
    ).toEqual(["statements[0].post: was not held on the statement's date (2022)"]);
  });

  it('check a record on its own: about topics among topics, quotes in the text, onBehalfOf not a speaker', async () => {
    expect(
      await check([
        [
          'statement',
          statement({
            about: [{ target: 'topic:t', stance: 'NEUTRAL' }],
            quotes: ['some progress', 'Some progress'],
            onBehalfOf: 'person:a',
          }),
        ],
      ]),
    ).toEqual([
      'statements[0].about[0].target: is a topic: list it in topics too (topic:t)',
      'statements[0].onBehalfOf: is one of the speakers: a speaker speaks for itself',
      'statements[0].quotes[0]: must occur in text as written',
    ]);
  });

  it('upgrade a version 1 statement, and leave version 2 alone', () => {
    expect(upgradeRecord('statement', { id: 'statement:s', speaker: 'person:a' })).toEqual({
      id: 'statement:s',
      speakers: ['person:a'],
    });
    const v2 = { id: 'statement:s', speakers: ['person:a'] };
    expect(upgradeRecord('statement', v2)).toBe(v2);
    expect(upgradeRecord('person', { id: 'person:a', speaker: 'x' })).toEqual({
      id: 'person:a',
      speaker: 'x',
    });
  });
});
