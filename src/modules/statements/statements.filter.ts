import { invalidInput, type FieldProblem } from '../../errors.js';
import { tooLong } from '../shared/arguments.js';
import {
  EXPECTED,
  listReferences,
  type Expected,
  type Reference,
} from '../references/references.rules.js';
import type { StatementFilter as FilterInput } from '../../generated/graphql.js';
import type { StatementFilter } from './statements.repository.js';

const MAX_IDS = 100;
const MAX_TEXT = 500;
const ID_LISTS = [
  'speakerIds',
  'aboutIds',
  'mentionIds',
  'topicIds',
  'meetingIds',
  'sourceIds',
] as const;

/**
 * Checks a client's filter; every problem is reported at once, with its path.
 * Its dates become days: the first day `from` covers and the last day `to`
 * covers, so `from: "2024-06", to: "2024-06"` is all of June.
 */
export function checkFilter(
  input: FilterInput | null | undefined,
  path = 'filter',
  speakerGiven = false,
): StatementFilter {
  const { from, to, ...rest } = input ?? {};
  const f: StatementFilter = {
    ...rest,
    ...(from ? { from: from.start } : {}),
    ...(to ? { to: to.end } : {}),
  };
  const problems: FieldProblem[] = [];
  for (const key of ID_LISTS) {
    const ids = f[key];
    if (ids && ids.length > MAX_IDS)
      problems.push({
        path: `${path}.${key}`,
        message: `must have at most ${MAX_IDS} ids, not ${ids.length}`,
      });
  }
  // `speakerGiven`: the list is narrowed to one speaker afterwards (an actor's own statements).
  if (f.includeRepresentatives && !f.speakerIds && !speakerGiven) {
    problems.push({
      path: `${path}.includeRepresentatives`,
      message: 'needs speakerIds: whose representatives to include',
    });
  }
  if (f.minConfidence != null && !(f.minConfidence >= 0 && f.minConfidence <= 1)) {
    problems.push({
      path: `${path}.minConfidence`,
      message: `must be between 0 and 1, not ${f.minConfidence}`,
    });
  }
  if (from && to && from.start > to.end) {
    problems.push({ path: `${path}.to`, message: `must not be before from (${from.text})` });
  }
  const textProblem = (text: string | null | undefined) =>
    text == null
      ? null
      : text.length === 0
        ? 'must not be empty'
        : text.length > MAX_TEXT
          ? tooLong(MAX_TEXT, text.length)
          : null;
  const text = textProblem(f.text);
  if (text) problems.push({ path: `${path}.text`, message: text });
  const title = textProblem(f.speakingAs?.titleContains);
  if (title) problems.push({ path: `${path}.speakingAs.titleContains`, message: title });
  if (problems.length) throw invalidInput(problems);
  return f;
}

/** What each id list of the filter can match: an id of another kind could never match, so it is refused too. */
const EXPECTED_IN: Record<(typeof ID_LISTS)[number], Expected> = {
  speakerIds: EXPECTED.actor,
  aboutIds: EXPECTED.target,
  mentionIds: EXPECTED.mentionable,
  topicIds: EXPECTED.topic,
  meetingIds: EXPECTED.meeting,
  sourceIds: EXPECTED.source,
};

/** Every id the filter names, with its path (`filter.aboutIds[0]`, `filter.speakingAs.ofId`). */
export function filterReferences(filter: StatementFilter, path = 'filter'): Reference[] {
  const refs = ID_LISTS.flatMap((key) =>
    listReferences(`${path}.${key}`, filter[key], EXPECTED_IN[key]),
  );
  if (filter.speakingAs) {
    refs.push({
      path: `${path}.speakingAs.ofId`,
      id: filter.speakingAs.ofId,
      expected: EXPECTED.postHolder,
    });
  }
  return refs;
}

/** Narrows a filter to one id in a list (an actor's statements): the client's list, intersected. */
export function narrow(
  filter: StatementFilter,
  key: (typeof ID_LISTS)[number],
  id: string,
): StatementFilter {
  const given = filter[key];
  return { ...filter, [key]: given ? given.filter((x) => x === id) : [id] };
}
