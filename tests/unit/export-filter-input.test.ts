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
      { path: 'filter.from', message: '"2024-02-30": February 2024 has 29 days' },
    ]);
    expect(problemsOf(`filter=${encodeURIComponent('{"to":"2024-13"}')}`)).toEqual([
      { path: 'filter.to', message: '"2024-13": month 13 does not exist (months are 01 to 12)' },
    ]);
    // A number parameter that is not a number is named as given, not as NaN; and once.
    expect(problemsOf('minConfidence=abc')).toEqual([
      { path: 'filter.minConfidence', message: 'must be a number, not "abc"' },
    ]);
    expect(problemsOf('minConfidence=')).toEqual([
      { path: 'filter.minConfidence', message: 'must be a number, not ""' },
    ]);
  });

  it("says what a field must be in the import's words, list items as [0]", () => {
    expect(problemsOf('stances=SUPPORTIVE&stances=ANGRY')).toEqual([
      {
        path: 'filter.stances[1]',
        message: 'must be one of SUPPORTIVE, CRITICAL, NEUTRAL, MIXED, not "ANGRY"',
      },
    ]);
    expect(problemsOf('dateMatch=NEAR&includeRepresentatives=yes')).toEqual([
      { path: 'filter.includeRepresentatives', message: 'must be true or false, not "yes"' },
      { path: 'filter.dateMatch', message: 'must be one of WITHIN, OVERLAPS, not "NEAR"' },
    ]);
    const json = (filter: unknown) => `filter=${encodeURIComponent(JSON.stringify(filter))}`;
    expect(problemsOf(json({ speakerIds: ['person:a', 7.5], stances: [null], text: 5 }))).toEqual([
      { path: 'filter.speakerIds[1]', message: 'must be text, not 7.5' },
      {
        path: 'filter.stances[0]',
        message: 'must be one of SUPPORTIVE, CRITICAL, NEUTRAL, MIXED, not null',
      },
      { path: 'filter.text', message: 'must be text, not 5' },
    ]);
    expect(problemsOf(json({ minConfidence: [1], speakingAs: 'RUS' }))).toEqual([
      { path: 'filter.speakingAs', message: 'must be an object, not "RUS"' },
      { path: 'filter.minConfidence', message: 'must be a number, not a list' },
    ]);
    expect(
      problemsOf(json({ speakingAs: { titleContains: 'foreign', x: 1 }, nonsense: 1 })),
    ).toEqual([
      { path: 'filter.speakingAs.ofId', message: 'required' },
      { path: 'filter.speakingAs.x', message: 'unknown field' },
      { path: 'filter.nonsense', message: 'unknown field' },
    ]);
  });

  it('takes a good filter', () => {
    expect(
      statementFilterFromParams(new URLSearchParams('from=2024-02-29&minConfidence=0.5')),
    ).toMatchObject({ minConfidence: 0.5 });
  });
});
