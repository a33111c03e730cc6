import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { statementFilterFromParams } from '../../src/export/filter-input.js';

/** A download URL's filter: each refusal names the value given once, with its path. */

function problemsOf(query: string) {
  try {
    statementFilterFromParams(new URLSearchParams(query));
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).extensions.problems;
  }
  throw new Error(`${query} was accepted`);
}

describe('a download filter from URL parameters', () => {
  it('names the value a refusal is about', () => {
    expect(problemsOf('from=2024-02-30')).toEqual([
      { path: 'filter.from', message: '"2024-02-30": February 2024 has 29 days.' },
    ]);
    expect(problemsOf(`filter=${encodeURIComponent('{"to":"2024-13"}')}`)).toEqual([
      { path: 'filter.to', message: '"2024-13": month 13 does not exist (months are 01 to 12).' },
    ]);
    // A number parameter that is not a number is named as given, not as NaN; and once.
    expect(problemsOf('minConfidence=abc')).toEqual([
      {
        path: 'filter.minConfidence',
        message: 'Float cannot represent non numeric value: "abc"',
      },
    ]);
    expect(problemsOf('stances=ANGRY')).toEqual([
      {
        path: 'filter.stances.0',
        message: 'Value "ANGRY" does not exist in "Stance" enum.',
      },
    ]);
  });

  it('takes a good filter', () => {
    expect(
      statementFilterFromParams(new URLSearchParams('from=2024-02-29&minConfidence=0.5')),
    ).toMatchObject({ minConfidence: 0.5 });
  });
});
