import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toFtm } from '../../src/export/ftm.js';
import { dataset as datasetSchema, statementRecord } from '../../src/records/dataset.js';
import { newRecord } from '../../src/records/record-kinds.js';

/** Files the schema generator writes (`npm run schema:json`): they follow the kinds table by themselves. */
const GENERATED = ['schema/dataset.schema.json', 'schema/relationship-types.graphql'];

describe('one home for a link', () => {
  it('names a statement link in at most four hand-written files (dataset schema, kinds table, read repository, SDL)', () => {
    const files = execFileSync(
      'git',
      ['grep', '-lw', '-e', 'respondsTo', '-e', 'RESPONDS_TO', '--', 'src', 'schema', 'bench'],
      { cwd: new URL('../..', import.meta.url), encoding: 'utf8' },
    )
      .split('\n')
      .filter((f) => f && !GENERATED.includes(f) && !f.startsWith('src/generated/'));
    expect(files.length, files.join(', ')).toBeLessThanOrEqual(4);
  });

  it('newRecord fills the defaulted fields of the dataset schema, and the result validates', () => {
    const record = newRecord('statement', {
      id: 'statement:x-1',
      speakers: ['person:x'],
      text: 'Words.',
      kind: 'PARAPHRASE',
      language: 'en',
      date: '2024-07',
      sources: [{ source: 'source:x', role: 'READ', quoteType: 'PARAPHRASE' }],
      confidence: 0.5,
      verification: 'UNVERIFIED',
    });
    expect(record).toEqual(statementRecord.parse(record));
    expect(record).toMatchObject({ relays: [], respondsTo: [], about: [], figures: [] });
  });

  it('FtM writes every statement link without a property of its own as an UnknownLink named by its relationship', () => {
    const data = datasetSchema.parse({
      format: 'statement-graph/2',
      sources: [{ id: 'source:a', kind: 'ARTICLE', title: 'A' }],
      countries: [{ id: 'country:QAT', name: 'Qatar', iso: 'QAT' }],
      meetings: [{ id: 'meeting:m', title: 'M', kind: 'TALKS' }],
      statements: ['1', '2'].map((n) => ({
        id: `statement:s${n}`,
        speakers: ['country:QAT'],
        text: `Words ${n}.`,
        kind: 'PARAPHRASE',
        language: 'en',
        date: '2024-07',
        sources: [{ source: 'source:a', role: 'READ', quoteType: 'PARAPHRASE' }],
        confidence: 0.5,
        verification: 'UNVERIFIED',
        ...(n === '2'
          ? { meeting: 'meeting:m', relays: ['statement:s1'], respondsTo: ['statement:s1'] }
          : {}),
      })),
    });
    const roles = toFtm(data)
      .filter((e) => e.schema === 'UnknownLink' && e.properties.subject![0] === 'statement.s2')
      .map((e) => [e.properties.role![0], e.properties.object![0]]);
    expect(roles).toEqual([
      ['made at', 'meeting.m'],
      ['relays', 'statement.s1'],
      ['responds to', 'statement.s1'],
    ]);
  });
});
