import {
  coerceInputValue,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from 'graphql';
import type { FieldProblem } from './errors.js';
import { given, KINDS, ledByValue } from './records/issue-messages.js';

/**
 * graphql-js's refusals of an input value (a variable, a filter from a URL) as this project's
 * other problems say them: a path in the import's style (`input.sources[0].role`,
 * `filter.stances[0]`) and what the field must be and was given, never the whole value.
 */

/** What a value of a built-in scalar must be, said as the import says it. */
const SCALAR_KINDS: Record<string, string | undefined> = {
  Float: KINDS.number,
  Int: KINDS.int,
  Boolean: KINDS.boolean,
  String: KINDS.string,
  ID: KINDS.string,
};

const pathText = (root: string, path: ReadonlyArray<string | number>) =>
  path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${key}`),
    root,
  );

/** The input type at a coercion path below `type`; a list's item type at an index. */
function typeAt(type: GraphQLInputType, path: ReadonlyArray<string | number>): GraphQLInputType {
  let at = type;
  for (const key of path) {
    const nullable: GraphQLInputType = getNullableType(at);
    if (typeof key === 'number' && isListType(nullable)) at = nullable.ofType;
    else if (typeof key === 'string' && isInputObjectType(nullable))
      at = nullable.getFields()[key]!.type;
  }
  return at;
}

/**
 * One refusal of graphql-js's coercion in the import's words: what the field must be and
 * what was given (`must be one of SUPPORTIVE, …, not "ANGRY"`), `required`, `unknown field`.
 * A scalar of the project's own (Date) keeps its message, which names the value given.
 * `root` names the value (`filter`, `input`), `type` is its type.
 */
export function coercionProblem(
  root: string,
  type: GraphQLInputType,
  path: ReadonlyArray<string | number>,
  value: unknown,
  message: string,
): FieldProblem {
  const field = /^Field "([^"]+)" (of required type|is not defined by type) /.exec(message);
  if (field)
    return {
      path: `${pathText(root, path)}.${field[1]}`,
      message: field[2] === 'is not defined by type' ? 'unknown field' : 'required',
    };
  // A list field given one value takes it as its one item: the item's kind is what it must be.
  const named = getNamedType(typeAt(type, path));
  const kind = isEnumType(named)
    ? `one of ${named
        .getValues()
        .map((v) => v.name)
        .join(', ')}`
    : isInputObjectType(named)
      ? 'an object'
      : SCALAR_KINDS[named.name];
  if (kind) return { path: pathText(root, path), message: `must be ${kind}, not ${given(value)}` };
  // Without the sentence's full stop, as every problem's message (`"2024-02-30": February 2024 has 29 days`).
  const own = message.replace(/\.$/, '');
  return {
    path: pathText(root, path),
    message: typeof value !== 'object' ? ledByValue(own, value) : own,
  };
}

/** A problem of one variable, with the variable's name (graphql-js's error for it starts `Variable "$name"`). */
export interface VariableProblem {
  variable: string;
  problem: FieldProblem;
}

/**
 * The problems of an operation's variables, one for each error graphql-js's
 * getVariableValues reports and in its order: its own checks, step for step, with
 * coerceInputValue's structured paths, which its messages only print. A variable's
 * path starts with its name (`input.kind` for `$input`).
 */
export function variableProblems(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
  values: Readonly<Record<string, unknown>>,
): VariableProblem[] {
  const problems: VariableProblem[] = [];
  for (const definition of definitions) {
    const variable = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    const add = (problem: FieldProblem) => problems.push({ variable, problem });
    if (!isInputType(type)) {
      add({ path: variable, message: 'must be of an input type' });
      continue;
    }
    if (!Object.hasOwn(values, variable)) {
      if (!definition.defaultValue && isNonNullType(type))
        add({ path: variable, message: 'required' });
      continue;
    }
    const value = values[variable];
    if (value === null && isNonNullType(type)) {
      add(coercionProblem(variable, type, [], value, 'must not be null'));
      continue;
    }
    coerceInputValue(value, type, (path, invalid, error) =>
      add(coercionProblem(variable, type, path, invalid, error.message)),
    );
  }
  return problems;
}
