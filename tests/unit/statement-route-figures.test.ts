import { describe, expect, it } from 'vitest';
import {
  figureMatches,
  numberQuery,
  type FigureValue,
} from '../../src/modules/statements/statements.figures.js';
import { orderRoute } from '../../src/modules/statements/statements.repository.js';

describe('orderRoute', () => {
  const row = (source: string, upstream: string[], published: string | null = null) => ({
    source,
    role: 'READ',
    quoteType: 'DIRECT_QUOTE',
    published,
    upstream,
  });

  it('puts the origin first and the source read last, leaving out what the outlet cites for other statements', () => {
    const route = orderRoute([
      row('source:chronicle', ['source:tass', 'source:interview', 'source:resolution']),
      row('source:tass', []),
    ]);
    expect(route.map((s) => s.source)).toEqual(['source:tass', 'source:chronicle']);
  });

  it('orders a chain cited through a source the statement is not reported in', () => {
    const route = orderRoute([
      row('source:c', ['source:b', 'source:a']),
      row('source:a', []),
      row('source:b', ['source:a']),
    ]);
    expect(route.map((s) => s.source)).toEqual(['source:a', 'source:b', 'source:c']);
    // a cites x, which cites b; the statement is in a and b only.
    expect(orderRoute([row('a', ['x', 'b']), row('b', [])]).map((s) => s.source)).toEqual([
      'b',
      'a',
    ]);
  });

  it('orders independent sources by publication date, then id, and lists each once', () => {
    const route = orderRoute([
      row('source:z', [], '2024-07-01'),
      row('source:y', [], '2024-06-01'),
      row('source:x', [], '2024-07-01'),
      row('source:x', [], '2024-07-01'),
    ]);
    expect(route.map((s) => s.source)).toEqual(['source:y', 'source:x', 'source:z']);
  });
});

describe('figureMatches', () => {
  const killed: FigureValue = {
    value: 39324,
    unit: 'people killed',
    asOf: '2024-07-28',
    qualifier: 'EXACT',
    description: 'Palestinians killed in Gaza since 7 October 2023',
  };
  const context = {
    text: '39,324 Palestinians have been killed and 90,830 wounded in Gaza.',
    topics: ['Gaza war casualties', 'Gaza death toll'],
  };

  it('finds a number however it is written', () => {
    expect(numberQuery('39,324')).toBe('39324');
    expect(numberQuery('casualties')).toBeNull();
    for (const q of ['39324', '39,324', '39 324', ' 39.324 ']) {
      expect(figureMatches(killed, context, q), q).toBe(true);
    }
    expect(figureMatches(killed, context, '39325')).toBe(false);
    // The same digits elsewhere in its statement: the wounded figure's statement also says 39,324.
    expect(figureMatches({ ...killed, value: 90830 }, context, '39324')).toBe(true);
  });

  it("finds words in the unit, the description, the statement or its topics' titles", () => {
    expect(figureMatches(killed, context, 'casualties')).toBe(true);
    expect(figureMatches(killed, context, 'Killed Gaza')).toBe(true);
    expect(figureMatches(killed, context, 'death toll')).toBe(true);
    expect(figureMatches(killed, context, 'displaced')).toBe(false);
    expect(figureMatches(killed, { text: '', topics: [] }, 'casualties')).toBe(false);
    expect(figureMatches(killed, context, '')).toBe(true);
  });
});
