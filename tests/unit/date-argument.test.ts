import { graphql, GraphQLObjectType, GraphQLSchema, GraphQLString, Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateScalar } from '../../src/date-argument.js';

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: { day: { type: GraphQLString, args: { d: { type: DateScalar } } } },
  }),
});

/** The message of the first error graphql-js reports for a request. */
async function execute(source: string, variableValues?: Record<string, unknown>) {
  const result = await graphql({ schema, source, variableValues });
  return result.errors?.[0]?.message ?? '';
}

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
  ])('refuse %j, naming it once, as a variable and as a literal', async (value) => {
    const named = JSON.stringify(value);
    const asVariable = await execute('query ($d: Date) { day(d: $d) }', { d: value });
    expect(asVariable).toContain(`got invalid value ${named}; `);
    expect(asVariable.split(named)).toHaveLength(2);
    if (typeof value === 'string') {
      const asLiteral = await execute(`{ day(d: ${named}) }`);
      expect(asLiteral.startsWith(`${named}: `)).toBe(true);
      expect(asLiteral.split(named)).toHaveLength(2);
    }
  });

  it('say why, as the calendar does', async () => {
    expect(await execute('query ($d: Date) { day(d: $d) }', { d: '2023-02-29' })).toBe(
      'Variable "$d" got invalid value "2023-02-29"; February 2023 has 28 days.',
    );
    expect(await execute('{ day(d: "2024-02-30") }')).toBe(
      '"2024-02-30": February 2024 has 29 days.',
    );

    const literal = await graphql({ schema, source: '{ day(d: "2024-02-30") }' });
    expect(literal.errors?.[0]?.locations).toEqual([{ line: 1, column: 10 }]);
  });

  it('answer whole days', () => {
    expect(DateScalar.serialize('2024-06-10')).toBe('2024-06-10');
  });
});
