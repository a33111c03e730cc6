import { badInput, type FieldProblem } from '../../errors.js';
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

/** Checks a client's filter; every problem is reported at once, with its path. */
export function checkFilter(
  filter: StatementFilter | null | undefined,
  path = 'filter',
): StatementFilter {
  const f = filter ?? {};
  const problems: FieldProblem[] = [];
  for (const key of ID_LISTS) {
    const ids = f[key];
    if (ids && ids.length > MAX_IDS)
      problems.push({ path: `${path}.${key}`, message: `at most ${MAX_IDS} ids` });
  }
  if (f.minConfidence != null && !(f.minConfidence >= 0 && f.minConfidence <= 1)) {
    problems.push({ path: `${path}.minConfidence`, message: 'must be between 0 and 1' });
  }
  if (f.from && f.to && f.from > f.to) {
    problems.push({ path: `${path}.to`, message: `must not be before from (${f.from})` });
  }
  if (f.text != null && (f.text.length === 0 || f.text.length > MAX_TEXT)) {
    problems.push({ path: `${path}.text`, message: `must be 1 to ${MAX_TEXT} characters` });
  }
  const title = f.speakingAs?.titleContains;
  if (title != null && (title.length === 0 || title.length > MAX_TEXT)) {
    problems.push({
      path: `${path}.speakingAs.titleContains`,
      message: `must be 1 to ${MAX_TEXT} characters`,
    });
  }
  if (problems.length)
    throw badInput(
      `Invalid statement filter: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`,
      problems,
    );
  return f;
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
