import { describe, expect, it } from 'vitest';
import { parsePartialDate } from '../../src/partial-date.js';

describe('parsePartialDate', () => {
  it('gives a MONTH date the whole month, leap years included', () => {
    expect(parsePartialDate('2024-06')).toEqual({
      text: '2024-06',
      precision: 'MONTH',
      start: '2024-06-01',
      end: '2024-06-30',
    });
    expect(parsePartialDate('2024-02')?.end).toBe('2024-02-29');
    expect(parsePartialDate('2023-02')?.end).toBe('2023-02-28');
  });

  it('gives a YEAR date the whole year and a DAY date itself', () => {
    expect(parsePartialDate('2024')).toMatchObject({
      precision: 'YEAR',
      start: '2024-01-01',
      end: '2024-12-31',
    });
    expect(parsePartialDate('2024-07-28')).toMatchObject({
      precision: 'DAY',
      start: '2024-07-28',
      end: '2024-07-28',
    });
  });

  it('rejects impossible and malformed dates', () => {
    for (const bad of [
      '2024-13',
      '2024-02-30',
      '2024-00',
      '24-06',
      '2024-6',
      '2024-06-01T00:00',
      '',
    ]) {
      expect(parsePartialDate(bad)).toBeNull();
    }
  });
});
