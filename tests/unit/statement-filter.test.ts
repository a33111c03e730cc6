import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { parsePartialDate } from '../../src/calendar.js';

const checkedDay = (day: string) => parsePartialDate(day)!;
import { checkFilter, narrow } from '../../src/modules/statements/statements.filter.js';
import {
  filterParams,
  matchStatements,
  type StatementFilter,
} from '../../src/modules/statements/statements.repository.js';

/** Pins how a statement filter becomes Cypher: fixed fragments joined, every value a parameter. */

describe('statement filter composition', () => {
  const filters: Record<string, StatementFilter> = {
    empty: {},
    speakers: { speakerIds: ['person:a'] },
    everything: {
      speakerIds: ['person:a'],
      aboutIds: ['country:ISR'],
      stances: ['CRITICAL'],
      mentionIds: ['place:gaza'],
      topicIds: ['topic:t'],
      meetingIds: ['meeting:m'],
      sourceIds: ['source:s'],
      kinds: ['DIRECT_QUOTE'],
      verification: ['VERIFIED'],
      minConfidence: 0.5,
      from: '2024-01-01',
      to: '2024-12-31',
      text: 'ceasefire',
      speakingAs: { ofId: 'country:RUS', titleContains: 'minister' },
    },
    overlaps: { from: '2024-07-01', to: '2024-07-31', dateMatch: 'OVERLAPS' },
    stancesOnly: { stances: ['SUPPORTIVE'] },
    representatives: { speakerIds: ['country:QAT'], includeRepresentatives: true },
  };

  it('joins fixed fragments in a fixed order', () => {
    expect(
      Object.fromEntries(
        Object.entries(filters).map(([name, f]) => [name, [matchStatements(f), filterParams(f)]]),
      ),
    ).toMatchSnapshot();
  });

  it('narrows to one id by intersecting with the client list', () => {
    expect(narrow({}, 'speakerIds', 'person:a')).toEqual({ speakerIds: ['person:a'] });
    expect(narrow({ speakerIds: ['person:b'] }, 'speakerIds', 'person:a')).toEqual({
      speakerIds: [],
    });
    expect(narrow({ topicIds: ['topic:x', 'topic:y'] }, 'topicIds', 'topic:y')).toEqual({
      topicIds: ['topic:y'],
    });
  });

  it('refuses every bad argument at once, each with its path', () => {
    try {
      checkFilter({
        speakerIds: Array.from({ length: 101 }, (_, i) => `person:${i}`),
        minConfidence: 2,
        from: checkedDay('2024-02-01'),
        to: checkedDay('2024-01-01'),
        text: '',
        speakingAs: { ofId: 'country:RUS', titleContains: 'x'.repeat(612) },
      });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).extensions.code).toBe('BAD_USER_INPUT');
      // What each field must be, and what was given (as the import says it).
      expect((error as AppError).extensions.problems).toEqual([
        { path: 'filter.speakerIds', message: 'must have at most 100 ids, not 101' },
        { path: 'filter.minConfidence', message: 'must be between 0 and 1, not 2' },
        { path: 'filter.to', message: 'must not be before from (2024-02-01)' },
        { path: 'filter.text', message: 'must not be empty' },
        {
          path: 'filter.speakingAs.titleContains',
          message: 'must be at most 500 characters long, not 612',
        },
      ]);
      expect((error as AppError).message).toMatch(
        /^filter\.speakerIds: must have at most 100 ids, not 101; filter\.minConfidence: must be between 0 and 1, not 2; .*; filter\.speakingAs\.titleContains: must be at most 500 characters long, not 612\.$/,
      );
    }
    expect(checkFilter(null)).toEqual({});
  });
});
