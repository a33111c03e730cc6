import {
  coerceInputValue,
  getNamedType,
  isInputObjectType,
  isListType,
  getNullableType,
  type GraphQLInputObjectType,
} from 'graphql';
import { badInput, invalidInput, type FieldProblem } from '../errors.js';
import { coercionProblem } from '../input-coercion.js';
import { schema } from '../schema.js';
import { checkFilter } from '../modules/statements/statements.filter.js';
import type { StatementFilter as FilterInput } from '../generated/graphql.js';
import type { StatementFilter } from '../modules/statements/statements.repository.js';

const FILTER_TYPE = schema.getType('StatementFilter') as GraphQLInputObjectType;

/**
 * A StatementFilter from outside GraphQL (a download URL, the CLI), checked exactly
 * as the `statements` query checks its argument: coerced through the schema's own
 * input type (enums, Date, lists, unknown fields), then the API's limits. Every
 * problem is reported at once, with its path (`filter.stances[0]`, as the import's
 * `statements[3].speakers[0]`) and in the import's words; BAD_USER_INPUT.
 */
export function statementFilterFrom(raw: Record<string, unknown>): StatementFilter {
  const problems: FieldProblem[] = [];
  const coerced = coerceInputValue(raw, FILTER_TYPE, (path, value, error) =>
    problems.push(coercionProblem('filter', FILTER_TYPE, path, value, error.message)),
  ) as FilterInput | undefined;
  if (problems.length || !coerced)
    throw invalidInput(
      problems.length ? problems : [{ path: 'filter', message: 'must be an object' }],
    );
  return checkFilter(coerced);
}

/** The filter's fields that take a list (repeat the parameter) and those that take a number. */
function fieldShapes() {
  const lists = new Set<string>();
  const numbers = new Set<string>();
  const objects = new Set<string>();
  for (const [name, field] of Object.entries(FILTER_TYPE.getFields())) {
    const type = getNullableType(field.type);
    if (isListType(type)) lists.add(name);
    const named = getNamedType(field.type);
    if (named.name === 'Float' || named.name === 'Int') numbers.add(name);
    if (isInputObjectType(named)) objects.add(name);
  }
  return { lists, numbers, objects };
}

/**
 * A filter from URL query parameters named as the StatementFilter's fields: a list
 * field repeats (`speakerIds=a&speakerIds=b`), `filter` may carry the whole filter as
 * JSON (needed for nested fields such as `speakingAs`); parameters win over it.
 * `ignore` names parameters that are not part of the filter (`format`).
 */
export function statementFilterFromParams(
  params: URLSearchParams,
  ignore: readonly string[] = [],
): StatementFilter {
  const { lists, numbers, objects } = fieldShapes();
  let raw: Record<string, unknown> = {};
  const json = params.get('filter');
  if (json !== null) {
    try {
      raw = JSON.parse(json) as Record<string, unknown>;
    } catch {
      throw badInput('The filter parameter must be a JSON object (a StatementFilter).', [
        { path: 'filter', message: 'must be JSON' },
      ]);
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      throw badInput('The filter parameter must be a JSON object (a StatementFilter).', [
        { path: 'filter', message: 'must be a JSON object' },
      ]);
  }
  for (const name of new Set(params.keys())) {
    if (name === 'filter' || ignore.includes(name)) continue;
    const values = params.getAll(name);
    if (objects.has(name)) {
      throw badInput(`${name} is a nested filter: give it inside the filter parameter (JSON).`, [
        { path: `filter.${name}`, message: 'give it inside the filter parameter' },
      ]);
    }
    // A number parameter that is not a number stays text, so its refusal names what was given.
    const value = (v: string) =>
      numbers.has(name) && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
    raw[name] = lists.has(name) ? values.map(value) : value(values.at(-1)!);
  }
  return statementFilterFrom(raw);
}
