import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import {
  candidateQuery,
  checkSearchText,
  demonymIsos,
  luceneQuery,
  statementQuery,
} from '../../src/modules/explore/explore.search.js';

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

  it('says what the text must be and what it was', () => {
    const refusal = (text: string) => {
      try {
        checkSearchText(text);
      } catch (error) {
        return {
          message: (error as AppError).message,
          problems: (error as AppError).extensions.problems,
        };
      }
      throw new Error('accepted');
    };
    // The length counted is the trimmed text's.
    expect(refusal(` ${'x'.repeat(612)} `)).toEqual({
      message: 'text: must be at most 200 characters long, not 612.',
      problems: [{ path: 'text', message: 'must be at most 200 characters long, not 612' }],
    });
    expect(refusal('   ').problems).toEqual([{ path: 'text', message: 'must not be empty' }]);
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

describe('candidateQuery and statementQuery', () => {
  const HOSTILE = [
    'AND',
    'NOT x',
    'name:lavrov',
    'searchSkeletons:x',
    'x~2',
    'la*',
    '[a TO z]',
    '+a -b',
    '/re/',
    'a\\b "c"',
    '(x OR y)^9',
    '{!x}',
  ];

  it('builds from folded words only: outside quotes, nothing but our own operators', () => {
    for (const hostile of HOSTILE) {
      const query = candidateQuery(hostile);
      if (query === null) continue;
      const outside = query.replace(/"(?:[^"\\]|\\.)*"/g, '');
      // Our operators: OR, a field name, a prefix *, fuzzy ~1/~2, and bare words of letters and digits.
      expect(
        outside.replace(/\bOR\b|searchSkeletons:|~[12]|\*|[\p{L}\p{N}]+|\s/gu, ''),
        hostile,
      ).toBe('');
    }
  });

  it('asks for each word, its Latin form, a prefix, typos and skeletons', () => {
    const query = candidateQuery('Лавров')!;
    expect(query).toContain('"лавров"');
    expect(query).toContain('"lavrov"');
    expect(query).toContain('lavrov*');
    expect(query).toContain('lavrov~1');
    expect(query).toContain('searchSkeletons:"lbrb"');
    expect(candidateQuery('&&')).toBeNull();
  });

  it('keeps a pasted paragraph within Lucene clause limits: no typos beyond name length', () => {
    const long = 'Israel would not stop until it completely eliminates Hamas in Gaza';
    expect(candidateQuery(long)).not.toMatch(/~|searchSkeletons/);
    expect(candidateQuery('Mohammad bin Abdulrahman')).toMatch(/mohammad~2/);
  });

  it('searches statements by their folded words', () => {
    expect(statementQuery('Russia’s role')).toBe('("russia" AND "role") OR "russia role"^4');
    expect(statementQuery('!!')).toBeNull();
  });

  it('finds demonyms', () => {
    expect(demonymIsos('the Russian foreign minister')).toEqual(['RUS']);
    expect(demonymIsos('Qatari PM')).toEqual(['QAT']);
    expect(demonymIsos('Russia')).toEqual([]);
  });
});
