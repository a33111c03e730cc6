import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import {
  checkSearchText,
  luceneQuery,
  matchedField,
  searchTerms,
} from '../../src/modules/explore/explore.search.js';
import type { NodeRow } from '../../src/modules/rows.js';

const stored = { createdAt: '2024-07-28T00:00:00.000Z', updatedAt: '2024-07-28T00:00:00.000Z' };
const lavrov: NodeRow = {
  ...stored,
  __typename: 'Person',
  id: 'person:sergey-lavrov',
  name: 'Sergey Lavrov',
  aliases: ['Sergei Lavrov', 'Сергей Лавров'],
};

function code(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : 'OTHER';
  }
  return undefined;
}

describe('checkSearchText', () => {
  it('trims, and refuses empty, too long or wordless text with BAD_USER_INPUT', () => {
    expect(checkSearchText('  Lavrov \n')).toBe('Lavrov');
    expect(code(() => checkSearchText('   '))).toBe('BAD_USER_INPUT');
    expect(code(() => checkSearchText('x'.repeat(201)))).toBe('BAD_USER_INPUT');
    expect(code(() => checkSearchText('x'.repeat(200)))).toBeUndefined();
    expect(code(() => checkSearchText('&& || ! ( ) " \\ *'))).toBe('BAD_USER_INPUT');
  });

  it('treats control characters as spaces', () => {
    expect(checkSearchText('Lavrov\u0000Hamas')).toBe('Lavrov Hamas');
  });
});

describe('luceneQuery', () => {
  it('quotes a single word', () => {
    expect(luceneQuery('Lavrov')).toBe('"Lavrov"');
  });

  it('requires every word and boosts the whole phrase', () => {
    expect(luceneQuery('unrealistic task')).toBe(
      '("unrealistic" AND "task") OR "unrealistic task"^4',
    );
  });

  it('keeps Lucene syntax inside quotes, escaping only backslashes and quotes', () => {
    expect(luceneQuery('a\\b "c"')).toBe('("a\\\\b" AND "\\"c\\"") OR "a\\\\b \\"c\\""^4');
    for (const hostile of [
      'AND',
      'NOT x',
      'name:lavrov',
      'x~2',
      'la*',
      '[a TO z]',
      '+a -b',
      '/re/',
    ]) {
      const query = luceneQuery(hostile);
      // Outside the quotes there is nothing but the operators we put there.
      const outside = query.replace(/"(?:[^"\\]|\\.)*"/g, '');
      expect(outside.replace(/\(|\)|AND|OR|\^4|\s/g, ''), hostile).toBe('');
    }
  });

  it('drops words with no letter or digit, which the analyzer would drop anyway', () => {
    expect(luceneQuery('Lavrov && Hamas')).toBe('("Lavrov" AND "Hamas") OR "Lavrov Hamas"^4');
  });
});

describe('matchedField', () => {
  it('says the name matched when it holds the words', () => {
    expect(matchedField(lavrov, searchTerms('lavrov'))).toEqual({
      field: 'NAME',
      value: 'Sergey Lavrov',
    });
  });

  it('names the alias that matched another spelling or script', () => {
    expect(matchedField(lavrov, searchTerms('Sergei Lavrov'))).toEqual({
      field: 'ALIAS',
      value: 'Sergei Lavrov',
    });
    expect(matchedField(lavrov, searchTerms('лавров'))).toEqual({
      field: 'ALIAS',
      value: 'Сергей Лавров',
    });
  });

  it('uses title for topics, meetings and sources, and text for statements', () => {
    const topic: NodeRow = {
      ...stored,
      __typename: 'Topic',
      id: 'topic:gaza-ceasefire',
      title: 'Gaza ceasefire',
      aliases: ['ceasefire in Gaza'],
    };
    expect(matchedField(topic, searchTerms('ceasefire')).field).toBe('TITLE');
    const statement = {
      ...stored,
      __typename: 'Statement',
      id: 'statement:x',
      text: 'No prospect for an end.',
    } as NodeRow;
    expect(matchedField(statement, searchTerms('prospect'))).toEqual({
      field: 'TEXT',
      value: 'No prospect for an end.',
    });
  });
});
