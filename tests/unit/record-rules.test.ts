import { describe, expect, it } from 'vitest';
import {
  RECORD_TYPES,
  upgradeRecord,
  type RecordType,
  type StatementRecord,
} from '../../src/records/dataset.js';
import type { AnyRecord } from '../../src/records/record-kinds.js';
import { ReferenceChecker, type StoredFacts } from '../../src/records/validate.js';
import { withRoles } from '../../src/records/upgrade.js';

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
    sources: [{ source: 'source:x', role: 'READ', quoteType: 'PARAPHRASE' }],
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
    statementsReading: async (ids) =>
      (stored as StatementRecord[])
        .filter(
          (s) => s.id.startsWith('statement:') && s.sources.some((x) => x.role === 'UPSTREAM'),
        )
        .filter((s) => s.sources.some((x) => x.role === 'READ' && ids.includes(x.source)))
        .map((s) => ({ ids: [s.id], sources: s.sources })),
    organizations: async () => [],
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
    // Two speakers written into version 1's one field: a joint statement.
    expect(
      upgradeRecord('statement', { id: 'statement:s', speaker: ['country:QAT', 'country:EGY'] }),
    ).toEqual({ id: 'statement:s', speakers: ['country:QAT', 'country:EGY'] });
    const v2 = { id: 'statement:s', speakers: ['person:a'] };
    expect(upgradeRecord('statement', v2)).toBe(v2);
    expect(upgradeRecord('person', { id: 'person:a', speaker: 'x' })).toEqual({
      id: 'person:a',
      speaker: 'x',
    });
  });

  it('give a statement’s sources their roles from the citations between them, read first, then upstream nearest first', () => {
    const cites = new Map([
      ['source:article', ['source:relay']],
      ['source:relay', ['source:origin']],
      ['source:origin', []],
      ['source:other', []],
    ]);
    const entries = (...ids: string[]) =>
      ids.map((source) => ({ source, quoteType: 'PARAPHRASE' }));
    expect(
      withRoles(entries('source:origin', 'source:relay', 'source:article', 'source:other'), cites),
    ).toEqual([
      { source: 'source:article', role: 'READ', quoteType: 'PARAPHRASE' },
      { source: 'source:other', role: 'READ', quoteType: 'PARAPHRASE' },
      { source: 'source:relay', role: 'UPSTREAM', quoteType: 'PARAPHRASE' },
      { source: 'source:origin', role: 'UPSTREAM', quoteType: 'PARAPHRASE' },
    ]);
    // Reached through a source the statement is not reported in: still upstream.
    expect(
      withRoles(entries('source:origin', 'source:article'), cites).map(
        (e) => (e as { role: string }).role,
      ),
    ).toEqual(['READ', 'UPSTREAM']);
    // Roles given are kept.
    const given = [{ source: 'source:origin', role: 'READ', quoteType: 'PARAPHRASE' }];
    expect(withRoles(given, cites)).toBe(given);
  });

  it('want a READ source first and each UPSTREAM one reached from a READ one, through stored sources too', async () => {
    const roles = (...pairs: Array<[string, string]>) =>
      pairs.map(([source, role]) => ({ source, role, quoteType: 'PARAPHRASE' }));
    expect(
      await check([
        ['statement', statement({ sources: roles(['source:x', 'UPSTREAM']) })],
        [
          'statement',
          statement({
            id: 'statement:t',
            sources: roles(['source:y', 'UPSTREAM'], ['source:x', 'READ'], ['source:x', 'READ']),
          }),
        ],
      ]),
    ).toEqual([
      'statements[0].sources: needs at least one source with role READ (the one read)',
      'statements[1].sources[1].role: READ sources come first, then the UPSTREAM sources they rely on',
      'statements[1].sources[2].source: repeats sources[1]',
    ]);
    const stored = [
      source('source:a', ['source:b']),
      source('source:b', ['source:c']),
      source('source:c'),
    ];
    expect(
      await check(
        [
          [
            'statement',
            statement({ sources: roles(['source:a', 'READ'], ['source:c', 'UPSTREAM']) }),
          ],
        ],
        stored,
      ),
    ).toEqual([]);
    expect(
      await check(
        [
          [
            'statement',
            statement({ sources: roles(['source:c', 'READ'], ['source:a', 'UPSTREAM']) }),
          ],
        ],
        stored,
      ),
    ).toEqual([
      'statements[0].sources[1].role: UPSTREAM source:a is not reached through cites from a READ source (source:c)',
    ]);
    // A stored statement reads source:a and relies on source:c: a's new citations must still reach c.
    const reading = statement({
      id: 'statement:stored',
      sources: roles(['source:a', 'READ'], ['source:c', 'UPSTREAM']),
    });
    expect(await check([['source', source('source:a')]], [...stored, reading])).toEqual([
      'sources[0].cites: statement:stored reads it and relies on source:c, which its citations would no longer reach',
    ]);
    expect(
      await check([['source', source('source:a', ['source:c'])]], [...stored, reading]),
    ).toEqual([]);
  });
});
