import { AppError, type FieldProblem } from '../../errors.js';
import { NODE_TYPES } from '../../records/record-kinds.js';
import type { NodeType } from '../shared/rows.js';

/**
 * The rule for ids a client passes (see references.ts) without the lookups: what
 * each argument accepts, the references of an id list, and the NOT_FOUND error.
 * Light on purpose: export processes, with their own small heap, use it too
 * without loading search and the name matcher.
 */

/** What an argument accepts: a phrase for messages and the node types it can match. */
export interface Expected {
  what: string;
  types: readonly NodeType[];
}

const ACTOR_TYPES = ['Person', 'Organization', 'Country'] as const;

export const EXPECTED = {
  any: { what: 'object', types: NODE_TYPES as NodeType[] },
  actor: { what: 'actor (person, organisation or country)', types: ACTOR_TYPES },
  target: {
    what: 'statement target (actor, topic or meeting)',
    types: [...ACTOR_TYPES, 'Topic', 'Meeting'],
  },
  mentionable: {
    what: 'mentionable (actor, place or meeting)',
    types: [...ACTOR_TYPES, 'Place', 'Meeting'],
  },
  postHolder: { what: 'organisation or country', types: ['Organization', 'Country'] },
  topic: { what: 'topic', types: ['Topic'] },
  meeting: { what: 'meeting', types: ['Meeting'] },
  source: { what: 'source', types: ['Source'] },
} as const satisfies Record<string, Expected>;

/** One id the client gave, where it gave it, and what it must name. */
export interface Reference {
  path: string;
  id: string;
  expected: Expected;
}

export interface Suggestion {
  id: string;
  type: NodeType;
  label: string;
}

/** A NOT_FOUND problem: `path` and `message` as for every input problem, plus the id and a suggestion. */
export interface UnknownIdProblem extends FieldProblem {
  id: string;
  /** The closest entity of an accepted kind by name, or null when none is close. */
  suggestion: Suggestion | null;
}

/** The references of an id list, with paths `${path}[i]`. */
export function listReferences(
  path: string,
  ids: readonly string[] | null | undefined,
  expected: Expected,
): Reference[] {
  return (ids ?? []).map((id, i) => ({ path: `${path}[${i}]`, id, expected }));
}

/** The NOT_FOUND error for problems: every unknown id in one error, each with its path. */
export function unknownIdsError(problems: UnknownIdProblem[]): AppError {
  const list = problems.map((p) => `${p.path}: ${p.message}`).join('. ');
  const end = list.endsWith('?') ? '' : '.';
  return new AppError('NOT_FOUND', `Unknown id${problems.length > 1 ? 's' : ''}. ${list}${end}`, {
    problems,
  });
}
