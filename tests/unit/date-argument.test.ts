import { Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateScalar } from '../../src/date-argument.js';

describe('Date arguments', () => {
  it.each([
    ['2024', 'YEAR', '2024-01-01', '2024-12-31'],
    ['2024-06', 'MONTH', '2024-06-01', '2024-06-30'],
    ['2024-02', 'MONTH', '2024-02-01', '2024-02-29'],
    ['2023-02', 'MONTH', '2023-02-01', '2023-02-28'],
    ['2024-06-10', 'DAY', '2024-06-10', '2024-06-10'],
  ])('take %s as its whole range', (text, precision, start, end) => {
    const expected = { text, precision, start, end };
    expect(DateScalar.parseValue(text)).toEqual(expected);
    expect(DateScalar.parseLiteral({ kind: Kind.STRING, value: text }, {})).toEqual(expected);
  });

  it.each([
    '2024-13',
    '2024-02-30',
    '2023-02-29',
    '0000',
    '0000-02',
    '24',
    '2024-6',
    '2024/06',
    'June 2024',
    '',
    20240610,
  ])('refuse %j, naming it', (value) => {
    expect(() => DateScalar.parseValue(value)).toThrow(JSON.stringify(value));
  });

  it('say why, as the calendar does', () => {
    expect(() => DateScalar.parseValue('2023-02-29')).toThrow('February 2023 has 28 days');
  });

  it('answer whole days', () => {
    expect(DateScalar.serialize('2024-06-10')).toBe('2024-06-10');
  });
});
